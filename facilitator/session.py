"""The meeting's data: participants, per-theme time and notes, outcomes, follow-up reviews."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, get_args

from facilitator.agenda import PLANNED_MAX, Agenda, Theme
from facilitator.agenda_model import find
from facilitator.roles import DEFAULT_SIDE as DEFAULT_SIDE
from facilitator.roles import ROLE_ALIASES as ROLE_ALIASES
from facilitator.roles import ROLES as ROLES
from facilitator.roles import SIDES as SIDES
from facilitator.roles import Role as Role
from facilitator.roles import Side as Side
from facilitator.roles import parse_role as parse_role
from facilitator.roles import side_for_role as side_for_role
from facilitator.text import clean_line as clean_line
from facilitator.text import clean_text as clean_text
from facilitator.timeboxes import OBLIGATION_FLOOR as OBLIGATION_FLOOR
from facilitator.timeboxes import fit_timeboxes as fit_timeboxes

SESSION_SCHEMA = 1
# The first theme of a follow-up meeting: the review of earlier outcomes (see followup.py).
REVIEW_THEME_ID = "opfoelgning-tidligere"

# pending: to do; active: current; done: dealt with; skipped: not coming back (with a reason);
# postponed: to the next meeting (with a reason), which carries it (see carry.py).
ThemeState = Literal["pending", "active", "done", "skipped", "postponed"]
# Where a theme of the session comes from: the agenda, added on the spot during the meeting,
# or carried over from an earlier meeting. Other engineers' features add their own origins.
ThemeOrigin = Literal["agenda", "added", "carried", "standing"]
OutcomeKind = Literal["decision", "agreement", "action", "question"]
ReviewStatus = Literal["", "done", "in-progress", "not-started", "dropped"]
MinutesStatus = Literal["draft", "approved"]
SessionState = Literal["in-progress", "ended", "approved"]
# Why a theme counts as not covered at the end of the meeting (see Session.gap).
Gap = Literal["not-reached", "not-presented", "nothing-captured", "review-open"]

# Leaving a theme after this long on it (or with something captured) marks it dealt with.
DEALT_WITH_SECONDS = 60.0
# A standing item is a formality («any remarks?»): a few seconds on it with the clock running
# take it. Less is the chair skimming ahead with n, which decides nothing.
STANDING_TAKEN_SECONDS = 3.0

THEME_STATES: tuple[ThemeState, ...] = get_args(ThemeState)
THEME_ORIGINS: tuple[ThemeOrigin, ...] = get_args(ThemeOrigin)
# States the chair decided, each with a reason: moving between themes never undoes them.
SET_ASIDE: tuple[ThemeState, ...] = ("skipped", "postponed")
OUTCOME_KINDS: tuple[OutcomeKind, ...] = get_args(OutcomeKind)
REVIEW_STATUSES: tuple[ReviewStatus, ...] = get_args(ReviewStatus)
MINUTES_STATUSES: tuple[MinutesStatus, ...] = get_args(MinutesStatus)
SESSION_STATES: tuple[SessionState, ...] = get_args(SessionState)
# An outcome reviewed as done or dropped needs no more follow-up.
CLOSED_STATUSES = frozenset({"done", "dropped"})

# `Session.date` shadows the type inside the class body; methods below use this name.
Day = date


def now() -> datetime:
    """Local wall-clock time with its UTC offset, to the second: what goes into files."""
    return datetime.now().astimezone().replace(microsecond=0)


def new_id() -> str:
    """A short random id, unique across sessions for all practical purposes (48 bits)."""
    return os.urandom(6).hex()  # as secrets.token_hex does, without its imports


@dataclass
class Participant:
    """A member of the committee, or a guest, at this meeting."""

    name: str
    role: Role = "employee-representative"
    side: Side = "employees"
    present: bool = True
    arrived: datetime | None = None
    left: datetime | None = None
    note: str = ""


@dataclass
class Outcome:
    """Something the meeting produced: a decision, agreement, action or open question."""

    kind: OutcomeKind
    text: str
    owner: str = ""
    due: date | None = None
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)


@dataclass
class ThemeRecord:
    """What happened on one theme: its state, time, adjusted timebox, notes and outcomes."""

    theme_id: str
    timebox: int
    state: ThemeState = "pending"
    seconds: float = 0.0
    notes: str = ""
    presented: bool = False
    outcomes: list[Outcome] = field(default_factory=list)
    uncovered_reason: str = ""
    reason: str = ""  # why it was skipped or postponed
    origin: ThemeOrigin = "agenda"
    carried_from: date | None = None  # the earlier meeting's date, for a carried theme
    carried_reason: str = ""  # why the earlier meeting postponed it ("": not reached)

    @property
    def to_do(self) -> bool:
        """Still to be dealt with at this meeting (the current theme is not: it is under way)."""
        return self.state == "pending"

    @property
    def set_aside(self) -> bool:
        """Skipped or postponed by the chair, with a reason."""
        return self.state in SET_ASIDE


def used_minutes(seconds: float) -> int:
    """Whole minutes as the agenda and the minutes show time spent: rounded, 14:31 reads 15."""
    return int(seconds // 60 + (1 if seconds % 60 >= 30 else 0))


@dataclass
class Review:
    """A follow-up meeting's verdict on one outcome of an earlier meeting of the committee."""

    outcome_id: str
    kind: OutcomeKind
    text: str
    owner: str = ""
    due: date | None = None
    meeting_date: date | None = None
    theme_title: str = ""
    status: ReviewStatus = ""
    comment: str = ""
    reviewed: datetime | None = None


# The fields naming someone by what they do at the meeting: who leads it and who writes the
# minutes, the committee's formand and næstformand, and who approved the minutes.
OFFICERS = ("chair", "secretary", "formand", "naestformand", "approved_by", "vice_approved_by")


@dataclass
class Session:
    """One meeting of one committee over one agenda; self-contained (carries the agenda)."""

    committee: str
    agenda: Agenda
    themes: list[ThemeRecord]
    id: str = field(default_factory=new_id)
    place: str = ""
    chair: str = ""  # the mødeleder: often the formand, but not always
    secretary: str = ""
    # A MED committee's formand and næstformand, one from each side: both approve the minutes.
    formand: str = ""
    naestformand: str = ""
    participants: list[Participant] = field(default_factory=list)
    planned_start: datetime | None = None
    planned_minutes: int = 0
    started: datetime | None = None
    ended: datetime | None = None
    current_theme: str = ""
    created: datetime = field(default_factory=now)
    minutes_status: MinutesStatus = "draft"
    approved_by: str = ""  # the formand's approval
    approved_at: datetime | None = None
    vice_approved_by: str = ""  # the næstformand's approval
    vice_approved_at: datetime | None = None
    followup_of: str = ""
    reviews: list[Review] = field(default_factory=list)
    # «Næste møde», captured as fields: the minutes print them, a follow-up starts from them.
    next_meeting_date: date | None = None
    next_meeting_time: str = ""  # as typed: "14.00"
    next_meeting_place: str = ""
    # While the clock runs: the wall time from which the current theme's running span counts,
    # on top of its record's seconds. A reader of the file (the presenter view) computes the
    # live time from these two; None while the clock is paused.
    running_since: datetime | None = None

    @classmethod
    def new(cls, committee: str, agenda: Agenda, planned_minutes: int | None = None) -> Session:
        """A fresh session with a record per theme; a planned length scales the timeboxes."""
        session = cls(
            committee=clean_line(committee),
            agenda=agenda,
            themes=[ThemeRecord(theme.id, theme.timebox) for theme in agenda.themes],
            # A meeting is planned for a day at most (what the loader accepts), however many
            # long themes the agenda holds.
            planned_minutes=min(agenda.minutes, PLANNED_MAX),
            current_theme=agenda.themes[0].id,
        )
        if planned_minutes is not None and planned_minutes != agenda.minutes:
            session.scale_to(planned_minutes)
        return session

    # -- lookups ------------------------------------------------------------------------

    @property
    def state(self) -> SessionState:
        """Where the meeting stands, as the register shows it."""
        if self.minutes_status == "approved":
            return "approved"
        return "ended" if self.ended else "in-progress"

    @property
    def date(self) -> date:
        """The meeting's date: when it started, else when it was planned or created."""
        moment = self.started or self.planned_start or self.created
        return moment.date()

    def record(self, theme_id: str) -> ThemeRecord:
        """The record of a theme by id."""
        return find(self.themes, lambda record: record.theme_id == theme_id, theme_id)

    def theme(self, theme_id: str) -> Theme:
        """The agenda's theme by id."""
        return self.agenda.theme(theme_id)

    @property
    def current(self) -> ThemeRecord:
        """The record of the theme the meeting is on."""
        return self.record(self.current_theme)

    def index_of(self, theme_id: str) -> int:
        """The position of a theme in agenda order."""
        for index, record in enumerate(self.themes):
            if record.theme_id == theme_id:
                return index
        raise KeyError(theme_id)

    def outcomes(self) -> list[tuple[ThemeRecord, Outcome]]:
        """Every outcome with the record of the theme it belongs to, in agenda order."""
        return [(record, outcome) for record in self.themes for outcome in record.outcomes]

    def find_outcome(self, outcome_id: str) -> tuple[ThemeRecord, Outcome]:
        """An outcome and its theme's record by the outcome's id."""
        return find(self.outcomes(), lambda pair: pair[1].id == outcome_id, outcome_id)

    @property
    def present(self) -> list[Participant]:
        """Participants who took part."""
        return [p for p in self.participants if p.present]

    @property
    def absent(self) -> list[Participant]:
        """Participants who sent apologies."""
        return [p for p in self.participants if not p.present]

    @property
    def timebox_minutes(self) -> int:
        """The sum of the adjusted timeboxes."""
        return sum(record.timebox for record in self.themes)

    # -- changes ------------------------------------------------------------------------

    def scale_to(self, planned_minutes: int) -> None:
        """Fit all timeboxes to a planned length, in proportion, whole minutes, 1 at least;
        an obligation keeps at least OBLIGATION_FLOOR minutes (see fit_timeboxes)."""
        planned_minutes = max(1, min(planned_minutes, PLANNED_MAX))  # what the loader accepts
        fitted = fit_timeboxes(self.agenda.themes, planned_minutes)
        for record, minutes in zip(self.themes, fitted, strict=True):
            record.timebox = minutes
        self.planned_minutes = planned_minutes

    def add_outcome(
        self,
        theme_id: str,
        kind: OutcomeKind,
        text: str,
        owner: str = "",
        due: Day | None = None,
    ) -> Outcome:
        """Capture an outcome on a theme."""
        outcome = Outcome(
            kind=kind, text=clean_text(text).strip(), owner=clean_line(owner), due=due
        )
        self.record(theme_id).outcomes.append(outcome)
        return outcome

    def update_outcome(
        self,
        outcome_id: str,
        kind: OutcomeKind,
        text: str,
        owner: str = "",
        due: Day | None = None,
    ) -> Outcome:
        """Correct an outcome in place; it keeps its id and creation time."""
        _, outcome = self.find_outcome(outcome_id)
        self.revoke_approval()
        outcome.kind = kind
        outcome.text = clean_text(text).strip()
        outcome.owner = clean_line(owner)
        outcome.due = due
        return outcome

    def remove_outcome(self, outcome_id: str) -> Outcome:
        """Delete an outcome."""
        record, outcome = self.find_outcome(outcome_id)
        self.revoke_approval()
        record.outcomes.remove(outcome)
        return outcome

    def set_notes(self, theme_id: str, notes: str) -> None:
        """Replace a theme's notes."""
        self.record(theme_id).notes = clean_text(notes)

    def toggle_presented(self, theme_id: str) -> bool:
        """Mark an obligation theme as presented, or undo it; returns whether it now is."""
        record = self.record(theme_id)
        record.presented = not record.presented
        return record.presented

    def approve(
        self,
        by: str,
        at: datetime | None = None,
        vice_by: str = "",
        vice_at: datetime | None = None,
    ) -> None:
        """Mark the minutes approved: by the formand and, in a MED committee, the næstformand."""
        self.minutes_status = "approved"
        self.approved_by = clean_line(by)
        self.approved_at = at or now()
        self.vice_approved_by = clean_line(vice_by)
        self.vice_approved_at = (vice_at or self.approved_at) if self.vice_approved_by else None

    def revoke_approval(self) -> None:
        """Minutes changed after approval are a draft again: nobody approved the new text."""
        if self.minutes_status == "approved":
            self.minutes_status = "draft"
            self.approved_by = ""
            self.approved_at = None
            self.vice_approved_by = ""
            self.vice_approved_at = None

    def has_capture(self, theme_id: str) -> bool:
        """Whether anything was captured on a theme: notes, outcomes, or a review status."""
        record = self.record(theme_id)
        if record.notes.strip() or record.outcomes:
            return True
        return theme_id == REVIEW_THEME_ID and any(review.status for review in self.reviews)

    @property
    def review_complete(self) -> bool:
        """Whether every earlier outcome under review has a status (False without reviews)."""
        return bool(self.reviews) and all(review.status for review in self.reviews)

    def gap(self, record: ThemeRecord) -> Gap | None:
        """Why a theme counts as not covered, or None when it is covered or set aside.

        Skipped and postponed themes are the chair's decision, with a reason: not a gap.
        The review of earlier outcomes is covered once each of them has a status.
        """
        if record.set_aside:
            return None
        theme = self.theme(record.theme_id)
        if record.theme_id == REVIEW_THEME_ID and self.reviews:
            if self.review_complete:
                return None
            return (
                "not-reached"
                if record.to_do and not self.has_capture(REVIEW_THEME_ID)
                else ("review-open")
            )
        # The theme under way is judged as ending the meeting on it would judge it: without
        # enough time or anything captured it was not reached, as the minutes will say.
        open_ = record.to_do or record.state == "active"
        if record.origin == "standing":
            # A formality: taken with nothing raised is «godkendt uden bemærkninger» or
            # «Intet» in a MED referat, never a gap; only an item never reached is one.
            taken = record.seconds >= STANDING_TAKEN_SECONDS or not open_
            taken = taken or record.presented or self.has_capture(record.theme_id)
            return None if taken else "not-reached"
        reached = record.seconds >= DEALT_WITH_SECONDS or record.presented
        if open_ and not reached and not self.has_capture(record.theme_id):
            return "not-reached"
        if theme.is_obligation:
            return None if record.presented else "not-presented"
        return None if self.has_capture(record.theme_id) else "nothing-captured"

    def uncovered(self) -> list[ThemeRecord]:
        """Themes the meeting did not cover: not reached, obligations not presented,
        discussions with nothing captured, a review with items left without a status.

        What the end-of-meeting check asks a reason for. The standing items are not among
        them (see `standing_not_reached`).
        """
        return [r for r in self.themes if r.origin != "standing" and self.gap(r) is not None]

    def standing_not_reached(self) -> list[ThemeRecord]:
        """The MED standing items the meeting never came to («Eventuelt» when it ended early)."""
        return [r for r in self.themes if r.origin == "standing" and self.gap(r) is not None]

    def to_do(self) -> list[ThemeRecord]:
        """Themes still to be dealt with, in agenda order (not the current one)."""
        return [r for r in self.themes if r.to_do and r.theme_id != self.current_theme]

    def set_aside(self, theme_id: str, state: ThemeState, reason: str) -> None:
        """Skip a theme (not coming back) or postpone it to the next meeting, with a reason."""
        if state not in SET_ASIDE:
            raise ValueError(f'"{state}" is not skipped or postponed')
        record = self.record(theme_id)
        record.state = state
        record.reason = clean_line(reason)

    @property
    def can_reopen(self) -> bool:
        """An ended meeting whose minutes nobody approved can go on (after ctrl+e by mistake)."""
        return self.ended is not None and self.minutes_status != "approved"

    def reopen(self) -> None:
        """Take an ended, unapproved meeting up again where it stopped."""
        if self.minutes_status == "approved":
            raise ValueError("the minutes are approved: a follow-up meeting continues the work")
        self.ended = None
