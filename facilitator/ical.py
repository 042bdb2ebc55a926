"""Deadlines as a calendar: open, dated agreements and actions as all-day events (.ics).

All-day VEVENTs rather than VTODOs: Outlook, the calendar most municipalities use, imports an
.ics file's events into the calendar and silently drops its VTODOs (it keeps tasks apart and
never reads them from an .ics); Google Calendar does the same. Each event's UID is derived from
the outcome's id, which never changes, so importing a newer file updates the events instead of
adding copies.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta

from facilitator.i18n import report_words
from facilitator.register.filters import DEFAULT_KINDS
from facilitator.register.rows import Row

UID_DOMAIN = "facilitator.invalid"  # .invalid can never be a real host, so UIDs never clash
PRODID = "-//facilitator//MED deadlines//DA"


def calendar_rows(rows: Iterable[Row], owner: str = "") -> list[Row]:
    """The rows that become events: open agreements and actions with a date (and the owner)."""
    needle = " ".join(owner.casefold().split())
    return [
        row
        for row in rows
        if row.kind in DEFAULT_KINDS
        and row.is_open
        and row.date is not None
        and (not needle or needle in " ".join(row.owner.casefold().split()))
    ]


def uid(row: Row) -> str:
    """The event's UID: the same outcome always gets the same one."""
    return f"{row.outcome_id}@{UID_DOMAIN}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def to_ics(rows: Sequence[Row], language: str, now: datetime | None = None) -> bytes:
    """An iCalendar file with one all-day event per row (rows without a date are skipped)."""
    from icalendar import Calendar, Event

    words = report_words(language).calendar
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", words["calendar"])
    for row in rows:
        if row.date is None:
            continue
        event = Event()
        event.add("uid", uid(row))
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        # An all-day event: a DATE start and the next day as the (exclusive) end.
        event.add("dtstart", row.date)
        event.add("dtend", row.date + timedelta(days=1))
        event.add("summary", _one_line(row.text))
        event.add("description", description(row, words))
        event.add("categories", [_one_line(row.committee)])
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        event.add("x-microsoft-cdo-busystatus", "FREE")
        event.add("x-microsoft-cdo-alldayevent", "TRUE")
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def description(row: Row, words: dict[str, str]) -> str:
    """Committee, theme, owner and meeting, one per line; the whole text last."""
    lines = [
        f"{words['committee']}: {_one_line(row.committee)}",
        f"{words['theme']}: {_one_line(f'{row.theme_ref} {row.theme}')}",
    ]
    if row.owner:
        lines.append(f"{words['owner']}: {_one_line(row.owner)}")
    lines.append(f"{words['meeting']}: {_meeting(row.meeting_date)}")
    lines.append(f"{words['kind']}: {words.get(row.kind, row.kind)}")
    lines += ["", row.text]
    return "\n".join(lines)


def _meeting(day: date) -> str:
    return day.isoformat()
