"""A read-only look at a session this program must not write: its minutes as plain text."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from facilitator.i18n import _
from facilitator.sanitize import terminal_safe
from facilitator.tui.modals.base import Dialog


class ReadOnlyView(Dialog[None]):
    """Shows a text (the Markdown minutes a newer facilitator wrote) that nobody can edit here."""

    BINDINGS = [Binding("escape,q,enter", "close", _("Close"), id="read_only_close")]

    DEFAULT_CSS = """
    ReadOnlyView > Vertical { width: 100; max-height: 90%; padding: 0 1; border: thick $warning; }
    ReadOnlyView #read-only-why { color: $warning; margin-bottom: 1; }
    ReadOnlyView VerticalScroll { height: auto; max-height: 100%; }
    ReadOnlyView #read-only-keys { color: $text-muted; }
    """

    def __init__(self, title: str, why: str, body: str) -> None:
        # Text, not markup: whatever the file says is shown as written, minus controls.
        super().__init__(Text(terminal_safe(" ".join(title.split()))))
        self.why = why
        self.text = body

    def body(self) -> ComposeResult:
        yield Static(Text(terminal_safe(self.why)), id="read-only-why")
        with VerticalScroll():
            yield Static(Text(terminal_safe(self.text)), id="read-only-body")
        yield Label(_("escape: close"), id="read-only-keys")

    def action_close(self) -> None:
        """Back to where it was opened."""
        self.dismiss(None)
