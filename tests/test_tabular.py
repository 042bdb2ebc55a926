"""Output formats: a terminal table that fits, Markdown that keeps its shape, CSV for Excel."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from facilitator.tabular import (
    Column,
    Table,
    clip,
    md_cell,
    parse_delimiter,
    render,
    render_csv,
    render_markdown,
    render_table,
    text_width,
)

LONG = (
    "Ved trusler kontakter lederen politiet samme dag, og medarbejderen følges hjem, hvis det "
    "ønskes; skærmbilleder gemmes i sagen og deles ikke på mail eller i private beskeder"
)


def sample(rows: int = 3, marks: bool = False) -> Table:
    columns = (
        Column("date", "Dato", min_width=10, max_width=10, priority=0),
        Column("committee", "Udvalg", min_width=12, max_width=28, priority=0),
        Column("text", "Tekst", min_width=24, max_width=70, priority=0, wrap=True, comfort=40),
        Column("owner", "Ansvarlig", min_width=10, max_width=22, priority=0),
        # Words from a short list are shown whole or not at all: their minimum is their widest.
        Column("kind", "Type", min_width=9, max_width=10, priority=3),
        Column("status", "Status", min_width=10, max_width=12, priority=0),
        Column("path", "Fil", detail=True),
    )
    data = [
        ("2026-03-01", "LMU Børneby Nord", LONG, "Birthe Kjærgaard-Østergaard", "aftale", "åben"),
        ("2026-04-01", "LMU Ældreområdet Grenaa", "Kort | med pipe", "Åse", "handling", "i gang"),
        ("", "Lokaludvalg Skole Øst", "Linje 1\nLinje 2", "", "spørgsmål", "gennemført"),
    ][:rows]
    cells = [(*row, f"/sessions/{n}.toml") for n, row in enumerate(data)]
    records: list[dict[str, object]] = [
        {
            "date": date.fromisoformat(row[0]) if row[0] else None,
            "committee": row[1],
            "text": row[2],
            "owner": row[3],
            "done": row[5] == "gennemført",
        }
        for row in data
    ]
    return Table(
        columns,
        cells,
        records,
        empty="Intet.",
        notes=("note æøå",),
        marks=["!", "", ""][:rows] if marks else None,
    )


# -- terminal ---------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [60, 80, 100, 160])
def test_the_table_fits_the_terminal(width: int) -> None:
    text = render_table(sample(marks=True), width)
    lines = text.splitlines()
    assert all(text_width(line) <= width for line in lines), text
    assert "Fil" not in lines[0]  # details only in the data formats
    assert lines[1].startswith("─")


def test_at_80_columns_the_important_columns_stay() -> None:
    header = render_table(sample(), 80).splitlines()[0].split()
    assert header[:3] == ["Dato", "Udvalg", "Tekst"]
    assert "Status" in header
    assert "Type" not in header  # the least important goes first


def test_a_wide_terminal_shows_every_column() -> None:
    header = render_table(sample(), 200).splitlines()[0].split()
    assert header == ["Dato", "Udvalg", "Tekst", "Ansvarlig", "Type", "Status"]


def test_long_text_wraps_and_is_cut_after_three_lines() -> None:
    lines = render_table(sample(rows=1), 80).splitlines()
    body = lines[2:5]
    assert len([line for line in lines[2:] if line.strip() and not line.startswith("note")]) == 3
    assert body[2].rstrip().endswith("…") or "…" in body[2]
    assert "……" not in "\n".join(lines)


def test_cells_are_cut_with_an_ellipsis() -> None:
    first_row = render_table(sample(), 80).splitlines()[2]
    assert "Birthe" in first_row
    assert "Kjærgaard-Østergaard" not in first_row
    assert "Birthe Kj…" in first_row
    assert "gennemført" in render_table(sample(), 80)  # a status is never cut


def test_newlines_in_a_cell_do_not_break_the_row() -> None:
    text = render_table(sample(), 200)
    assert "Linje 1 Linje 2" in text


def test_marks_come_first_and_notes_last() -> None:
    lines = render_table(sample(marks=True), 100).splitlines()
    assert lines[2].startswith("!")
    assert lines[-1] == "note æøå"


def test_an_empty_table_says_so() -> None:
    table = sample(rows=0)
    assert render_table(table, 80) == "Intet.\n"


def test_clip_and_width() -> None:
    assert clip("Skærmbilleder", 20) == "Skærmbilleder"
    assert clip("Skærmbilleder", 6) == "Skærm…"
    assert text_width("漢字") == 4
    assert clip("漢字漢字", 5) == "漢字…"
    assert text_width("e\u0301") == 1


# -- Markdown -----------------------------------------------------------------------------------


def test_markdown_table_keeps_its_shape() -> None:
    text = render_markdown(sample(marks=True))
    tokens = MarkdownIt().enable("table").parse(text)
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 4  # header and three rows
    cells = [t for t in tokens if t.type in ("td_open", "th_open")]
    assert len(cells) == 4 * 7  # the mark column and six columns, no details
    assert "Kort &#124; med pipe" in text


@given(st.text(max_size=60))
def test_any_text_stays_in_its_cell(text: str) -> None:
    table = Table((Column("a", "A"), Column("b", "B")), [(text, "x")], [])
    tokens = MarkdownIt().enable("table").parse(render_markdown(table))
    cells = [t for t in tokens if t.type == "td_open"]
    assert len(cells) == 2
    assert not any(t.type in ("html_inline", "html_block", "link_open") for t in tokens)


def test_an_empty_cell_is_a_space() -> None:
    assert md_cell("") == " "
    assert md_cell("a\nb") == "a b"


# -- CSV --------------------------------------------------------------------------------------


def read_csv(text: str, delimiter: str = ";") -> list[list[str]]:
    assert text.startswith("\ufeff")
    raw = text.encode("utf-8")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def test_csv_has_a_bom_semicolons_and_every_column() -> None:
    text = render_csv(sample())
    assert text.startswith('\ufeff"Dato";"Udvalg";"Tekst";"Ansvarlig";"Type";"Status";"Fil"\r\n')
    rows = read_csv(text)
    assert rows[1][1] == "LMU Børneby Nord"
    assert rows[1][2] == LONG  # the full text
    assert rows[2][2] == "Kort | med pipe"
    assert rows[3][2] == "Linje 1\nLinje 2"
    assert rows[2][1] == "LMU Ældreområdet Grenaa"
    assert rows[1][6] == "/sessions/0.toml"


def test_csv_with_another_delimiter() -> None:
    rows = read_csv(render(sample(), "csv", delimiter=","), ",")
    assert rows[0][:2] == ["Dato", "Udvalg"]
    assert rows[1][2] == LONG


def test_csv_cells_that_excel_would_run_are_made_text() -> None:
    table = Table((Column("a", "A"),), [("=HYPERLINK(1)",), ("-ring til politiet",), ("ok",)], [])
    assert read_csv(render_csv(table))[1:] == [["'=HYPERLINK(1)"], ["'-ring til politiet"], ["ok"]]


def test_csv_uses_its_own_cells_when_given() -> None:
    table = Table((Column("a", "A"),), [("3/4",)], [], csv_rows=[("3 af 4",)])
    assert read_csv(render_csv(table))[1] == ["3 af 4"]
    assert "3/4" in render_table(table, 80)


@pytest.mark.parametrize(
    ("given", "expected"), [(";", ";"), (",", ","), ("tab", "\t"), ("\\t", "\t"), ("|", "|")]
)
def test_delimiters(given: str, expected: str) -> None:
    assert parse_delimiter(given) == expected


@pytest.mark.parametrize("bad", ["", ";;", '"', "comma,"])
def test_bad_delimiters(bad: str) -> None:
    with pytest.raises(ValueError, match="delimiter"):
        parse_delimiter(bad)


# -- JSON and TOML ----------------------------------------------------------------------------


def test_json_is_a_list_of_objects_with_iso_dates() -> None:
    text = render(sample(), "json")
    assert "æ" in text and "\\u00e6" not in text
    data = json.loads(text)
    assert data[0]["date"] == "2026-03-01"
    assert data[2]["date"] is None
    assert data[1]["committee"] == "LMU Ældreområdet Grenaa"
    assert data[2]["done"] is True
    assert json.loads(render(sample(rows=0), "json")) == []


def test_toml_has_rows_without_nulls() -> None:
    data = tomllib.loads(render(sample(), "toml"))
    assert data["rows"][0]["date"] == date(2026, 3, 1)
    assert "date" not in data["rows"][2]
    assert data["rows"][2]["text"] == "Linje 1\nLinje 2"
    assert tomllib.loads(render(sample(rows=0), "toml")) == {"rows": []}


def calc_split(text: str) -> list[list[str]]:
    """Fields as LibreOffice Calc's default import dialog splits them.

    Tab, comma and semicolon are all separators; a field that starts with a quote runs to the
    closing quote (a doubled quote is one quote), whatever separators or newlines it holds.
    """
    rows: list[list[str]] = []
    row: list[str] = []
    field, quoted, at_start, index = "", False, True, 0
    text = text.removeprefix("\ufeff")
    while index < len(text):
        char = text[index]
        if quoted:
            if char == '"' and text[index + 1 : index + 2] == '"':
                field += '"'
                index += 1
            elif char == '"':
                quoted = False
            else:
                field += char
        elif char == '"' and at_start:
            quoted, at_start = True, False
        elif char in "\t,;":
            row.append(field)
            field, at_start = "", True
        elif char in "\r\n":
            if char == "\r" and text[index + 1 : index + 2] == "\n":
                index += 1
            row.append(field)
            rows.append(row)
            row, field, at_start = [], "", True
        else:
            field += char
            at_start = False
        index += 1
    if field or row:
        rows.append([*row, field])
    return rows


NASTY = [
    "Hansen, Mette",
    "Tab\there",
    "semi;colon",
    'She said "nej", then left',
    "Linje 1\nLinje 2",
    "=1+1",
    "",
]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_calc_default_import_keeps_every_row_as_wide_as_the_header(delimiter: str) -> None:
    columns = (Column("a", "Navn, rolle"), Column("b", "Tekst"), Column("c", "Ansvarlig"))
    rows = [(text, NASTY[(i + 1) % len(NASTY)], NASTY[(i + 2) % len(NASTY)]) for i, text in
            enumerate(NASTY)]  # fmt: skip
    split = calc_split(render_csv(Table(columns, rows, []), delimiter))
    assert split[0] == ["Navn, rolle", "Tekst", "Ansvarlig"]
    assert all(len(row) == 3 for row in split), [len(row) for row in split]
    assert len(split) == len(rows) + 1
    assert split[1][0] == "Hansen, Mette"
    assert split[3][0] == "semi;colon"
    assert split[4][0] == 'She said "nej", then left'
    assert split[6][0] == "'=1+1"


def test_calc_split_of_the_register_sample() -> None:
    split = calc_split(render_csv(sample()))
    assert {len(row) for row in split} == {7}
    assert split[1][2] == LONG
