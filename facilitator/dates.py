"""Dates as people type them: `2026-03-01`, `1.3.2026`, `1/3-2026`, `+14d`, `+2w`, `i dag`."""

from __future__ import annotations

import re
from datetime import date, timedelta

_RELATIVE = re.compile(r"^\+\s*(\d{1,4})\s*([dwmu]?)$")
_DAY_FIRST = re.compile(r"^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{2}|\d{4})$")
_DAY_MONTH_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})\s*-\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TODAY = {"today", "i dag", "idag"}
_TOMORROW = {"tomorrow", "i morgen", "imorgen"}


class DateError(ValueError):
    """A date could not be understood; the message says what would work."""


def parse_date(text: str, today: date) -> date:
    """Read a due or follow-up date; relative forms count from `today`."""
    value = " ".join(text.strip().lower().split())
    if value in _TODAY:
        return today
    if value in _TOMORROW:
        return today + timedelta(days=1)
    if match := _RELATIVE.match(value):
        amount, unit = int(match.group(1)), match.group(2) or "d"
        if unit == "d":
            return today + timedelta(days=amount)
        if unit in "wu":  # u: uge, Danish for week
            return today + timedelta(weeks=amount)
        return _add_months(today, amount)
    if match := _ISO.match(value):
        year, month, day = (int(g) for g in match.groups())
    elif match := (_DAY_FIRST.match(value) or _DAY_MONTH_SLASH.match(value)):
        day, month, year = (int(g) for g in match.groups())
        if year < 100:
            year += 2000
    else:
        raise DateError(f'"{text.strip()}" is not a date: write 2026-03-01, 1.3.2026, +14d or +2w')
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f'"{text.strip()}" is not a day in the calendar') from None


def _add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in range(start.day, 27, -1):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return date(year, month, min(start.day, 28))
