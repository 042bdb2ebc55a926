"""The shape of a language's vocabulary, so that Danish and English hold the same words."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """A word as tables and headings show it, with its plural and a short form where they differ."""

    name: str
    plural: str = ""
    short: str = ""


@dataclass(frozen=True)
class Vocabulary:
    """Every word of one language that the screens, the reports and the minutes share."""

    kinds: dict[str, Term]  # outcome kinds
    theme_kinds: dict[str, Term]
    roles: dict[str, Term]
    sides: dict[str, Term]
    statuses: dict[str, Term]  # review verdicts; "" not assessed, "open" not reviewed yet
    states: dict[str, Term]  # of a session
    months: tuple[str, ...]
    months_short: tuple[str, ...]
    date_format: str  # fields day, month, year
    time_format: str  # fields hour, minute
    minutes: dict[str, str]  # labels of the minutes
    guidelines: dict[str, str]  # labels of a committee's local guidelines
    coverage: dict[str, str]  # labels of HR's coverage report
    calendar: dict[str, str]  # labels of the deadlines calendar (.ics)
