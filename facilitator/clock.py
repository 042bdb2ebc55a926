"""The meeting clock: time per theme from an injected monotonic clock, ends, and re-planning."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from facilitator.session import Session, ThemeRecord, distribute, now

Monotonic = Callable[[], float]
# A meeting resumed this long after its start is planned from the time it resumes.
RESUMED_LATER = timedelta(hours=12)
WallClock = Callable[[], datetime]


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

    # -- themes -------------------------------------------------------------------------

    def goto(self, theme_id: str) -> None:
        """Make another theme current; running time from now on counts there.

        The theme left behind is done once it has been worked on; themes jumped over
        forwards that were never touched count as skipped.
        """
        session = self.session
        if theme_id == session.current_theme:
            return
        self.checkpoint()
        old = session.current
        if old.state == "active" or old.seconds > 0:
            old.state = "done"
        start, target = session.index_of(old.theme_id), session.index_of(theme_id)
        for record in session.themes[start + 1 : target]:
            if record.state == "pending":
                record.state = "skipped"
        session.current_theme = theme_id
        if self.running or session.started is not None:
            session.current.state = "active"

    def next(self) -> bool:
        """Go to the next theme; False on the last one."""
        index = self.session.index_of(self.session.current_theme)
        if index + 1 >= len(self.session.themes):
            return False
        self.goto(self.session.themes[index + 1].theme_id)
        return True

    def previous(self) -> bool:
        """Go back to the previous theme; False on the first one."""
        index = self.session.index_of(self.session.current_theme)
        if index == 0:
            return False
        self.goto(self.session.themes[index - 1].theme_id)
        return True

    def adjust(self, minutes: int) -> int:
        """Add (or with a negative number remove) minutes on the current timebox; 1 at least."""
        record = self.session.current
        record.timebox = max(1, min(480, record.timebox + minutes))
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

    def total_used(self) -> float:
        """Seconds the meeting has run, pauses excluded."""
        return sum(self.used(record.theme_id) for record in self.session.themes)

    def _still_to_come(self) -> list[ThemeRecord]:
        after_current = self.session.themes[self.session.index_of(self.session.current_theme) + 1 :]
        return [r for r in after_current if r.state in ("pending", "skipped") and r.seconds == 0]

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
        timebox (nothing once in overtime), plus the timeboxes of the themes still to come."""
        left = max(0.0, self.remaining())
        left += sum(r.timebox * 60 for r in self._still_to_come())
        return self.wall() + timedelta(seconds=left)

    def ends(self) -> tuple[datetime, datetime, int]:
        """Planned end, projected end, and the drift between them in whole minutes (late > 0)."""
        planned, projected = self.planned_end(), self.projected_end()
        return planned, projected, round((projected - planned).total_seconds() / 60)

    def drift_minutes(self) -> int:
        """Projected minus planned end, in whole minutes (positive: late)."""
        return self.ends()[2]

    # -- re-planning ----------------------------------------------------------------------

    def propose_replan(self) -> Replan:
        """New timeboxes for the themes still to come so the meeting ends as planned.

        The current theme keeps its timebox; the rest share the minutes between the end of
        the current theme and the planned end, in proportion to their agenda timeboxes.
        """
        coming = self._still_to_come()
        end_of_current = self.wall() + timedelta(seconds=max(0.0, self.remaining()))
        budget = int((self.planned_end() - end_of_current).total_seconds() // 60)
        weights = [self.session.theme(r.theme_id).timebox for r in coming]
        proposal = distribute(weights, max(budget, 0))
        changes = tuple(
            (record.theme_id, record.timebox, minutes)
            for record, minutes in zip(coming, proposal, strict=True)
        )
        return Replan(changes=changes, budget_minutes=budget, fits=budget >= len(coming))

    def apply_replan(self, replan: Replan) -> None:
        """Apply a proposal made by `propose_replan`."""
        for theme_id, _, minutes in replan.changes:
            self.session.record(theme_id).timebox = minutes
