"""Coverage: which committees have been through which sections and themes of a guide."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from facilitator.followup import REVIEW_SECTION_ID
from facilitator.register.filters import DEFAULT_KINDS
from facilitator.register.rows import Row
from facilitator.register.summary import Summary, ThemeInfo
from facilitator.roster import Roster, name_key
from facilitator.session import REVIEW_THEME_ID
from facilitator.standing import STANDING_IDS


@dataclass(frozen=True)
class ThemeCoverage:
    """One theme of the guide and whether the committee has been through it."""

    id: str
    title: str
    kind: str
    covered: bool


class _Counts:
    """How many of `themes` (a section's, or a whole guide's) are done and presented."""

    if TYPE_CHECKING:  # a section's field, the whole guide's property

        @property
        def themes(self) -> tuple[ThemeCoverage, ...]: ...

    @property
    def themes_done(self) -> int:
        """Themes been through (an obligation only once it has been presented)."""
        return sum(theme.covered for theme in self.themes)

    @property
    def themes_total(self) -> int:
        """Themes counted."""
        return len(self.themes)

    @property
    def obligations_presented(self) -> int:
        """Obligation themes presented."""
        return sum(t.covered for t in self.themes if t.kind == "obligation")

    @property
    def obligations_total(self) -> int:
        """Obligation themes counted."""
        return sum(t.kind == "obligation" for t in self.themes)


@dataclass(frozen=True)
class SectionCoverage(_Counts):
    """One section: its themes been through, and its obligations presented."""

    id: str
    title: str
    themes: tuple[ThemeCoverage, ...]

    @property
    def complete(self) -> bool:
        """Every theme been through."""
        return self.themes_done == self.themes_total


@dataclass(frozen=True)
class CommitteeCoverage(_Counts):
    """One committee over one agenda: how far it has come, and what it still owes."""

    committee: str  # the roster's name, else the spelling of its latest meeting
    agenda_id: str
    agenda_title: str
    sessions: int
    latest_meeting: date | None  # None: on the roster, never met
    sections: tuple[SectionCoverage, ...]
    open: int  # agreements and actions not done or dropped
    overdue: int  # of those, past their date
    on_roster: bool | None = None  # None: no roster to check against
    unit: str = ""
    next_review: date | None = None  # the roster's date, else a year after the latest meeting
    review_overdue: bool = False

    @property
    def started(self) -> bool:
        """Whether the committee has met at all."""
        return self.sessions > 0

    @property
    def themes(self) -> tuple[ThemeCoverage, ...]:
        """Every theme of the guide, section by section."""
        return tuple(theme for section in self.sections for theme in section.themes)

    @property
    def complete(self) -> bool:
        """Every section complete (a committee that never met is not)."""
        return self.started and all(section.complete for section in self.sections)


def _group_key(committee: str, agenda_id: str) -> tuple[str, str]:
    # "LMU Jobcenter" and "lmu  jobcenter" are the same committee typed twice.
    return (name_key(committee), agenda_id)


def a_year_after(day: date) -> date:
    """The same date next year; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _of_the_guide(theme: ThemeInfo) -> bool:
    """Not a follow-up's review, not a MED standing item (agenda, minutes, news ... next meeting)."""
    return (
        theme.section_id != REVIEW_SECTION_ID
        and theme.id != REVIEW_THEME_ID
        and theme.id not in STANDING_IDS
    )


def _guide(summaries: Sequence[Summary]) -> Summary:
    """The session whose agenda snapshot shows the guide best: the most themes, then the latest.

    A follow-up meeting carries a short derived agenda; the full guide is in the first meeting.
    """
    return max(
        summaries,
        key=lambda s: (sum(_of_the_guide(t) for t in s.themes), s.date, s.mtime_ns),
    )


def _sections(
    guide: Summary, covered: set[str], presented: set[str]
) -> tuple[SectionCoverage, ...]:
    sections: list[SectionCoverage] = []
    current: list[ThemeCoverage] = []
    section_id, section_title = "", ""
    for theme in guide.themes:
        if not _of_the_guide(theme):
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
    summaries: Iterable[Summary],
    rows: Iterable[Row],
    today: date,
    roster: Roster | None = None,
) -> list[CommitteeCoverage]:
    """One entry per committee and agenda, sorted by committee then agenda.

    A discussion theme counts once any meeting finished it or wrote notes or outcomes on it;
    an obligation counts once it was presented. `rows` (from the register, with their latest
    statuses) give the open and overdue agreements and actions. With a roster, an alias counts
    under the roster's name, every roster committee is listed (those that never met too), and
    a committee missing from the roster is marked, so a typo shows.
    """

    def name_of(summary: Summary) -> str:
        return roster.canonical(summary.committee) if roster else summary.committee

    groups: dict[tuple[str, str], list[Summary]] = {}
    for summary in summaries:
        groups.setdefault(_group_key(name_of(summary), summary.agenda_id), []).append(summary)
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
        entry = roster.find(latest.committee) if roster else None
        review = entry.next_review if entry and entry.next_review else a_year_after(latest.date)
        result.append(
            CommitteeCoverage(
                committee=name_of(latest),
                agenda_id=guide.agenda_id,
                agenda_title=guide.agenda_title,
                sessions=len(members),
                latest_meeting=latest.date,
                sections=_sections(guide, covered, presented),
                open=open_count.get(key, 0),
                overdue=overdue_count.get(key, 0),
                on_roster=None if roster is None else entry is not None,
                unit=entry.unit if entry else "",
                next_review=review,
                review_overdue=review < today,
            )
        )
    if roster is not None:
        met = {name_key(item.committee) for item in result}
        for committee in roster.committees:
            if name_key(committee.name) in met:
                continue
            due = committee.next_review
            result.append(
                CommitteeCoverage(
                    committee=committee.name,
                    agenda_id="",
                    agenda_title="",
                    sessions=0,
                    latest_meeting=None,
                    sections=(),
                    open=0,
                    overdue=0,
                    on_roster=True,
                    unit=committee.unit,
                    next_review=due,
                    review_overdue=due is not None and due < today,
                )
            )
    result.sort(key=lambda c: _group_key(c.committee, c.agenda_id))
    return result
