"""What the register keeps of each session file: small, cheap to pickle, made by `summarize`."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from operator import attrgetter
from pathlib import Path
from typing import Any

from facilitator.agenda import ThemeRef
from facilitator.session import OutcomeKind, Session, SessionState


@dataclass(frozen=True, slots=True)
class ThemeInfo:
    """A theme of a session's agenda snapshot, as far as the register needs it."""

    id: str
    title: str
    kind: str
    ref: ThemeRef
    section_id: str
    section_title: str


@dataclass(frozen=True, slots=True)
class OutcomeInfo:
    """One outcome of a session."""

    id: str
    kind: OutcomeKind
    text: str
    owner: str
    due: date | None
    theme_id: str


@dataclass(frozen=True, slots=True)
class ReviewInfo:
    """One follow-up verdict found in a session."""

    outcome_id: str
    status: str
    comment: str
    reviewed: datetime | None


@dataclass(frozen=True, slots=True)
class Summary:
    """What the register and coverage need from one session file: small, and cheap to pickle."""

    path: Path
    mtime_ns: int
    id: str
    committee: str
    date: date
    state: SessionState
    followup_of: str
    agenda_id: str
    agenda_title: str
    themes: tuple[ThemeInfo, ...]
    covered: frozenset[str]
    presented: frozenset[str]
    outcomes: tuple[OutcomeInfo, ...]
    reviews: tuple[ReviewInfo, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """A file that could not be read as a session; `message` is one line starting with the path."""

    path: Path
    message: str


def _pickled_by_fields(*classes: type) -> None:
    """Pickle each class as its fields in a tuple.

    Worker processes send thousands of these back; the default for frozen dataclasses with
    slots walks `fields()` in Python for every object, both ways, which cost HR's first run
    several percent.
    """
    for cls in classes:
        values = attrgetter(*(f.name for f in fields(cls)))

        def reduce(self: object, cls: type = cls, values: attrgetter[Any] = values) -> Any:
            return cls, values(self)

        cls.__reduce__ = reduce  # type: ignore[assignment,method-assign]


_pickled_by_fields(ThemeInfo, OutcomeInfo, ReviewInfo, Summary)


# Thousands of sessions share a handful of agendas: one copy of each agenda's themes keeps
# memory down, and a chunk sent back from a worker pickles it once.
_SHARED_THEMES: dict[tuple[ThemeInfo, ...], tuple[ThemeInfo, ...]] = {}


def _shared(themes: tuple[ThemeInfo, ...]) -> tuple[ThemeInfo, ...]:
    return _SHARED_THEMES.setdefault(themes, themes)


def summarize(session: Session, path: Path, mtime_ns: int = 0) -> Summary:
    """The register's view of one session."""
    refs = session.agenda.refs()
    themes = _shared(
        tuple(
            ThemeInfo(theme.id, theme.title, theme.kind, refs[theme.id], section.id, section.title)
            for section in session.agenda.sections
            for theme in section.themes
        )
    )
    covered = frozenset(
        record.theme_id
        for record in session.themes
        if record.state == "done" or record.notes.strip() or record.outcomes
    )
    return Summary(
        path=path,
        mtime_ns=mtime_ns,
        id=session.id,
        committee=session.committee,
        date=session.date,
        state=session.state,
        followup_of=session.followup_of,
        agenda_id=session.agenda.id,
        agenda_title=session.agenda.title,
        themes=themes,
        covered=covered,
        presented=frozenset(record.theme_id for record in session.themes if record.presented),
        outcomes=tuple(
            OutcomeInfo(o.id, o.kind, o.text, o.owner, o.due, record.theme_id)
            for record, o in session.outcomes()
        ),
        reviews=tuple(
            ReviewInfo(r.outcome_id, r.status, r.comment, r.reviewed) for r in session.reviews
        ),
    )
