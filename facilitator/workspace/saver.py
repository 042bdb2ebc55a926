"""Writing one session from a background thread, never older over newer, failures remembered."""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from facilitator.fileio import StoreError, one_line
from facilitator.session import Session
from facilitator.store import MinutesNotWritten, save_session


@dataclass(frozen=True)
class SaveProblem:
    """The last save failed: why, and which changes are therefore not on disk."""

    error: str
    unsaved: tuple[str, ...]


ProblemHandler = Callable[[SaveProblem], None]


class Saver:
    """Saves one session file, now (`save`) or from its own thread (`save_soon`).

    Every change gets a version number. A write records the version it holds, and a write of
    an older version than the one on disk is dropped, so a slow background write can never
    replace a newer synchronous one. The thread never waits for its caller, so a caller may
    wait for it (`flush`) without a deadlock; `on_problem` runs on the saver's thread and must
    not wait for another thread either (post a message instead).
    """

    def __init__(self, path: Path, on_problem: ProblemHandler | None = None) -> None:
        self.path = path
        self.on_problem = on_problem
        self._cond = threading.Condition()
        self._write = threading.Lock()  # one write to the file at a time
        self._version = 0
        self._saved = 0
        self._changes: list[tuple[int, str]] = []
        self._pending: tuple[int, Session] | None = None
        self._busy = False
        self._closed = False
        self._problem: SaveProblem | None = None
        self._thread: threading.Thread | None = None

    @property
    def problem(self) -> SaveProblem | None:
        """Why the newest change is not on disk, or None when everything is saved."""
        with self._cond:
            return self._problem

    def unsaved(self) -> list[str]:
        """The changes made since the last successful save, described as they were made."""
        with self._cond:
            return [change for version, change in self._changes if version > self._saved]

    def save(self, session: Session, change: str = "") -> None:
        """Write the session now, on the calling thread; StoreError if that failed."""
        problem = self._write_version(self._next(change), session)
        if problem is not None:
            raise StoreError(problem.error)

    def save_soon(self, session: Session, change: str = "") -> None:
        """Hand a copy of the session to the saver's thread; a newer copy replaces a waiting one."""
        version = self._next(change)
        # The agenda is immutable: share it instead of copying it with every keystroke.
        snapshot = copy.deepcopy(session, {id(session.agenda): session.agenda})
        with self._cond:
            if self._closed:
                raise StoreError(f"{self.path}: the meeting is closed; nothing more is saved")
            self._pending = (version, snapshot)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name=f"facilitator-saver-{self.path.name}", daemon=True
                )
                self._thread.start()
            self._cond.notify_all()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until the thread has written what it was given; False if `timeout` ran out."""
        with self._cond:
            return self._cond.wait_for(lambda: self._pending is None and not self._busy, timeout)

    def close(self, timeout: float = 10.0) -> bool:
        """Write what is waiting, then stop the thread; False if it did not finish in time."""
        done = self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        return done

    def _next(self, change: str) -> int:
        with self._cond:
            self._version += 1
            if change:
                self._changes.append((self._version, change))
            return self._version

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending is not None or self._closed)
                if self._pending is None:
                    return
                version, snapshot = self._pending
                self._pending = None
                self._busy = True
            try:
                problem = self._write_version(version, snapshot)
                if problem is not None and self.on_problem is not None:
                    self.on_problem(problem)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()

    def _write_version(self, version: int, session: Session) -> SaveProblem | None:
        with self._write:
            if version <= self._saved:
                return None  # a newer state is on disk already
            try:
                save_session(session, self.path)
            except MinutesNotWritten as error:
                # The session is on disk; only the Markdown beside it is behind.
                self._done(version, SaveProblem(str(error), ()))
                return self.problem
            except StoreError as error:
                return self._failed(str(error))
            except Exception as error:  # a bug must not stop later saves from being tried
                return self._failed(f"{self.path}: could not save ({one_line(error)})")
            self._done(version, None)
        return None

    def _done(self, version: int, problem: SaveProblem | None) -> None:
        with self._cond:
            self._saved = version
            self._changes = [item for item in self._changes if item[0] > version]
            self._problem = problem

    def _failed(self, error: str) -> SaveProblem:
        with self._cond:
            unsaved = tuple(change for version, change in self._changes if version > self._saved)
            self._problem = SaveProblem(error, unsaved)
            return self._problem
