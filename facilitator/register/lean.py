"""The register's view of a session straight from parsed TOML, reading only the keys it needs.

HR's first run over thousands of files is bound by the CPU. Building a whole `Session` (every
participant and timestamp checked) and scanning each file a second time for the key positions
that only error messages use cost as much again as parsing the TOML. Here a file is parsed once
and the register's keys are checked on the way; a file that fails any check is handed back
(None) so the caller reads it the careful way, which names every problem with its line.

A summary made here equals the one `summarize(load_session(path))` makes for the same file.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any
from unicodedata import is_normalized

from facilitator.agenda import AgendaError, agenda_from_data
from facilitator.codec import LINE_CHARS, TEXT_CHARS, YEARS, SessionFormatError, check_schema
from facilitator.register.summary import OutcomeInfo, ReviewInfo, Summary, ThemeInfo, _shared
from facilitator.session import (
    MINUTES_STATUSES,
    OUTCOME_KINDS,
    REVIEW_STATUSES,
    THEME_STATES,
    clean_text,
)


class _Refused(Exception):
    """A key the register needs is missing or wrong: read the file the careful way."""


# What one agenda snapshot gives every session that carries it: id, title, themes, theme ids
# in agenda order. Found by comparing the whole snapshot (a C-speed dict comparison), so an
# edited copy is checked on its own.
_Snapshot = tuple[str, str, tuple[ThemeInfo, ...], dict[str, int]]
_SNAPSHOTS: dict[str, list[tuple[dict[str, Any], _Snapshot]]] = {}
_SNAPSHOTS_KEPT = 64


def summarize_data(data: Mapping[str, Any], path: Path, mtime_ns: int) -> Summary | None:
    """The summary of a parsed session file, or None when it needs the careful reader."""
    try:
        return _summary(data, path, mtime_ns)
    except (_Refused, SessionFormatError, AgendaError, KeyError, TypeError, ValueError):
        return None


def _summary(data: Mapping[str, Any], path: Path, mtime_ns: int) -> Summary:
    check_schema(data)
    agenda_id, agenda_title, themes, order = _snapshot(data.get("agenda"))
    records = _list(data.get("themes", []))
    if len(records) != len(order):
        raise _Refused("themes")
    outcome_ids: set[str] = set()
    placed: list[tuple[int, tuple[OutcomeInfo, ...]]] = []
    covered: set[str] = set()
    presented: set[str] = set()
    for record in records:
        theme_id = _line(record, "id", required=True)
        if theme_id not in order:
            raise _Refused("theme id")
        state = record.get("state", "pending")
        if state not in THEME_STATES:
            raise _Refused("state")
        outcomes = tuple(
            _outcome(raw, theme_id, outcome_ids) for raw in _list(record.get("outcomes", []))
        )
        if state == "done" or outcomes or _text(record, "notes").strip():
            covered.add(theme_id)
        if _flag(record, "presented"):
            presented.add(theme_id)
        placed.append((order[theme_id], outcomes))
    if len({position for position, _ in placed}) != len(order):
        raise _Refused("a theme listed twice")
    placed.sort(key=lambda item: item[0])
    if _line(data, "current_theme", themes[0].id if themes else "") not in order:
        raise _Refused("current_theme")
    ended = _moment(data, "ended")
    status = data.get("minutes_status", "draft")
    if status not in MINUTES_STATUSES:
        raise _Refused("minutes_status")
    created = _moment(data, "created", required=True)
    moment = _moment(data, "started") or _moment(data, "planned_start") or created
    assert moment is not None  # created is required
    return Summary(
        path=path,
        mtime_ns=mtime_ns,
        id=_line(data, "id", required=True),
        committee=_line(data, "committee", required=True),
        date=moment.date(),
        state="approved" if status == "approved" else ("ended" if ended else "in-progress"),
        followup_of=_line(data, "followup_of"),
        agenda_id=agenda_id,
        agenda_title=agenda_title,
        themes=themes,
        covered=frozenset(covered),
        presented=frozenset(presented),
        outcomes=tuple(outcome for _, outcomes in placed for outcome in outcomes),
        reviews=tuple(_review(raw) for raw in _list(data.get("reviews", []))),
    )


def _snapshot(value: Any) -> _Snapshot:
    if not isinstance(value, dict):
        raise _Refused("agenda")
    sha256 = str(value.get("sha256", ""))[:64]
    same_sha = _SNAPSHOTS.setdefault(sha256, [])
    for known, found in same_sha:
        if known == value:
            return found
    data = dict(value)
    data.pop("sha256", None)
    agenda = agenda_from_data(data, "agenda", sha256=sha256)
    refs = agenda.refs()
    themes = _shared(
        tuple(
            ThemeInfo(theme.id, theme.title, theme.kind, refs[theme.id], section.id, section.title)
            for section in agenda.sections
            for theme in section.themes
        )
    )
    found = (agenda.id, agenda.title, themes, {theme.id: i for i, theme in enumerate(themes)})
    if sum(map(len, _SNAPSHOTS.values())) >= _SNAPSHOTS_KEPT:
        _SNAPSHOTS.clear()
        same_sha = _SNAPSHOTS.setdefault(sha256, [])
    same_sha.append((value, found))
    return found


def _outcome(raw: Any, theme_id: str, seen: set[str]) -> OutcomeInfo:
    if not isinstance(raw, dict):
        raise _Refused("outcome")
    ident = _line(raw, "id", required=True)
    if ident in seen:
        raise _Refused("duplicate outcome id")
    seen.add(ident)
    kind = raw.get("kind", "")
    if kind not in OUTCOME_KINDS:
        raise _Refused("kind")
    _moment(raw, "created", required=True)
    return OutcomeInfo(
        ident, kind, _text(raw, "text"), _line(raw, "owner"), _day(raw, "date"), theme_id
    )


def _review(raw: Any) -> ReviewInfo:
    if not isinstance(raw, dict):
        raise _Refused("review")
    status = raw.get("status", "")
    if status not in REVIEW_STATUSES:
        raise _Refused("status")
    return ReviewInfo(
        _line(raw, "outcome_id", required=True),
        status,
        _text(raw, "comment"),
        _moment(raw, "reviewed"),
    )


def _list(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise _Refused("a list of tables")
    return value


def _text(table: Mapping[str, Any], key: str, limit: int = TEXT_CHARS) -> str:
    value = table.get(key, "")
    if not isinstance(value, str) or len(value) > limit:
        raise _Refused(key)
    return _clean(value)


def _clean(value: str) -> str:
    """`clean_text`, skipping its regular expressions for the texts they would not change.

    Every character `clean_text` removes or rewrites is unprintable in Python's sense, apart
    from newline and tab, which it keeps; so a printable text in NFC form is already clean.
    """
    probe = value if value.isprintable() else value.replace("\n", "").replace("\t", "")
    if probe.isprintable() and (value.isascii() or is_normalized("NFC", value)):
        return value
    return clean_text(value)


def _line(table: Mapping[str, Any], key: str, default: str = "", required: bool = False) -> str:
    if key not in table:
        if required:
            raise _Refused(key)
        return default
    return _text(table, key, LINE_CHARS)


def _flag(table: Mapping[str, Any], key: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise _Refused(key)
    return value


def _moment(table: Mapping[str, Any], key: str, required: bool = False) -> datetime | None:
    value = table.get(key)
    if value is None:
        if required:
            raise _Refused(key)
        return None
    if not isinstance(value, datetime) or not YEARS[0] <= value.year <= YEARS[1]:
        raise _Refused(key)
    # A time written without an offset is local time, as the careful reader takes it.
    return value if value.tzinfo is not None else value.astimezone()


def _day(table: Mapping[str, Any], key: str) -> date | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, date) or isinstance(value, datetime):
        raise _Refused(key)
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise _Refused(key)
    return value
