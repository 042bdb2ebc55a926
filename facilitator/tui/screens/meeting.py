"""The meeting screen: agenda, current theme and its clock, outcomes and notes."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import Label, Static, TextArea

from facilitator.clock import MeetingClock
from facilitator.i18n import _
from facilitator.session import REVIEW_THEME_ID, Session
from facilitator.tui.commands import MeetingCommands
from facilitator.tui.formatting import clock_time, kind_label, theme_kind_label
from facilitator.tui.inline_markdown import render as render_markdown
from facilitator.tui.key_map import bindings
from facilitator.tui.keys import hint, keys_of
from facilitator.tui.screens.meeting_dialogs import MeetingDialogs
from facilitator.tui.screens.meeting_keys import CAPTURE_IDS
from facilitator.tui.widgets.agenda_panel import AgendaPanel
from facilitator.tui.widgets.key_footer import KeyFooter
from facilitator.tui.widgets.outcome_list import OutcomeList
from facilitator.tui.widgets.review_list import review_text
from facilitator.tui.widgets.theme_clock import ThemeClock

# While the clock runs, the time used is written to disk this often, so a crash loses little.
# Readers of the file (the presenter view) compute the live time from `running_since`, so
# this is only for a crash: every save rewrites the whole session, on a laptop's SSD.
CHECKPOINT_SECONDS = 30.0
NOTES_SAVE_DELAY = 0.5  # notes reach the disk within a second of the last key


class MeetingScreen(MeetingDialogs):
    """Runs one meeting: one key per action, everything saved as it happens."""

    COMMANDS = {MeetingCommands}

    BINDINGS = bindings("meeting")

    DEFAULT_CSS = """
    MeetingScreen { layout: vertical; }
    #topbar { height: 1; background: $panel; padding: 0 1; }
    #topbar-left { width: 1fr; text-style: bold; text-wrap: nowrap; text-overflow: ellipsis; }
    #topbar-right { width: auto; margin-left: 2; }
    #topbar-right.-late { color: $warning; text-style: bold; }
    #body { height: 1fr; }
    #agenda { width: 32; border: round $primary-muted; border-title-color: $text; }
    MeetingScreen.-narrow #agenda { width: 27; }
    #main { width: 1fr; border: round $primary; padding: 0 1; border-title-style: bold; }
    #theme-head { height: auto; }
    #theme-title { width: 1fr; text-style: bold; color: $text; }
    #theme-kind { width: auto; max-width: 45%; color: $text-muted; text-align: right; }
    #theme-kind.-obligation { color: $warning; text-style: bold; }
    #theme-body { height: 1fr; min-height: 2; }
    #theme-description { color: $text-muted; margin-top: 1; }
    #theme-prompts { text-style: bold; }
    #outcomes { height: auto; max-height: 9; border-top: solid $primary-muted; border-title-color: $text;
        border-subtitle-color: $text; border-subtitle-style: bold; scrollbar-size-vertical: 1; }
    #outcomes > Static { height: auto; }
    #notes { height: 5; border: solid $primary-muted; padding: 0; }
    MeetingScreen.-tall #notes { height: 8; }
    MeetingScreen.-tall #outcomes { max-height: 9; }
    #split { height: 1fr; }
    #capture { height: auto; }
    #notes { border-title-color: $text; }
    MeetingScreen.-huge #agenda { width: 44; }
    MeetingScreen.-huge #split { layout: horizontal; }
    MeetingScreen.-huge #theme-body { width: 1fr; height: 1fr; padding-right: 2; }
    MeetingScreen.-huge #capture { width: 1fr; height: 1fr; }
    MeetingScreen.-huge #outcomes { max-height: 60%; border-top: none; border: round $primary-muted; }
    MeetingScreen.-huge #notes { height: 1fr; max-height: 100%; border: round $primary-muted; }
    #notes:focus { border: solid $accent; }
    MeetingScreen #notes.-empty, MeetingScreen.-tall #notes.-empty,
    MeetingScreen.-short #notes.-empty { height: 3; }
    MeetingScreen #notes.-empty:focus, MeetingScreen.-tall #notes.-empty:focus { height: 5; }
    MeetingScreen.-huge #notes.-empty { height: 1fr; }
    MeetingScreen.-short #notes { height: 4; }
    MeetingScreen.-short #theme-description { display: none; }
    MeetingScreen.-short ThemeClock #clock-digits { display: none; }
    MeetingScreen.-short ThemeClock #clock-compact { display: block; }
    MeetingScreen.-short #outcomes { max-height: 5; }
    """

    def __init__(self, session: Session, path: Path, clock: MeetingClock) -> None:
        super().__init__()
        self.session = session
        self.path = path
        self.clock = clock
        self.review_index = 0
        self._belled: set[str] = set()
        # Outcomes captured while the disk refused them: listed, and marked as not saved.
        self._unsaved: set[str] = set()
        self._topbar = ""  # what the top bar last showed: redrawn only when it changes
        self._notes_timer_pending = False
        self._loading_notes = False
        self._notes_theme = session.current_theme

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Label("", id="topbar-left", markup=False)
            yield Label("", id="topbar-right", markup=False)
        with Horizontal(id="body"):
            agenda = AgendaPanel(id="agenda")
            agenda.border_title = _("Agenda")
            yield agenda
            with Vertical(id="main"):
                with Horizontal(id="theme-head"):
                    yield Label("", id="theme-title", markup=False)
                    yield Label("", id="theme-kind", markup=False)
                yield ThemeClock(id="clock", start_key=keys_of(self, "toggle_clock"))
                # One column on ordinary terminals; on a large one the outcomes and notes
                # move beside the questions instead of under them.
                with Vertical(id="split"):
                    with VerticalScroll(id="theme-body", can_focus=False):
                        yield Static("", id="theme-prompts")
                        yield Static("", id="theme-description")
                    with Vertical(id="capture"):
                        yield OutcomeList(id="outcomes")
                        notes = TextArea(id="notes", soft_wrap=True, show_line_numbers=False)
                        notes.border_title = _("Notes ({key})").format(key=keys_of(self, "notes"))
                        # Only e goes into the notes: tab must never leave the chair typing
                        # n and d as letters there.
                        notes.can_focus = False
                        yield notes
        yield KeyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        left = f"{self.session.committee} · {self.session.agenda.title}"
        self.query_one("#topbar-left", Label).update(left)
        self.show_theme()
        self._ticker = self.set_interval(0.25, self.tick)
        # Its own timer, not a count of ticks: a tick that comes late is skipped, not replayed.
        self._checkpointer = self.set_interval(CHECKPOINT_SECONDS, self._checkpoint)

    # -- drawing --------------------------------------------------------------------------

    def show_theme(self) -> None:
        """Draw everything that changes when the current theme changes."""
        session = self.session
        record = session.current
        theme = session.theme(record.theme_id)
        section = session.agenda.section_of(theme.id)
        number = session.agenda.ref(theme.id).section
        self.query_one("#main").border_title = escape(f"{number} {section.title}")
        self.query_one("#theme-title", Label).update(theme.title)
        kind = self.query_one("#theme-kind", Label)
        kind_text = theme_kind_label(theme.kind)
        if theme.is_obligation:
            # Said in words and marks, so the state does not depend on colour.
            kind_text += (
                "\n✓ " + _("presented")
                if record.presented
                else f"\n{keys_of(self, 'presented')}: {_('not presented')}"
            )
        kind.update(kind_text)
        kind.set_class(theme.is_obligation, "-obligation")
        self.query_one("#theme-description", Static).update(render_markdown(theme.description))
        self.show_prompts()
        self.show_outcomes()
        notes = self.query_one("#notes", TextArea)
        self._notes_theme = record.theme_id
        if notes.text != record.notes:
            self._loading_notes = True
            notes.load_text(record.notes)
        # An empty notes box gives its rows to the questions.
        notes.set_class(not record.notes.strip(), "-empty")
        self.query_one("#theme-body", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()
        self.tick()

    def show_prompts(self) -> None:
        """The guiding questions, or on the review item the earlier outcomes to review."""
        theme = self.session.theme(self.session.current_theme)
        prompts = self.query_one("#theme-prompts", Static)
        if self.on_review_item:
            choose = keys_of(self, "review_up") + keys_of(self, "review_down")
            keys = f"{choose} {_('choose')} · " + hint(
                self,
                "review_done",
                "review_progress",
                "review_not_started",
                "review_dropped",
                "review_comment",
            )
            prompts.update(review_text(self.session.reviews, self.review_index, keys))
            return
        bullet = "▪" if theme.is_obligation else "•"
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for prompt in theme.prompts:
            grid.add_row(bullet, Text(prompt))
        if self.on_next_meeting_item:
            grid.add_row(keys_of(self, "next_meeting"), self.next_meeting_line())
        prompts.update(grid)

    def show_outcomes(self) -> None:
        """What has been decided and agreed on the current theme, the newest always in view."""
        keys = hint(self, *CAPTURE_IDS[:3], (CAPTURE_IDS[3], _("open question")))
        empty = Text(f"{_('Nothing yet:')} {keys}", style="dim")
        outcomes = self.query_one("#outcomes", OutcomeList)
        outcomes.show(self.session.current.outcomes, self._unsaved, empty)

    def on_resize(self, event: events.Resize) -> None:
        self.query_one(ThemeClock).grow(event.size.width, event.size.height)
        self.query_one(OutcomeList).fit_terminal(event.size.height)
        self.show_outcomes()

    def tick(self) -> None:
        """Redraw the clock, the ends and the agenda's minutes from the clock (never counted)."""
        clock = self.clock
        record = self.session.current
        self.query_one(ThemeClock).show(clock.remaining(), record.timebox * 60, clock.running)
        planned, projected, drift = clock.ends()
        now = clock.wall()
        sign = f"+{drift}" if drift > 0 else str(drift)
        bell = _("bell on") if self.facilitator.bell_enabled else _("bell off")
        right = (
            f"{_('now')} {clock_time(now)}   {_('end')} {clock_time(planned)} → "
            f"{clock_time(projected)} ({sign}) · {bell}"
        )
        if right != self._topbar:
            # Label.update lays the screen out again: only when the text really changed.
            self._topbar = right
            late = self.query_one("#topbar-right", Label)
            late.update(right)
            late.set_class(drift > 0, "-late")
        self.query_one(AgendaPanel).show(clock)

    @on(ThemeClock.Expired)
    def _ring(self) -> None:
        # Once per theme: pausing and starting again in overtime is no news.
        theme_id = self.session.current_theme
        if theme_id in self._belled:
            return
        self._belled.add(theme_id)
        if self.facilitator.bell_enabled:
            self.app.bell()

    def _checkpoint(self) -> None:
        """While the clock runs, write the time used, so a crash loses little of it."""
        if self.clock.running:
            self.save()

    # -- saving ---------------------------------------------------------------------------

    def save(self) -> None:
        """Write the session now (off the UI thread), running time and unsaved notes included."""
        self.take_notes()
        self.clock.checkpoint()
        self.facilitator.persist(self.session, self.path)

    def save_now(self, announce: bool = True) -> bool:
        """Write the session before going on; False (said on screen if `announce`) on failure."""
        self.take_notes()
        self.clock.checkpoint()
        if self.facilitator.save_now(self.session, self.path, announce):
            return False
        self._unsaved.clear()  # a whole session was written: everything listed is on disk
        return True

    def unsaved_changes(self) -> list[str]:
        """The outcomes listed as not saved, as the quit dialog names them."""
        return [
            f"{kind_label(outcome.kind)}: {outcome.text}"
            for _record, outcome in self.session.outcomes()
            if outcome.id in self._unsaved
        ]

    def take_notes(self) -> bool:
        """Copy the notes being typed into the session; True when they changed."""
        notes = self.query_one_optional("#notes", TextArea)
        if notes is None:
            return False  # the program left before this screen was built: nothing typed
        text = notes.text
        # The text area holds the notes of the theme it was loaded for, which is not the
        # current theme in the moment between a theme change and the redraw.
        record = self.session.record(self._notes_theme)
        if text == record.notes:
            return False
        self.session.set_notes(record.theme_id, text)
        return True

    # -- actions --------------------------------------------------------------------------

    @property
    def on_review_item(self) -> bool:
        """Whether the current theme is a follow-up meeting's review of earlier outcomes."""
        return self.session.current_theme == REVIEW_THEME_ID and bool(self.session.reviews)

    def help_title(self) -> str:
        """The help's title for this screen."""
        return _("Meeting")

    def help_notes(self) -> list[tuple[str, str]]:
        """The agenda's marks, the clock and capturing, explained."""
        return [
            (_("Agenda marks"), AgendaPanel.legend()),
            (
                _("Clock"),
                _(
                    "Counts the theme's timebox down while it runs ({key}). In the last two "
                    "minutes it says 'Nearly out of time'; past the timebox it says OVERTIME and "
                    "counts up. Paused, it is grey and says so. The top line shows the planned "
                    "end and where the meeting is heading."
                ).format(key=keys_of(self, "toggle_clock")),
            ),
            (
                _("Outcomes"),
                _(
                    "{keys} capture a decision, agreement, action or open question on the "
                    "current theme: text, owner, date. Each is listed once it is saved."
                ).format(keys=" ".join(keys_of(self, binding_id) for binding_id in CAPTURE_IDS)),
            ),
        ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide keys that do nothing here: obligations, the review item, notes being written."""
        theme = self.session.theme(self.session.current_theme)
        if action == "mark_presented":
            return theme.is_obligation
        if action in ("review", "review_comment", "review_move"):
            return self.on_review_item
        if action == "leave_notes":
            return self.query_one("#notes", TextArea).has_focus
        if action == "next_meeting":
            return self.on_next_meeting_item
        return True

    def action_toggle_clock(self) -> None:
        """Start or pause the meeting clock."""
        self.clock.toggle()
        self.save()
        self.tick()

    def action_next_theme(self) -> None:
        """Go to the next theme."""
        self.take_notes()
        if self.clock.next():
            self.save()
            self.show_theme()
        else:
            self.notify(
                _("This is the last theme. {key} ends the meeting.").format(
                    key=keys_of(self, "end_meeting")
                ),
                timeout=4,
            )

    def action_previous_theme(self) -> None:
        """Go back one theme."""
        self.take_notes()
        if self.clock.previous():
            self.save()
            self.show_theme()

    def goto(self, theme_id: str) -> None:
        """Jump to a theme (from the command palette)."""
        self.take_notes()
        self.clock.goto(theme_id)
        self.save()
        self.show_theme()

    def action_adjust(self, minutes: int) -> None:
        """Add or remove a minute on the current timebox."""
        self.clock.adjust(minutes)
        self.save()
        self.tick()

    def action_edit_notes(self) -> None:
        """Write notes for the current theme; escape leaves them."""
        notes = self.query_one("#notes", TextArea)
        notes.can_focus = True
        notes.border_title = _("Notes · escape leaves them")
        notes.focus()
        self.refresh_bindings()

    def action_leave_notes(self) -> None:
        """Stop writing notes; single-letter keys work again."""
        self._store_notes()
        notes = self.query_one("#notes", TextArea)
        notes.can_focus = False
        notes.border_title = _("Notes ({key})").format(key=keys_of(self, "notes"))
        self.set_focus(None)
        self.refresh_bindings()

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self) -> None:
        notes = self.query_one("#notes", TextArea)
        notes.set_class(not notes.text.strip(), "-empty")
        if self._loading_notes:
            self._loading_notes = False
            return
        if not self._notes_timer_pending:
            self._notes_timer_pending = True
            self.set_timer(NOTES_SAVE_DELAY, self._store_notes)

    def _store_notes(self) -> None:
        self._notes_timer_pending = False
        if self.take_notes():
            self.save()

    def action_mark_presented(self) -> None:
        """Mark an obligation theme as presented (or undo it)."""
        self.session.toggle_presented(self.session.current_theme)
        self.save()
        self.show_theme()

    def action_toggle_bell(self) -> None:
        """Switch the bell at the end of a timebox on or off."""
        self.facilitator.bell_enabled = not self.facilitator.bell_enabled
        self.notify(_("Bell on") if self.facilitator.bell_enabled else _("Bell off"), timeout=2)
        self.tick()

    def action_end_meeting(self) -> None:
        """Check coverage, then end the meeting and go to review."""
        from facilitator.tui.modals.coverage_check import CoverageCheck

        self._store_notes()
        if self.query_one("#notes", TextArea).has_focus:
            self.action_leave_notes()
        self.clock.checkpoint()  # the check judges the theme under way by its time so far
        check = CoverageCheck(self.session)
        if check.empty:
            self.end_meeting()
            return

        def answer(end: bool | None) -> None:
            self.save()
            if end:
                self.end_meeting()

        self.app.push_screen(check, answer)

    def end_meeting(self) -> None:
        """Stop the clock, stamp the end, save, and open the minutes."""
        self.clock.end()
        self._ticker.stop()
        self._checkpointer.stop()
        self.save()
        self.facilitator.open_minutes(self.session, self.path, replace=True)
