"""The home screen: start a meeting, resume or open one, follow one up, or see every agreement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable, Label, Static

from facilitator.agenda import Agenda
from facilitator.i18n import _
from facilitator.sanitize import one_line
from facilitator.session import Session
from facilitator.tui.formatting import ellipsize, short_date, state_label
from facilitator.tui.key_map import bindings
from facilitator.tui.keys import hint, keys_of
from facilitator.tui.screens.base import FacilitatorScreen
from facilitator.tui.widgets.key_footer import KeyFooter
from facilitator.tui.widgets.table import RowTable
from facilitator.workspace import SessionInfo, StoreError

FINISHED_STATES = ("ended", "approved")


def sort_sessions(infos: list[SessionInfo]) -> list[SessionInfo]:
    """Unfinished meetings first, then finished ones; newest first within each group."""
    newest = sorted(infos, key=lambda info: (info.date, info.mtime), reverse=True)
    unfinished = [info for info in newest if info.state not in FINISHED_STATES]
    finished = [info for info in newest if info.state in FINISHED_STATES]
    return unfinished + finished


class HomeScreen(FacilitatorScreen):
    """Where the program opens: every meeting in the sessions folder, and what to do next."""

    BINDINGS = bindings("home")

    DEFAULT_CSS = """
    HomeScreen { layout: vertical; }
    HomeScreen #home-head { height: auto; padding: 1 2 0 2; }
    HomeScreen #home-title { text-style: bold; color: $accent; }
    HomeScreen #home-intro { color: $text-muted; }
    HomeScreen #home-list {
        height: 1fr; margin: 1 1 0 1; border: round $primary; border-title-color: $text;
        border-subtitle-color: $text-muted;
    }
    HomeScreen #sessions { height: 1fr; }
    HomeScreen #home-empty { padding: 1 2; height: auto; }
    HomeScreen #home-hint { height: 1; padding: 0 2; color: $text-muted; }
    HomeScreen #home-problems { height: auto; padding: 0 2; color: $warning; }
    HomeScreen.-short #home-intro { display: none; }
    HomeScreen.-short #home-head { padding: 0 2; }
    """

    @dataclass
    class Loaded(Message):
        """The sessions folder was read (in a worker)."""

        infos: list[SessionInfo]
        error: str

    @dataclass
    class AgendaFound(Message):
        """The new-meeting form's agenda was found (in a worker), or no agenda loads."""

        agenda: Agenda | None
        path: Path | None

    @dataclass
    class FollowupReady(Message):
        """A follow-up meeting was prepared (in a worker), or could not be."""

        session: Session | None
        error: str
        earlier: date | None = None  # the date of the meeting followed up

    def __init__(self) -> None:
        super().__init__()
        self.infos: list[SessionInfo] = []
        self.loaded = False

    def help_title(self) -> str:
        """The help's title for this screen."""
        return _("Home")

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="home-head"):
            yield Label(_("facilitator · MED meetings through a dialogue paper"), id="home-title")
            yield Static(
                _(
                    "Steps the committee through the guide's sections and themes, keeps each "
                    "theme to its timebox, captures decisions, agreements and actions, and saves "
                    "the minutes as you go."
                ),
                id="home-intro",
            )
        with Vertical(id="home-list") as box:
            box.border_title = _("Meetings")
            table = RowTable(
                id="sessions", enter="Open", action="open", cursor_type="row", zebra_stripes=True
            )
            yield table
            yield Static("", id="home-empty")
        yield Static("", id="home-problems")
        yield Label("", id="home-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#sessions", DataTable)
        self.query_one("#home-empty").display = False
        self.query_one("#home-problems").display = False
        table.focus()
        self.reload()

    def on_screen_resume(self) -> None:
        # Back from a meeting or the minutes: states and dates may have changed.
        if self.loaded:
            self.reload()

    # -- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the sessions folder again, off the UI thread."""
        self._load()

    @work(thread=True, exclusive=True, group="home-load")
    def _load(self) -> None:
        try:
            infos = self.facilitator.workspace.sessions()
        except (OSError, StoreError) as error:
            self.post_message(self.Loaded([], str(error)))
            return
        self.post_message(self.Loaded(sort_sessions(infos), ""))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.loaded = True
        self.infos = message.infos
        problems = self.query_one("#home-problems", Static)
        problems.display = bool(message.error)
        problems.update(Text(message.error))
        self.show_sessions()

    def show_sessions(self) -> None:
        """Fill the table, keeping the highlighted meeting where it was."""
        table = self.query_one("#sessions", RowTable)
        selected = self.selected
        table.clear(columns=True)
        dates = [short_date(info.date) for info in self.infos]
        states = [
            _("Damaged file")
            if info.problem
            else (_("Newer version") if info.newer_schema else state_label(info.state))
            for info in self.infos
        ]
        inner = table.size.width or max(self.size.width - 4, 40)
        # Date and state take what they need; committee and agenda share the rest (each cell
        # has one column of padding either side, and a scroll bar may appear).
        fixed = max(map(len, dates), default=0) + max(map(len, states), default=0)
        rest = max(24, inner - fixed - 2 * 4 - 2)
        committee_width = max(12, rest * 9 // 20)
        agenda_width = max(10, rest - committee_width)
        committees = [ellipsize(one_line(info.committee), committee_width) for info in self.infos]
        agendas = [ellipsize(one_line(info.agenda_title), agenda_width) for info in self.infos]
        for key, heading, cells in (
            ("date", _("Date"), dates),
            ("committee", _("Committee"), committees),
            ("agenda", _("Agenda"), agendas),
            ("state", _("State"), states),
        ):
            table.add_fitted_column(heading, key, cells)
        for info, day, committee, agenda, state in zip(
            self.infos, dates, committees, agendas, states, strict=True
        ):
            # Text, not str: a str cell is read as Rich markup, and "[" in a name would vanish.
            table.add_row(
                Text(day),
                Text(committee),
                Text(agenda),
                Text(state, style="bold" if info.newer_schema or info.problem else ""),
                key=str(info.path),
            )
        empty = self.query_one("#home-empty", Static)
        empty.display = not self.infos
        table.display = bool(self.infos)
        if not self.infos:
            empty.update(
                Text(
                    _(
                        "No meetings yet in {folder}.\n\nPress {key} to start the first one: "
                        "choose the agenda, write the committee's name, and who takes part."
                    ).format(folder=self.facilitator.sessions_dir, key=keys_of(self, "home_new"))
                )
            )
        elif selected is not None:
            for index, info in enumerate(self.infos):
                if info.path == selected.path:
                    table.move_cursor(row=index, animate=False)
                    break
        self._show_hint()
        self.refresh_bindings()

    def on_resize(self, event: Resize) -> None:
        if self.infos:
            self.show_sessions()

    @property
    def selected(self) -> SessionInfo | None:
        """The highlighted meeting, if any."""
        return self.query_one("#sessions", RowTable).highlighted(self.infos) if self.infos else None

    @on(DataTable.RowHighlighted, "#sessions")
    def _highlighted(self) -> None:
        self._show_hint()
        self.refresh_bindings()

    def _show_hint(self) -> None:
        info = self.selected
        # Where the highlighted meeting's file is: people mail and archive these files.
        box = self.query_one("#home-list")
        box.border_subtitle = Text(
            one_line(str(info.path if info else self.facilitator.sessions_dir))
        )
        line = self.query_one("#home-hint", Label)
        if info is None:
            keys = hint(self, "home_new", ("home_register", _("agreements of every meeting")))
            line.update(f"{keys} · {hint(self.app, 'help')}")
        elif info.problem:
            line.update(hint(self, ("home_open", _("see why the file cannot be opened"))))
        elif info.newer_schema:
            line.update(
                hint(self, ("home_open", _("look at it (read-only: saved by a newer facilitator)")))
            )
        elif info.state == "ended":
            line.update(
                hint(
                    self,
                    ("home_open", _("open the minutes")),
                    ("home_followup", _("follow-up meeting")),
                    ("home_reopen", _("reopen it")),
                )
            )
        elif info.state in FINISHED_STATES:
            line.update(
                hint(
                    self,
                    ("home_open", _("open the minutes")),
                    ("home_followup", _("follow-up meeting on this one")),
                )
            )
        else:
            line.update(hint(self, ("home_open", _("resume this meeting where it stopped"))))

    # -- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Open needs a meeting; a follow-up needs a finished one (greyed out otherwise)."""
        if action == "open":
            return self.selected is not None or None
        if action == "followup":
            info = self.selected
            finished = info is not None and info.state in FINISHED_STATES
            usable = info is not None and not info.newer_schema and not info.problem
            return (finished and usable) or None
        if action == "reopen":
            info = self.selected
            usable = info is not None and not info.newer_schema and not info.problem
            return (usable and info is not None and info.state == "ended") or None
        return True

    def action_reopen(self) -> None:
        """Take up an ended meeting whose minutes nobody approved (ctrl+e by mistake)."""
        from facilitator.tui.modals.confirm import Confirm

        info = self.selected
        if info is None or info.state != "ended":
            self.notify(_("Only an ended meeting whose minutes are not approved reopens."))
            return
        path = info.path

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                session = self.facilitator.workspace.load(path)
                session.reopen()
            except (StoreError, ValueError) as error:
                message = error.summary() if isinstance(error, StoreError) else str(error)
                self.notify(
                    one_line(message),
                    title=_("Cannot open the meeting"),
                    severity="error",
                    markup=False,
                )
                return
            self.facilitator.open_meeting(session, path)

        self.app.push_screen(
            Confirm(
                _("Reopen the meeting? It goes on where it ended; the clock stays paused."),
                title=_("Reopen"),
            ),
            answer,
        )

    def action_new_meeting(self) -> None:
        """The new-meeting form, on the default agenda."""
        self._find_default_agenda()

    @work(thread=True, exclusive=True, group="home-new")
    def _find_default_agenda(self) -> None:
        """The agenda the form opens with, found off the UI thread: only the file that holds
        it is read (the form reads the others itself, in the background)."""
        from facilitator.agenda import AgendaError
        from facilitator.catalog import find_agendas, locate_agenda

        try:
            path, agenda = locate_agenda(None)
            self.post_message(self.AgendaFound(agenda, path))
            return
        except (AgendaError, OSError):
            pass
        # The default guide is gone from this install: any agenda that loads will do.
        try:
            entries = [entry for entry in find_agendas() if entry.used]
        except OSError:
            entries = []
        if not entries:
            self.post_message(self.AgendaFound(None, None))
            return
        self.post_message(self.AgendaFound(entries[0].agenda, entries[0].path))

    @on(AgendaFound)
    def _agenda_found(self, message: AgendaFound) -> None:
        if message.agenda is None:
            self.notify(_("No agenda could be loaded."), severity="error")
            return
        if not self.is_current:
            return  # the user went on elsewhere (the register, help) meanwhile
        from facilitator.tui.app import StartSetup
        from facilitator.tui.screens.setup import SetupScreen

        start = StartSetup(agenda=message.agenda, agenda_path=message.path)
        self.app.push_screen(SetupScreen(start))

    def action_open(self) -> None:
        """Resume an unfinished meeting, or open a finished one's minutes."""
        info = self.selected
        if info is None:
            return
        if info.newer_schema:
            self._show_read_only(info)
            return
        session = self.load_session(info.path, _("Cannot open the meeting"))
        if session is None:
            return
        if session.ended:
            self.facilitator.open_minutes(session, info.path)
        else:
            self.facilitator.open_meeting(session, info.path)

    def _show_read_only(self, info: SessionInfo) -> None:
        """A session from a newer facilitator: its Markdown minutes, never the file for writing."""
        from facilitator.safe_toml import UnreadableError, decode_text, read_limited
        from facilitator.tui.modals.read_only import ReadOnlyView

        why = _(
            "Saved by a newer version of facilitator (session format {schema}). It is shown "
            "read-only and will not be changed; update facilitator to continue it."
        ).format(schema=info.newer_schema)
        minutes = info.path.with_suffix(".md")
        try:
            body = decode_text(read_limited(minutes), str(minutes))
        except UnreadableError:
            body = _("(No minutes beside the file: {path})").format(path=minutes.name)
        self.app.push_screen(ReadOnlyView(f"{info.committee} · {info.agenda_title}", why, body))

    def action_followup(self) -> None:
        """Prepare a new meeting of the same committee that reviews this one's outcomes."""
        info = self.selected
        if info is None or info.state not in FINISHED_STATES:
            self.notify(_("Choose a finished meeting to follow up."), timeout=4)
            return
        # On the list itself, not a toast: a toast would linger over the form that follows.
        self.query_one("#home-list").border_subtitle = _("Preparing the follow-up meeting…")
        self._prepare_followup(info.path, info.date)

    @work(thread=True, exclusive=True, group="home-followup")
    def _prepare_followup(self, path: Path, earlier: date) -> None:
        try:
            session = self.facilitator.workspace.prepare_followup(path)
        except (StoreError, ValueError, OSError) as error:
            self.post_message(self.FollowupReady(None, str(error)))
            return
        self.post_message(self.FollowupReady(session, "", earlier))

    @on(FollowupReady)
    def _followup_ready(self, message: FollowupReady) -> None:
        self.query_one("#home-list").border_subtitle = ""
        if message.session is None:
            self.notify(
                message.error, title=_("No follow-up meeting"), severity="error", markup=False
            )
            return
        from facilitator.tui.screens.followup_form import FollowupForm

        # Where, how long, who is here, which carried themes: asked before the meeting starts.
        today = self.facilitator.workspace.wall().date()
        self.app.push_screen(FollowupForm(message.session, message.earlier, today))

    def action_register(self) -> None:
        """Every agreement, action and decision of every meeting in the folder."""
        from facilitator.tui.screens.register import RegisterScreen

        self.app.push_screen(RegisterScreen([self.facilitator.sessions_dir]))

    def action_reload(self) -> None:
        """Read the folder again."""
        self.reload()
