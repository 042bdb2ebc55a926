"""The session file format read back: TOML data to a Session, with every shape and range
checked. Writing is in session_write.py; both are imported from here."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, TypeVar, cast

from facilitator.agenda import (
    PLANNED_MAX,
    PLANNED_MIN,
    TIMEBOX_MAX,
    TIMEBOX_MIN,
    Agenda,
    AgendaError,
    agenda_from_data,
)
from facilitator.sanitize import quoted
from facilitator.session import (
    MINUTES_STATUSES,
    OUTCOME_KINDS,
    REVIEW_STATUSES,
    ROLES,
    SESSION_SCHEMA,
    SIDES,
    THEME_ORIGINS,
    THEME_STATES,
    Outcome,
    Participant,
    Review,
    Session,
    ThemeRecord,
    clean_text,
    side_for_role,
)
from facilitator.session_write import session_to_data as session_to_data
from facilitator.session_write import session_to_toml as session_to_toml
from facilitator.toml_positions import KeyLines

T = TypeVar("T")


class SessionFormatError(Exception):
    """A file is not a session this program can read; `problems` holds one line per problem."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class NewerSchemaError(SessionFormatError):
    """The file was written by a newer facilitator; it must be left untouched."""


# What a loaded session may hold: anything outside is a damaged or hostile file, refused
# before it can overflow a date sum, stall a layout or fill a screen.
YEARS = (1900, 2100)
MAX_SECONDS = 1_000_000.0  # a theme's time: 11 days is already absurd
LINE_CHARS = 500  # names, titles, ids
TEXT_CHARS = 100_000  # notes and outcome texts
_UNLIMITED = 1 << 62

Where = tuple[str | int, ...]


class _Problems:
    """Every problem of one file, each as `FILE:LINE:COL: message` where a position is known."""

    def __init__(self, shown: str, lines: KeyLines) -> None:
        self.shown = shown
        self.lines = lines
        self.found: list[tuple[tuple[int, int], str]] = []

    def add(self, where: Where, message: str) -> None:
        position = self.lines.near(where)
        if position is not None and self.shown:
            line = f"{self.shown}:{position[0]}:{position[1]}: {message}"
        else:
            line = f"{self.shown}: {message}" if self.shown else message
        self.found.append((position or (1 << 30, len(self.found)), line))

    def lines_in_order(self) -> list[str]:
        return [line for _, line in sorted(self.found, key=lambda item: item[0])]


def _name(where: Where) -> str:
    """("themes", 0, "id") as `themes[1].id`, the way messages name a key."""
    text = ""
    for step in where:
        text += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


class _Reader:
    """Typed, range-checked access to one table of a session file; problems are collected."""

    def __init__(self, data: Any, where: Where, problems: _Problems) -> None:
        self.data: Mapping[str, Any] = data if isinstance(data, Mapping) else {}
        self.where = where
        self.problems = problems
        if not isinstance(data, Mapping):
            problems.add(where, f'"{_name(where) or "file"}" must be a table')

    def _name(self, key: str) -> str:
        return _name((*self.where, key))

    def problem(self, key: str, message: str) -> None:
        """Report `message` at `key` of this table."""
        self.problems.add((*self.where, key), message)

    def get(
        self,
        key: str,
        kind: type[T],
        default: T | None = None,
        required: bool = False,
        *,
        limits: tuple[float, float] | None = None,
        chars: int = TEXT_CHARS,
    ) -> T:
        """The value at `key` if it has the type and range, else `default` and a problem."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.problems.add(self.where, f'missing required key "{self._name(key)}"')
            return cast(T, default)
        checked = self._checked(key, kind, value, limits, chars)
        return cast(T, default) if checked is None else cast(T, checked)

    def _checked(
        self, key: str, kind: type[Any], value: Any, limits: tuple[float, float] | None, chars: int
    ) -> Any:
        name = self._name(key)
        if kind is datetime or kind is date:
            wanted = "a date and time" if kind is datetime else "a date (YYYY-MM-DD)"
            is_kind = isinstance(value, datetime) == (kind is datetime)
            if not isinstance(value, date) or not is_kind:
                self.problem(key, f'"{name}" must be {wanted}, got {quoted(value)}')
                return None
            if not YEARS[0] <= value.year <= YEARS[1]:
                self.problem(
                    key, f'"{name}" must be in the years {YEARS[0]} to {YEARS[1]}, got {value}'
                )
                return None
            if isinstance(value, datetime) and value.tzinfo is None:
                # A hand-edited time without an offset is local time; mixing naive and aware
                # times would make every duration computed from them fail.
                return value.astimezone()
            return value
        if kind is float:
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 1 << 53:
                value = float(value)
            if not isinstance(value, float):
                self.problem(key, f'"{name}" must be a number of seconds, got {quoted(value)}')
                return None
            low, high = limits or (0.0, MAX_SECONDS)
            if not math.isfinite(value) or not low <= value <= high:
                self.problem(
                    key, f'"{name}" must be from {low:g} to {high:g} seconds, got {value:g}'
                )
                return None
            return value
        if kind is int:
            if not isinstance(value, int) or isinstance(value, bool):
                self.problem(key, f'"{name}" must be a whole number, got {quoted(value)}')
                return None
            low, high = limits or (-_UNLIMITED, _UNLIMITED)
            if not low <= value <= high:
                self.problem(key, f'"{name}" must be from {low:g} to {high:g}, got {quoted(value)}')
                return None
            return value
        if kind is str:
            if not isinstance(value, str):
                self.problem(key, f'"{name}" must be a string (in quotes), got {quoted(value)}')
                return None
            if len(value) > chars:
                self.problem(
                    key,
                    f'"{name}" is {len(value):,} characters long; at most {chars:,} are allowed',
                )
                return None
            return clean_text(value)
        if not isinstance(value, kind):
            what = {bool: "true or false", dict: "a table", list: "a list"}.get(kind, kind.__name__)
            self.problem(key, f'"{name}" must be {what}, got {quoted(value)}')
            return None
        return value

    def line(self, key: str, default: str = "", required: bool = False) -> str:
        """A one-line text: a name, a title, an id."""
        return self.get(key, str, default, required, chars=LINE_CHARS)

    def choice(self, key: str, allowed: tuple[str, ...], default: str) -> Any:
        """One of `allowed`, else `default` and a problem naming them."""
        value = self.data.get(key, default)
        if value not in allowed:
            self.problem(
                key,
                f'"{self._name(key)}" must be one of {", ".join(a for a in allowed if a)}, '
                f"got {quoted(value)}",
            )
            return default
        return value

    def tables(self, key: str) -> list[_Reader]:
        """The tables of an array of tables (none, and a problem, if it is something else)."""
        value = self.data.get(key, [])
        if not isinstance(value, list):
            self.problem(key, f'"{self._name(key)}" must be a list of tables')
            return []
        return [_Reader(item, (*self.where, key, i), self.problems) for i, item in enumerate(value)]


def check_schema(data: Mapping[str, Any]) -> None:
    """Refuse files that are not sessions, or that come from a newer program."""
    schema = data.get("schema")
    if schema is None or "committee" not in data or "agenda" not in data:
        raise SessionFormatError("not a facilitator session (no schema, committee or agenda)")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise SessionFormatError('"schema" must be a whole number')
    if schema > SESSION_SCHEMA:
        raise NewerSchemaError(
            f"written by a newer facilitator (session schema {quoted(schema)}; this one reads up "
            f"to {SESSION_SCHEMA}): upgrade facilitator to open it; the file was left untouched"
        )
    if schema < 1:
        raise SessionFormatError(f"unknown session schema {quoted(schema)}")


# HR reads thousands of sessions that carry the same few agenda snapshots: each distinct
# snapshot is checked once per process (only valid ones are kept: a broken one is checked
# again, so its problems can name their lines). Agendas are frozen, so sharing one is safe.
_SNAPSHOTS: dict[str, Agenda] = {}
_SNAPSHOTS_KEPT = 64


def ended_before_started(started: datetime | None, ended: datetime | None) -> str:
    """The problem of a meeting whose end comes before its start (a hand edit, a clock set
    back), or "". Instants are compared, so an end after midnight, or in the hour the clocks
    go back, is later; a time without an offset is local, as the reader takes it."""
    if started is None or ended is None:
        return ""
    start, end = (t if t.tzinfo else t.astimezone() for t in (started, ended))
    if end >= start:
        return ""
    return (
        f'"ended" ({ended.isoformat(" ")}) comes before "started" ({started.isoformat(" ")}); '
        "a meeting cannot end before it started"
    )


def is_newer_schema(data: Mapping[str, Any]) -> bool:
    """Whether parsed data claims a session schema newer than this program reads."""
    schema = data.get("schema")
    return isinstance(schema, int) and not isinstance(schema, bool) and schema > SESSION_SCHEMA


def session_from_data(
    data: Mapping[str, Any], shown: str = "", lines: KeyLines | None = None
) -> Session:
    """Rebuild a Session from parsed TOML, raising SessionFormatError with every problem.

    `shown` names the file and `lines` says where its keys stand, so each problem reads
    `FILE:LINE:COL: message`; without them a problem is just the message.
    """
    lines = lines or KeyLines()
    try:
        check_schema(data)
    except SessionFormatError as error:
        where = ("schema",) if "schema" in data else ()
        position = lines.near(where)
        prefix = f"{shown}:{position[0]}:{position[1]}: " if shown and position else ""
        prefix = prefix or (f"{shown}: " if shown else "")
        raise type(error)([prefix + str(error)]) from None
    problems = _Problems(shown, lines)
    top = _Reader(data, (), problems)
    agenda = _agenda(top, shown, lines)
    known = {theme.id for theme in agenda.themes} if agenda else set()

    records: list[ThemeRecord] = []
    outcome_ids: dict[str, str] = {}
    for item in top.tables("themes"):
        record = ThemeRecord(
            theme_id=item.line("id", required=True),
            # The agenda's range: +/-, scaling and re-planning never go beyond it either.
            timebox=item.get("timebox", int, 0, required=True, limits=(TIMEBOX_MIN, TIMEBOX_MAX)),
            state=item.choice("state", THEME_STATES, "pending"),
            seconds=item.get("seconds", float, 0.0),
            notes=item.get("notes", str, ""),
            presented=item.get("presented", bool, False),
            uncovered_reason=item.get("uncovered_reason", str, ""),
            reason=item.get("reason", str, ""),
            origin=item.choice("origin", THEME_ORIGINS, "agenda"),
            carried_from=item.get("carried_from", date),
            carried_reason=item.get("carried_reason", str, ""),
        )
        if record.state == "skipped" and not record.reason and not record.seconds:
            # Files of earlier versions marked themes jumped over as skipped; nobody decided
            # that, so they are still to do.
            record.state = "pending"
        for raw in item.tables("outcomes"):
            outcome = Outcome(
                id=raw.line("id", required=True),
                kind=raw.choice("kind", OUTCOME_KINDS, ""),
                text=raw.get("text", str, ""),
                owner=raw.line("owner"),
                due=raw.get("date", date),
                created=raw.get("created", datetime, required=True),
            )
            if outcome.id and outcome.id in outcome_ids:
                raw.problem(
                    "id",
                    f"duplicate outcome id {quoted(outcome.id)} (also in {outcome_ids[outcome.id]}); "
                    "each outcome needs its own id",
                )
            elif outcome.id:
                outcome_ids[outcome.id] = _name(raw.where)
            record.outcomes.append(outcome)
        records.append(record)
    listed = [record.theme_id for record in records]
    if agenda is not None and (sorted(listed) != sorted(known) or len(set(listed)) != len(listed)):
        missing = sorted(known - set(listed))
        extra = sorted(set(listed) - known)
        detail = []
        if missing:
            detail.append("no record for " + ", ".join(map(quoted, missing[:5])))
        if extra:
            detail.append("records for unknown themes " + ", ".join(map(quoted, extra[:5])))
        if not detail:
            detail.append("a theme is listed twice")
        top.problem("themes", "the themes do not match the agenda snapshot: " + "; ".join(detail))
    order = {theme_id: index for index, theme_id in enumerate(known and _ids(agenda))}
    records.sort(key=lambda record: order.get(record.theme_id, len(order)))

    first_theme = agenda.themes[0].id if agenda else ""
    session = Session(
        committee=top.line("committee", required=True),
        agenda=agenda,  # type: ignore[arg-type]  # None only when a problem is reported
        themes=records,
        id=top.line("id", required=True),
        place=top.line("place"),
        chair=top.line("chair"),
        secretary=top.line("secretary"),
        formand=top.line("formand"),
        naestformand=top.line("naestformand"),
        created=top.get("created", datetime, required=True),
        planned_start=top.get("planned_start", datetime),
        planned_minutes=top.get(
            "planned_minutes",
            int,
            min(agenda.minutes, PLANNED_MAX) if agenda else 1,
            limits=(PLANNED_MIN, PLANNED_MAX),  # a day at most, as the forms and CLI allow
        ),
        started=top.get("started", datetime),
        ended=top.get("ended", datetime),
        current_theme=top.line("current_theme", first_theme),
        minutes_status=top.choice("minutes_status", MINUTES_STATUSES, "draft"),
        approved_by=top.line("approved_by"),
        approved_at=top.get("approved_at", datetime),
        vice_approved_by=top.line("vice_approved_by"),
        vice_approved_at=top.get("vice_approved_at", datetime),
        followup_of=top.line("followup_of"),
        next_meeting_date=top.get("next_meeting_date", date),
        next_meeting_time=top.line("next_meeting_time"),
        next_meeting_place=top.line("next_meeting_place"),
        running_since=top.get("running_since", datetime),
    )
    if agenda is not None and session.current_theme not in known:
        top.problem(
            "current_theme", f'"current_theme" names no theme: {quoted(session.current_theme)}'
        )
    if wrong := ended_before_started(session.started, session.ended):
        top.problem("ended", wrong)
    for item in top.tables("participants"):
        role = item.choice("role", ROLES, "other")
        session.participants.append(
            Participant(
                name=item.line("name", required=True),
                role=role,
                side=item.choice("side", SIDES, side_for_role(role)),
                present=item.get("present", bool, True),
                arrived=item.get("arrived", datetime),
                left=item.get("left", datetime),
                note=item.get("note", str, ""),
            )
        )
    for item in top.tables("reviews"):
        session.reviews.append(
            Review(
                outcome_id=item.line("outcome_id", required=True),
                kind=item.choice("kind", OUTCOME_KINDS, ""),
                text=item.get("text", str, ""),
                owner=item.line("owner"),
                due=item.get("date", date),
                meeting_date=item.get("meeting_date", date),
                theme_title=item.line("theme_title"),
                status=item.choice("status", REVIEW_STATUSES, ""),
                comment=item.get("comment", str, ""),
                reviewed=item.get("reviewed", datetime),
            )
        )
    if problems.found:
        raise SessionFormatError(problems.lines_in_order())
    return session


def _ids(agenda: Agenda | None) -> list[str]:
    return [theme.id for theme in agenda.themes] if agenda else []


def _agenda(top: _Reader, shown: str, lines: KeyLines) -> Agenda | None:
    """The agenda snapshot, checked like an agenda file; its problems join the session's."""
    found = cast("Mapping[str, Any] | None", top.get("agenda", dict, required=True))
    if found is None:
        return None
    data = dict(found)
    sha256 = str(data.pop("sha256", ""))[:64]
    key = f"{sha256}\0{data!r}"
    if (known := _SNAPSHOTS.get(key)) is not None:
        return known
    try:
        agenda = agenda_from_data(data, shown or "agenda", lines.sub(("agenda",)), sha256=sha256)
    except AgendaError as error:
        for problem in error.problems:
            top.problems.found.append((_position_of(problem), problem))
        return None
    if len(_SNAPSHOTS) >= _SNAPSHOTS_KEPT:
        _SNAPSHOTS.clear()
    _SNAPSHOTS[key] = agenda
    return agenda


def _position_of(problem: str) -> tuple[int, int]:
    """The LINE:COL an agenda problem starts with, for ordering it among the session's."""
    parts = problem.split(":", 3)
    try:
        return int(parts[1]), int(parts[2])
    except (IndexError, ValueError):
        return (1 << 30, 0)
