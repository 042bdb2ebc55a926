"""The presenter view: the live meeting as the room sees it on a projector, read-only."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from rich.console import RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label, Static

from facilitator.follow import MeetingFinder, SessionFollower, Snapshot
from facilitator.i18n import _
from facilitator.live import LiveClock
from facilitator.session import Session, clean_line
from facilitator.tui.formatting import clock_time, short_date
from facilitator.tui.keys import localize
from facilitator.tui.present import view
from facilitator.tui.present.lists import AgendaList, HangingList
from facilitator.tui.widgets.big_digits import BigDigits

Wall = Callable[[], datetime]
POLL_SECONDS = 0.5
TICK_SECONDS = 0.25
# A file missing this long is worth a word on screen; shorter gaps are atomic renames.
MISSING_SECONDS = 5.0


class PresenterScreen(Screen[None]):
    """Committee, theme, prompts, a big clock and what was captured; the agenda between themes."""

    BINDINGS = [Binding("f1", "app.help", "Help", id="present_help")]

    DEFAULT_CSS = """
    PresenterScreen { layout: vertical; padding: 0 1; }
    PresenterScreen #present-top { height: 1; }
    /* The time stays whole on a projector; a long committee or paper title gives way. */
    PresenterScreen #present-committee { width: 1fr; text-style: bold; text-wrap: nowrap; text-overflow: ellipsis; }
    PresenterScreen #present-time { width: auto; margin-left: 2; color: $text-muted; }
    PresenterScreen #present-section { height: 1; width: 1fr; color: $text-muted; margin-top: 1; content-align: center middle; }
    PresenterScreen #present-theme { height: auto; max-height: 3; width: 1fr; text-style: bold; color: $accent; content-align: center middle; }
    PresenterScreen #present-digits { height: 1fr; min-height: 3; max-height: 24; }
    PresenterScreen #present-phase { height: 1; width: 1fr; content-align: center middle; }
    PresenterScreen #present-body { height: auto; max-height: 50%; margin-top: 1; }
    PresenterScreen .present-column { width: 1fr; height: auto; padding: 0 1; }
    PresenterScreen .present-heading { height: 1; color: $text-muted; text-style: bold; }
    PresenterScreen #present-agenda { margin-top: 1; max-height: 60%; display: none; }
    PresenterScreen #present-status { height: 1; color: $text-muted; }
    PresenterScreen #present-message { height: 1fr; content-align: center middle; text-style: bold; display: none; }
    PresenterScreen.-warning #present-digits, PresenterScreen.-warning #present-phase { color: $warning; }
    PresenterScreen.-overtime #present-digits, PresenterScreen.-overtime #present-phase { color: $error; }
    PresenterScreen.-paused #present-digits { color: $text-muted; }
    PresenterScreen.-between #present-body { display: none; }
    PresenterScreen.-between #present-agenda { display: block; }
    PresenterScreen.-waiting #present-section, PresenterScreen.-waiting #present-theme,
    PresenterScreen.-waiting #present-digits, PresenterScreen.-waiting #present-phase,
    PresenterScreen.-waiting #present-body, PresenterScreen.-waiting #present-agenda { display: none; }
    PresenterScreen.-waiting #present-message { display: block; }
    PresenterScreen.-ended #present-body, PresenterScreen.-ended #present-agenda,
    PresenterScreen.-ended #present-section, PresenterScreen.-ended #present-theme { display: none; }
    PresenterScreen.-ended #present-message { display: block; height: 3; }
    PresenterScreen.-narrow #present-body { layout: vertical; height: 1fr; max-height: 100%; }
    PresenterScreen.-narrow .present-column { height: 1fr; }
    /* On a small screen what was just captured comes first; the questions get what is left. */
    PresenterScreen.-narrow #present-outcomes-column { dock: top; height: auto; max-height: 50%; }
    """

    class Read(Message):
        """The session file was looked at again and something changed."""

        def __init__(self, snapshot: Snapshot) -> None:
            super().__init__()
            self.snapshot = snapshot

    def __init__(self, sessions_dir: Path, path: Path | None, wall: Wall) -> None:
        super().__init__()
        localize(self)
        self.sessions_dir = sessions_dir
        self.follower = SessionFollower(path) if path is not None else None
        self.finder = MeetingFinder(sessions_dir)
        self.wall = wall
        self.session: Session | None = None
        self._missing_since: datetime | None = None
        self._problem = ""
        self._polling = False
        self._shown: dict[str, object] = {}
        self._generation = 0  # counts the reads that brought a new session

    def compose(self) -> ComposeResult:
        with Horizontal(id="present-top"):
            yield Label("", id="present-committee")
            yield Label("", id="present-time")
        yield Label("", id="present-section")
        yield Static("", id="present-theme")
        yield BigDigits("00:00", id="present-digits")
        yield Label("", id="present-phase")
        with Horizontal(id="present-body"):
            with Vertical(classes="present-column"):
                yield Label(_("Questions"), id="present-prompts-heading", classes="present-heading")
                yield HangingList(id="present-prompts")
            with Vertical(id="present-outcomes-column", classes="present-column"):
                yield Label(_("Decided and agreed, newest first"), classes="present-heading")
                yield HangingList(id="present-outcomes")
        yield AgendaList(id="present-agenda")
        yield Static("", id="present-message")
        yield Label("", id="present-status")

    def on_mount(self) -> None:
        self._show_waiting()
        self.poll()
        self.set_interval(POLL_SECONDS, self.poll)
        self.set_interval(TICK_SECONDS, self.tick)

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")

    # -- reading the file ---------------------------------------------------------------------

    def poll(self) -> None:
        """Look at the file (or, with none yet, for a meeting to start) off the UI thread.

        A stat on the UI thread decides whether there is anything to read: twice a second
        for hours, a thread started for nothing would be most of the view's idle cost.
        """
        if self._polling:
            return
        if self.follower is not None and not self.follower.changed():
            return
        if self.follower is None and not self.finder.due(time.monotonic()):
            return
        self._polling = True
        self._look()

    @work(thread=True, group="present-poll")
    def _look(self) -> None:
        snapshot: Snapshot | None = None
        try:
            if self.follower is None:
                path = self.finder.look(time.monotonic())
                if path is not None:
                    self.follower = SessionFollower(path)
            if self.follower is not None:
                snapshot = self.follower.poll()
        finally:
            self.post_message(self.Read(snapshot or Snapshot(self.session)))

    @on(Read)
    def _on_read(self, message: Read) -> None:
        self._polling = False
        snapshot = message.snapshot
        if snapshot.session is not None and snapshot.session is not self.session:
            self.session = snapshot.session
            self._generation += 1
            self._missing_since = None
            self._problem = ""
        elif snapshot.problem == "missing":
            self._missing_since = self._missing_since or self.wall()
        elif snapshot.problem:
            self._problem = snapshot.problem
        self.tick()

    # -- drawing ------------------------------------------------------------------------------

    def tick(self) -> None:
        """Redraw from the last session read and the wall clock now; unchanged parts stay."""
        session = self.session
        now = self.wall()
        self._show_status(now)
        if session is None:
            self._update("#present-time", clock_time(now))
            self._show_waiting()
            return
        self.set_class(False, "-waiting")
        live = LiveClock(session, now)
        self._update(
            "#present-committee",
            f"{clean_line(session.committee)} · {clean_line(session.agenda.title)}",
        )
        self._update("#present-time", view.top_right(session, now))
        if session.ended is not None:
            self._show_ended(session, now)
            return
        self.set_class(False, "-ended")
        section, theme = view.where(session)
        self._update("#present-section", section)
        self._update("#present-theme", theme)
        self.query_one("#present-digits", BigDigits).text = view.digits(live)
        phase = view.phase(live)
        self._update("#present-phase", view.phase_line(live), key=(phase, view.digits(live)))
        for name in ("paused", "running", "warning", "overtime"):
            self.set_class(phase == name, f"-{name}")
        self.set_class(not live.running, "-between")
        # The body changes only with a new read of the file, or (the agenda) once a minute.
        if live.running:
            self._update("#present-prompts-heading", view.prompts_heading(session))
            if self._shown.get("body") != self._generation:
                self._shown["body"] = self._generation
                self.query_one("#present-prompts", HangingList).show(view.prompts(session))
                self.query_one("#present-outcomes", HangingList).show(
                    view.outcome_entries(session.current),
                    Text(_("Nothing captured on this theme yet."), style="dim"),
                )
        else:
            key = (self._generation, int(live.used() // 60))
            if self._shown.get("agenda") != key:
                self._shown["agenda"] = key
                rows, current = view.agenda_rows(live)
                self.query_one("#present-agenda", AgendaList).show(rows, current)

    def _update(self, selector: str, content: RenderableType, key: object = None) -> None:
        """Give a widget new content only when it differs from what it shows."""
        shown = key if key is not None else content
        if isinstance(content, str):
            content = Text(content)
        if self._shown.get(selector) == shown:
            return
        self._shown[selector] = shown
        widget = self.query_one(selector)
        assert isinstance(widget, Static)
        widget.update(content)

    def _show_waiting(self) -> None:
        self.set_class(True, "-waiting")
        self._update("#present-committee", _("Presenter view"))
        folder = clean_line(str(self.sessions_dir))
        self._update(
            "#present-message",
            _("Waiting for a meeting to start in {folder} …").format(folder=folder),
        )

    def _show_ended(self, session: Session, now: datetime) -> None:
        ended = session.ended
        assert ended is not None
        self.set_class(True, "-ended")
        for name in ("paused", "running", "warning", "overtime", "between"):
            self.set_class(False, f"-{name}")
        self.query_one("#present-digits", BigDigits).text = clock_time(ended).replace(".", ":")
        self._update("#present-phase", "")
        message = _("The meeting has ended at {time}").format(time=clock_time(ended))
        if ended.date() != now.date():
            # Seen the next morning, a bare «0.45» would pass for today's.
            message = _("The meeting ended at {time} on {date}").format(
                time=clock_time(ended), date=short_date(ended.date())
            )
        self._update("#present-message", message)

    def _show_status(self, now: datetime) -> None:
        status = ""
        if self._missing_since is not None:
            gone = (now - self._missing_since).total_seconds()
            if gone >= MISSING_SECONDS:
                status = _("The meeting's file is not there right now; showing what was last read.")
        elif self._problem:
            status = _("The meeting's file could not be read: {problem}").format(
                problem=clean_line(self._problem)
            )
        self._update("#present-status", status)

    def help_title(self) -> str:
        """The help's title for this view."""
        return _("Presenter view")

    def help_notes(self) -> list[tuple[str, str]]:
        """What the help says about this view beyond its keys."""
        return [
            (
                _("Presenter view"),
                _(
                    "Shows the meeting that runs in another window or on another laptop, for "
                    "the room: it follows the session file, never changes it and takes no lock."
                ),
            )
        ]
