"""A data table whose own keys (enter) speak the interface language."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from facilitator.tui.keys import localize


class RowTable(DataTable[Text]):
    """A table of plain-text cells (never Rich markup); subclasses name what enter does."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localize(self)
