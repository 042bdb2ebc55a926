"""How times, dates and kinds read on screen, in the interface language."""

from __future__ import annotations

import math
from datetime import date, datetime

from facilitator import i18n
from facilitator.i18n import language


def countdown(seconds: float) -> str:
    """`12:34` while time is left (rounded up), `+01:23` in overtime (rounded down)."""
    if seconds >= 0:
        whole = math.ceil(seconds - 1e-9)
        sign = ""
    else:
        whole = math.floor(-seconds + 1e-9)
        sign = "+"
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes:02d}:{secs:02d}"


def clock_time(moment: datetime) -> str:
    """`14.05` in Danish, `14:05` in English."""
    return i18n.format_time(moment)


def short_date(day: date) -> str:
    """`9. dec. 2026` in Danish, `9 Dec 2026` in English: short months, the screens are narrow."""
    return i18n.format_date(day, short=True)


# The words come from facilitator/i18n; these say which form the screens show.


def kind_label(kind: str) -> str:
    """The name of an outcome kind."""
    return i18n.kind_label(kind)


def theme_kind_label(kind: str) -> str:
    """The name of a theme kind, short."""
    return i18n.theme_kind_label(kind, short=True)


def role_label(role: str) -> str:
    """A participant's role in a few words (the form's role list is narrow at 80 columns)."""
    return i18n.role_label(role, short=True)


def review_status_label(status: str) -> str:
    """A follow-up verdict in words; "" is an outcome nobody has judged yet."""
    return i18n.status_label(status)


def state_label(state: str) -> str:
    """A session's state in words, as the home screen and the register show it."""
    return i18n.state_label(state)


def ellipsize(text: str, width: int) -> str:
    """Cut text to `width` characters, marking the cut with an ellipsis."""
    text = " ".join(text.split())
    if width <= 1 or len(text) <= width:
        return text if width > 1 else text[:width]
    return text[: width - 1] + "…"


def short_kind(kind: str) -> str:
    """An outcome kind in one word, for the narrow kind column."""
    return i18n.kind_label(kind, short=True)


def compact_date(day: date) -> str:
    """`9.12.2026` in Danish, `2026-12-09` in English: short enough for a table column."""
    if language() == "da":
        return f"{day.day}.{day.month}.{day.year}"
    return day.isoformat()
