"""The Workspace: one sessions folder and every use case on it, for both front ends."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator import store
from facilitator.agenda import Agenda, Plan
from facilitator.clock import Monotonic, WallClock
from facilitator.fileio import StoreError, atomic_write, make_private_dir, reason
from facilitator.lock import SessionLock, SessionLockedError
from facilitator.session import Participant, Session, clean_line, now
from facilitator.workspace.exports import export_target, render
from facilitator.workspace.meeting import OpenMeeting

if TYPE_CHECKING:  # the register is imported when it is used: `run` should not pay for it
    from facilitator.register.reading import ScanOptions
    from facilitator.register.rows import Register


class NothingToResume(StoreError):
    """`resume` without a file, and no unfinished meeting in the folder."""


@dataclass
class MeetingForm:
    """What starting a meeting needs, from the setup form or the command line (cleaned here)."""

    committee: str
    agenda: Agenda
    planned: int | None = None
    place: str = ""
    chair: str = ""
    secretary: str = ""
    participants: list[Participant] = field(default_factory=list)
    plan: Plan | None = None  # one of the agenda's [[plans]]: its themes only
    formand: str = ""
    naestformand: str = ""

    def session(self) -> Session:
        """A new session from the form; ValueError if the committee's name is empty."""
        from facilitator.plans import new_session

        committee = clean_line(self.committee)
        if not committee:
            raise ValueError("the committee's name is missing")
        session = new_session(committee, self.agenda, self.planned, self.plan)
        session.place = clean_line(self.place)
        session.chair = clean_line(self.chair)
        session.secretary = clean_line(self.secretary)
        session.formand = clean_line(self.formand)
        session.naestformand = clean_line(self.naestformand)
        # The formand leads the meeting unless someone else is named.
        session.chair = session.chair or session.formand
        session.participants = list(self.participants)
        from facilitator.standing import add_standing_items

        add_standing_items(session)
        return session


class Workspace:
    """A sessions folder: what is in it, and starting, opening, exporting and reading meetings."""

    def __init__(
        self,
        folder: Path,
        *,
        monotonic: Monotonic = time.monotonic,
        wall: WallClock = now,
    ) -> None:
        self.folder = Path(folder)
        self.monotonic = monotonic
        self.wall = wall

    # -- what is there ------------------------------------------------------------------

    def sessions(self) -> list[store.SessionInfo]:
        """The sessions in the folder, newest first (never an export); [] if there is no folder."""
        if not self.folder.is_dir():
            return []
        return store.list_sessions(self.folder)

    def newest_unfinished(self) -> store.SessionInfo | None:
        """The most recently saved meeting that has not ended (what `resume` continues)."""
        return next((info for info in self.sessions() if info.state == "in-progress"), None)

    def load(self, path: Path) -> Session:
        """Read a session to look at (not locked); StoreError naming the file."""
        return store.load_session(path)

    def clean_temp_files(self) -> int:
        """Delete temp files that a crash left behind in the folder; how many."""
        return store.clean_stale_temp_files(self.folder) if self.folder.is_dir() else 0

    # -- meetings -----------------------------------------------------------------------

    def start(self, form: MeetingForm | Session) -> OpenMeeting:
        """A new meeting under a free name in the folder (made 0700), locked, not yet saved."""
        session = form.session() if isinstance(form, MeetingForm) else form
        for _ in range(3):
            path = store.new_session_path(self.folder, session)
            try:
                return self._hold(session, path)
            except SessionLockedError:
                continue  # another facilitator took the same name this instant: the next one
        raise StoreError(f"{self.folder}: cannot find a free name for the meeting")

    def open(self, path: Path, session: Session | None = None) -> OpenMeeting:
        """Lock a session file for writing and load it (or take the copy already loaded)."""
        lock = SessionLock(path).acquire()
        try:
            loaded = session if session is not None else store.load_session(path)
        except BaseException:
            lock.release()
            raise
        return self._meeting(loaded, path, lock)

    def resume(self, path: Path | None = None) -> OpenMeeting:
        """Open `path`, or the newest unfinished meeting; NothingToResume if there is none."""
        if path is None:
            newest = self.newest_unfinished()
            if newest is None:
                raise NothingToResume(
                    f"no unfinished meeting in {self.folder} (name a session file to resume)"
                )
            path = newest.path
        return self.open(path)

    def prepare_followup(self, earlier: Path, agenda: Agenda | None = None) -> Session:
        """A new session reviewing `earlier`'s open outcomes (not saved): StoreError, ValueError."""
        from facilitator.followup import prepare_followup

        return prepare_followup(earlier, [self.folder], agenda)

    def follow_up(self, earlier: Path, agenda: Agenda | None = None) -> OpenMeeting:
        """Start the follow-up meeting of `earlier` in the folder."""
        return self.start(self.prepare_followup(earlier, agenda))

    def _hold(self, session: Session, path: Path) -> OpenMeeting:
        return self._meeting(session, path, SessionLock(path).acquire())

    def _meeting(self, session: Session, path: Path, lock: SessionLock) -> OpenMeeting:
        return OpenMeeting(session, path, lock, monotonic=self.monotonic, wall=self.wall)

    # -- exports ------------------------------------------------------------------------

    def export_target(self, session_path: Path, fmt: str, target: Path | None = None) -> Path:
        """Where `export` would write (the one rule both front ends use); ExportRefused."""
        return export_target(session_path, fmt, target)

    def export(
        self,
        session_path: Path,
        fmt: str,
        *,
        session: Session | None = None,
        target: Path | None = None,
        anonymize: bool = False,
    ) -> Path:
        """Write an export (private, atomic) and return where it went; StoreError on failure."""
        destination = export_target(session_path, fmt, target)
        if session is None:
            session = store.load_session(session_path)
        if anonymize:
            from facilitator.anonymize import anonymize_session
            from facilitator.followup import earlier_participants

            # A follow-up's reviews name the earlier meetings' people: withheld too.
            earlier = earlier_participants(session, session_path, [self.folder])
            session = anonymize_session(session, earlier)
        self.write_file(destination, render(session, fmt))
        return destination

    def render(
        self, session: Session, fmt: str, anonymize: bool = False, template: Path | None = None
    ) -> bytes:
        """The session in an export format, as bytes (UTF-8 for the text formats)."""
        return render(session, fmt, anonymize, template)

    def write_file(self, path: Path, data: bytes | str) -> Path:
        """Write a file the program produces (export, report): atomic, private; StoreError."""
        payload = data.encode("utf-8") if isinstance(data, str) else data
        try:
            atomic_write(path, payload)
        except OSError as error:
            raise StoreError(
                f"{path}: could not write: {reason(error)}; nothing was changed"
            ) from None
        return path

    def write_report(self, name: str, data: bytes | str) -> Path:
        """Write a report (a CSV of the register ...) into the folder, made 0700 if missing."""
        make_private_dir(self.folder)
        return self.write_file(self.folder / name, data)

    # -- the register -------------------------------------------------------------------

    def register(
        self, paths: Sequence[Path] | None = None, options: ScanOptions | None = None
    ) -> Register:
        """Every outcome of every session under `paths` (default: the folder; missing is empty)."""
        return register_of(list(paths) if paths else [self.folder], options)


def register_of(paths: Sequence[Path], options: ScanOptions | None = None) -> Register:
    """The register of the session files and folders named (those that exist)."""
    from facilitator.register.rows import collect

    return collect([path for path in paths if path.exists()], options)
