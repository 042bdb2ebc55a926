"""A meeting's clock as a reader of its file sees it: live time from what the file says.

The presenter view never talks to the meeting program; it reads the session file. The file
says how many seconds each theme has used up to `running_since`, and whether the clock runs,
so the time in between saves is computed here, not counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from facilitator.session import Session


@dataclass(frozen=True)
class LiveClock:
    """The current theme's time at one wall-clock moment, for a session read from disk."""

    session: Session
    at: datetime

    @property
    def running(self) -> bool:
        """Whether the meeting's clock was running when the file was written."""
        return self.session.running_since is not None and self.session.ended is None

    def used(self, theme_id: str | None = None) -> float:
        """Seconds used on a theme (default: the current one), the running span included."""
        record = self.session.record(theme_id or self.session.current_theme)
        seconds = record.seconds
        since = self.session.running_since
        if self.running and since is not None and record.theme_id == self.session.current_theme:
            # A clock set back on either machine must not make time run backwards.
            seconds += max(0.0, (self.at - since).total_seconds())
        return seconds

    def remaining(self, theme_id: str | None = None) -> float:
        """Seconds left of a theme's timebox; negative is overtime."""
        record = self.session.record(theme_id or self.session.current_theme)
        return record.timebox * 60 - self.used(record.theme_id)
