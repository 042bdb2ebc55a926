"""A one-line question: type, enter saves, escape cancels."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Label

from facilitator.i18n import _
from facilitator.tui.modals.base import Dialog


class TextPrompt(Dialog[str | None]):
    """Ask for one line of text."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    TextPrompt > Vertical { padding: 1 2; }
    TextPrompt #prompt-context { color: $text-muted; margin-bottom: 1; }
    TextPrompt #prompt-keys { color: $text-muted; margin-top: 1; }
    TextPrompt #prompt-error { color: $error; text-style: bold; height: auto; }
    """

    def __init__(self, title: str, context: str = "", value: str = "", required: str = "") -> None:
        super().__init__(title)
        self.required = required  # the message when the field is left empty; "" allows it
        self.context = context
        self.value = value

    def body(self) -> ComposeResult:
        if self.context:
            yield Label(self.context, id="prompt-context", markup=False)
        yield Input(self.value, id="prompt-input")
        yield Label("", id="prompt-error")
        yield Label(_("enter save · escape cancel"), id="prompt-keys")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value and self.required:
            # The dialog stays open: closing it would lose where the user was.
            self.query_one("#prompt-error", Label).update(self.required)
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        """Leave without saving."""
        self.dismiss(None)
