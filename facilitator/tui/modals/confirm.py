"""A yes/no question: y or enter says yes, n or escape says no."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label, Static

from facilitator.i18n import _
from facilitator.tui.modals.base import Dialog


class Confirm(Dialog[bool]):
    """Ask before something that cannot be undone; dismisses with True for yes."""

    BINDINGS = [
        Binding("y,j,enter", "answer(True)", "Yes", id="confirm_yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm_no"),
    ]

    DEFAULT_CSS = """
    Confirm > Vertical { width: 64; max-height: 90%; padding: 1 2; border: thick $warning; }
    Confirm #confirm-question { width: 1fr; }
    Confirm #confirm-detail { color: $text-muted; margin-top: 1; }
    Confirm #confirm-keys { margin-top: 1; color: $text-muted; }
    """

    def __init__(self, question: str, detail: str = "", title: str = "") -> None:
        super().__init__(title or _("Are you sure?"))
        self.question = question
        self.detail = detail

    def body(self) -> ComposeResult:
        yield Static(self.question, id="confirm-question", markup=False)
        if self.detail:
            yield Static(self.detail, id="confirm-detail", markup=False)
        yield Label(_("y or enter: yes · n or escape: no"), id="confirm-keys")

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)
