"""How times, dates and kinds read on screen, in the interface language."""

from __future__ import annotations

import math
from datetime import date, datetime

from facilitator.i18n import _, language

_MONTHS_DA = (
    "jan.",
    "feb.",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
)
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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
    separator = "." if language() == "da" else ":"
    return f"{moment.hour:02d}{separator}{moment.minute:02d}"


def short_date(day: date) -> str:
    """`9. dec. 2026` in Danish, `9 Dec 2026` in English."""
    if language() == "da":
        return f"{day.day}. {_MONTHS_DA[day.month - 1]} {day.year}"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def kind_label(kind: str) -> str:
    """The name of an outcome kind."""
    return {
        "decision": _("Decision"),
        "agreement": _("Agreement"),
        "action": _("Action"),
        "question": _("Open question"),
    }[kind]


def theme_kind_label(kind: str) -> str:
    """The name of a theme kind."""
    return _("Minimum obligations") if kind == "obligation" else _("Discussion")


def role_label(role: str) -> str:
    """A participant's role in a few words (the form's role list is narrow at 80 columns)."""
    return {
        "leader": _("Leader"),
        "employee-representative": _("Employee rep."),
        "tr": _("TR (union rep.)"),
        "amr": _("AMR (safety rep.)"),
        "secretary": _("Secretary"),
        "guest": _("Guest"),
        "other": _("Other"),
    }.get(role, role)


def review_status_label(status: str, unreviewed: str) -> str:
    """A follow-up status in words; `unreviewed` names an outcome nobody has judged yet."""
    return {
        "": unreviewed,
        "done": _("done"),
        "in-progress": _("in progress"),
        "not-started": _("not started"),
        "dropped": _("dropped"),
    }.get(status, status)


def state_label(state: str) -> str:
    """A session's state in words, as the home screen and the register show it."""
    return {
        "in-progress": _("In progress"),
        "ended": _("Ended"),
        "approved": _("Approved"),
    }.get(state, state)


def ellipsize(text: str, width: int) -> str:
    """Cut text to `width` characters, marking the cut with an ellipsis."""
    text = " ".join(text.split())
    if width <= 1 or len(text) <= width:
        return text if width > 1 else text[:width]
    return text[: width - 1] + "…"


def short_kind(kind: str) -> str:
    """An outcome kind in one word, for the narrow kind column."""
    return _("Question") if kind == "question" else kind_label(kind)


def compact_date(day: date) -> str:
    """`9.12.2026` in Danish, `2026-12-09` in English: short enough for a table column."""
    if language() == "da":
        return f"{day.day}.{day.month}.{day.year}"
    return day.isoformat()
