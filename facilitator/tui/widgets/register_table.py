"""The register's DataTable: every column has a fixed width, so nothing is measured per cell."""

from __future__ import annotations

from collections.abc import Iterable

from textual.geometry import Size
from textual.widgets.data_table import RowKey

from facilitator.tui.widgets.table import RowTable


class RegisterTable(RowTable):
    """A DataTable that does not measure thousands of cells when no column needs measuring.

    Every column of the register gets a fixed width, so the stock `_update_dimensions`, which
    measures each new cell to size auto-width columns, spends most of a rebuild for nothing
    (0.7 s for 4,000 rows). Textual is pinned to one version, which keeps this override honest;
    any other case goes to the stock code.
    """

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        columns = list(self.columns.values())
        if not columns or any(column.auto_width for column in columns):
            super()._update_dimensions(new_rows)
            return
        if any(row.auto_height or row.label is not None for row in self.rows.values()):
            super()._update_dimensions(new_rows)
            return
        width = sum(column.get_render_width(self) for column in columns)
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(
            width + self._row_label_column_width, self._total_row_height + header
        )
