"""The minutes after the meeting: read them, correct outcomes, approve, export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Label, Static

from facilitator.i18n import _, language
from facilitator.minutes import render_markdown
from facilitator.privacy import PrivacyWarning, check_privacy
from facilitator.session import OUTCOME_KINDS, Outcome, Session, ThemeRecord
from facilitator.tui.formatting import (
    clock_time,
    kind_label,
    short_date,
    state_label,
)
from facilitator.tui.key_map import bindings
from facilitator.tui.keys import hint
from facilitator.tui.modals.confirm import Confirm
from facilitator.tui.modals.outcome_dialog import OutcomeDialog, OutcomeDraft
from facilitator.tui.screens.minutes_exports import MinutesExports
from facilitator.tui.widgets.key_footer import KeyFooter
from facilitator.tui.widgets.minutes_text import MinutesText
from facilitator.tui.widgets.outcome_table import OutcomeTable
from facilitator.tui.widgets.table import RowTable


def set_text(label: Label, text: str) -> None:
    """Show this text (never markup); unchanged, the label is left alone: an update of a
    label lays the whole screen out again, and a correction should redraw only its row."""
    if label.content != Text(text):
        label.update(Text(text))


class MinutesScreen(MinutesExports):
    """The minutes as they will be sent, with every outcome in a table to correct."""

    BINDINGS = bindings("minutes")

    DEFAULT_CSS = """
    MinutesScreen { layout: vertical; }
    MinutesScreen #minutes-top { height: 1; background: $panel; padding: 0 1; }
    MinutesScreen #minutes-title { width: 1fr; text-style: bold; text-wrap: nowrap; text-overflow: ellipsis; }
    MinutesScreen #minutes-state { width: auto; margin-left: 2; }
    MinutesScreen #minutes-state.-approved { color: $success; text-style: bold; }
    MinutesScreen #privacy {
        height: auto; max-height: 8; border: round $warning; padding: 0 1;
        border-title-color: $warning; border-title-style: bold;
    }
    MinutesScreen #privacy-intro { color: $text-muted; text-style: italic; }
    MinutesScreen #privacy-list { height: auto; }
    MinutesScreen.-short #privacy-intro { display: none; }
    MinutesScreen #outcomes-box {
        height: auto; max-height: 12; border: round $primary-muted; border-title-color: $text;
        border-subtitle-color: $text-muted;
    }
    MinutesScreen #outcomes { height: auto; max-height: 10; }
    MinutesScreen #outcomes-empty { color: $text-muted; padding: 0 1; height: auto; }
    MinutesScreen #minutes {
        height: 1fr; border: round $primary-muted; padding: 0 1; border-title-color: $text;
        border-subtitle-color: $text-muted;
    }
    MinutesScreen #minutes:focus { border: round $primary; }
    MinutesScreen.-short #outcomes-box { max-height: 8; }
    MinutesScreen.-short #outcomes { max-height: 6; }
    MinutesScreen.-short #privacy { max-height: 4; overflow-y: auto; }
    MinutesScreen.-tall #outcomes-box { max-height: 16; }
    MinutesScreen.-tall #outcomes { max-height: 14; }
    """

    def __init__(self, session: Session, path: Path) -> None:
        super().__init__()
        self.session = session
        self.path = path
        self.warnings: list[PrivacyWarning] = []
        self.rows: list[str] = []
        self._outcomes_width = 0
        self._bindings_had_rows: bool | None = None

    def help_title(self) -> str:
        """The help's title for this screen."""
        return _("Minutes")

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="minutes-top"):
            yield Label("", id="minutes-title")
            yield Label("", id="minutes-state")
        with Vertical(id="privacy") as privacy:
            privacy.border_title = _("Check before sending")
            yield Static(
                _(
                    "These do not belong in the minutes of a harassment dialogue. "
                    "Refer to cases by case number."
                ),
                id="privacy-intro",
            )
            yield Static("", id="privacy-list")
        with Vertical(id="outcomes-box") as box:
            box.border_title = _("Outcomes")
            box.border_subtitle = hint(
                self, "minutes_edit", "minutes_delete", ("minutes_kind", _("kind"))
            )
            table = OutcomeTable(
                id="outcomes", enter="Edit", action="edit", cursor_type="row", zebra_stripes=True
            )
            yield table
            yield Static(_("Nothing was decided or agreed."), id="outcomes-empty")
        minutes = MinutesText(id="minutes")
        minutes.border_title = _("Minutes")
        exports = hint(
            self,
            ("export_md", "Markdown"),
            ("export_html", "HTML"),
            ("export_docx", "Word"),
            ("export_toml", "TOML"),
            ("export_anonymized", _("anonymised")),
        )
        minutes.border_subtitle = f"{_('export:')} {exports} · {_('tab scrolls')}"
        yield minutes
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_view()
        self.query_one("#outcomes", DataTable).focus()

    # -- drawing --------------------------------------------------------------------------

    def refresh_view(self) -> None:
        """Redraw the header, warnings, outcome table and minutes from the session."""
        session = self.session
        title = f"{_('Minutes')} · {session.committee} · {session.agenda.title}"
        title += f" · {short_date(session.date)}"
        set_text(self.query_one("#minutes-title", Label), title)
        state = self.query_one("#minutes-state", Label)
        if session.minutes_status == "approved":
            when = f" {short_date(session.approved_at.date())}" if session.approved_at else ""
            names = " · ".join(n for n in (session.approved_by, session.vice_approved_by) if n)
            set_text(state, _("Approved by {name}").format(name=names or "?") + when)
        else:
            set_text(state, f"{state_label(session.state)} · {_('draft, not approved')}")
        state.set_class(session.minutes_status == "approved", "-approved")
        self._show_privacy()
        self._show_outcomes()
        self.query_one(MinutesText).show(render_markdown(session))
        # Edit, delete and kind need an outcome; the footer is built again on every refresh.
        if bool(self.rows) != self._bindings_had_rows:
            self._bindings_had_rows = bool(self.rows)
            self.refresh_bindings()

    def _show_privacy(self) -> None:
        self.warnings = check_privacy(self.session)
        panel = self.query_one("#privacy", Vertical)
        panel.display = bool(self.warnings)
        if not self.warnings:
            return
        text = Text()
        for warning in self.warnings:
            text.append("⚠ ", style="bold")
            text.append(warning.message(language()) + "\n")
        text.rstrip()
        privacy_list = self.query_one("#privacy-list", Static)
        if text != privacy_list.content:  # an update lays the whole screen out again
            privacy_list.update(text)
        panel.border_title = _("Check before sending: {count}").format(count=len(self.warnings))

    def _show_outcomes(self) -> None:
        table = self.query_one("#outcomes", OutcomeTable)
        # The terminal's width before the first layout: filled once, at the width it will have.
        self._outcomes_width = self.size.width or self.app.size.width
        selected = self.selected_id
        row_index = table.cursor_row
        # Inside the box's border.
        if not table.show(self.session, max(self._outcomes_width - 2, 40)):
            return  # the same rows: only changed cells were redrawn, the cursor stays
        self.rows = table.row_ids
        empty = not self.rows
        table.display = not empty
        self.query_one("#outcomes-empty").display = empty
        if selected in self.rows:
            table.move_cursor(row=self.rows.index(selected), animate=False)
        elif self.rows:
            table.move_cursor(row=min(row_index, len(self.rows) - 1), animate=False)

    def on_resize(self) -> None:
        # Only a new width changes how the texts wrap; a refill costs a moment on a long list.
        if self.size.width != self._outcomes_width:
            self._show_outcomes()

    @property
    def selected_id(self) -> str | None:
        """The id of the highlighted outcome."""
        return self.query_one("#outcomes", RowTable).highlighted(self.rows) if self.rows else None

    def _selected(self) -> tuple[ThemeRecord, Outcome] | None:
        outcome_id = self.selected_id
        if outcome_id is None:
            self.notify(_("There is no outcome to change."), timeout=3)
            return None
        return self.session.find_outcome(outcome_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Edit, delete and change kind need an outcome (greyed out otherwise)."""
        if action in ("edit", "delete", "change_kind"):
            return bool(self.rows) or None
        return True

    # -- changes --------------------------------------------------------------------------

    def _changed(self) -> None:
        # The corrected row is drawn first; the save (a copy of the session for the saver's
        # thread) and the minutes below follow once it is on screen.
        self._show_outcomes()
        self.call_after_refresh(self._save_and_redraw)

    def _save_and_redraw(self) -> None:
        self.facilitator.persist(self.session, self.path)
        self.refresh_view()

    _withdraw_agreed = False

    def _approval_stands(self, retry: Callable[[], None]) -> bool:
        """Whether approved minutes must wait for a yes before a change withdraws the approval.

        Asks, and on yes runs `retry` again with the question answered.
        """
        if self.session.minutes_status != "approved" or self._withdraw_agreed:
            return False

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            self._withdraw_agreed = True
            try:
                retry()
            finally:
                self._withdraw_agreed = False

        question = _(
            "The minutes are approved by {name}. Changing them withdraws the approval: they "
            "become a draft again and must be approved anew."
        ).format(name=self.session.approved_by or "?")
        self.app.push_screen(Confirm(question, title=_("Withdraw the approval?")), answer)
        return True

    def _may_change(self) -> bool:
        # A finished meeting opened from the home screen is not locked yet.
        return self.facilitator.lock(self.session, self.path)

    def _to_change(self, retry: Callable[[], None]) -> tuple[ThemeRecord, Outcome] | None:
        """The highlighted outcome, once it may be changed: locked, and any approval settled."""
        found = self._selected()
        if found is None or not self._may_change() or self._approval_stands(retry):
            return None
        return found

    def action_edit(self) -> None:
        """Correct the highlighted outcome in the outcome dialog."""
        found = self._to_change(self.action_edit)
        if found is None:
            return
        record, outcome = found
        draft = OutcomeDraft(outcome.kind, outcome.text, outcome.owner, outcome.due)
        title = self.session.theme(record.theme_id).title
        outcome_id = outcome.id

        def saved(result: OutcomeDraft | None) -> None:
            if result is None:
                return
            self.session.update_outcome(
                outcome_id, result.kind, result.text, result.owner, result.due
            )
            self._changed()
            self.notify(_("Outcome corrected."), timeout=2)

        today = self.facilitator.wall().date()
        self.app.push_screen(OutcomeDialog(outcome.kind, title, today, draft), saved)

    def action_change_kind(self) -> None:
        """Make the highlighted outcome the next kind: decision, agreement, action, question."""
        found = self._to_change(self.action_change_kind)
        if found is None:
            return
        _record, outcome = found
        kind = OUTCOME_KINDS[(OUTCOME_KINDS.index(outcome.kind) + 1) % len(OUTCOME_KINDS)]
        self.session.update_outcome(outcome.id, kind, outcome.text, outcome.owner, outcome.due)
        self._changed()

    def action_delete(self) -> None:
        """Delete the highlighted outcome, after asking."""
        found = self._to_change(self.action_delete)
        if found is None:
            return
        _record, outcome = found
        outcome_id = outcome.id

        def answer(yes: bool | None) -> None:
            if yes:
                self.session.remove_outcome(outcome_id)
                self._changed()
                self.notify(_("Outcome deleted."), timeout=2)

        question = _("Delete this {kind}?").format(kind=kind_label(outcome.kind).lower())
        self.app.push_screen(Confirm(question, outcome.text, title=_("Delete")), answer)

    def action_approve(self) -> None:
        """Mark the minutes approved, asking who approves them (the chair by default)."""
        from facilitator.tui.modals.text_prompt import TextPrompt

        if not self._may_change():
            return
        session = self.session

        def approved(name: str, vice: str) -> None:
            session.approve(name, at=self.facilitator.wall(), vice_by=vice)
            self._changed()
            names = " · ".join(n for n in (session.approved_by, session.vice_approved_by) if n)
            self.notify(
                _("Minutes approved by {name}, {time}.").format(
                    name=names,
                    time=clock_time(session.approved_at or self.facilitator.wall()),
                ),
                timeout=4,
                markup=False,
            )

        def answer(name: str | None) -> None:
            if name is None:
                return

            # MED: the formand and the næstformand both approve; the second may be left empty.
            def second(vice: str | None) -> None:
                if vice is not None:
                    approved(name, vice)

            vice_context = _("Who approves for the other side (næstformand)? May be empty.")
            vice_value = session.vice_approved_by or session.naestformand
            self.app.push_screen(
                TextPrompt(_("Approve the minutes"), vice_context, vice_value), second
            )

        context = _("Who approves the minutes (formand)?")
        value = session.approved_by or session.formand or session.chair
        # The dialog stays open until a name is given: closing it would lose the approval.
        required = _("Write who approves the minutes.")
        self.app.push_screen(
            TextPrompt(_("Approve the minutes"), context, value, required=required), answer
        )

    def action_next_meeting(self) -> None:
        """Type the next meeting's date, time and place (the «Næste møde» item prints them)."""
        from facilitator.tui.modals.next_meeting import ask_next_meeting

        if not self._may_change():
            return

        def changed() -> None:
            self._changed()
            self.notify(_("Next meeting saved."), timeout=2)

        ask_next_meeting(self, self.session, self.facilitator.wall().date(), changed)

    # -- leaving --------------------------------------------------------------------------

    def action_back(self) -> None:
        """Back to where the minutes were opened from, or to the home screen."""
        from facilitator.tui.screens.home import HomeScreen

        # Queued saves first, then let another program open the session again.
        self.facilitator.release(self.path)
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.switch_screen(HomeScreen())
