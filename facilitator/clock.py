"""The meeting clock: time per theme from an injected monotonic clock, ends, and re-planning."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from facilitator.agenda import TIMEBOX_MAX, TIMEBOX_MIN
from facilitator.session import (
    DEALT_WITH_SECONDS,
    REVIEW_THEME_ID,
    SET_ASIDE,
    STANDING_TAKEN_SECONDS,
    Session,
    ThemeRecord,
    ThemeState,
    now,
)
from facilitator.timeboxes import distribute

Monotonic = Callable[[], float]

# A meeting resumed this long after its start is planned from the time it resumes.
RESUMED_LATER = timedelta(hours=12)
WallClock = Callable[[], datetime]
Phase = Literal["paused", "running", "warning", "overtime"]


def warning_seconds(timebox_seconds: float) -> float:
    """When the warning starts: two minutes before the end, or 20 % of a short timebox."""
    return min(120.0, 0.2 * timebox_seconds)


def phase_of(remaining: float, timebox_seconds: float, running: bool) -> Phase:
    """Which state a theme's clock is in; overtime stays overtime while paused."""
    if remaining < 0:
        return "overtime"
    if not running:
        return "paused"
    if remaining <= warning_seconds(timebox_seconds):
        return "warning"
    return "running"


@dataclass(frozen=True)
class Replan:
    """A proposed re-plan: new timeboxes for the themes still to come, shown before applying."""

    changes: tuple[tuple[str, int, int], ...]  # theme id, old minutes, new minutes
    budget_minutes: int
    fits: bool  # False when even one minute each overruns the planned end

    @property
    def changed(self) -> bool:
        """Whether applying it would change anything."""
        return any(old != new for _, old, new in self.changes)


@dataclass(frozen=True)
class _Visit:
    """The current theme as it was when the meeting came to it, to judge leaving it."""

    theme_id: str
    state: ThemeState
    reason: str
    seconds: float
    captured: tuple[object, ...]


def _captured(session: Session, record: ThemeRecord) -> tuple[object, ...]:
    """Everything captured on a theme, to tell whether a visit added anything."""
    reviews: tuple[object, ...] = ()
    if record.theme_id == REVIEW_THEME_ID:
        reviews = tuple(review.status for review in session.reviews)
    outcomes = tuple((o.id, o.text) for o in record.outcomes)
    return (record.notes.strip(), outcomes, record.presented, reviews)


class MeetingClock:
    """Counts the meeting's time into the session's theme records.

    Time is never counted in ticks: the running span is `monotonic() - span_start`, added to
    the current theme's committed seconds when the clock pauses, the theme changes, or the
    caller checkpoints before a save. Wall-clock datetimes go into files, monotonic values never.
    """

    def __init__(
        self,
        session: Session,
        monotonic: Monotonic = time.monotonic,
        wall: WallClock = now,
    ) -> None:
        self.session = session
        self.monotonic = monotonic
        self.wall = wall
        self._span_start: float | None = None
        self._visit: _Visit | None = None
        # Where monotonic time meets wall time, so the file's `running_since` has sub-second
        # precision and moves exactly as the monotonic clock does (no jitter at each save).
        self._anchor: tuple[float, datetime] | None = None
        # A loaded session always starts paused, whatever the file said when it was written.
        session.running_since = None

    # -- running ------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """Whether the clock is counting."""
        return self._span_start is not None

    def start(self) -> None:
        """Start or resume counting on the current theme."""
        if self.running:
            return
        if self.session.started is None:
            self.session.started = self.wall()
        self._visit_of(self.session.current)
        self.session.current.state = "active"
        self._span_start = self.monotonic()
        self.session.running_since = self._wall_at(self._span_start)

    def pause(self) -> None:
        """Stop counting; the time so far stays with the current theme."""
        self.checkpoint()
        self._span_start = None
        self.session.running_since = None

    def toggle(self) -> bool:
        """Start when paused, pause when running; returns whether it now runs."""
        if self.running:
            self.pause()
        else:
            self.start()
        return self.running

    def checkpoint(self) -> None:
        """Commit the running span to the current theme (before a save) and go on counting."""
        if self._span_start is None:
            return
        moment = self.monotonic()
        self.session.current.seconds += max(0.0, moment - self._span_start)
        self._span_start = moment
        self.session.running_since = self._wall_at(moment)

    def _wall_at(self, moment: float) -> datetime:
        """The wall time of a monotonic moment, from one anchor taken when counting began."""
        if self._anchor is None:
            self._anchor = (moment, self.wall())
        anchor_monotonic, anchor_wall = self._anchor
        return anchor_wall + timedelta(seconds=moment - anchor_monotonic)

    def end(self, at: datetime | None = None) -> None:
        """End the meeting: stop counting, judge the theme it was on, stamp the end."""
        self.finish()
        self.session.ended = at or self.wall()

    # -- themes -------------------------------------------------------------------------

    def _visit_of(self, record: ThemeRecord) -> _Visit:
        """The visit under way on `record`, begun now if the meeting only just came to it."""
        visit = self._visit
        if visit is None or visit.theme_id != record.theme_id:
            # A theme that is current in a file being resumed was under way: its state before
            # this visit is unknown, so leaving it soon judges it by what it holds.
            state: ThemeState = "pending" if record.state == "active" else record.state
            visit = _Visit(
                record.theme_id,
                state,
                record.reason,
                record.seconds,
                _captured(self.session, record),
            )
            self._visit = visit
        return visit

    def _leave(self, record: ThemeRecord) -> None:
        """Judge the theme the meeting leaves: moving on decides nothing by itself.

        A minute or more on it this time, or anything captured, makes it dealt with. A
        shorter visit leaves it as it was: to do, dealt with, skipped or postponed.
        """
        visit = self._visit_of(record)
        spent = record.seconds - visit.seconds
        if spent >= DEALT_WITH_SECONDS or _captured(self.session, record) != visit.captured:
            record.state, record.reason = "done", ""
        elif visit.state in SET_ASIDE or visit.state == "done":
            record.state, record.reason = visit.state, visit.reason
        elif record.seconds >= DEALT_WITH_SECONDS or self.session.has_capture(record.theme_id):
            record.state = "done"
        else:
            record.state = "pending"
        self._visit = None

    def _arrive(self, theme_id: str) -> None:
        session = self.session
        session.current_theme = theme_id
        record = session.current
        self._visit_of(record)
        if self.running or session.started is not None:
            # Coming back to a theme reopens it; leaving it soon restores what it was.
            record.state = "active"

    def goto(self, theme_id: str) -> None:
        """Make another theme current; running time from now on counts there."""
        session = self.session
        if theme_id == session.current_theme:
            return
        session.record(theme_id)  # an unknown id fails before anything changes
        self.checkpoint()
        self._leave(session.current)
        self._arrive(theme_id)

    def next(self) -> bool:
        """Go to the next theme not set aside; False when there is none after this one."""
        index = self.session.index_of(self.session.current_theme)
        left = self.session.current
        for record in self.session.themes[index + 1 :]:
            if not record.set_aside:
                self.goto(record.theme_id)
                _taken(left)
                return True
        return False

    def previous(self) -> bool:
        """Go back to the previous theme, whatever its state; False on the first one."""
        index = self.session.index_of(self.session.current_theme)
        if index == 0:
            return False
        self.goto(self.session.themes[index - 1].theme_id)
        return True

    def next_to_do(self) -> ThemeRecord | None:
        """The theme to go on with: the first to do after the current one, else before it."""
        session = self.session
        index = session.index_of(session.current_theme)
        later = [r for r in session.themes[index + 1 :] if r.to_do]
        earlier = [r for r in session.themes[:index] if r.to_do]
        found = later or earlier
        return found[0] if found else None

    def set_aside(self, state: ThemeState, reason: str) -> ThemeRecord | None:
        """Skip or postpone the current theme with a reason, and go on to the next theme to
        do; returns that theme, or None when none is left (the clock then pauses)."""
        session = self.session
        self.checkpoint()
        record = session.current
        session.set_aside(record.theme_id, state, reason)
        self._visit = None
        target = self.next_to_do()
        if target is None:
            self.pause()
            return None
        self._arrive(target.theme_id)
        return target

    def finish(self) -> None:
        """Stop the clock at the end of the meeting and judge the theme it was on."""
        self.pause()
        if self.session.started is not None:
            self._leave(self.session.current)
            _taken(self.session.current)

    def adjust(self, minutes: int) -> int:
        """Add (or with a negative number remove) minutes on the current timebox; 1 at least."""
        record = self.session.current
        record.timebox = max(TIMEBOX_MIN, min(TIMEBOX_MAX, record.timebox + minutes))
        return record.timebox

    # -- reading ------------------------------------------------------------------------

    def used(self, theme_id: str | None = None) -> float:
        """Seconds used on a theme (default: the current one), the running span included."""
        record = self.session.record(theme_id or self.session.current_theme)
        seconds = record.seconds
        if self._span_start is not None and record.theme_id == self.session.current_theme:
            seconds += max(0.0, self.monotonic() - self._span_start)
        return seconds

    def remaining(self, theme_id: str | None = None) -> float:
        """Seconds left of a theme's timebox; negative is overtime."""
        record = self.session.record(theme_id or self.session.current_theme)
        return record.timebox * 60 - self.used(record.theme_id)

    def phase(self) -> Phase:
        """The current theme's phase: normal, warning, overtime or paused."""
        timebox = self.session.current.timebox * 60
        return phase_of(self.remaining(), timebox, self.running)

    def total_used(self) -> float:
        """Seconds the meeting has run, pauses excluded."""
        return sum(self.used(record.theme_id) for record in self.session.themes)

    def _still_to_come(self) -> list[ThemeRecord]:
        """Every theme still to do, wherever it is in the agenda; the current one aside."""
        return self.session.to_do()

    def planned_end(self) -> datetime:
        """When the meeting was planned to end: its (planned or actual) start plus its length."""
        start = self.session.planned_start or self.session.started
        now = self.wall()
        if start is None or now - start > RESUMED_LATER:
            # Not started yet, or resumed on another day: the original start says nothing
            # about today, so plan as if the meeting had run without a break until now.
            start = now - timedelta(seconds=self.total_used())
        return start + timedelta(minutes=self.session.planned_minutes)

    def projected_end(self) -> datetime:
        """When the meeting will end at this pace: now, plus what is left of the current
        timebox (nothing once in overtime), plus what is left of the timebox of every theme
        still to do."""
        left = 0.0 if self.session.current.set_aside else max(0.0, self.remaining())
        left += sum(max(0.0, r.timebox * 60 - r.seconds) for r in self._still_to_come())
        return self.wall() + timedelta(seconds=left)

    def ends(self) -> tuple[datetime, datetime, int]:
        """Planned end, projected end, and the drift between them in whole minutes (late > 0)."""
        planned, projected = self.planned_end(), self.projected_end()
        return planned, projected, round((projected - planned).total_seconds() / 60)

    # -- re-planning ----------------------------------------------------------------------

    def propose_replan(self) -> Replan:
        """New timeboxes for exactly the themes still to do so the meeting ends as planned.

        The current theme keeps its timebox; the themes to do share the minutes between the
        end of the current theme and the planned end, in proportion to their agenda timeboxes.
        """
        coming = self._still_to_come()
        current = 0.0 if self.session.current.set_aside else max(0.0, self.remaining())
        end_of_current = self.wall() + timedelta(seconds=current)
        budget = int((self.planned_end() - end_of_current).total_seconds() // 60)
        weights = [self.session.theme(r.theme_id).timebox for r in coming]
        # No theme beyond the agenda's 8 hours, however long the meeting is planned.
        proposal = [min(TIMEBOX_MAX, part) for part in distribute(weights, max(budget, 0))]
        changes = tuple(
            (record.theme_id, record.timebox, minutes)
            for record, minutes in zip(coming, proposal, strict=True)
        )
        return Replan(changes=changes, budget_minutes=budget, fits=budget >= len(coming))

    def apply_replan(self, replan: Replan) -> None:
        """Apply a proposal made by `propose_replan`."""
        for theme_id, _, minutes in replan.changes:
            self.session.record(theme_id).timebox = minutes


def _taken(record: ThemeRecord) -> None:
    """A standing item the chair moves on from, or ends the meeting on, after a few seconds
    was taken: «any remarks?», and nothing was raised. A theme of the paper needs a minute."""
    if record.origin == "standing" and record.to_do and record.seconds >= STANDING_TAKEN_SECONDS:
        record.state = "done"
