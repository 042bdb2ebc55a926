"""What every dialog shares: a box in the middle of the screen, its keys in the interface
language. Each dialog's own CSS says only how its box differs (width, padding, colour)."""

from __future__ import annotations

from typing import TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input

from facilitator.tui.keys import FIELD_KEYS, localize

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A modal dialog: a bordered box (a `Vertical`) centred over the screen."""

    BINDINGS = FIELD_KEYS

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical {
        width: 72; max-width: 100%; height: auto; padding: 0 2;
        border: thick $accent; background: $surface;
    }
    """

    def __init__(self, title: str | Text) -> None:
        """`title`: on the box's top border (a str is read as markup; escape what people typed)."""
        super().__init__()
        self.box_title = title
        localize(self)

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.box_title
            yield from self.body()

    def body(self) -> ComposeResult:
        """What the box holds."""
        raise NotImplementedError


class FormDialog(Dialog[ResultType]):
    """A dialog of fields: enter saves from any field (ctrl+s too), escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", show=False),
    ]

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        """Close with what the fields say, or point at the field that is wrong."""
        raise NotImplementedError

    def action_cancel(self) -> None:
        """Leave without saving (asking first when something was typed)."""
        raise NotImplementedError
