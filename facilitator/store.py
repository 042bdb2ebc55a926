"""Session files: names, atomic saves with the Markdown minutes beside them, loads, listings."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tomllib
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import tomli_w

from facilitator.codec import (
    LINE_CHARS,
    YEARS,
    NewerSchemaError,
    SessionFormatError,
    ended_before_started,
    is_newer_schema,
    session_from_data,
    session_to_data,
)
from facilitator.fileio import (
    StoreError,
    atomic_write,
    clean_stale_temp_files,
    fsync_folder,
    make_private_dir,
    reason,
)
from facilitator.lock import SessionLock, SessionLockedError, lock_path
from facilitator.safe_toml import (
    UnreadableError,
    decode_text,
    load_toml_file,
    parse_toml,
    read_limited,
)
from facilitator.sanitize import one_line
from facilitator.session import SESSION_SCHEMA, Session
from facilitator.standing import drop_duplicates
from facilitator.toml_positions import KeyLines

__all__ = [
    "EXPORT_SUFFIX",
    "MinutesNotWritten",
    "NewerSessionError",
    "SessionInfo",
    "SessionLock",
    "SessionLockedError",
    "StoreError",
    "clean_stale_temp_files",
    "find_session_files",
    "is_session_name",
    "list_sessions",
    "load_session",
    "new_session_path",
    "newest_unfinished",
    "save_session",
    "session_head",
    "session_info",
    "slugify",
]

# A session's TOML export (maybe anonymised) is never listed, resumed or counted as a session.
EXPORT_SUFFIX = ".export.toml"


class NewerSessionError(StoreError):
    """The file was written by a newer facilitator: it is refused and never overwritten."""


class MinutesNotWritten(StoreError):
    """The session was saved, but the Markdown minutes beside it could not be written."""


def is_session_name(name: str) -> bool:
    """The one rule for which file names may hold a session: `*.toml`, not hidden, no export."""
    return name.endswith(".toml") and not name.startswith(".") and not name.endswith(EXPORT_SUFFIX)


# -- file names ---------------------------------------------------------------------------

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
    make_private_dir(sessions_dir)
    agenda_id = slugify(session.agenda.id) if session.agenda.id else "dagsorden"
    stem = f"{session.date.isoformat()}-{slugify(session.committee)}-{agenda_id}"
    number = 1
    while True:
        name = stem if number == 1 else f"{stem}-{number}"
        candidate = sessions_dir / f"{name}.toml"
        # A name is taken by its minutes or a lock too: either may outlive a deleted session.
        taken = (candidate, candidate.with_suffix(".md"), lock_path(candidate))
        if not any(os.path.lexists(p) for p in taken):
            return candidate
        number += 1


# -- saving -------------------------------------------------------------------------------

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
            f"{path}: cannot be saved ({one_line(str(error))}); nothing was written"
        ) from error
    minutes: bytes | None = None
    minutes_error: Exception | None = None
    try:
        # Imported here: starting a meeting should not wait for the minutes machinery.
        from facilitator.minutes import render_markdown

        minutes = render_markdown(session).encode("utf-8")
    except Exception as error:  # a bug in the minutes must not cost the session: saved first
        minutes_error = error

    existed = _check_overwritable(path) is not None
    md_path = path.with_suffix(".md")
    try:
        atomic_write(path, payload, sync_folder=False)
    except OSError as error:
        was = "the previous version is unchanged" if existed else "nothing saved"
        raise StoreError(f"{path}: could not save: {reason(error)}; {was}") from error
    with contextlib.suppress(OSError):
        _WRITTEN[str(path)] = _identity(os.stat(path))
    try:
        if minutes is not None:
            atomic_write(md_path, minutes, sync_folder=False)
    except OSError as error:
        raise MinutesNotWritten(
            f"{md_path}: could not write the minutes: {reason(error)}; "
            f"the session itself was saved in {path.name}"
        ) from error
    finally:
        # One folder fsync makes both renames durable.
        with contextlib.suppress(OSError):
            fsync_folder(path.parent)
    if minutes_error is not None:
        raise MinutesNotWritten(
            f"{md_path}: could not render the minutes ({one_line(str(minutes_error))}); "
            f"the session itself was saved in {path.name}"
        ) from minutes_error


def _check_overwritable(path: Path) -> int | None:
    """The mode of the file being replaced (None if new); refuse to overwrite a newer schema
    (parsed: a quoted `"schema" = 99` counts; not parsed again if this process wrote it last)."""
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
    """The parsed file, or the schema a file this program cannot parse seems to claim (a newer
    facilitator may write TOML this one does not read; its `schema` line still shows)."""
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
        try:
            session = session_from_data(data, shown)
        except SessionFormatError:
            # The key positions only name the problems, and finding them costs as much as the
            # parse: the file is checked again with them only when something is wrong.
            session = session_from_data(data, shown, KeyLines.scan(text, data))
    except NewerSchemaError as error:
        raise NewerSessionError(str(error), error.problems) from None
    except SessionFormatError as error:
        raise StoreError(str(error), error.problems) from None
    if session.ended is None:
        # Each standing item once while the meeting is held; an ended one keeps its numbering.
        drop_duplicates(session)
    return session


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
    problem: str = ""  # why the file cannot be opened, when the head already shows it


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
        info = _info_from(path, mtime, _top_region(text), _agenda_region(text))
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


def session_head(path: Path) -> dict[str, Any] | None:
    """A session file's top-level keys (id, committee, followup_of ...), read cheaply."""
    try:
        text = decode_text(read_limited(path), str(path))
    except (OSError, UnreadableError):
        return None
    # Hostile files too: deep nesting and huge integers are ValueError or RecursionError.
    with contextlib.suppress(ValueError, RecursionError, MemoryError):
        top = _top_region(text)
        if "id" in top:
            return top
    try:
        data = parse_toml(text, str(path))  # laid out by hand: read in full
    except UnreadableError:
        return None
    return {key: value for key, value in data.items() if not isinstance(value, (dict, list))}


def _top_region(text: str) -> dict[str, Any]:
    """The top-level keys: the codec writes them first, and the first table header ends them."""
    first = _TABLE_HEADER.search(text)
    return tomllib.loads(text[: first.start()] if first else text)


def _agenda_region(text: str) -> dict[str, Any]:
    start = text.find(_AGENDA_HEADER)
    if start < 0:
        raise ValueError("no [agenda] table")
    start += len(_AGENDA_HEADER)
    end = _TABLE_HEADER.search(text, start)
    return tomllib.loads(text[start : end.start() if end else len(text)])


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
        problem=ended_before_started(started, ended),
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
    """Session files in a folder, in name order: `*.toml`, no dot-files, temp files or exports."""
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
            elif is_session_name(entry.name) and entry.is_file():
                yield Path(entry.path)
        except OSError:
            continue
    if recursive:
        for sub in folders:
            yield from _candidates(sub, True)
