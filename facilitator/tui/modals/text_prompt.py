"""A one-line question: type, enter saves, escape cancels."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from facilitator.i18n import _
from facilitator.tui.keys import localize


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    TextPrompt { align: center middle; }
    TextPrompt > Vertical { width: 72; max-width: 100%; height: auto; padding: 1 2;
        border: thick $accent; background: $surface; }
    TextPrompt #prompt-context { color: $text-muted; margin-bottom: 1; }
    TextPrompt #prompt-keys { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, title: str, context: str = "", value: str = "") -> None:
        super().__init__()
        localize(self)
        self.title_text = title
        self.context = context
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.title_text
            if self.context:
                yield Label(self.context, id="prompt-context", markup=False)
            yield Input(self.value, id="prompt-input")
            yield Label(_("enter save · escape cancel"), id="prompt-keys")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        """Leave without saving."""
        self.dismiss(None)
