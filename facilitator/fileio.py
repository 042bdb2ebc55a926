"""Private files on disk: the one atomic write, private folders, and OS errors in plain words.

Sessions, minutes, exports and caches hold personal data about a harassment dialogue, so
everything the program writes goes through here: files 0600 and folders 0700 on POSIX (applied
on every write, so a file someone made 0644 becomes private again), the platform's defaults
elsewhere (on Windows a file's ACL comes from its folder: see the README).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path

__all__ = [
    "FOLDER_MODE",
    "PRIVATE_MODE",
    "StoreError",
    "atomic_write",
    "clean_stale_temp_files",
    "fsync_folder",
    "make_private_dir",
    "one_line",
    "reason",
    "write_private",
]

PRIVATE_MODE = 0o600
FOLDER_MODE = 0o700
# Where the platform has POSIX modes; on Windows os.chmod only toggles the read-only flag.
POSIX_MODES = os.name == "posix"

# mkstemp names: "." + target name + "." + random letters + ".tmp"; only these are cleaned up.
_TEMP_NAME = re.compile(r"^\..+\.[a-z0-9_]+\.tmp$")


class StoreError(Exception):
    """A file could not be read or written; one line per problem, each naming the file.

    `problems` holds the lines; a list of many files shows the first and how many more.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = problems or message.splitlines() or [message]
        super().__init__("\n".join(self.problems))

    def summary(self) -> str:
        """The first problem, and how many more there are: one line for a list of files."""
        more = len(self.problems) - 1
        return self.problems[0] + (f" (and {more} more problems)" if more else "")


def atomic_write(path: Path, data: bytes, *, sync_folder: bool = True) -> None:
    """Replace `path` with `data` all at once (temp file, fsync, rename), mode 0600.

    Readers see the old file or the new, never half. The temp file lives in the same folder,
    because a rename is only atomic within one file system. Raises OSError.
    """
    path = Path(path)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        try:
            if POSIX_MODES:
                # mkstemp makes 0600 already; set again in case a platform or umask differs.
                os.fchmod(fd, PRIVATE_MODE)
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)  # NFS reports a failed write only here, hence inside the try
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if sync_folder:
        with contextlib.suppress(OSError):
            fsync_folder(path.parent)


def write_private(path: Path, text: str) -> None:
    """Write UTF-8 text atomically as a private file; StoreError naming the file on failure."""
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as error:
        raise StoreError(f"{path}: could not write: {reason(error)}; nothing was changed") from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fsync_folder(folder: Path) -> None:
    """Make renames in a folder durable, where folders can be opened (not on Windows)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private_dir(folder: Path) -> None:
    """Create a folder and any missing parents private (0700); StoreError if that fails.

    A folder that exists keeps its mode: someone may have shared it on purpose.
    """
    folder = Path(folder)
    missing: list[Path] = []
    current = folder
    while not os.path.lexists(current):
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        try:
            os.mkdir(path, FOLDER_MODE)
        except FileExistsError:
            continue  # another facilitator made it meanwhile: fine
        except OSError as error:
            raise StoreError(f"{path}: cannot create the folder: {reason(error)}") from error
        if POSIX_MODES:
            os.chmod(
                path, FOLDER_MODE
            )  # a loose umask must not widen it, a strict one not lock us out
    if not folder.is_dir():
        raise StoreError(f"{folder}: is not a folder")


def clean_stale_temp_files(folder: Path, min_age: float = 60.0) -> int:
    """Delete temp files a crashed write left behind (older than `min_age` s); returns how many.

    Younger ones may belong to a save running right now in another facilitator.
    """
    removed = 0
    cutoff = time.time() - min_age
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not _TEMP_NAME.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or info.st_mtime > cutoff:
                continue
            os.unlink(entry.path)
        except OSError:
            continue  # gone already, or not ours to delete: either way nothing to do
        removed += 1
    return removed


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "the folder does not exist",
    errno.EISDIR: "it is a folder",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EIO: "input/output error (is the drive still there?)",
}


def reason(error: OSError) -> str:
    """An OSError in plain words, without repeating the file name."""
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    return one_line(error.strerror or error)


def one_line(value: object) -> str:
    """Any message folded onto one line (values quoted from files may hold line breaks)."""
    return " ".join(str(value).split()) or type(value).__name__
