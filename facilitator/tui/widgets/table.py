"""A data table whose enter (or a click on the highlighted row) runs one action of its screen,
and says which in the Footer, in the interface language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import DataTable

from facilitator.tui.keys import describe, localize

T = TypeVar("T")


def fitted_width(heading: str, cells: Sequence[str]) -> int:
    """As wide as the heading or the widest cell."""
    return max([len(heading), *map(len, cells)])


class RowTable(DataTable[Text]):
    """A table of plain-text cells (never Rich markup); enter runs the screen's `action`."""

    BINDINGS = [Binding("enter", "select_cursor", "Open", id="table_enter")]

    def __init__(self, *args: Any, enter: str = "Open", action: str = "", **kwargs: Any) -> None:
        """`enter`: what enter does, in English (`Edit`), for the Footer; `action`: the
        screen's action that does it (`edit`), run when a row is selected."""
        super().__init__(*args, **kwargs)
        self.row_action = action
        describe(self, "table_enter", enter)
        localize(self)

    @on(DataTable.RowSelected)
    async def _run_action(self) -> None:
        if self.row_action:
            await self.run_action(f"screen.{self.row_action}")

    def add_fitted_column(self, heading: str, key: str, cells: Sequence[str]) -> None:
        """A column as wide as its heading or its widest cell, the width given outright.

        Measured widths lag a table filled again (after an edit, a reload): its header was
        drawn from the old measure, out of line with the rows or cutting every cell short.
        """
        self.add_column(heading, key=key, width=fitted_width(heading, cells))

    def highlighted(self, items: Sequence[T]) -> T | None:
        """The item under the cursor, of `items` given one per row in row order (None if none)."""
        row = self.cursor_row
        return items[row] if 0 <= row < len(items) else None
