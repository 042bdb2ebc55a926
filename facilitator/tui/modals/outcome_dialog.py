"""The outcome dialog: text, owner and date; enter saves from any field, escape cancels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.markup import escape
from textual.widgets import Input, Label

from facilitator.dates import DateError, parse_date
from facilitator.i18n import _
from facilitator.session import OutcomeKind
from facilitator.tui.formatting import kind_label, short_date
from facilitator.tui.modals.base import FormDialog


@dataclass
class OutcomeDraft:
    """What the dialog returns: the fields as the user left them, the date already parsed."""

    kind: OutcomeKind
    text: str
    owner: str
    due: date | None


class OutcomeDialog(FormDialog[OutcomeDraft | None]):
    """Capture or correct one decision, agreement, action or open question."""

    DEFAULT_CSS = """
    OutcomeDialog > Vertical { width: 76; }
    OutcomeDialog Label.field { color: $text-muted; }
    OutcomeDialog #date-hint { color: $text-muted; height: 1; }
    OutcomeDialog #date-hint.-error { color: $error; text-style: bold; }
    OutcomeDialog #date-hint.-past { color: $warning; text-style: bold; }
    OutcomeDialog #dialog-keys { margin-top: 1; color: $text-muted; }
    OutcomeDialog #text-error { color: $error; text-style: bold; height: auto; }
    OutcomeDialog #text-error:disabled { display: none; }
    """

    def __init__(
        self,
        kind: OutcomeKind,
        theme_title: str,
        today: date,
        draft: OutcomeDraft | None = None,
    ) -> None:
        super().__init__(escape(f"{kind_label(kind)} · {theme_title}"))
        self.kind = kind
        self.theme_title = theme_title
        self.today = today
        self.draft = draft

    def body(self) -> ComposeResult:
        draft = self.draft
        owner_label = _("Responsible") if self.kind == "agreement" else _("Owner")
        date_label = _("Follow-up date") if self.kind == "agreement" else _("Due date")
        yield Label(_("Text"), classes="field")
        # A correction types on at the end: selecting everything on focus would let the
        # first key typed replace the whole text.
        yield Input(draft.text if draft else "", id="outcome-text", select_on_focus=False)
        yield Label("", id="text-error")
        yield Label(owner_label, classes="field")
        yield Input(draft.owner if draft else "", id="outcome-owner", select_on_focus=False)
        yield Label(date_label, classes="field")
        yield Input(
            draft.due.isoformat() if draft and draft.due else "",
            placeholder=_("2026-03-01 · 1.3.2026 · +14d · +2w"),
            id="outcome-date",
            select_on_focus=False,
        )
        yield Label(_("Empty, or a date like 2026-03-01, 1.3.2026, +14d, +2w"), id="date-hint")
        yield Label(_("enter save · tab next field · escape cancel"), id="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#outcome-text", Input).focus()

    def _parsed_date(self) -> tuple[date | None, str | None]:
        raw = self.query_one("#outcome-date", Input).value.strip()
        if not raw:
            return None, None
        try:
            return parse_date(raw, self.today), None
        except DateError as error:
            return None, _date_error(str(error))

    @on(Input.Changed, "#outcome-date")
    def _show_date(self) -> None:
        hint = self.query_one("#date-hint", Label)
        due, error = self._parsed_date()
        if error:
            hint.update(error)
            hint.add_class("-error")
            hint.remove_class("-past")
        else:
            hint.remove_class("-error")
            past = due is not None and due < self.today
            # Accepted (minutes are sometimes written up afterwards), but never silently.
            hint.set_class(past, "-past")
            if due is None:
                hint.update(_("Empty, or a date like 2026-03-01, 1.3.2026, +14d, +2w"))
            elif past:
                hint.update(f"→ {short_date(due)} · " + _("in the past: is that right?"))
            else:
                hint.update(f"→ {short_date(due)}")

    @on(Input.Changed, "#outcome-text")
    def _clear_text_error(self) -> None:
        error = self.query_one("#text-error", Label)
        if str(error.content):  # an update lays the dialog out again: not on every key
            error.update("")

    def action_save(self) -> None:
        """Save when the text is there and the date makes sense; otherwise say what is wrong."""
        text = self.query_one("#outcome-text", Input).value.strip()
        due, error = self._parsed_date()
        if not text:
            self.query_one("#text-error", Label).update(_("Write the text first: it is required."))
            self.query_one("#outcome-text", Input).focus()
            return
        if error:
            self._show_date()
            self.query_one("#outcome-date", Input).focus()
            return
        owner = self.query_one("#outcome-owner", Input).value.strip()
        self.dismiss(OutcomeDraft(self.kind, text, owner, due))

    @property
    def typed(self) -> bool:
        """Whether the fields differ from what the dialog opened with."""
        draft = self.draft
        opened = (
            (draft.text, draft.owner, draft.due.isoformat() if draft.due else "")
            if draft
            else ("", "", "")
        )
        now = tuple(
            self.query_one(f"#outcome-{name}", Input).value.strip()
            for name in ("text", "owner", "date")
        )
        return now != tuple(value.strip() for value in opened)

    def action_cancel(self) -> None:
        """Leave without saving; with typed text, ask first (keeping it is the easy answer)."""
        from facilitator.tui.modals.keep_or_discard import cancel_keeping_work

        cancel_keeping_work(self, self.typed)


def _date_error(message: str) -> str:
    if "not a day" in message:
        return _("That day is not in the calendar.")
    return _("Not a date: write 2026-03-01, 1.3.2026, +14d or +2w.")
