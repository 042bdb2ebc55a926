"""Session files on disk: atomic saves, checked loads, locks, file names and listings."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import socket
import stat
import tempfile
import time
import tomllib
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import tomli_w

from facilitator.codec import (
    LINE_CHARS,
    YEARS,
    NewerSchemaError,
    SessionFormatError,
    is_newer_schema,
    session_from_data,
    session_to_data,
)
from facilitator.safe_toml import (
    UnreadableError,
    decode_text,
    load_toml_file,
    parse_toml,
    read_limited,
)
from facilitator.sanitize import one_line
from facilitator.session import SESSION_SCHEMA, Session
from facilitator.toml_positions import KeyLines

__all__ = [
    "LockHolder",
    "NewerSessionError",
    "SessionInfo",
    "SessionLock",
    "SessionLockedError",
    "StoreError",
    "clean_stale_temp_files",
    "find_session_files",
    "list_sessions",
    "load_session",
    "new_session_path",
    "newest_unfinished",
    "save_session",
    "session_info",
    "slugify",
]


class StoreError(Exception):
    """A session file could not be read or written; one line per problem, each naming the file.

    `problems` holds the lines; a list of many files shows the first and how many more.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = problems or message.splitlines() or [message]
        super().__init__("\n".join(self.problems))

    def summary(self) -> str:
        """The first problem, and how many more there are: one line for a list of files."""
        more = len(self.problems) - 1
        return self.problems[0] + (f" (and {more} more problems)" if more else "")


class NewerSessionError(StoreError):
    """The file was written by a newer facilitator: it is refused and never overwritten."""


class SessionLockedError(StoreError):
    """Another running facilitator has the session open."""


# -- file names ---------------------------------------------------------------------------

# TOML exports of a session sit beside it (`<stem>.export.toml`): copies, not meetings.
EXPORT_SUFFIX = ".export.toml"

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG_MAX = 60  # keeps `<date>-<committee>-<agenda>-<n>.toml.lock` well under 255 bytes


def slugify(text: str) -> str:
    """Kebab-case ASCII for a file name: æ, ø, å spelt out, other accents stripped."""
    # NFC first, so a decomposed "å" (a + ring) is translated rather than stripped to "a".
    text = unicodedata.normalize("NFC", text).translate(_DANISH)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > _SLUG_MAX:
        slug = slug[:_SLUG_MAX].rsplit("-", 1)[0] if "-" in slug[:_SLUG_MAX] else slug[:_SLUG_MAX]
    return slug or "udvalg"


def new_session_path(sessions_dir: Path, session: Session) -> Path:
    """A free `<date>-<committee>-<agenda>.toml` in the folder (created 0700), `-2`... if taken."""
    sessions_dir = Path(sessions_dir)
    _make_private_dir(sessions_dir)
    agenda_id = slugify(session.agenda.id) if session.agenda.id else "dagsorden"
    stem = f"{session.date.isoformat()}-{slugify(session.committee)}-{agenda_id}"
    number = 1
    while True:
        name = stem if number == 1 else f"{stem}-{number}"
        candidate = sessions_dir / f"{name}.toml"
        # A name is taken by its minutes or a lock too: either may outlive a deleted session.
        taken = (candidate, candidate.with_suffix(".md"), _lock_path(candidate))
        if not any(os.path.lexists(p) for p in taken):
            return candidate
        number += 1


def _make_private_dir(folder: Path) -> None:
    """Create a folder and any missing parents with mode 0700 (sessions hold personal data)."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue  # another facilitator made it meanwhile: fine
        except OSError as error:
            raise StoreError(f"{path}: cannot create the folder: {_reason(error)}") from error
        os.chmod(path, 0o700)  # a loose umask must not widen it, a strict one not lock us out
    if not folder.is_dir():
        raise StoreError(f"{folder}: is not a folder")


# -- saving -------------------------------------------------------------------------------

# mkstemp names: "." + target name + "." + random letters + ".tmp"; only these are cleaned up.
_TEMP_NAME = re.compile(r"^\..+\.(?:toml|md)\.[a-z0-9_]+\.tmp$")
_SCHEMA_LINE = re.compile(rb"^\s*[\"']?schema[\"']?\s*=\s*(\d{1,9})\b", re.MULTILINE)
# What this process last wrote to each session path: (mtime_ns, size, inode).
_WRITTEN: dict[str, tuple[int, int, int]] = {}


def save_session(session: Session, path: Path) -> None:
    """Write the session atomically (temp file, fsync, rename), then its Markdown minutes."""
    path = Path(path)
    # Everything that can fail on the data itself happens before the disk is touched.
    try:
        payload = tomli_w.dumps(session_to_data(session)).encode("utf-8")
    except (TypeError, ValueError) as error:  # UnicodeEncodeError is a ValueError
        raise StoreError(
            f"{path}: cannot be saved ({_one_line(error)}); nothing was written"
        ) from error
    minutes: bytes | None = None
    minutes_error: Exception | None = None
    try:
        # Imported here: starting a meeting should not wait for the minutes machinery.
        from facilitator.minutes import render_markdown

        minutes = render_markdown(session).encode("utf-8")
    except Exception as error:  # a bug in the minutes must not cost the session: saved first
        minutes_error = error

    existing_mode = _check_overwritable(path)
    md_path = path.with_suffix(".md")
    try:
        _atomic_write(path, payload, existing_mode)
    except OSError as error:
        was = "the previous version is unchanged" if existing_mode is not None else "nothing saved"
        raise StoreError(f"{path}: could not save: {_reason(error)}; {was}") from error
    with contextlib.suppress(OSError):
        _WRITTEN[str(path)] = _identity(os.stat(path))
    try:
        if minutes is not None:
            _atomic_write(md_path, minutes, _mode_of(md_path))
    except OSError as error:
        raise StoreError(
            f"{md_path}: could not write the minutes: {_reason(error)}; "
            f"the session itself was saved in {path.name}"
        ) from error
    finally:
        # One directory fsync makes both renames durable.
        with contextlib.suppress(OSError):
            _fsync_dir(path.parent)
    if minutes_error is not None:
        raise StoreError(
            f"{md_path}: could not render the minutes ({_one_line(minutes_error)}); "
            f"the session itself was saved in {path.name}"
        ) from minutes_error


def _check_overwritable(path: Path) -> int | None:
    """The mode of the file being replaced (None if new); refuse to overwrite a newer schema.

    The parsed document decides (a quoted `"schema" = 99` is schema 99 too). The parse is
    skipped when the file is still exactly the one this process wrote last.
    """
    try:
        info = os.stat(path)
    except OSError:
        return None
    mode = stat.S_IMODE(info.st_mode)
    if _WRITTEN.get(str(path)) == _identity(info):
        return mode
    data = _schema_of(path)
    if is_newer_schema(data):
        raise NewerSessionError(
            f"{path}: written by a newer facilitator (session schema {data['schema']}); "
            "it was not overwritten"
        )
    return mode


def _schema_of(path: Path) -> dict[str, Any]:
    """The parsed file, or for a file this program cannot parse, the schema it seems to claim.

    A newer facilitator may write TOML this one does not read; its `schema` line still shows.
    """
    try:
        return parse_toml(decode_text(read_limited(path), str(path)), str(path))
    except UnreadableError:
        pass
    try:
        with open(path, "rb") as handle:
            match = _SCHEMA_LINE.search(handle.read(65536))
    except OSError:
        return {}
    return {"schema": int(match.group(1))} if match else {}


def _identity(info: os.stat_result) -> tuple[int, int, int]:
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def _mode_of(path: Path) -> int | None:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None


def _atomic_write(path: Path, data: bytes, mode: int | None) -> None:
    """Replace `path` with `data` all at once: readers see the old file or the new, never half.

    The temp file lives in the same folder (a rename is only atomic within one file system)
    and is created 0600 by mkstemp; a file being replaced keeps the mode it had.
    """
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        try:
            if mode is not None and mode != 0o600:
                os.fchmod(fd, mode)
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)  # NFS reports a failed write only here, hence inside the try
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync_dir(folder: Path) -> None:
    """Make renames in a folder durable; a no-op where directories cannot be opened (Windows)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


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


def _reason(error: OSError) -> str:
    """An OSError in plain words, without repeating the file name."""
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    return _one_line(error.strerror or error)


def _one_line(value: object) -> str:
    return " ".join(str(value).split()) or type(value).__name__


def clean_stale_temp_files(sessions_dir: Path, min_age: float = 60.0) -> int:
    """Delete temp files a crashed save left behind (older than `min_age` s); returns how many.

    Younger ones may belong to a save running right now in another facilitator.
    """
    removed = 0
    cutoff = time.time() - min_age
    try:
        entries = list(os.scandir(sessions_dir))
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


# -- loading ------------------------------------------------------------------------------


def load_session(path: Path) -> Session:
    """Read a session file; every problem is a StoreError, one line each. Never writes.

    The one loading boundary for sessions: the file must be a regular file under the size
    cap, valid UTF-8 TOML, and every field of the right type and range (see codec.py).
    """
    path = Path(path)
    shown = str(path)
    try:
        text, data = load_toml_file(path, shown)
    except UnreadableError as error:
        raise StoreError(str(error)) from None
    try:
        return session_from_data(data, shown, KeyLines.scan(text, data))
    except NewerSchemaError as error:
        raise NewerSessionError(str(error), error.problems) from None
    except SessionFormatError as error:
        raise StoreError(str(error), error.problems) from None


# -- locks --------------------------------------------------------------------------------

_HELD_TOKENS: set[str] = set()  # locks this process holds: tells our own lock from a stale one
_FRESH_SECONDS = 5.0
_LOCK_BYTES = (
    64 * 1024
)  # a lock is one line of JSON  # an unreadable lock this young may be one being written right now


@dataclass(frozen=True)
class LockHolder:
    """Who holds a session lock, as its lock file says."""

    pid: int
    host: str
    since: datetime | None = None
    user: str = ""
    token: str = ""
    boot_id: str = ""
    start_ticks: int | None = None

    def describe(self) -> str:
        """`pid 1234 on host x, since 14:05` for messages."""
        text = f"pid {self.pid} on host {self.host}"
        if self.user:
            text += f", user {self.user}"
        if self.since is not None:
            local = self.since.astimezone()
            shown = local.strftime("%H:%M")
            if local.date() != datetime.now().astimezone().date():
                shown = local.strftime("%Y-%m-%d %H:%M")
            text += f", since {shown}"
        return text


def _lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class SessionLock:
    """Keeps two facilitators from writing one session: `<session>.lock`, made with O_EXCL.

    A lock left by a process that is gone (same host) is taken over; a live one, or one from
    another host (whose processes cannot be checked), is refused naming its holder.
    """

    def __init__(self, path: Path, *, pid: int | None = None, host: str | None = None) -> None:
        self.path = Path(path)
        self.lock_path = _lock_path(self.path)
        self.pid = os.getpid() if pid is None else pid
        self.host = host or _hostname()
        self.token = secrets.token_hex(8)
        self._held = False

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._held

    def holder(self) -> LockHolder | None:
        """Who holds the lock now (None if nobody, or the file is unreadable)."""
        return _read_lock(self.lock_path)[0]

    def acquire(self) -> SessionLock:
        """Take the lock, or raise SessionLockedError naming who has the session open."""
        if self._held:
            return self
        content = self._content()
        for _ in range(5):  # each retry follows a stale lock removed; more means a fight
            try:
                fd = os.open(self.lock_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                self._clear_stale()
                continue
            except OSError as error:
                raise StoreError(f"{self.lock_path}: cannot lock: {_reason(error)}") from error
            try:
                _write_all(fd, content)
            except OSError as error:
                os.close(fd)
                with contextlib.suppress(OSError):
                    os.unlink(self.lock_path)
                raise StoreError(f"{self.lock_path}: cannot lock: {_reason(error)}") from error
            os.close(fd)
            self._held = True
            _HELD_TOKENS.add(self.token)
            return self
        raise SessionLockedError(f"{self.path}: cannot lock: other facilitators keep taking it")

    def release(self) -> None:
        """Remove the lock file if it is still ours (it may have been taken over)."""
        if not self._held:
            return
        self._held = False
        _HELD_TOKENS.discard(self.token)
        holder, _ = _read_lock(self.lock_path)
        if holder is not None and holder.token == self.token:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.lock_path)

    def __enter__(self) -> SessionLock:
        return self.acquire()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()

    def _content(self) -> bytes:
        record: dict[str, Any] = {
            "program": "facilitator",
            "pid": self.pid,
            "host": self.host,
            "user": _username(),
            "since": datetime.now().astimezone().replace(microsecond=0).isoformat(),
            "token": self.token,
        }
        # Boot id and process start time tell a reused pid (after a reboot, or a crash long
        # ago) from the real holder; where /proc is missing, the pid alone decides.
        if boot_id := _boot_id():
            record["boot_id"] = boot_id
        if (ticks := _start_ticks(self.pid)) is not None:
            record["start_ticks"] = ticks
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")

    def _clear_stale(self) -> None:
        """Remove the existing lock if its holder is gone, else raise SessionLockedError."""
        try:
            kind = os.lstat(self.lock_path).st_mode
        except FileNotFoundError:
            return  # vanished meanwhile: try again
        except OSError as error:
            raise StoreError(f"{self.lock_path}: cannot check the lock: {_reason(error)}") from None
        if not stat.S_ISREG(kind):
            what = "a folder" if stat.S_ISDIR(kind) else "not a regular file"
            raise StoreError(
                f"{self.lock_path}: is {what}, not a facilitator lock; move it out of the way, "
                "then open the session again"
            )
        holder, raw = _read_lock(self.lock_path)
        if raw is None:
            return  # vanished meanwhile: try again
        if holder is None:
            age = time.time() - _mtime(self.lock_path)
            if age < _FRESH_SECONDS:
                raise SessionLockedError(
                    f"{self.path}: is being opened by another facilitator right now; "
                    "try again in a moment"
                )
        elif holder.host != self.host:
            raise SessionLockedError(
                f"{self.path}: is open in a facilitator on another computer "
                f"({holder.describe()}); close it there first, or delete {self.lock_path.name} "
                "if that facilitator is no longer running"
            )
        elif _alive(holder):
            raise SessionLockedError(
                f"{self.path}: is open in another facilitator ({holder.describe()}); "
                "close it there first, then run the same command again (to read it meanwhile: "
                f"facilitator export {self.path})"
            )
        # Only remove the very lock judged stale: another facilitator may have replaced it
        # meanwhile. (A tiny window between this read and the unlink remains; O_EXCL after it
        # still lets only one of two racing takers win the new lock.)
        _, again = _read_lock(self.lock_path)
        if again == raw:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.lock_path)


def _read_lock(lock_path: Path) -> tuple[LockHolder | None, bytes | None]:
    """The lock's holder (None if unreadable garbage) and its raw bytes (None if no file)."""
    try:
        raw = read_limited(lock_path, limit=_LOCK_BYTES)
    except UnreadableError:
        if not os.path.lexists(lock_path):
            return None, None
        return None, b""  # a folder, a FIFO, unreadable: not a lock anyone can hold
    return _parse_lock(raw), raw


def _parse_lock(raw: bytes) -> LockHolder | None:
    try:
        text = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        return None
    try:
        record = json.loads(text)
    except ValueError:
        parts = text.split()  # the plain `pid host` form, as other tools write it
        if len(parts) == 2 and parts[0].isdigit():
            return LockHolder(pid=int(parts[0]), host=parts[1])
        return None
    if not isinstance(record, Mapping):
        return None
    pid, host = record.get("pid"), record.get("host")
    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0 or not isinstance(host, str):
        return None
    since = None
    with contextlib.suppress(TypeError, ValueError):
        since = datetime.fromisoformat(record.get("since", ""))
    ticks = record.get("start_ticks")
    return LockHolder(
        pid=pid,
        host=host,
        since=since,
        user=str(record.get("user", "")),
        token=str(record.get("token", "")),
        boot_id=str(record.get("boot_id", "")),
        start_ticks=ticks if isinstance(ticks, int) and not isinstance(ticks, bool) else None,
    )


def _alive(holder: LockHolder) -> bool:
    """Whether the process named by a lock on this host still runs."""
    if holder.boot_id and (boot_id := _boot_id()) and holder.boot_id != boot_id:
        return False  # the machine has restarted since: nothing from then still runs
    if holder.pid == os.getpid():
        return holder.token in _HELD_TOKENS  # our pid, but maybe a crashed run that had it
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, owned by someone else
    except OSError:
        return True  # cannot tell: refusing is the safe side
    stat_fields = _proc_stat(holder.pid)
    if stat_fields is None:
        return True
    state, ticks = stat_fields
    if state in ("Z", "X"):
        return False  # a zombie: dead, only not yet reaped
    return holder.start_ticks is None or ticks == holder.start_ticks


def _proc_stat(pid: int) -> tuple[str, int] | None:
    """A process's state letter and start time (clock ticks after boot), from Linux /proc."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    # The command name is in parentheses and may hold spaces; fields after it are plain.
    fields = text[text.rfind(")") + 2 :].split()
    try:
        return fields[0], int(fields[19])
    except (IndexError, ValueError):
        return None


def _start_ticks(pid: int) -> int | None:
    found = _proc_stat(pid)
    return found[1] if found else None


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return ""


def _hostname() -> str:
    return socket.gethostname() or "localhost"


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


# -- listing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionInfo:
    """What a list of sessions shows, read cheaply from the head of a session file."""

    path: Path
    committee: str
    agenda_id: str
    agenda_title: str
    date: date
    state: str  # "in-progress" | "ended" | "approved"
    started: datetime | None
    ended: datetime | None
    mtime: float
    newer_schema: int = 0  # the schema of a file from a newer facilitator: read-only here


_TABLE_HEADER = re.compile(r"^\[", re.MULTILINE)
_AGENDA_HEADER = "\n[agenda]\n"


def list_sessions(sessions_dir: Path, recursive: bool = False) -> list[SessionInfo]:
    """The sessions in a folder, newest first; files that are not sessions are left out."""
    infos: list[SessionInfo] = []
    for path in _candidates(Path(sessions_dir), recursive):
        info = session_info(path)
        if info is not None:
            infos.append(info)
    infos.sort(key=lambda info: (info.mtime, str(info.path)), reverse=True)
    return infos


def newest_unfinished(sessions_dir: Path) -> SessionInfo | None:
    """The most recently saved session that has not ended (what `resume` continues)."""
    for info in list_sessions(sessions_dir):
        if info.state == "in-progress" and not info.newer_schema:
            return info
    return None


def session_info(path: Path) -> SessionInfo | None:
    """A SessionInfo for one file, or None if it is not a session this program can list.

    A session from a newer facilitator is listed too, marked by `newer_schema`: it can be
    looked at, not opened for writing. Nothing in a hostile file gets further than None.
    """
    try:
        mtime = path.stat().st_mtime
        text = decode_text(read_limited(path), str(path))
    except (OSError, UnreadableError):
        return None
    # Fast path: the codec writes top-level scalars first and [agenda] last, so two small
    # regions hold everything; a file laid out otherwise (edited by hand) gets a full parse.
    try:
        info = _info_from(path, mtime, *_quick_regions(text))
    except (ValueError, RecursionError, MemoryError):  # TOMLDecodeError is a ValueError
        info = None
    if info is None:
        try:
            data = parse_toml(text, str(path))
        except UnreadableError:
            return None
        agenda = data.get("agenda")
        info = _info_from(path, mtime, data, agenda if isinstance(agenda, dict) else {})
    return info


def _quick_regions(text: str) -> tuple[dict[str, Any], dict[str, Any]]:
    first = _TABLE_HEADER.search(text)
    top = tomllib.loads(text[: first.start()] if first else text)
    start = text.find(_AGENDA_HEADER)
    if start < 0:
        raise ValueError("no [agenda] table")
    start += len(_AGENDA_HEADER)
    end = _TABLE_HEADER.search(text, start)
    agenda = tomllib.loads(text[start : end.start() if end else len(text)])
    return top, agenda


def _info_from(
    path: Path, mtime: float, top: Mapping[str, Any], agenda: Mapping[str, Any]
) -> SessionInfo | None:
    schema = top.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        return None  # not ours
    committee, created = top.get("committee"), top.get("created")
    agenda_id, agenda_title = agenda.get("id"), agenda.get("title")
    if not isinstance(committee, str):
        return None
    if schema > SESSION_SCHEMA:
        # Whatever else a newer format holds, the list shows what it can and marks the file.
        moment = next((m for m in (_moment(top, k) for k in _WHEN) if m is not None), None)
        return SessionInfo(
            path=path,
            committee=_shown(committee),
            agenda_id=_shown(agenda_id) if isinstance(agenda_id, str) else "",
            agenda_title=_shown(agenda_title) if isinstance(agenda_title, str) else "",
            date=moment.date() if moment else datetime.fromtimestamp(mtime).date(),
            state="ended" if _moment(top, "ended") else "in-progress",
            started=_moment(top, "started"),
            ended=_moment(top, "ended"),
            mtime=mtime,
            newer_schema=schema,
        )
    if not isinstance(created, datetime) or not _in_range(created):
        return None
    if not isinstance(agenda_id, str) or not isinstance(agenda_title, str):
        return None
    started, ended = _moment(top, "started"), _moment(top, "ended")
    planned = _moment(top, "planned_start")
    if top.get("minutes_status") == "approved":
        state = "approved"
    else:
        state = "ended" if ended else "in-progress"
    return SessionInfo(
        path=path,
        committee=_shown(committee),
        agenda_id=_shown(agenda_id),
        agenda_title=_shown(agenda_title),
        date=(started or planned or created).date(),  # as Session.date has it
        state=state,
        started=started,
        ended=ended,
        mtime=mtime,
    )


_WHEN = ("started", "planned_start", "created")


def _shown(text: str) -> str:
    """A name for a list: one line, no controls, not endless."""
    return one_line(text[:LINE_CHARS])


def _in_range(moment: datetime) -> bool:
    return YEARS[0] <= moment.year <= YEARS[1]


def _moment(top: Mapping[str, Any], key: str) -> datetime | None:
    value = top.get(key)
    return value if isinstance(value, datetime) and _in_range(value) else None


def find_session_files(paths: list[Path]) -> list[Path]:
    """Session candidates: files as given, folders searched recursively for `*.toml`."""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in map(Path, paths):
        for candidate in _candidates(path, True) if path.is_dir() else [path]:
            if candidate not in seen:
                seen.add(candidate)
                found.append(candidate)
    return found


def _candidates(folder: Path, recursive: bool) -> Iterator[Path]:
    """`*.toml` files in a folder, in name order, without dot-files, temp or lock files."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    folders: list[Path] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue  # temp files, editor swap files, .git and the like
        try:
            if entry.is_dir(follow_symlinks=False):
                folders.append(Path(entry.path))
            elif entry.name.endswith(".toml") and entry.is_file():
                yield Path(entry.path)
        except OSError:
            continue
    if recursive:
        for sub in folders:
            yield from _candidates(sub, True)
