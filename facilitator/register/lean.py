"""The register's view of a session file, in one pass, parsing only what can differ.

HR's first run over thousands of files is bound by the CPU. Building a whole `Session` and
scanning each file a second time for the key positions that only error messages use cost as
much again as parsing the TOML. Here every key the careful reader checks is checked on the way
(types and ranges only: a file the careful reader refuses must never become a row here, or HR
would list what nobody can open), and only what the register keeps is built. Anything unusual
hands the file back (None) to the careful reader, which names each problem with its line; so
this reader may be stricter than the careful one, never more lenient.

Two thirds of a session file is the snapshot of its agenda, and thousands of files carry the
same few snapshots byte for byte. Our files end with `[agenda]` and its sub-tables; once such a
tail has been parsed and checked, a file ending in the same text has only the part before it
parsed (see `_split` for why that is the same as parsing the whole file).

A summary made here equals the one `summarize(load_session(path))` makes for the same file.
"""

from __future__ import annotations

import math
import re
import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import Any
from unicodedata import is_normalized

from facilitator.agenda import (
    PLANNED_MAX,
    PLANNED_MIN,
    TIMEBOX_MAX,
    TIMEBOX_MIN,
    AgendaError,
    agenda_from_data,
)
from facilitator.codec import (
    LINE_CHARS,
    MAX_SECONDS,
    TEXT_CHARS,
    YEARS,
    SessionFormatError,
    check_schema,
    ended_before_started,
)
from facilitator.register.summary import OutcomeInfo, ReviewInfo, Summary, ThemeInfo, _shared
from facilitator.safe_toml import MAX_DEPTH, nesting_depth
from facilitator.session import (
    MINUTES_STATUSES,
    OFFICERS,
    OUTCOME_KINDS,
    REVIEW_STATUSES,
    ROLES,
    SIDES,
    THEME_ORIGINS,
    THEME_STATES,
    clean_text,
)


class _Refused(Exception):
    """Something the careful reader might refuse: it reads the file and says what."""


# What one agenda snapshot gives every session that carries it: id, title, themes, theme ids
# in agenda order.
_Snapshot = tuple[str, str, tuple[ThemeInfo, ...], dict[str, int]]
_KEPT = 64
# Snapshots by the agenda's text at the end of the file (see `_split`).
_TAILS: dict[str, _Snapshot] = {}
# Snapshots by the parsed agenda's repr, for files laid out otherwise (types included: in
# parsed values 1 == 1.0 == True).
_PARSED: dict[str, _Snapshot] = {}
_AGENDA_HEADER = "\n[agenda]\n"
# Anything before the agenda's header that could add to the agenda (`[agenda.x]`,
# `["agenda".x]`); it begins with a literal, which the regular expression engine finds fast.
_AGENDA_PART = re.compile(r"agenda[\"']?[ \t]*[.\]]")


def summarize_text(text: str, path: Path, mtime_ns: int) -> Summary | None:
    """The summary of a session file's text, or None to read it the careful way."""
    try:
        split = _split(text)
        if split is not None and (snapshot := _TAILS.get(split[1])) is not None:
            data = tomllib.loads(split[0])
            if "agenda" in data:
                return None  # defined twice: the whole file does not parse
            data["agenda"] = {}  # stands for the known one, which the snapshot describes
            return _summary(data, snapshot, path, mtime_ns)
        data = tomllib.loads(text)
        snapshot = _snapshot(data.get("agenda"))
        if split is not None and tomllib.loads(split[1]) == {"agenda": data["agenda"]}:
            _keep(_TAILS, split[1], snapshot)
        return _summary(data, snapshot, path, mtime_ns)
    except (_Refused, SessionFormatError, AgendaError, KeyError, TypeError, ValueError):
        # tomllib's errors are ValueErrors; the careful reader reports them.
        return None
    except RecursionError:
        return None


def _split(text: str) -> tuple[str, str] | None:
    """The text before the agenda's header and the agenda's own, if parsing apart is safe.

    Parsing the two apart gives what parsing the whole gives when the part before is a whole
    document by itself (it parses: no string left open) and defines no `agenda` (checked by
    the caller on the parsed data), nothing in it can add to the agenda (no `[agenda.x]`
    header), and the tail defines only the agenda (checked when the tail is first parsed).
    """
    start = text.find(_AGENDA_HEADER)
    if start < 0 or text.find(_AGENDA_HEADER, start + 1) >= 0:
        return None
    if _AGENDA_PART.search(text, 0, start):
        return None
    return text[: start + 1], text[start + 1 :]


def _keep(cache: dict[str, _Snapshot], key: str, snapshot: _Snapshot) -> None:
    if len(cache) >= _KEPT:
        cache.clear()
    cache[key] = snapshot


# Every key the careful reader knows, table by table. A key it does not know is ignored there,
# but it may be new: such a file goes to the careful reader, so a key added to the format
# without being taught here costs speed, never a check (see the tests).
_TOP_LINES = ("place", *OFFICERS, "next_meeting_time", "next_meeting_place")
_TOP = frozenset(
    [
        *_TOP_LINES,
        "schema",
        "committee",
        "agenda",
        "themes",
        "id",
        "created",
        "planned_start",
        "planned_minutes",
        "started",
        "ended",
        "current_theme",
        "minutes_status",
        "approved_at",
        "vice_approved_at",
        "followup_of",
        "next_meeting_date",
        "running_since",
        "participants",
        "reviews",
    ]
)
_RECORD = frozenset(
    [
        "id",
        "timebox",
        "state",
        "seconds",
        "notes",
        "presented",
        "uncovered_reason",
        "reason",
        "origin",
        "carried_from",
        "carried_reason",
        "outcomes",
    ]
)
_OUTCOME = frozenset(["id", "kind", "text", "owner", "date", "created"])
_PARTICIPANT = frozenset(["name", "role", "side", "present", "arrived", "left", "note"])
_REVIEW = frozenset(
    [
        "outcome_id",
        "kind",
        "text",
        "owner",
        "date",
        "meeting_date",
        "theme_title",
        "status",
        "comment",
        "reviewed",
    ]
)


def _summary(data: dict[str, Any], snapshot: _Snapshot, path: Path, mtime_ns: int) -> Summary:
    check_schema(data)
    _known_keys(data, _TOP)
    agenda_id, agenda_title, themes, order = snapshot
    records = _tables(data, "themes")
    if len(records) != len(order):
        raise _Refused("themes")
    outcome_ids: set[str] = set()
    placed: list[tuple[int, tuple[OutcomeInfo, ...]]] = []
    covered: set[str] = set()
    presented: set[str] = set()
    for record in records:
        _known_keys(record, _RECORD)
        theme_id = _line(record, "id", required=True)
        if theme_id not in order:
            raise _Refused("theme id")
        _number(record, "timebox", TIMEBOX_MIN, TIMEBOX_MAX, required=True)
        state = _choice(record, "state", THEME_STATES, "pending")
        _seconds(record, "seconds")
        for key in ("notes", "uncovered_reason", "reason", "carried_reason"):
            _check(record, key)
        _choice(record, "origin", THEME_ORIGINS, "agenda")
        _day(record, "carried_from")
        outcomes = tuple(
            _outcome(raw, theme_id, outcome_ids) for raw in _tables(record, "outcomes")
        )
        if state == "done" or outcomes or _text(record, "notes").strip():
            covered.add(theme_id)
        if _flag(record, "presented", False):
            presented.add(theme_id)
        placed.append((order[theme_id], outcomes))
    if len({position for position, _ in placed}) != len(order):
        raise _Refused("a theme listed twice")
    placed.sort(key=lambda item: item[0])
    if _line(data, "current_theme", themes[0].id if themes else "") not in order:
        raise _Refused("current_theme")
    for key in _TOP_LINES:
        _check(data, key, LINE_CHARS)
    _number(data, "planned_minutes", PLANNED_MIN, PLANNED_MAX)
    for key in ("approved_at", "vice_approved_at", "running_since"):
        _moment(data, key)
    _day(data, "next_meeting_date")
    for participant in _tables(data, "participants"):
        _participant(participant)
    ended = _moment(data, "ended")
    status = _choice(data, "minutes_status", MINUTES_STATUSES, "draft")
    created = _moment(data, "created", required=True)
    started, planned_start = _moment(data, "started"), _moment(data, "planned_start")
    if ended_before_started(started, ended):
        raise _Refused("ended")
    moment = started or planned_start or created
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
        reviews=tuple(_review(raw) for raw in _tables(data, "reviews")),
    )


def _snapshot(value: Any) -> _Snapshot:
    if not isinstance(value, dict):
        raise _Refused("agenda")
    key = repr(value)
    if (known := _PARSED.get(key)) is not None:
        return known
    if nesting_depth(value) >= MAX_DEPTH:
        raise _Refused("nesting")
    data = dict(value)
    sha256 = str(data.pop("sha256", ""))[:64]
    agenda = agenda_from_data(data, "agenda", sha256=sha256)
    refs = agenda.refs()
    themes = _shared(
        tuple(
            ThemeInfo(theme.id, theme.title, theme.kind, refs[theme.id], section.id, section.title)
            for section in agenda.sections
            for theme in section.themes
        )
    )
    order = {theme.id: index for index, theme in enumerate(themes)}
    found = (agenda.id, agenda.title, themes, order)
    _keep(_PARSED, key, found)
    return found


def _outcome(raw: dict[str, Any], theme_id: str, seen: set[str]) -> OutcomeInfo:
    _known_keys(raw, _OUTCOME)
    ident = _line(raw, "id", required=True)
    if ident in seen:
        raise _Refused("duplicate outcome id")
    seen.add(ident)
    kind = _choice(raw, "kind", OUTCOME_KINDS, "")
    _moment(raw, "created", required=True)
    return OutcomeInfo(
        ident, kind, _text(raw, "text"), _line(raw, "owner"), _day(raw, "date"), theme_id
    )


def _participant(raw: dict[str, Any]) -> None:
    _known_keys(raw, _PARTICIPANT)
    if "name" not in raw:
        raise _Refused("name")
    _check(raw, "name", LINE_CHARS)
    _choice(raw, "role", ROLES, "other")
    if "side" in raw:
        _choice(raw, "side", SIDES, "")
    _flag(raw, "present", True)
    _moment(raw, "arrived")
    _moment(raw, "left")
    _check(raw, "note")


def _review(raw: dict[str, Any]) -> ReviewInfo:
    _known_keys(raw, _REVIEW)
    _choice(raw, "kind", OUTCOME_KINDS, "")
    _check(raw, "text")
    _check(raw, "owner", LINE_CHARS)
    _day(raw, "date")
    _day(raw, "meeting_date")
    _check(raw, "theme_title", LINE_CHARS)
    return ReviewInfo(
        _line(raw, "outcome_id", required=True),
        _choice(raw, "status", REVIEW_STATUSES, ""),
        _text(raw, "comment"),
        _moment(raw, "reviewed"),
    )


def _known_keys(table: dict[str, Any], known: frozenset[str]) -> None:
    if not table.keys() <= known:
        raise _Refused(", ".join(table.keys() - known))


def _tables(table: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise _Refused(key)
    return value


def _check(table: dict[str, Any], key: str, limit: int = TEXT_CHARS) -> None:
    """A text the register does not keep: only its type and length matter."""
    value = table.get(key, "")
    if type(value) is not str or len(value) > limit:
        raise _Refused(key)


def _text(table: dict[str, Any], key: str, limit: int = TEXT_CHARS) -> str:
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


def _line(table: dict[str, Any], key: str, default: str = "", required: bool = False) -> str:
    if key not in table:
        if required:
            raise _Refused(key)
        return default
    return _text(table, key, LINE_CHARS)


def _choice(table: dict[str, Any], key: str, allowed: tuple[str, ...], default: str) -> Any:
    value = table.get(key, default)
    if not isinstance(value, str) or value not in allowed:
        raise _Refused(key)
    return value


def _flag(table: dict[str, Any], key: str, default: bool) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise _Refused(key)
    return value


def _number(table: dict[str, Any], key: str, low: int, high: int, required: bool = False) -> None:
    value = table.get(key)
    if value is None:
        if required:
            raise _Refused(key)
        return
    if type(value) is not int or not low <= value <= high:
        raise _Refused(key)


def _seconds(table: dict[str, Any], key: str) -> None:
    value = table.get(key)
    if value is None:
        return
    if type(value) is int and abs(value) < 1 << 53:
        value = float(value)
    if type(value) is not float or not math.isfinite(value) or not 0.0 <= value <= MAX_SECONDS:
        raise _Refused(key)


def _moment(table: dict[str, Any], key: str, required: bool = False) -> datetime | None:
    value = table.get(key)
    if value is None:
        if required:
            raise _Refused(key)
        return None
    if not isinstance(value, datetime) or not YEARS[0] <= value.year <= YEARS[1]:
        raise _Refused(key)
    # A time written without an offset is local time, as the careful reader takes it.
    return value if value.tzinfo is not None else value.astimezone()


def _day(table: dict[str, Any], key: str) -> date | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, date) or isinstance(value, datetime):
        raise _Refused(key)
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise _Refused(key)
    return value
