"""An open meeting: one session, its lock, its saver and its clock, saved and closed as one."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

from facilitator.clock import MeetingClock, Monotonic, WallClock
from facilitator.lock import SessionLock
from facilitator.session import Session, now
from facilitator.store import save_session
from facilitator.workspace.saver import ProblemHandler, SaveProblem, Saver

__all__ = ["OpenMeeting", "SaveProblem"]


class OpenMeeting:
    """A session this program holds for writing: made by `Workspace.start/open/follow_up`.

    Captures are saved with `save` (on the calling thread: when it returns the change is on
    disk, so what is listed on screen is saved); notes and the running clock with `save_soon`
    (a background thread, newest copy wins). `close` writes what is waiting and releases the
    lock; the lock is held from opening to closing, and the OS drops it if the program dies.
    """

    def __init__(
        self,
        session: Session,
        path: Path,
        lock: SessionLock,
        *,
        monotonic: Monotonic = time.monotonic,
        wall: WallClock = now,
        on_problem: ProblemHandler | None = None,
    ) -> None:
        self.session = session
        self.path = path
        self.lock = lock
        self.clock = MeetingClock(session, monotonic, wall)
        self._saver = Saver(path, on_problem)
        self.closed = False

    @property
    def problem(self) -> SaveProblem | None:
        """Why the newest changes are not on disk (None when all is saved)."""
        return self._saver.problem

    def unsaved(self) -> list[str]:
        """The changes not on disk, as they were described when saved."""
        return self._saver.unsaved()

    def notify_problems(self, handler: ProblemHandler | None) -> None:
        """Who hears of a failed background save (called on the saver's thread: do not wait)."""
        self._saver.on_problem = handler

    def save(self, change: str = "") -> None:
        """Write the session now, running time included; StoreError when it failed."""
        self.clock.checkpoint()
        self._saver.save(self.session, change)

    def save_soon(self, change: str = "") -> None:
        """Write the session from the background thread (notes, the clock's checkpoints)."""
        self.clock.checkpoint()
        self._saver.save_soon(self.session, change)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait for the background writes; False if `timeout` ran out."""
        return self._saver.flush(timeout)

    def save_copy(self, target: Path) -> None:
        """Write the session to another file as well (when its own folder cannot be written)."""
        self.clock.checkpoint()
        save_session(self.session, target)

    def end(self, at: datetime | None = None) -> None:
        """End the meeting: stop the clock, finish the current theme, stamp the end, save."""
        self.clock.pause()
        current = self.session.current
        if current.state == "active":
            current.state = "done"
        self.session.ended = at or self.clock.wall()
        self.save("end of the meeting")

    def approve(self, by: str, at: datetime | None = None) -> None:
        """Mark the minutes approved by `by` and save."""
        self.session.approve(by, at=at or self.clock.wall())
        self.save("approval of the minutes")

    def close(self, timeout: float = 10.0) -> SaveProblem | None:
        """Write what is waiting, release the lock; the problem if the last save failed."""
        if self.closed:
            return self.problem
        self.closed = True
        finished = self._saver.close(timeout)
        self.lock.release()
        if not finished:
            return SaveProblem(
                f"{self.path}: the last save did not finish in {timeout:g} s", tuple(self.unsaved())
            )
        return self.problem
