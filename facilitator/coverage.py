"""Coverage: which committees have been through which sections and themes of a guide."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from facilitator.followup import REVIEW_SECTION_ID
from facilitator.register.filters import DEFAULT_KINDS
from facilitator.register.rows import Row
from facilitator.register.summary import Summary
from facilitator.session import REVIEW_THEME_ID


@dataclass(frozen=True)
class ThemeCoverage:
    """One theme of the guide and whether the committee has been through it."""

    id: str
    title: str
    kind: str
    covered: bool


@dataclass(frozen=True)
class SectionCoverage:
    """One section: its themes been through, and its obligations presented."""

    id: str
    title: str
    themes: tuple[ThemeCoverage, ...]

    @property
    def themes_done(self) -> int:
        """Themes been through (an obligation only once it has been presented)."""
        return sum(theme.covered for theme in self.themes)

    @property
    def themes_total(self) -> int:
        """Themes in the section."""
        return len(self.themes)

    @property
    def obligations_presented(self) -> int:
        """Obligation themes presented."""
        return sum(t.covered for t in self.themes if t.kind == "obligation")

    @property
    def obligations_total(self) -> int:
        """Obligation themes in the section."""
        return sum(t.kind == "obligation" for t in self.themes)

    @property
    def complete(self) -> bool:
        """Every theme been through."""
        return self.themes_done == self.themes_total


@dataclass(frozen=True)
class CommitteeCoverage:
    """One committee over one agenda: how far it has come, and what it still owes."""

    committee: str  # the spelling of its latest meeting
    agenda_id: str
    agenda_title: str
    sessions: int
    latest_meeting: date
    sections: tuple[SectionCoverage, ...]
    open: int  # agreements and actions not done or dropped
    overdue: int  # of those, past their date

    @property
    def themes_done(self) -> int:
        """Themes been through in the whole guide."""
        return sum(section.themes_done for section in self.sections)

    @property
    def themes_total(self) -> int:
        """Themes in the whole guide."""
        return sum(section.themes_total for section in self.sections)

    @property
    def obligations_presented(self) -> int:
        """Obligations presented in the whole guide."""
        return sum(section.obligations_presented for section in self.sections)

    @property
    def obligations_total(self) -> int:
        """Obligations in the whole guide."""
        return sum(section.obligations_total for section in self.sections)

    @property
    def complete(self) -> bool:
        """Every section complete."""
        return all(section.complete for section in self.sections)


def _group_key(committee: str, agenda_id: str) -> tuple[str, str]:
    # "LMU Jobcenter" and "lmu  jobcenter" are the same committee typed twice.
    return (" ".join(committee.casefold().split()), agenda_id)


def _guide(summaries: Sequence[Summary]) -> Summary:
    """The session whose agenda snapshot shows the guide best: the most themes, then the latest.

    A follow-up meeting carries a short derived agenda; the full guide is in the first meeting.
    """
    return max(
        summaries,
        key=lambda s: (sum(t.id != REVIEW_THEME_ID for t in s.themes), s.date, s.mtime_ns),
    )


def _sections(
    guide: Summary, covered: set[str], presented: set[str]
) -> tuple[SectionCoverage, ...]:
    sections: list[SectionCoverage] = []
    current: list[ThemeCoverage] = []
    section_id, section_title = "", ""
    for theme in guide.themes:
        if theme.section_id == REVIEW_SECTION_ID or theme.id == REVIEW_THEME_ID:
            continue
        if theme.section_id != section_id:
            if current:
                sections.append(SectionCoverage(section_id, section_title, tuple(current)))
            current, section_id, section_title = [], theme.section_id, theme.section_title
        done = theme.id in presented if theme.kind == "obligation" else theme.id in covered
        current.append(ThemeCoverage(theme.id, theme.title, theme.kind, done))
    if current:
        sections.append(SectionCoverage(section_id, section_title, tuple(current)))
    return tuple(sections)


def committee_coverage(
    summaries: Iterable[Summary], rows: Iterable[Row], today: date
) -> list[CommitteeCoverage]:
    """One entry per committee and agenda, sorted by committee then agenda.

    A discussion theme counts once any meeting finished it or wrote notes or outcomes on it;
    an obligation counts once it was presented. `rows` (from the register, with their latest
    statuses) give the open and overdue agreements and actions.
    """
    groups: dict[tuple[str, str], list[Summary]] = {}
    for summary in summaries:
        groups.setdefault(_group_key(summary.committee, summary.agenda_id), []).append(summary)
    by_path = {summary.path: key for key, members in groups.items() for summary in members}
    open_count: dict[tuple[str, str], int] = {}
    overdue_count: dict[tuple[str, str], int] = {}
    for row in rows:
        group = by_path.get(row.path)
        if group is None or row.kind not in DEFAULT_KINDS or not row.is_open:
            continue
        open_count[group] = open_count.get(group, 0) + 1
        if row.is_overdue(today):
            overdue_count[group] = overdue_count.get(group, 0) + 1
    result: list[CommitteeCoverage] = []
    for key, members in groups.items():
        latest = max(members, key=lambda s: (s.date, s.mtime_ns))
        guide = _guide(members)
        covered = set().union(*(s.covered for s in members))
        presented = set().union(*(s.presented for s in members))
        result.append(
            CommitteeCoverage(
                committee=latest.committee,
                agenda_id=guide.agenda_id,
                agenda_title=guide.agenda_title,
                sessions=len(members),
                latest_meeting=latest.date,
                sections=_sections(guide, covered, presented),
                open=open_count.get(key, 0),
                overdue=overdue_count.get(key, 0),
            )
        )
    result.sort(key=lambda c: _group_key(c.committee, c.agenda_id))
    return result
