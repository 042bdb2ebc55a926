"""Following a session file that another program writes: read-only, by path, never locked.

The meeting program replaces its file by an atomic rename at every save, so a follower
re-opens the file by name each time instead of keeping a handle. The file may be briefly
absent, or unreadable on a shared drive; the follower keeps the last good copy and says how
long ago it was read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from facilitator.session import Session
from facilitator.store import StoreError, load_session, newest_unfinished

Signature = tuple[int, int, int, int]  # inode, size, mtime_ns, ctime_ns


@dataclass(frozen=True)
class Snapshot:
    """What one look at the file found: a new session, or the reason it could not be read."""

    session: Session | None
    problem: str = ""


def signature(path: Path) -> Signature | None:
    """What changes whenever the file is replaced or rewritten; None if it is not there."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


class SessionFollower:
    """Reads a session file again whenever it has changed since the last look."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._seen: Signature | None = None

    def changed(self) -> bool:
        """Whether a poll would find anything new: one stat, cheap enough for the UI thread."""
        return signature(self.path) != self._seen

    def poll(self) -> Snapshot | None:
        """A new Snapshot when the file changed (or vanished), None when nothing changed."""
        current = signature(self.path)
        if current is None:
            if self._seen is None:
                return None
            # Gone for now: perhaps mid-rename, perhaps the share dropped. Try again later.
            self._seen = None
            return Snapshot(None, "missing")
        if current == self._seen:
            return None
        try:
            session = load_session(self.path)
        except StoreError as error:
            # Not remembered as seen, so the next look tries again.
            return Snapshot(None, str(error))
        self._seen = current
        return Snapshot(session)


class MeetingFinder:
    """Looks for a meeting to start in a folder, reading the folder only when it may have one.

    A new session file changes the folder's modification time; a shared drive may not say so
    promptly, so the folder is also read every `every` seconds whatever its time says.
    """

    def __init__(self, sessions_dir: Path, every: float = 5.0) -> None:
        self.sessions_dir = Path(sessions_dir)
        self.every = every
        self._seen: int | None = None
        self._looked = -float("inf")

    def due(self, now: float) -> bool:
        """Whether the folder is worth reading at monotonic time `now`."""
        try:
            stamp = self.sessions_dir.stat().st_mtime_ns
        except OSError:
            stamp = None
        return stamp != self._seen or now - self._looked >= self.every

    def look(self, now: float) -> Path | None:
        """The newest unfinished meeting, reading the folder (call when `due`)."""
        try:
            self._seen = self.sessions_dir.stat().st_mtime_ns
        except OSError:
            self._seen = None
        self._looked = now
        return find_live_session(self.sessions_dir)


def find_live_session(sessions_dir: Path) -> Path | None:
    """The newest unfinished meeting in a folder, the one a presenter view follows."""
    info = newest_unfinished(sessions_dir)
    return info.path if info is not None else None
