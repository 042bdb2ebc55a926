"""The session file format written: a Session to TOML-ready data and to TOML text."""

from __future__ import annotations

from typing import Any

import tomli_w

from facilitator.session import SESSION_SCHEMA, Session, ThemeRecord, clean_text


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
