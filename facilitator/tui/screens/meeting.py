"""The meeting screen: agenda, current theme and its clock, outcomes and notes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import Footer, Label, Static, TextArea

from facilitator.clock import MeetingClock
from facilitator.i18n import _
from facilitator.session import REVIEW_THEME_ID, OutcomeKind, ReviewStatus, Session
from facilitator.tui.commands import MeetingCommands
from facilitator.tui.formatting import clock_time, kind_label, short_date, theme_kind_label
from facilitator.tui.inline_markdown import render as render_markdown
from facilitator.tui.keys import hint, keys_of
from facilitator.tui.screens.base import FacilitatorScreen
from facilitator.tui.widgets.agenda_panel import AgendaPanel
from facilitator.tui.widgets.review_list import review_text
from facilitator.tui.widgets.theme_clock import ThemeClock

if TYPE_CHECKING:
    from facilitator.tui.modals.outcome_dialog import OutcomeDraft

REVIEW_KEYS: dict[str, ReviewStatus] = {
    "1": "done",
    "2": "in-progress",
    "3": "not-started",
    "4": "dropped",
}
# The capture keys in the order the hints name them: decision, agreement, action, question.
CAPTURE_IDS = ("decision", "agreement", "action", "question")
# While the clock runs, the time used is written to disk this often, so a crash loses little.
# Readers of the file (the presenter view) compute the live time from `running_since`, so
# this is only for a crash: every save rewrites the whole session, on a laptop's SSD.
CHECKPOINT_SECONDS = 30.0
NOTES_SAVE_DELAY = 0.5  # notes reach the disk within a second of the last key


class MeetingScreen(FacilitatorScreen):
    """Runs one meeting: one key per action, everything saved as it happens."""

    COMMANDS = {MeetingCommands}

    BINDINGS = [
        Binding(
            "space",
            "toggle_clock",
            "Start/pause",
            id="toggle_clock",
            tooltip="Start or pause the meeting clock",
        ),
        Binding("n", "next_theme", "Next", id="next_theme", tooltip="Next theme"),
        Binding(
            "p",
            "previous_theme",
            "Previous",
            show=False,
            id="previous_theme",
            tooltip="Previous theme",
        ),
        Binding(
            "d",
            "capture('decision')",
            "Decision",
            id="decision",
            tooltip="Add a decision to the current theme",
        ),
        Binding(
            "a",
            "capture('agreement')",
            "Agreement",
            id="agreement",
            tooltip="Add an agreement: text, responsible person, follow-up date",
        ),
        Binding(
            "t",
            "capture('action')",
            "Action",
            id="action",
            tooltip="Add an action: text, owner, due date",
        ),
        Binding(
            "o",
            "capture('question')",
            "Question",
            show=False,
            id="question",
            tooltip="Add an open question",
        ),
        Binding(
            "e",
            "edit_notes",
            "Notes",
            id="notes",
            tooltip="Write notes for the current theme (escape leaves the notes)",
        ),
        Binding(
            "m",
            "mark_presented",
            "Presented",
            show=False,
            id="presented",
            tooltip="Obligation themes: mark as presented, or undo",
        ),
        Binding("1", "review('1')", "Done", id="review_done", tooltip="Follow-up item: done"),
        Binding(
            "2",
            "review('2')",
            "In progress",
            id="review_progress",
            tooltip="Follow-up item: in progress",
        ),
        Binding(
            "3",
            "review('3')",
            "Not started",
            id="review_not_started",
            tooltip="Follow-up item: not started",
        ),
        Binding(
            "4", "review('4')", "Dropped", id="review_dropped", tooltip="Follow-up item: dropped"
        ),
        Binding(
            "c",
            "review_comment",
            "Comment",
            id="review_comment",
            tooltip="Follow-up item: write a comment",
        ),
        Binding(
            "down,j",
            "review_move(1)",
            "Next item",
            show=False,
            id="review_down",
            tooltip="Next follow-up item",
        ),
        Binding(
            "up,k",
            "review_move(-1)",
            "Previous item",
            show=False,
            id="review_up",
            tooltip="Previous follow-up item",
        ),
        Binding(
            "plus,equals_sign",
            "adjust(1)",
            "+1 min",
            show=False,
            id="plus_minute",
            tooltip="One minute more for the current theme",
        ),
        Binding(
            "minus",
            "adjust(-1)",
            "-1 min",
            show=False,
            id="minus_minute",
            tooltip="One minute less for the current theme",
        ),
        Binding(
            "r",
            "replan",
            "Re-plan",
            show=False,
            id="replan",
            tooltip="Re-plan: fit the remaining themes to the planned end",
        ),
        Binding(
            "w",
            "attendance",
            "Attendance",
            show=False,
            id="attendance",
            tooltip="Attendance: who came late, who left early",
        ),
        Binding(
            "b",
            "toggle_bell",
            "Bell on/off",
            show=False,
            id="bell",
            tooltip="Bell at the end of a timebox on or off",
        ),
        Binding(
            "u",
            "undo_outcome",
            "Remove last outcome",
            show=False,
            id="undo_outcome",
            tooltip="Remove the newest outcome of the current theme",
        ),
        Binding(
            "escape",
            "leave_notes",
            "Leave notes",
            show=False,
            id="leave_notes",
            tooltip="Leave the notes; single-letter keys work again",
        ),
        Binding(
            "ctrl+e",
            "end_meeting",
            "End",
            priority=True,
            show=False,
            id="end_meeting",
            tooltip="End the meeting: coverage check, then review and export",
        ),
    ]

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
    #outcomes { height: auto; max-height: 9; border-top: solid $primary-muted; border-title-color: $text; }
    #notes { height: 5; border: solid $primary-muted; padding: 0; }
    MeetingScreen.-tall #notes { height: 8; }
    MeetingScreen.-tall #outcomes { max-height: 12; }
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
                        yield Static("", id="outcomes")
                        notes = TextArea(id="notes", soft_wrap=True, show_line_numbers=False)
                        notes.border_title = _("Notes ({key})").format(key=keys_of(self, "notes"))
                        yield notes
        yield Footer(compact=True, show_command_palette=False)

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
        prompts.update(grid)

    def show_outcomes(self) -> None:
        """What has been decided and agreed on the current theme."""
        record = self.session.current
        box = self.query_one("#outcomes", Static)
        box.border_title = _("Decided and agreed")
        if not record.outcomes:
            keys = hint(self, *CAPTURE_IDS[:3], (CAPTURE_IDS[3], _("open question")))
            box.update(Text(f"{_('Nothing yet:')} {keys}", style="dim"))
            return
        text = Text(no_wrap=False)
        for letter, outcome in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", record.outcomes, strict=False):
            text.append(f"{letter} ", style="bold")
            text.append(f"{kind_label(outcome.kind)}: ", style="italic")
            text.append(outcome.text)
            extra = [
                part
                for part in (outcome.owner, short_date(outcome.due) if outcome.due else "")
                if part
            ]
            if extra:
                text.append("  — " + " · ".join(extra), style="bold")
            if outcome.id in self._unsaved:
                text.append("  ⚠ " + _("not saved"), style="bold reverse")
            text.append("\n")
        text.rstrip()
        box.update(text)

    def tick(self) -> None:
        """Redraw the clock, the ends and the agenda's minutes from the clock (never counted)."""
        clock = self.clock
        record = self.session.current
        self.query_one(ThemeClock).show(clock.remaining(), record.timebox * 60, clock.running)
        planned, projected, drift = clock.ends()
        now = clock.wall()
        sign = f"+{drift}" if drift > 0 else str(drift)
        right = (
            f"{_('now')} {clock_time(now)}   {_('end')} {clock_time(planned)} → "
            f"{clock_time(projected)} ({sign})"
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
        self._take_notes()
        self.clock.checkpoint()
        self.facilitator.persist(self.session, self.path)

    def save_now(self, announce: bool = True) -> bool:
        """Write the session before going on; False (said on screen if `announce`) on failure."""
        self._take_notes()
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

    def _take_notes(self) -> bool:
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
        return True

    def action_toggle_clock(self) -> None:
        """Start or pause the meeting clock."""
        self.clock.toggle()
        self.save()
        self.tick()

    def action_next_theme(self) -> None:
        """Go to the next theme."""
        self._take_notes()
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
        self._take_notes()
        if self.clock.previous():
            self.save()
            self.show_theme()

    def goto(self, theme_id: str) -> None:
        """Jump to a theme (from the command palette)."""
        self._take_notes()
        self.clock.goto(theme_id)
        self.save()
        self.show_theme()

    def action_adjust(self, minutes: int) -> None:
        """Add or remove a minute on the current timebox."""
        self.clock.adjust(minutes)
        self.save()
        self.tick()

    def action_capture(self, kind: OutcomeKind) -> None:
        """Open the outcome dialog for the current theme."""
        # Imported on first use, like every dialog: not needed for the first frame.
        from facilitator.tui.modals.outcome_dialog import OutcomeDialog

        theme_id = self.session.current_theme
        title = self.session.theme(theme_id).title

        def saved(draft: OutcomeDraft | None) -> None:
            if draft is None:
                return
            outcome = self.session.add_outcome(
                theme_id, draft.kind, draft.text, draft.owner, draft.due
            )
            # Listed only once it is on disk; if the disk refused it, listed as not saved.
            if not self.save_now():
                self._unsaved.add(outcome.id)
            self.show_outcomes()
            self.tick()

        self.app.push_screen(OutcomeDialog(kind, title, self.clock.wall().date()), saved)

    def action_undo_outcome(self) -> None:
        """Remove the newest outcome of the current theme (after a slip of the hand)."""
        record = self.session.current
        if not record.outcomes:
            return
        removed = self.session.remove_outcome(record.outcomes[-1].id)
        self.save_now()
        self.show_outcomes()
        self.notify(f"{_('Removed')}: {removed.text[:60]}", timeout=4, markup=False)

    def action_edit_notes(self) -> None:
        """Write notes for the current theme; escape leaves them."""
        self.query_one("#notes", TextArea).focus()
        self.refresh_bindings()

    def action_leave_notes(self) -> None:
        """Stop writing notes; single-letter keys work again."""
        self._store_notes()
        self.set_focus(None)
        self.refresh_bindings()

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self) -> None:
        if self._loading_notes:
            self._loading_notes = False
            return
        if not self._notes_timer_pending:
            self._notes_timer_pending = True
            self.set_timer(NOTES_SAVE_DELAY, self._store_notes)

    def _store_notes(self) -> None:
        self._notes_timer_pending = False
        if self._take_notes():
            self.save()

    def action_mark_presented(self) -> None:
        """Mark an obligation theme as presented (or undo it)."""
        self.session.toggle_presented(self.session.current_theme)
        self.save()
        self.show_theme()

    def action_review(self, key: str) -> None:
        """Set the status of the selected earlier outcome."""
        from facilitator.followup import set_review

        if not self.session.reviews:
            return
        review = self.session.reviews[self.review_index]
        set_review(self.session, review.outcome_id, REVIEW_KEYS[key], at=self.clock.wall())
        self.save()
        self.review_index = min(self.review_index + 1, len(self.session.reviews) - 1)
        self.show_prompts()

    def action_review_move(self, step: int) -> None:
        """Choose another earlier outcome to review."""
        if self.session.reviews:
            self.review_index = max(0, min(len(self.session.reviews) - 1, self.review_index + step))
            self.show_prompts()

    def action_review_comment(self) -> None:
        """Write a comment on the selected earlier outcome."""
        from facilitator.tui.modals.text_prompt import TextPrompt

        if not self.session.reviews:
            return
        review = self.session.reviews[self.review_index]

        def done(comment: str | None) -> None:
            if comment is None:
                return
            from facilitator.followup import set_review

            set_review(
                self.session, review.outcome_id, review.status, comment, at=self.clock.wall()
            )
            self.save()
            self.show_prompts()

        self.app.push_screen(TextPrompt(_("Comment"), review.text, review.comment), done)

    def action_replan(self) -> None:
        """Show the re-planned timeboxes of the themes still to come, then apply on request."""
        from facilitator.tui.modals.replan_dialog import ReplanDialog

        proposal = self.clock.propose_replan()

        def answer(apply: bool | None) -> None:
            if apply:
                self.clock.apply_replan(proposal)
                self.save()
                self.tick()
                self.notify(_("Timeboxes re-planned."), timeout=3)

        self.app.push_screen(ReplanDialog(self.session, proposal), answer)

    def action_attendance(self) -> None:
        """Record who is here: late arrivals and early leavers get the time noted."""
        from facilitator.tui.modals.attendance import AttendanceDialog

        def done(changed: bool | None) -> None:
            if changed:
                self.save()

        self.app.push_screen(AttendanceDialog(self.session, self.clock.wall), done)

    def action_toggle_bell(self) -> None:
        """Switch the bell at the end of a timebox on or off."""
        self.facilitator.bell_enabled = not self.facilitator.bell_enabled
        self.notify(_("Bell on") if self.facilitator.bell_enabled else _("Bell off"), timeout=2)

    def action_end_meeting(self) -> None:
        """Check coverage, then end the meeting and go to review."""
        from facilitator.tui.modals.coverage_check import CoverageCheck

        self._store_notes()
        if self.query_one("#notes", TextArea).has_focus:
            self.set_focus(None)
        uncovered = self.session.uncovered()
        if not uncovered:
            self.end_meeting()
            return

        def answer(end: bool | None) -> None:
            self.save()
            if end:
                self.end_meeting()

        self.app.push_screen(CoverageCheck(self.session, uncovered), answer)

    def end_meeting(self) -> None:
        """Stop the clock, stamp the end, save, and open the minutes."""
        self.clock.end()
        self._ticker.stop()
        self._checkpointer.stop()
        self.save()
        self.facilitator.open_minutes(self.session, self.path, replace=True)
