"""What every dialog shares: a box in the middle of the screen, its keys in the interface
language. Each dialog's own CSS says only how its box differs (width, padding, colour)."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

from facilitator.tui.keys import localize

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A modal dialog: a bordered box (a `Vertical`) centred over the screen."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical {
        width: 72; max-width: 100%; height: auto; padding: 0 2;
        border: thick $accent; background: $surface;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        localize(self)
