"""Leaving while the last save failed: retry, save elsewhere, or quit and lose what is named."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from facilitator.i18n import _
from facilitator.tui.key_map import bindings
from facilitator.tui.keys import hint
from facilitator.tui.modals.base import Dialog

Choice = Literal["retry", "elsewhere", "lose", "stay"]


class UnsavedOnQuit(Dialog[Choice]):
    """Says that the newest changes are not on disk, which ones, and what can be done."""

    BINDINGS = bindings("unsaved")

    DEFAULT_CSS = """
    UnsavedOnQuit > Vertical { width: 80; max-height: 90%; padding: 0 1; border: thick $error;
        border-title-style: bold; border-title-color: $error; }
    UnsavedOnQuit #unsaved-error { height: auto; margin-bottom: 1; }
    UnsavedOnQuit #unsaved-changes { height: auto; max-height: 12; }
    UnsavedOnQuit #unsaved-keys { height: auto; margin-top: 1; color: $text-muted; }
    """

    def __init__(self, error: str, changes: list[str]) -> None:
        super().__init__(_("Not saved"))
        self.error = error
        self.changes = changes

    def body(self) -> ComposeResult:
        count = len(self.changes)
        yield Static(Text(self.error), id="unsaved-error")
        with VerticalScroll(id="unsaved-changes"):
            if self.changes:
                listing = Text(_("Not on disk ({count}):").format(count=count) + "\n", style="bold")
                for change in self.changes:
                    listing.append(f"• {change}\n", style="")
                listing.rstrip()
            else:
                listing = Text(_("The newest state of the meeting is not on disk."))
            yield Static(listing)
        lose = _("quit and lose {count} change(s)").format(count=count or 1)
        keys = hint(
            self,
            ("unsaved_retry", _("retry")),
            ("unsaved_elsewhere", _("save elsewhere")),
            ("unsaved_lose", lose),
            ("unsaved_back", _("back")),
        )
        yield Static(keys, id="unsaved-keys", markup=False)

    def action_choose(self, choice: Choice) -> None:
        """Close with what was chosen."""
        self.dismiss(choice)
