"""The facilitator App: which screen comes first, saving, locks, help and the palette."""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.message import Message
from textual.screen import Screen

from facilitator.agenda import Agenda
from facilitator.i18n import _
from facilitator.sanitize import one_line, terminal_safe
from facilitator.session import Session, now
from facilitator.store import save_session
from facilitator.tui.keys import localize
from facilitator.tui.preload import PRELOAD_REVIEW_AFTER, preload_review
from facilitator.tui.terminal import leave_anyway, stop_on_signals
from facilitator.workspace import MeetingForm, OpenMeeting, SaveProblem, StoreError, Workspace

if TYPE_CHECKING:
    from facilitator.tui.screens.meeting import MeetingScreen


# After SIGTERM or SIGHUP, with everything saved, the process ends within this many seconds
# even if the terminal is gone and Textual's shutdown waits on it.
SHUTDOWN_GRACE_SECONDS = 5.0


@dataclass
class StartHome:
    """Open on the home screen."""


@dataclass
class StartSetup:
    """Open on the new-meeting form, with an agenda chosen and fields filled in."""

    agenda: Agenda
    committee: str = ""
    planned: int | None = None
    plan: str = ""  # a plan id of the agenda; "" for the whole agenda
    place: str = ""
    chair: str = ""
    secretary: str = ""
    participants: list[tuple[str, str]] = field(default_factory=list)
    formand: str = ""
    naestformand: str = ""
    # The file `agenda` was read from, if it is one the form offers: then it is not read again.
    agenda_path: Path | None = None


@dataclass
class StartMeeting:
    """Open straight on the meeting screen of a session (held already if `meeting` is given)."""

    session: Session
    path: Path
    meeting: OpenMeeting | None = None
    # Said in a toast once the meeting is on screen (a broken agenda file that was passed over).
    notice: str = ""


@dataclass
class SaveFailed(Message):
    """A background save failed (posted from the saver's thread, which never waits for us)."""

    error: str


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
        self.workspace = Workspace(sessions_dir, monotonic=monotonic, wall=wall)
        # The sessions this program holds for writing, each with its lock, saver and clock.
        self.meetings: dict[Path, OpenMeeting] = {}
        # Saves that had failed when the program left: the command line reports them.
        self.save_problems: list[SaveProblem] = []
        self._finished = False
        # Why the newest save failed ("" once one succeeds), and what was lost on leaving.
        self.last_save_error = ""
        self.lost_changes: list[str] = []
        # The toast on screen now, so that a key pressed again does not stack copies of it.
        self._toast: tuple[str, str, object] = ("", "", None)
        self._toast_until = 0.0
        if isinstance(self.start, StartMeeting) and self.start.meeting is not None:
            self._adopt(self.start.meeting)

    def notify(self, message: str, *, title: str = "", **options: Any) -> None:
        """A toast; whatever it quotes from a file or a path shows as text, never a control.

        Never markup either: a committee called "LMU [/]" must not crash a toast.
        """
        options["markup"] = False
        toast = (terminal_safe(message), one_line(title), options.get("severity"))
        shown_at = time.monotonic()
        if toast == self._toast and shown_at < self._toast_until:
            return
        self._toast = toast
        self._toast_until = shown_at + float(options.get("timeout") or self.NOTIFICATION_TIMEOUT)
        super().notify(toast[0], title=toast[1], **options)

    def clear_notifications(self) -> None:
        self._toast_until = 0.0
        super().clear_notifications()

    def get_default_screen(self) -> Screen[object]:
        """A meeting opens as the first screen itself: pushing it over an empty one would
        style and lay out the whole screen twice before the first frame."""
        start = self.start
        if (
            isinstance(start, StartMeeting)
            and not start.session.ended
            and self.hold(start.session, start.path) is not None
        ):
            return cast("Screen[object]", self._meeting_screen(start.session, start.path))
        return super().get_default_screen()

    def on_mount(self) -> None:
        stop_on_signals(asyncio.get_running_loop(), self.stop_on_signal)
        self.call_after_refresh(self._after_first_frame)
        start = self.start
        if isinstance(start, StartMeeting):
            if start.session.ended:
                self.open_minutes(start.session, start.path)
            if start.notice:
                self.notify(start.notice, severity="warning", timeout=12)
        elif isinstance(start, StartSetup):
            from facilitator.tui.screens.setup import SetupScreen

            self.push_screen(SetupScreen(start))
        else:
            from facilitator.tui.screens.home import HomeScreen

            self.push_screen(HomeScreen())

    def _after_first_frame(self) -> None:
        # The command line held the collector off while the first screen was built; what
        # exists now lives as long as the app, so later collections need not walk it.
        if not gc.isenabled():
            gc.enable()
            gc.freeze()
        self.set_timer(PRELOAD_REVIEW_AFTER, preload_review)

    # -- sessions -------------------------------------------------------------------------

    def persist(self, session: Session, path: Path) -> None:
        """Save a held session in the background (atomic; the Markdown minutes beside it)."""
        meeting = self.hold(session, path)
        if meeting is not None:
            meeting.save_soon()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every background save has reached the disk."""
        return all(meeting.flush(timeout) for meeting in list(self.meetings.values()))

    def _adopt(self, meeting: OpenMeeting) -> OpenMeeting:
        meeting.notify_problems(self._save_failed)
        self.meetings[meeting.path] = meeting
        return meeting

    def save_now(self, session: Session, path: Path, announce: bool = True) -> str:
        """Write the session on this thread (after what is queued); "" or why it failed.

        For what the screen lists as captured: when this returns "", it is on disk.
        """
        meeting = self.hold(session, path)
        if meeting is None:
            error = _("The meeting is not open for writing.")
        else:
            try:
                meeting.save()
            except StoreError as failed:
                error = str(failed)
            else:
                self.last_save_error = ""
                return ""
        self.last_save_error = error
        if announce:
            self._show_save_error(error)
        return error

    def _show_save_error(self, message: str) -> None:
        self.notify(message, title=_("Could not save"), severity="error", timeout=30, markup=False)

    def _save_failed(self, problem: SaveProblem) -> None:
        # On the saver's thread: post, never wait for the UI thread (which may wait for us).
        self.post_message(SaveFailed(problem.error))

    def on_save_failed(self, message: SaveFailed) -> None:
        self.last_save_error = message.error
        self._show_save_error(message.error)

    def hold(self, session: Session, path: Path) -> OpenMeeting | None:
        """Hold a session for writing (lock it); on failure say why and return None."""
        meeting = self.meetings.get(path)
        if meeting is not None:
            return meeting
        if self._finished:
            # Leaving: everything was saved and released; a late callback must not lock again.
            return None
        try:
            return self._adopt(self.workspace.open(path, session))
        except StoreError as error:
            self.notify(
                str(error),
                title=_("Session is open elsewhere"),
                severity="error",
                timeout=15,
                markup=False,
            )
            return None

    def lock(self, session: Session, path: Path) -> bool:
        """Take the lock of a session file; on failure say why and return False."""
        return self.hold(session, path) is not None

    def release(self, path: Path) -> None:
        """Write what is waiting and give up the lock of a session no longer shown."""
        meeting = self.meetings.pop(path, None)
        if meeting is not None:
            problem = meeting.close()
            if problem is not None:
                self.notify(problem.error, title=_("Could not save"), severity="error", timeout=30)

    def start_meeting(self, form: MeetingForm | Session, replace: bool = False) -> bool:
        """Create a new meeting in the sessions folder and show it; False (said why) on failure."""
        try:
            meeting = self._adopt(self.workspace.start(form))
        except (StoreError, ValueError) as error:
            self.notify(
                str(error), title=_("Cannot create the meeting"), severity="error", markup=False
            )
            return False
        self.open_meeting(meeting.session, meeting.path, replace=replace)
        return True

    def open_meeting(self, session: Session, path: Path, replace: bool = False) -> None:
        """Show the meeting screen of a session, the clock paused."""
        if self.hold(session, path) is None:
            return
        screen = self._meeting_screen(session, path)
        # As with the minutes: the first screen cannot be switched away (Textual's stack is
        # left empty and the next scheduled callback ends the program).
        if replace and len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _meeting_screen(self, session: Session, path: Path) -> MeetingScreen:
        from facilitator.tui.screens.meeting import MeetingScreen

        meeting = self.meetings[path]
        # Written once the first frame is up: the save thread would compete with it.
        self.call_after_refresh(self._first_save, meeting)
        return MeetingScreen(session, path, meeting.clock)

    def _first_save(self, meeting: OpenMeeting) -> None:
        # Runs a frame later: by then the program may be leaving or the meeting released,
        # and a save must neither lock the file again nor write through a closed meeting.
        if not meeting.closed and self.meetings.get(meeting.path) is meeting:
            meeting.save_soon()

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

    def action_help_quit(self) -> None:
        """ctrl+c no longer quits; say so in the interface language (Textual's text is English)."""
        self.notify(
            _("Press ctrl+q to quit; everything is saved."),
            title=_("Do you want to quit?"),
            markup=False,
        )

    async def action_quit(self) -> None:
        """Leave once everything is on disk; if the last save failed, say so and ask."""
        from facilitator.tui.modals.unsaved import Choice, UnsavedOnQuit
        from facilitator.tui.screens.meeting import MeetingScreen

        for screen in self.screen_stack:
            if not isinstance(screen, MeetingScreen) or screen.session.ended:
                continue
            if screen.save_now(announce=False):
                continue
            changes = screen.unsaved_changes()

            def answer(
                choice: Choice | None, screen: MeetingScreen = screen, changes: list[str] = changes
            ) -> None:
                if choice == "retry":
                    self.call_later(self.action_quit)
                elif choice == "elsewhere":
                    self._save_elsewhere(screen)
                elif choice == "lose":
                    self.lost_changes = changes or [_("the newest state of the meeting")]
                    self._finish()
                    self.exit(return_code=1)

            error = self.last_save_error or _("The meeting could not be saved.")
            self.clear_notifications()  # the dialog says it all; toasts would cover it
            self.push_screen(UnsavedOnQuit(error, changes), answer)
            return
        self._finish()
        self.exit()

    def _save_elsewhere(self, screen: MeetingScreen) -> None:
        from facilitator.tui.modals.text_prompt import TextPrompt

        suggested = Path.home() / f"{screen.path.stem}-{self.wall():%H%M}.toml"

        def answer(target: str | None) -> None:
            if not target or not target.strip():
                self.call_later(self.action_quit)
                return
            try:
                save_session(screen.session, Path(target.strip()).expanduser())
            except StoreError as error:
                self._show_save_error(str(error))
                self.call_later(self.action_quit)
                return
            self._finish()
            self.exit()

        self.push_screen(
            TextPrompt(
                _("Save elsewhere"), _("Where should the meeting be saved?"), str(suggested)
            ),
            answer,
        )

    def _finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        # The meeting may lie under a dialog: save it wherever it is in the stack.
        from facilitator.tui.screens.meeting import MeetingScreen

        for screen in self.screen_stack:
            if isinstance(screen, MeetingScreen) and not screen.session.ended:
                screen.save()
        # Closing never waits on this thread, so a failing disk cannot freeze the quit.
        for meeting in list(self.meetings.values()):
            problem = meeting.close(timeout=5.0)
            if problem is not None:
                self.save_problems.append(problem)
        self.meetings.clear()

    def stop_on_signal(self, exit_code: int) -> None:
        """Told to stop (SIGTERM, SIGHUP): save, release the locks, give the terminal back."""
        self._finish()
        leave_anyway(exit_code, after=SHUTDOWN_GRACE_SECONDS)
        self.exit(return_code=exit_code)

    def on_exit_app(self) -> None:
        """However the program is told to leave, save while the screens still exist.

        Quitting by key or signal has saved already; any other exit (a test's end, a dialog's
        answer) still takes the notes being typed and the running time from the meeting screen.
        """
        self._finish()

    def on_unmount(self) -> None:
        # After a crash the screens are gone: what the savers hold is written, locks released.
        self._finish()
