"""The session lock: an operating-system lock on `<session>.lock`, held for the whole meeting.

The OS releases it when the program ends in any way (quit, crash, kill -9, power cut), so a
lock never outlives its holder and nothing has to guess whether a process still runs. The
file's text only says who holds it, for the message ("open on LAPTOP-12 by Mia since 14.05").
POSIX uses `flock` (per open file, so a second lock in the same process is refused too, and
Linux maps it onto NFS locks); Windows uses `msvcrt.locking` on one byte past the text, so
the text stays readable while the lock is held.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from facilitator.fileio import StoreError, reason

__all__ = ["LockHolder", "SessionLock", "SessionLockedError", "lock_path"]

_FRESH_SECONDS = 2.0  # a holder may still be writing its name into a lock this young
_WINDOWS_LOCK_OFFSET = 1 << 20  # beyond any holder text: locked bytes cannot be read on Windows


class SessionLockedError(StoreError):
    """Another running facilitator has the session open."""


@dataclass(frozen=True)
class LockHolder:
    """Who holds a session lock, as its lock file says."""

    host: str
    user: str = ""
    since: datetime | None = None
    pid: int | None = None

    def describe(self) -> str:
        """`on LAPTOP-12 by Mia since 14.05` (the date too when it is not today)."""
        text = f"on {self.host or '?'}"
        if self.user:
            text += f" by {self.user}"
        if self.since is not None:
            local = self.since.astimezone()
            shown = local.strftime("%H.%M")
            if local.date() != datetime.now().astimezone().date():
                shown = local.strftime("%Y-%m-%d %H.%M")
            text += f" since {shown}"
        if self.pid is not None:
            text += f" (process {self.pid})"
        return text


def lock_path(path: Path) -> Path:
    """The lock file of a session file: `<name>.toml.lock` beside it."""
    return path.with_name(path.name + ".lock")


# Locks this process holds, by file identity: refused a second time even where the OS lock is
# per process (POSIX record locks on some network file systems).
_HELD: set[tuple[int, int]] = set()


class SessionLock:
    """Keeps two facilitators from writing one session; `acquire` or use it as a context."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.lock_path = lock_path(self.path)
        self._fd: int | None = None
        self._key: tuple[int, int] | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None

    def holder(self) -> LockHolder | None:
        """Who the lock file names (None if no file, or it names nobody readable)."""
        try:
            raw = self.lock_path.read_bytes()
        except OSError:
            return None
        return parse_holder(raw)

    def acquire(self) -> SessionLock:
        """Take the lock, or raise SessionLockedError naming who has the session open."""
        if self._fd is not None:
            return self
        for _ in range(5):  # each retry follows a lock file removed under us by its holder
            fd = self._open()
            try:
                key = _identity(os.fstat(fd))
                if key in _HELD or not _try_lock(fd):
                    raise self._refusal()
                if not self._still_linked(key):
                    os.close(fd)  # released and deleted while we opened it: take the new file
                    continue
                _write_holder(fd)
            except OSError as error:
                os.close(fd)
                raise StoreError(f"{self.lock_path}: cannot lock: {reason(error)}") from error
            except BaseException:
                os.close(fd)
                raise
            self._fd, self._key = fd, key
            _HELD.add(key)
            return self
        raise SessionLockedError(f"{self.path}: cannot lock: other facilitators keep taking it")

    def release(self) -> None:
        """Delete the lock file and let the OS lock go."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if self._key is not None:
            _HELD.discard(self._key)
        # Deleted while still locked: whoever opens the path next makes a new file. On Windows
        # an open file cannot be deleted; the lock file then stays, unlocked and harmless.
        if self._still_linked(self._key):
            with contextlib.suppress(OSError):
                os.unlink(self.lock_path)
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)

    def __enter__(self) -> SessionLock:
        return self.acquire()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()

    def _open(self) -> int:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            return os.open(self.lock_path, flags | getattr(os, "O_CLOEXEC", 0), 0o600)
        except IsADirectoryError:
            raise StoreError(
                f"{self.lock_path}: is a folder, not a facilitator lock; move it out of the "
                "way, then open the session again"
            ) from None
        except OSError as error:
            raise StoreError(f"{self.lock_path}: cannot lock: {reason(error)}") from error

    def _still_linked(self, key: tuple[int, int] | None) -> bool:
        try:
            return _identity(os.stat(self.lock_path, follow_symlinks=False)) == key
        except OSError:
            return False

    def _refusal(self) -> SessionLockedError:
        holder = self.holder()
        if holder is None:
            if time.time() - _mtime(self.lock_path) < _FRESH_SECONDS:
                return SessionLockedError(
                    f"{self.path}: is being opened by another facilitator right now; "
                    "try again in a moment"
                )
            return SessionLockedError(
                f"{self.path}: is open in another facilitator; close it there first"
            )
        return SessionLockedError(
            f"{self.path}: is open in another facilitator {holder.describe()}; close it there first"
        )


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _write_holder(fd: int) -> None:
    record: dict[str, Any] = {
        "program": "facilitator",
        "host": socket.gethostname() or "localhost",
        "user": _username(),
        "since": datetime.now().astimezone().replace(microsecond=0).isoformat(),
        "pid": os.getpid(),
        "token": os.urandom(8).hex(),
    }
    data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def parse_holder(raw: bytes) -> LockHolder | None:
    """The holder a lock file names; None for an empty or unreadable one."""
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(record, Mapping) or not isinstance(record.get("host"), str):
        return None
    since = None
    with contextlib.suppress(TypeError, ValueError):
        since = datetime.fromisoformat(record.get("since", ""))
    pid = record.get("pid")
    return LockHolder(
        host=record["host"],
        user=str(record.get("user", "")),
        since=since,
        pid=pid if isinstance(pid, int) and not isinstance(pid, bool) else None,
    )


def _username() -> str:
    for name in ("USER", "LOGNAME", "USERNAME"):
        if value := os.environ.get(name):
            return value
    return ""


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


if sys.platform == "win32":  # pragma: no cover - exercised on Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
