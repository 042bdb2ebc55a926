"""How countdowns, times and dates read on screen, in the interface language."""

from __future__ import annotations

import math
from datetime import date, datetime

from facilitator.i18n import format_date, format_time


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
    return format_time(moment)


def short_date(day: date) -> str:
    """`9. dec. 2026` in Danish, `9 Dec 2026` in English: short months, the screens are narrow."""
    return format_date(day, short=True)
