"""The register's rows: every outcome of every session found, with its latest review status."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from facilitator.agenda import NO_REF, ThemeRef
from facilitator.register.reading import Scan, ScanOptions, scan
from facilitator.register.summary import Problem, ReviewInfo, Summary
from facilitator.reviews import latest_reviews
from facilitator.session import CLOSED_STATUSES, OutcomeKind, SessionState


@dataclass(frozen=True)
class Row:
    """One line of the register: an outcome, where it comes from, and where it stands now."""

    committee: str
    meeting_date: date
    section: str
    theme: str
    theme_ref: ThemeRef
    kind: OutcomeKind
    text: str
    owner: str
    date: date | None
    status: str  # the latest review status; "" when not reviewed yet ("open")
    status_comment: str
    outcome_id: str
    session_state: SessionState
    path: Path

    @property
    def status_code(self) -> str:
        """The status as the data formats write it: "open" for an outcome not reviewed yet."""
        return self.status or "open"

    @property
    def is_open(self) -> bool:
        """Not done and not dropped."""
        return self.status not in CLOSED_STATUSES

    # `datetime.date`: inside the class, `date` names the field.
    def is_overdue(self, today: datetime.date) -> bool:
        """Open and past its date."""
        return self.is_open and self.date is not None and self.date < today


@dataclass
class Register:
    """The rows of every outcome found, with the scan they came from."""

    rows: list[Row]
    scan: Scan

    @property
    def problems(self) -> list[Problem]:
        """Files that could not be read."""
        return self.scan.problems


def latest_statuses(summaries: Iterable[Summary]) -> dict[str, ReviewInfo]:
    """Each outcome's latest review found in the summaries."""
    return latest_reviews((summary.date, summary.reviews) for summary in summaries)


def build_rows(summaries: Sequence[Summary]) -> list[Row]:
    """One row per outcome with its latest status, sorted by date (none last), then committee."""
    latest = latest_statuses(summaries)
    rows: list[Row] = []
    for summary in summaries:
        themes = {theme.id: theme for theme in summary.themes}
        for outcome in summary.outcomes:
            theme = themes.get(outcome.theme_id)
            review = latest.get(outcome.id)
            rows.append(
                Row(
                    committee=summary.committee,
                    meeting_date=summary.date,
                    section=theme.section_title if theme else "",
                    theme=theme.title if theme else "",
                    theme_ref=theme.ref if theme else NO_REF,
                    kind=outcome.kind,
                    text=outcome.text,
                    owner=outcome.owner,
                    date=outcome.due,
                    status=review.status if review else "",
                    status_comment=review.comment if review else "",
                    outcome_id=outcome.id,
                    session_state=summary.state,
                    path=summary.path,
                )
            )
    rows.sort(key=_row_order)
    return rows


def _row_order(row: Row) -> tuple[bool, date, str, date, ThemeRef]:
    return (
        row.date is None,
        row.date or date.min,
        row.committee.casefold(),
        row.meeting_date,
        row.theme_ref,
    )


def collect(paths: Iterable[Path], options: ScanOptions | None = None) -> Register:
    """Read every session under `paths` into the register; unreadable files are listed, not fatal."""
    found = scan(paths, options)
    return Register(build_rows(found.summaries), found)
