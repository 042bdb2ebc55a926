"""Saving off the UI thread: the newest copy of each session is written by one background thread."""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from pathlib import Path

from facilitator.session import Session
from facilitator.store import StoreError, save_session

ErrorHandler = Callable[[str], None]


class Saver:
    """Writes session snapshots in the background, newest first, never two at once.

    The UI thread hands over a deep copy, so it can go on changing the session while the
    copy is written. Saves that queue up while a write is running collapse into one: only
    the newest state of a file matters, and it always reaches the disk.
    """

    def __init__(self, on_error: ErrorHandler) -> None:
        self._on_error = on_error
        self._pending: dict[Path, Session] = {}
        self._lock = threading.Condition()
        self._busy = False
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="facilitator-saver", daemon=True)
        self._thread.start()

    def save(self, session: Session, path: Path) -> None:
        """Queue the session's current state for writing to `path`."""
        # The agenda is immutable: share it instead of copying it with every keystroke.
        snapshot = copy.deepcopy(session, {id(session.agenda): session.agenda})
        with self._lock:
            self._pending[path] = snapshot
            self._lock.notify()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued is on disk; False if that took longer than `timeout`."""
        with self._lock:
            return self._lock.wait_for(lambda: not self._pending and not self._busy, timeout)

    def close(self) -> None:
        """Write what is queued, then stop the thread."""
        self.flush()
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: self._pending or self._closed)
                if not self._pending:
                    return
                path, session = self._pending.popitem()
                self._busy = True
            try:
                save_session(session, path)
            except StoreError as error:
                self._on_error(str(error))
            except Exception as error:  # keep the thread alive: later saves may succeed
                self._on_error(f"{path}: could not save ({error})")
            finally:
                with self._lock:
                    self._busy = False
                    self._lock.notify_all()
