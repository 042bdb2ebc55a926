"""Asked when a dialog with typed text is left: keep editing (the safe answer) or discard."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from facilitator.i18n import _
from facilitator.tui.keys import localize


class KeepOrDiscard(ModalScreen[bool]):
    """Dismisses with True to discard; escape, enter and k keep editing."""

    BINDINGS = [
        Binding("d", "answer(True)", "Discard", id="discard_yes"),
        Binding("k,enter,escape", "answer(False)", "Keep editing", id="discard_no"),
    ]

    DEFAULT_CSS = """
    KeepOrDiscard { align: center middle; }
    KeepOrDiscard > Vertical {
        width: 60; max-width: 100%; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    KeepOrDiscard #discard-detail { color: $text-muted; margin-top: 1; }
    KeepOrDiscard #discard-keys { margin-top: 1; text-style: bold; }
    """

    def __init__(self, what: str = "") -> None:
        super().__init__()
        localize(self)
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = _("Discard what you typed?")
            yield Static(_("What you typed is not saved yet."), markup=False)
            if self.what:
                yield Static(self.what, id="discard-detail", markup=False)
            yield Label(_("enter or escape: keep editing · d: discard"), id="discard-keys")

    def action_answer(self, discard: bool) -> None:
        """Close with the answer."""
        self.dismiss(discard)
