"""Tables for people and for other programs: a terminal table, Markdown, CSV, JSON and TOML."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Literal

import tomli_w

from facilitator.markdown_escape import escape_inline

Format = Literal["table", "md", "csv", "json", "toml"]

SEPARATOR = "  "
MAX_WRAP_LINES = 3
ELLIPSIS = "…"
# Excel runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ",", "pipe": "|"}


@dataclass(frozen=True)
class Column:
    """One column: its key in the data formats, its header, and how it behaves in a terminal."""

    key: str
    label: str
    min_width: int = 4
    max_width: int = 30
    priority: int = 1  # the terminal table drops the highest numbers first when space runs out
    wrap: bool = False  # takes the spare width and wraps, instead of being cut short
    comfort: int = 0  # a readable width, kept before lesser columns are shown (0: whole)
    align: Literal["left", "right"] = "left"
    detail: bool = False  # only in csv, json and toml: too much for a table to read
    short: str = ""  # header in the terminal table, where the label is too long

    @property
    def heading(self) -> str:
        """The terminal table's header."""
        return self.short or self.label


@dataclass
class Table:
    """Display cells for people (table, md, csv) and full records for programs (json, toml)."""

    columns: tuple[Column, ...]
    rows: Sequence[Sequence[str]]
    records: Sequence[Mapping[str, Any]]
    empty: str = ""  # what the terminal table says when there are no rows
    notes: tuple[str, ...] = field(default=())  # lines under the table and the Markdown
    marks: Sequence[str] | None = None  # a narrow unlabelled first column: "!" for overdue
    csv_rows: Sequence[Sequence[str]] | None = None  # cells Excel must not read as dates
    toml_key: str = "rows"

    def shown(self) -> tuple[Table, tuple[Column, ...]]:
        """The table with its marks as a first column, for the formats people read."""
        if not self.marks or not any(self.marks):
            return self, self.columns
        width = max(text_width(mark) for mark in self.marks)
        mark = Column("", "", min_width=width, max_width=width, priority=0)
        rows = [(m, *row) for m, row in zip(self.marks, self.rows, strict=True)]
        table = Table((mark, *self.columns), rows, self.records, self.empty, self.notes)
        return table, table.columns


# -- terminal -----------------------------------------------------------------------------


def text_width(text: str) -> int:
    """Columns a text takes in a terminal: wide East Asian characters 2, combining marks 0."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def clip(text: str, width: int) -> str:
    """The text cut to `width` columns, ending in … when something was cut."""
    if text_width(text) <= width:
        return text
    if width <= 0:
        return ""
    kept, used = [], 0
    for char in text:
        step = text_width(char)
        if used + step > width - 1:
            break
        kept.append(char)
        used += step
    return "".join(kept).rstrip() + ELLIPSIS


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _wrap(text: str, width: int) -> list[str]:
    lines = textwrap.wrap(_one_line(text), width=max(width, 1), break_on_hyphens=False) or [""]
    if len(lines) > MAX_WRAP_LINES:
        # The next line joined on is too long to fit, so clip() ends it in an ellipsis.
        last = lines[MAX_WRAP_LINES - 1] + " " + lines[MAX_WRAP_LINES]
        lines = [*lines[: MAX_WRAP_LINES - 1], clip(last, width)]
    return [clip(line, width) for line in lines]


def _layout(table: Table, width: int) -> list[tuple[int, Column, int]]:
    """Which columns fit in `width`, and how wide each is: (index, column, width)."""
    shown = [(i, c) for i, c in enumerate(table.columns) if not c.detail]
    natural: dict[int, int] = {}
    for index, column in shown:
        widest = max((text_width(_one_line(row[index])) for row in table.rows), default=0)
        natural[index] = min(max(widest, text_width(column.heading)), column.max_width)
    minimum = {index: min(column.min_width, natural[index]) for index, column in shown}
    # Comfortable: at the readable width a column names, else a fixed column whole and
    # wrapping text at its minimum.
    comfort = {
        index: min(natural[index], max(column.comfort, minimum[index]))
        if column.comfort
        else (minimum[index] if column.wrap else natural[index])
        for index, column in shown
    }

    def needed(columns: list[tuple[int, Column]], sizes: dict[int, int]) -> int:
        return sum(sizes[i] for i, _ in columns) + len(SEPARATOR) * (len(columns) - 1)

    def drop_worst(columns: list[tuple[int, Column]], least: int) -> bool:
        # The least important column goes first, the rightmost of equals.
        candidates = [k for k, (_, c) in enumerate(columns) if c.priority >= least]
        if len(columns) < 2 or not candidates:
            return False
        columns.pop(max(candidates, key=lambda k: (columns[k][1].priority, k)))
        return True

    # Lesser columns make room until the rest fit comfortably; in a narrow terminal the
    # important ones are then cut to their minimum before any of them goes too.
    while needed(shown, comfort) > width and drop_worst(shown, least=1):
        pass
    while needed(shown, minimum) > width and drop_worst(shown, least=0):
        pass
    widths = {i: minimum[i] for i, _ in shown}
    spare = width - needed(shown, minimum)
    # Wrapping text grows to its comfortable width, then fixed columns to their natural
    # width (most important first), then the wrapping text takes the rest.
    order = [(i, comfort[i]) for i, c in shown if c.wrap]
    order += [
        (i, natural[i]) for i, c in sorted(shown, key=lambda item: item[1].priority) if not c.wrap
    ]
    order += [(i, natural[i]) for i, c in shown if c.wrap]
    for index, target in order:
        grow = min(spare, target - widths[index])
        if grow > 0:
            widths[index] += grow
            spare -= grow
    return [(i, c, widths[i]) for i, c in shown]


def render_table(table: Table, width: int | None = None) -> str:
    """A plain-text table that fits `width` columns (default: the terminal's, else 80)."""
    if not table.rows:
        return (table.empty + "\n") if table.empty else ""
    width = width or shutil.get_terminal_size((80, 24)).columns
    table, _ = table.shown()
    layout = _layout(table, width)
    lines = [
        SEPARATOR.join(_pad(clip(c.heading, w), w, c.align) for _, c, w in layout).rstrip(),
        SEPARATOR.join("─" * w for _, _, w in layout),
    ]
    for row in table.rows:
        cells = [_wrap(row[i], w) if c.wrap else [clip(_one_line(row[i]), w)] for i, c, w in layout]
        for number in range(max(len(cell) for cell in cells)):
            parts = [
                _pad(cell[number] if number < len(cell) else "", w, c.align)
                for cell, (_, c, w) in zip(cells, layout, strict=True)
            ]
            lines.append(SEPARATOR.join(parts).rstrip())
    if table.notes:
        lines.append("")
        lines.extend(table.notes)
    return "\n".join(lines) + "\n"


def _pad(text: str, width: int, align: str) -> str:
    gap = " " * max(0, width - text_width(text))
    return gap + text if align == "right" else text + gap


# -- Markdown -----------------------------------------------------------------------------


def md_cell(text: str) -> str:
    """Text as one Markdown table cell: it can neither end the cell nor start other markup."""
    return escape_inline(text) or " "


def render_markdown(table: Table) -> str:
    """A Markdown table of the columns a person reads; every cell escaped."""
    table, _ = table.shown()
    shown = [(i, c) for i, c in enumerate(table.columns) if not c.detail]
    lines = [
        "| " + " | ".join(md_cell(c.label) for _, c in shown) + " |",
        "| " + " | ".join("---:" if c.align == "right" else "---" for _, c in shown) + " |",
    ]
    for row in table.rows:
        lines.append("| " + " | ".join(md_cell(row[i]) for i, _ in shown) + " |")
    if table.notes:
        lines.append("")
        lines.extend(md_cell(note) for note in table.notes)
    return "\n".join(lines) + "\n"


# -- CSV, JSON, TOML ----------------------------------------------------------------------


def csv_safe(text: str) -> str:
    """A cell Excel shows as text: a leading =, +, -, @ would be run as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_chunks(table: Table, delimiter: str = ";") -> Iterator[str]:
    """CSV with a BOM and `;` by default, so Danish Excel opens it in columns with æ, ø, å.

    Every field is quoted: LibreOffice Calc's import dialog ticks tab, comma and semicolon
    together by default, and an unquoted comma or tab in a name would split it into two columns.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([c.label for c in table.columns])
    yield "\ufeff" + buffer.getvalue()
    for row in table.csv_rows if table.csv_rows is not None else table.rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([csv_safe(cell) for cell in row])
        yield buffer.getvalue()


def render_csv(table: Table, delimiter: str = ";") -> str:
    """The CSV as one text."""
    return "".join(csv_chunks(table, delimiter))


def _json_default(value: Any) -> Any:
    """What JSON cannot hold as it is: dates in ISO form, paths as text, sets as lists."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def json_chunks(table: Table) -> Iterator[str]:
    """A JSON list of objects, one per line; dates ISO, text as it is (not \\u-escaped)."""
    if not table.records:
        yield "[]\n"
        return
    # One object a line: readable and greppable, and the C encoder (indent= is pure Python,
    # several times slower on a register of many thousand rows).
    last = len(table.records) - 1
    yield "[\n"
    for number, record in enumerate(table.records):
        line = json.dumps(record, ensure_ascii=False, default=_json_default)
        yield line + ("\n]\n" if number == last else ",\n")


def _toml_ready(value: Any) -> Any:
    """TOML has no null: drop None; paths become text; dates stay TOML dates."""
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Mapping):
        return {key: _toml_ready(item) for key, item in value.items() if item is not None}
    if isinstance(value, list | tuple | set | frozenset):
        return [_toml_ready(item) for item in value]
    return value


def render_toml(table: Table) -> str:
    """`[[rows]]` tables (TOML has no null, so empty values are left out)."""
    return str(tomli_w.dumps({table.toml_key: _toml_ready(table.records)}))


def chunks(
    table: Table, fmt: Format, delimiter: str = ";", width: int | None = None
) -> Iterator[str]:
    """The table in one of the formats, in pieces: a register of many rows is never one text."""
    if fmt == "csv":
        yield from csv_chunks(table, delimiter)
    elif fmt == "json":
        yield from json_chunks(table)
    elif fmt == "table":
        yield render_table(table, width)
    elif fmt == "md":
        yield render_markdown(table)
    elif fmt == "toml":
        yield render_toml(table)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def render(table: Table, fmt: Format, delimiter: str = ";", width: int | None = None) -> str:
    """The table in one of the formats."""
    return "".join(chunks(table, fmt, delimiter, width))


def parse_delimiter(text: str) -> str:
    """The CSV delimiter from `--delimiter`: one character, or tab, comma, semicolon, pipe."""
    value = _DELIMITER_NAMES.get(text.strip().lower(), text)
    if len(value) != 1 or value in ('"', "\n", "\r"):
        raise ValueError(f'--delimiter "{text}" must be one character, such as ; or , or tab')
    return value


def write(text: str | Iterable[str], fmt: Format, stream: IO[str] | None = None) -> None:
    """Print to stdout; the file formats always as UTF-8, whatever the terminal's encoding."""
    stream = stream or sys.stdout
    pieces = [text] if isinstance(text, str) else text
    buffer = getattr(stream, "buffer", None)
    if fmt != "table" and buffer is not None:
        stream.flush()
        # Bytes, so Windows does not turn the CSV's \r\n into \r\r\n.
        for piece in pieces:
            buffer.write(piece.encode("utf-8"))
        buffer.flush()
    else:
        for piece in pieces:
            stream.write(piece)
        stream.flush()
