"""«Næste møde»: the date, time and place of the next meeting, as the secretary types them."""

from __future__ import annotations

import re
from datetime import date

from facilitator.i18n import words
from facilitator.session import Session, clean_line

# `14`, `14.00`, `14:00`, `9.30`, optionally a range `14.00-16.00` / `14–16`; «kl.» is allowed
# in front, since that is how a Danish secretary writes it.
_CLOCK = r"(\d{1,2})(?:[.:](\d{2}))?"
_TIME = re.compile(rf"^(?:kl\.?\s*)?{_CLOCK}(?:\s*[-–—]\s*(?:kl\.?\s*)?{_CLOCK})?$")


class MeetingTimeError(ValueError):
    """A time of day that could not be read; the message says what would work."""


def parse_meeting_time(text: str, language: str) -> str:
    """A typed time (or range) in the minutes' style: `14.00–16.00` in Danish, `14:00–16:00`.

    Empty stays empty; MeetingTimeError for anything that is not a time of day.
    """
    value = " ".join(text.strip().lower().split())
    if not value:
        return ""
    match = _TIME.match(value)
    if match is None:
        raise MeetingTimeError(f'"{clean_line(text)}" is not a time: write 14.00 or 14.00-16.00')
    form = words(language).time_format
    times = []
    for hour_text, minute_text in (match.group(1, 2), match.group(3, 4)):
        if hour_text is None:
            continue
        hour, minute = int(hour_text), int(minute_text or 0)
        if hour > 23 or minute > 59:
            raise MeetingTimeError(f'"{clean_line(text)}" is not a time of day')
        times.append(form.format(hour=hour, minute=minute))
    return "–".join(times)


def set_next_meeting(session: Session, day: date | None, time: str, place: str) -> bool:
    """Store «Næste møde»; whether anything changed (approved minutes become a draft again)."""
    time, place = clean_line(time), clean_line(place)
    current = (session.next_meeting_date, session.next_meeting_time, session.next_meeting_place)
    if current == (day, time, place):
        return False
    session.revoke_approval()
    session.next_meeting_date = day
    session.next_meeting_time = time
    session.next_meeting_place = place
    return True


def next_meeting_text(session: Session, language: str) -> str:
    """`9. juni 2026, kl. 14.00–16.00, Mødelokale 2` as plain text; "" when nothing is set."""
    from facilitator.i18n import format_date

    parts = []
    if session.next_meeting_date:
        parts.append(format_date(session.next_meeting_date, language))
    if session.next_meeting_time:
        prefix = words(language).minutes["at"]
        parts.append(f"{prefix} {session.next_meeting_time}".strip())
    if session.next_meeting_place:
        parts.append(session.next_meeting_place)
    return ", ".join(parts)
