"""The session file format: a Session to TOML-ready data and back, with shape checks."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, TypeVar, cast

import tomli_w

from facilitator.agenda import Agenda, AgendaError, agenda_from_data
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

T = TypeVar("T")


class SessionFormatError(Exception):
    """A file is not a session this program can read; the message says why and where."""


class NewerSchemaError(SessionFormatError):
    """The file was written by a newer facilitator; it must be left untouched."""


def _drop_empty(data: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    """TOML has no null: leave out None, and empty optional text to keep files short.

    Keys in `keep` are required by the reader, so they stay even when empty: an empty
    committee or participant name must not make a file that cannot be opened again.
    """
    return {
        key: value
        for key, value in data.items()
        if value is not None and (value != "" or key in keep)
    }


def _text(value: str) -> str:
    return clean_text(value)


def session_to_toml(session: Session) -> str:
    """The whole session as TOML, exactly as the session file holds it."""
    return tomli_w.dumps(session_to_data(session))


def session_to_data(session: Session) -> dict[str, Any]:
    """The session as plain data for tomli-w: no None, text normalised so a round trip is exact."""
    data = _drop_empty(
        {
            "schema": SESSION_SCHEMA,
            "id": session.id,
            "committee": _text(session.committee),
            "place": _text(session.place),
            "chair": _text(session.chair),
            "secretary": _text(session.secretary),
            "formand": _text(session.formand),
            "naestformand": _text(session.naestformand),
            "created": session.created,
            "planned_start": session.planned_start,
            "planned_minutes": session.planned_minutes,
            "started": session.started,
            "ended": session.ended,
            "current_theme": session.current_theme,
            "minutes_status": session.minutes_status,
            "approved_by": _text(session.approved_by),
            "approved_at": session.approved_at,
            "vice_approved_by": _text(session.vice_approved_by),
            "vice_approved_at": session.vice_approved_at,
            "followup_of": session.followup_of,
            "next_meeting_date": session.next_meeting_date,
            "next_meeting_time": _text(session.next_meeting_time),
            "next_meeting_place": _text(session.next_meeting_place),
            "running_since": session.running_since,
        },
        keep=("committee",),
    )
    data["participants"] = [
        _drop_empty(
            {
                "name": _text(p.name),
                "role": p.role,
                "side": p.side,
                "present": p.present,
                "arrived": p.arrived,
                "left": p.left,
                "note": _text(p.note),
            },
            # An empty side is a choice (a guest sits on neither side): it is kept.
            keep=("name", "side"),
        )
        for p in session.participants
    ]
    data["reviews"] = [
        _drop_empty(
            {
                "outcome_id": r.outcome_id,
                "kind": r.kind,
                "text": _text(r.text),
                "owner": _text(r.owner),
                "date": r.due,
                "meeting_date": r.meeting_date,
                "theme_title": _text(r.theme_title),
                "status": r.status,
                "comment": _text(r.comment),
                "reviewed": r.reviewed,
            }
        )
        for r in session.reviews
    ]
    data["themes"] = [_record_data(record) for record in session.themes]
    agenda = session.agenda.to_data()
    if session.agenda.sha256:
        agenda["sha256"] = session.agenda.sha256
    data["agenda"] = agenda
    return data


def _record_data(record: ThemeRecord) -> dict[str, Any]:
    data = _drop_empty(
        {
            "id": record.theme_id,
            "state": record.state,
            "seconds": round(float(record.seconds), 3),
            "timebox": record.timebox,
            "notes": _text(record.notes),
            "presented": record.presented or None,
            "uncovered_reason": _text(record.uncovered_reason),
            "reason": _text(record.reason),
            "origin": None if record.origin == "agenda" else record.origin,
            "carried_from": record.carried_from,
            "carried_reason": _text(record.carried_reason),
        }
    )
    data["outcomes"] = [
        _drop_empty(
            {
                "id": o.id,
                "kind": o.kind,
                "text": _text(o.text),
                "owner": _text(o.owner),
                "date": o.due,
                "created": o.created,
            }
        )
        for o in record.outcomes
    ]
    return data


class _Reader:
    """Typed access to one table of a session file, naming the key path on failure."""

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, Mapping):
            raise SessionFormatError(f"{path or 'file'}: expected a table")
        self.data = data
        self.path = path

    def _name(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def get(self, key: str, kind: type[T], default: T | None = None, required: bool = False) -> T:
        value = self.data.get(key)
        if value is None:
            if required:
                raise SessionFormatError(f'missing required key "{self._name(key)}"')
            return cast(T, default)
        if kind is datetime and not isinstance(value, datetime):
            raise SessionFormatError(f'"{self._name(key)}" must be a date and time')
        if kind is date and (not isinstance(value, date) or isinstance(value, datetime)):
            raise SessionFormatError(f'"{self._name(key)}" must be a date (YYYY-MM-DD)')
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if kind is int and isinstance(value, bool):
            raise SessionFormatError(f'"{self._name(key)}" must be a whole number')
        if not isinstance(value, kind):
            raise SessionFormatError(f'"{self._name(key)}" must be of type {kind.__name__}')
        return value

    def choice(self, key: str, allowed: tuple[str, ...], default: str) -> Any:
        value = self.get(key, str, default)
        if value not in allowed:
            raise SessionFormatError(
                f'"{self._name(key)}" must be one of {", ".join(a for a in allowed if a)}, '
                f'got "{value}"'
            )
        return value

    def tables(self, key: str) -> list[_Reader]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise SessionFormatError(f'"{self._name(key)}" must be a list of tables')
        return [_Reader(item, f"{self._name(key)}[{i + 1}]") for i, item in enumerate(value)]


def check_schema(data: Mapping[str, Any]) -> None:
    """Refuse files that are not sessions, or that come from a newer program."""
    schema = data.get("schema")
    if schema is None or "committee" not in data or "agenda" not in data:
        raise SessionFormatError("not a facilitator session (no schema, committee or agenda)")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise SessionFormatError('"schema" must be a whole number')
    if schema > SESSION_SCHEMA:
        raise NewerSchemaError(
            f"written by a newer facilitator (session schema {schema}; this one reads up to "
            f"{SESSION_SCHEMA}): upgrade facilitator to open it; the file was left untouched"
        )
    if schema < 1:
        raise SessionFormatError(f"unknown session schema {schema}")


# HR reads thousands of sessions that carry the same few agenda snapshots: each distinct
# snapshot is checked once per process. Agendas are frozen, so sharing one is safe.
_SNAPSHOTS: dict[str, Agenda] = {}
_SNAPSHOTS_KEPT = 64


def _agenda_snapshot(agenda_data: dict[str, Any], sha256: str) -> Agenda:
    key = f"{sha256}\0{agenda_data!r}"
    agenda = _SNAPSHOTS.get(key)
    if agenda is None:
        agenda = agenda_from_data(agenda_data, "agenda", sha256=sha256)
        if len(_SNAPSHOTS) >= _SNAPSHOTS_KEPT:
            _SNAPSHOTS.clear()
        _SNAPSHOTS[key] = agenda
    return agenda


def session_from_data(data: Mapping[str, Any]) -> Session:
    """Rebuild a Session from parsed TOML, raising SessionFormatError naming what is wrong."""
    check_schema(data)
    top = _Reader(data, "")
    agenda_data = dict(top.get("agenda", dict, required=True))
    sha256 = agenda_data.pop("sha256", "")
    try:
        agenda = _agenda_snapshot(agenda_data, str(sha256))
    except AgendaError as error:
        raise SessionFormatError(f"the agenda snapshot is broken: {error.problems[0]}") from None

    records: list[ThemeRecord] = []
    for item in top.tables("themes"):
        record = ThemeRecord(
            theme_id=item.get("id", str, required=True),
            timebox=item.get("timebox", int, required=True),
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
            record.outcomes.append(
                Outcome(
                    id=raw.get("id", str, required=True),
                    kind=raw.choice("kind", OUTCOME_KINDS, ""),
                    text=raw.get("text", str, ""),
                    owner=raw.get("owner", str, ""),
                    due=raw.get("date", date),
                    created=raw.get("created", datetime, required=True),
                )
            )
        records.append(record)
    known = {theme.id for theme in agenda.themes}
    listed = [record.theme_id for record in records]
    if sorted(listed) != sorted(known) or len(set(listed)) != len(listed):
        raise SessionFormatError("the themes do not match the agenda snapshot")
    order = {theme.id: index for index, theme in enumerate(agenda.themes)}
    records.sort(key=lambda record: order[record.theme_id])

    session = Session(
        committee=top.get("committee", str, required=True),
        agenda=agenda,
        themes=records,
        id=top.get("id", str, required=True),
        place=top.get("place", str, ""),
        chair=top.get("chair", str, ""),
        secretary=top.get("secretary", str, ""),
        formand=top.get("formand", str, ""),
        naestformand=top.get("naestformand", str, ""),
        created=top.get("created", datetime, required=True),
        planned_start=top.get("planned_start", datetime),
        planned_minutes=top.get("planned_minutes", int, agenda.minutes),
        started=top.get("started", datetime),
        ended=top.get("ended", datetime),
        current_theme=top.get("current_theme", str, agenda.themes[0].id),
        minutes_status=top.choice("minutes_status", MINUTES_STATUSES, "draft"),
        approved_by=top.get("approved_by", str, ""),
        approved_at=top.get("approved_at", datetime),
        vice_approved_by=top.get("vice_approved_by", str, ""),
        vice_approved_at=top.get("vice_approved_at", datetime),
        followup_of=top.get("followup_of", str, ""),
        next_meeting_date=top.get("next_meeting_date", date),
        next_meeting_time=top.get("next_meeting_time", str, ""),
        next_meeting_place=top.get("next_meeting_place", str, ""),
        running_since=top.get("running_since", datetime),
    )
    if session.current_theme not in known:
        raise SessionFormatError(f'"current_theme" names no theme: "{session.current_theme}"')
    for item in top.tables("participants"):
        role = item.choice("role", ROLES, "other")
        session.participants.append(
            Participant(
                name=item.get("name", str, required=True),
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
                outcome_id=item.get("outcome_id", str, required=True),
                kind=item.choice("kind", OUTCOME_KINDS, ""),
                text=item.get("text", str, ""),
                owner=item.get("owner", str, ""),
                due=item.get("date", date),
                meeting_date=item.get("meeting_date", date),
                theme_title=item.get("theme_title", str, ""),
                status=item.choice("status", REVIEW_STATUSES, ""),
                comment=item.get("comment", str, ""),
                reviewed=item.get("reviewed", datetime),
            )
        )
    return session
