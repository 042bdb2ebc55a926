"""Which rows of the register to show: by committee, kind, open or overdue, date and state."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from facilitator.register.rows import Row
from facilitator.session import OutcomeKind, SessionState

DEFAULT_KINDS: frozenset[OutcomeKind] = frozenset({"agreement", "action"})


@dataclass(frozen=True)
class RowFilter:
    """Which rows to show; the defaults show agreements and actions of every committee."""

    committee: str = ""  # case-insensitive substring of the committee's name
    kinds: frozenset[OutcomeKind] = DEFAULT_KINDS
    open: bool = False
    overdue: bool = False
    since: date | None = None
    states: frozenset[SessionState] = frozenset()  # empty: every state


def matcher(criteria: RowFilter, today: date) -> Callable[[Row], bool]:
    """A predicate for the rows that pass the filter."""
    needle = criteria.committee.casefold().strip()

    def passes(row: Row) -> bool:
        if row.kind not in criteria.kinds:
            return False
        if needle and needle not in row.committee.casefold():
            return False
        if criteria.open and not row.is_open:
            return False
        if criteria.overdue and not row.is_overdue(today):
            return False
        if criteria.since is not None and row.meeting_date < criteria.since:
            return False
        return not criteria.states or row.session_state in criteria.states

    return passes


def select(rows: Iterable[Row], criteria: RowFilter, today: date | None = None) -> list[Row]:
    """The rows that pass the filter, in their order."""
    return list(filter(matcher(criteria, today or date.today()), rows))
