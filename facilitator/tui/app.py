"""The facilitator App: which screen comes first, saving, locks, help and the palette."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from facilitator.agenda import Agenda
from facilitator.clock import MeetingClock
from facilitator.i18n import _
from facilitator.session import Session, now
from facilitator.store import SessionLock, StoreError
from facilitator.tui.keys import localize
from facilitator.tui.saver import Saver
from facilitator.tui.terminal import stop_on_signals

if TYPE_CHECKING:
    from facilitator.tui.screens.meeting import MeetingScreen


@dataclass
class StartHome:
    """Open on the home screen."""


@dataclass
class StartSetup:
    """Open on the new-meeting form, with an agenda chosen and fields filled in."""

    agenda: Agenda
    committee: str = ""
    planned: int | None = None
    place: str = ""
    chair: str = ""
    secretary: str = ""
    participants: list[tuple[str, str]] = field(default_factory=list)
    formand: str = ""
    naestformand: str = ""


@dataclass
class StartMeeting:
    """Open straight on the meeting screen of a session already on disk and locked."""

    session: Session
    path: Path
    lock: SessionLock | None = None


Start = StartHome | StartSetup | StartMeeting


class FacilitatorApp(App[None]):
    """Runs meetings through a dialogue paper; every change is saved as it happens."""

    TITLE = "facilitator"
    CSS_PATH = "app.tcss"
    # Textual focuses the first input by default, which would swallow single-letter keys.
    AUTO_FOCUS = None
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide"), (160, "-huge")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    BINDINGS = [
        Binding("f1", "help", "Help", id="help", tooltip="Every key of this screen"),
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            priority=True,
            show=False,
            id="quit",
            tooltip="Leave; everything is saved",
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            show=False,
            priority=True,
            tooltip="Command palette: every action, by name",
        ),
    ]

    def __init__(
        self,
        sessions_dir: Path,
        start: Start | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] = now,
        bell: bool = True,
    ) -> None:
        super().__init__()
        localize(self)
        self.sessions_dir = sessions_dir
        self.start = start or StartHome()
        self.monotonic = monotonic
        self.wall = wall
        self.bell_enabled = bell
        self.saver = Saver(self._save_failed)
        self.locks: dict[Path, SessionLock] = {}
        self._finished = False
        if isinstance(self.start, StartMeeting) and self.start.lock is not None:
            self.locks[self.start.path] = self.start.lock

    def get_default_screen(self) -> Screen[object]:
        """A meeting opens as the first screen itself: pushing it over an empty one would
        style and lay out the whole screen twice before the first frame."""
        start = self.start
        if isinstance(start, StartMeeting) and not start.session.ended:
            return cast("Screen[object]", self._meeting_screen(start.session, start.path))
        return super().get_default_screen()

    def on_mount(self) -> None:
        stop_on_signals(asyncio.get_running_loop(), self.stop_on_signal)
        start = self.start
        if isinstance(start, StartMeeting):
            if start.session.ended:
                self.open_minutes(start.session, start.path)
        elif isinstance(start, StartSetup):
            from facilitator.tui.screens.setup import SetupScreen

            self.push_screen(SetupScreen(start))
        else:
            from facilitator.tui.screens.home import HomeScreen

            self.push_screen(HomeScreen())

    # -- sessions -------------------------------------------------------------------------

    def persist(self, session: Session, path: Path) -> None:
        """Save a session in the background (atomic; the Markdown minutes beside it)."""
        self.saver.save(session, path)

    def _save_failed(self, message: str) -> None:
        # Called from the saver's thread: hand the message to the UI thread.
        self.call_from_thread(self._show_save_error, message)

    def _show_save_error(self, message: str) -> None:
        self.notify(message, title=_("Could not save"), severity="error", timeout=30)

    def lock(self, path: Path) -> bool:
        """Take the lock of a session file; on failure say why and return False."""
        if path in self.locks:
            return True
        lock = SessionLock(path)
        try:
            lock.acquire()
        except StoreError as error:
            self.notify(
                str(error), title=_("Session is open elsewhere"), severity="error", timeout=15
            )
            return False
        self.locks[path] = lock
        return True

    def release(self, path: Path) -> None:
        """Give up the lock of a session this program no longer shows."""
        lock = self.locks.pop(path, None)
        if lock is not None:
            lock.release()

    def open_meeting(self, session: Session, path: Path, replace: bool = False) -> None:
        """Show the meeting screen of a session, the clock paused."""
        if not self.lock(path):
            return
        screen = self._meeting_screen(session, path)
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _meeting_screen(self, session: Session, path: Path) -> MeetingScreen:
        from facilitator.tui.screens.meeting import MeetingScreen

        clock = MeetingClock(session, self.monotonic, self.wall)
        # Written once the first frame is up: the save thread would compete with it.
        self.call_after_refresh(self.persist, session, path)
        return MeetingScreen(session, path, clock)

    def open_minutes(self, session: Session, path: Path, replace: bool = False) -> None:
        """Show the minutes of a session to correct, approve and export."""
        from facilitator.tui.screens.minutes import MinutesScreen

        screen = MinutesScreen(session, path)
        # The first screen cannot be switched away; a meeting that opened as the first screen
        # stays beneath its minutes, stopped.
        if replace and len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # -- help and palette -------------------------------------------------------------------

    def action_help(self) -> None:
        """Every key of the current screen."""
        from facilitator.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        """The palette, with its prompt in the interface language."""
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=_("Search for commands…"))
            )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Replace Textual's English system commands with ours."""
        yield SystemCommand(_("App: quit"), _("Leave; everything is saved"), self.action_quit)
        yield SystemCommand(_("App: help"), _("Every key of this screen"), self.action_help)

    async def action_quit(self) -> None:
        """Leave: the saves queued are written first, then the locks are released."""
        self._finish()
        self.exit()

    def _finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        # The meeting may lie under a dialog: save it wherever it is in the stack.
        from facilitator.tui.screens.meeting import MeetingScreen

        for screen in self.screen_stack:
            if isinstance(screen, MeetingScreen) and not screen.session.ended:
                screen.save()
        self.saver.close()
        for lock in self.locks.values():
            lock.release()
        self.locks.clear()

    def stop_on_signal(self, exit_code: int) -> None:
        """Told to stop (SIGTERM, SIGHUP): save, release the locks, give the terminal back."""
        self._finish()
        self.exit(return_code=exit_code)

    def on_unmount(self) -> None:
        self._finish()
