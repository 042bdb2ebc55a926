"""The review screen's table of outcomes: every one, numbered, to correct.

Drawn from a plan (columns and rows as data) so that a correction, which changes a cell or
two, redraws those cells instead of refilling a hundred rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text

from facilitator.i18n import _
from facilitator.session import Session
from facilitator.tui.formatting import compact_date, ellipsize, short_kind
from facilitator.tui.widgets.table import RowTable, fitted_width

OWNER_WIDTH = 14
TEXT_LINES = 3

Column = tuple[str, str, int]  # heading, key, width
Row = tuple[str, tuple[Text, ...], int]  # outcome id, cells, height


@dataclass(frozen=True)
class TablePlan:
    """What the table shows; compared with the last plan, it tells what changed."""

    columns: tuple[Column, ...] = ()
    rows: tuple[Row, ...] = ()

    @property
    def shape(self) -> tuple[tuple[str, int], ...]:
        """The rows' ids and heights."""
        return tuple((key, height) for key, _cells, height in self.rows)


def fitted(heading: str, key: str, cells: list[str]) -> Column:
    """A column as wide as its heading or its widest cell (see RowTable.add_fitted_column)."""
    return (heading, key, fitted_width(heading, cells))


class OutcomeTable(RowTable):
    """Every outcome of the meeting, to correct (what enter does is given by the screen)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._plan = TablePlan()
        # How many lines a text wraps onto, by (text, width): measuring takes a moment.
        self._heights: dict[tuple[str, int], int] = {}

    @property
    def row_ids(self) -> list[str]:
        """The outcomes' ids, top to bottom."""
        return [key for key, _cells, _height in self._plan.rows]

    def show(self, session: Session, width: int) -> bool:
        """Show the session's outcomes in a table this wide; False if no row came or went."""
        plan = self._plan_for(session, width)
        old, self._plan = self._plan, plan
        if plan.columns == old.columns and plan.shape == old.shape:
            for (key, cells, _height), (_key, before, _h) in zip(plan.rows, old.rows, strict=True):
                for (_heading, column, _width), cell, was in zip(
                    plan.columns, cells, before, strict=True
                ):
                    if cell != was:
                        self.update_cell(key, column, cell)
            return False
        self.clear(columns=True)
        for heading, column, column_width in plan.columns:
            self.add_column(heading, key=column, width=column_width)
        for key, cells, height in plan.rows:
            self.add_row(*cells, key=key, height=height)
        return True

    def _plan_for(self, session: Session, width: int) -> TablePlan:
        outcomes = session.outcomes()
        refs_by_theme = session.agenda.refs()
        numbers = [str(number) for number in range(1, len(outcomes) + 1)]
        kinds = [short_kind(outcome.kind) for _record, outcome in outcomes]
        refs = [str(refs_by_theme.get(record.theme_id, record.theme_id)) for record, _ in outcomes]
        owners = [ellipsize(outcome.owner, OWNER_WIDTH) for _record, outcome in outcomes]
        dates = [compact_date(outcome.due) if outcome.due else "" for _record, outcome in outcomes]
        # Number, kind, ref, owner and date are short; the text gets what is left and wraps
        # onto up to three lines, so a correction can be checked without opening it.
        fixed = (
            len(str(len(outcomes)))
            + max(map(len, kinds), default=4)
            + 4
            + OWNER_WIDTH
            + max(map(len, dates), default=4)
        )
        text_width = max(16, width - fixed - 2 * 6 - 2)
        texts = [ellipsize(outcome.text, text_width * TEXT_LINES - 2) for _r, outcome in outcomes]
        columns = (
            fitted("#", "number", numbers[-1:]),
            fitted(_("Kind"), "kind", kinds),
            fitted(_("Ref"), "theme", refs),
            (_("Text"), "text", text_width),
            fitted(_("Owner"), "owner", owners),
            fitted(_("Date"), "date", dates),
        )
        rows = []
        for index, (_record, outcome) in enumerate(outcomes):
            row = (numbers, kinds, refs, texts, owners, dates)
            # Text, not str: a str cell is read as Rich markup, and "[" in a text would vanish.
            cells = tuple(Text(column[index]) for column in row)
            rows.append((outcome.id, cells, self._height(cells[3], text_width)))
        return TablePlan(columns, tuple(rows))

    def _height(self, text: Text, width: int) -> int:
        # From the one cell that wraps: left to the table, every cell of every row is rendered
        # to measure it, which took a second on a hundred outcomes.
        key = (text.plain, width)
        height = self._heights.get(key)
        if height is None:
            height = max(1, min(TEXT_LINES, len(text.wrap(self.app.console, width))))
            self._heights[key] = height
        return height
