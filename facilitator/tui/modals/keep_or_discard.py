"""Asked when a dialog with typed text is left: keep editing (the safe answer) or discard."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label, Static

from facilitator.i18n import _
from facilitator.tui.modals.base import Dialog


class KeepOrDiscard(Dialog[bool]):
    """Dismisses with True to discard; escape, enter and k keep editing."""

    BINDINGS = [
        Binding("d", "answer(True)", "Discard", id="discard_yes"),
        Binding("k,enter,escape", "answer(False)", "Keep editing", id="discard_no"),
    ]

    DEFAULT_CSS = """
    KeepOrDiscard > Vertical { width: 60; padding: 1 2; border: thick $warning; }
    KeepOrDiscard #discard-detail { color: $text-muted; margin-top: 1; }
    KeepOrDiscard #discard-keys { margin-top: 1; text-style: bold; }
    """

    def __init__(self, what: str = "") -> None:
        super().__init__(_("Discard what you typed?"))
        self.what = what

    def body(self) -> ComposeResult:
        yield Static(_("What you typed is not saved yet."), markup=False)
        if self.what:
            yield Static(self.what, id="discard-detail", markup=False)
        yield Label(_("enter or escape: keep editing · d: discard"), id="discard-keys")

    def action_answer(self, discard: bool) -> None:
        """Close with the answer."""
        self.dismiss(discard)


def cancel_keeping_work(dialog: Dialog[Any], typed: bool) -> None:
    """Close `dialog` with None; when something was typed in it, only after a discard."""
    if not typed:
        dialog.dismiss(None)
        return

    def answer(discard: bool | None) -> None:
        if discard:
            dialog.dismiss(None)

    dialog.app.push_screen(KeepOrDiscard(), answer)
