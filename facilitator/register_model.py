"""The register's plain data: what it keeps of each session file, small and cheap to pickle."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from facilitator.session import OutcomeKind

SessionState = Literal["in-progress", "ended", "approved"]
SESSION_STATES: tuple[SessionState, ...] = ("in-progress", "ended", "approved")


@dataclass(frozen=True, slots=True)
class ThemeInfo:
    """A theme of a session's agenda snapshot, as far as the register needs it."""

    id: str
    title: str
    kind: str
    ref: str  # "3.1": section 3, theme 1
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


# Thousands of sessions share a handful of agendas: one copy of each agenda's themes keeps
# memory down, and a chunk sent back from a worker pickles it once.
_SHARED_THEMES: dict[tuple[ThemeInfo, ...], tuple[ThemeInfo, ...]] = {}


def _shared(themes: tuple[ThemeInfo, ...]) -> tuple[ThemeInfo, ...]:
    return _SHARED_THEMES.setdefault(themes, themes)
