"""The two Word writers (the minutes', HR's reports') write exactly the documents they wrote
before they shared their python-docx code.

Each case is compared with a golden file that the code before the merge wrote: first a readable
account of the body (paragraphs and their runs, tables and their cells and widths, the page, the
properties), so a failure says what moved, then a hash of every part of the .docx file. The
minutes are built from a fixed Markdown text (`docx_golden/minutes.md`), so a change to how the
minutes read does not touch these files. After a deliberate change to what the Word files hold,
rewrite the goldens with `python tests/test_docx_unchanged.py` and read their diff.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document as open_word
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph as WordParagraph
from support.word import make_template

import facilitator.minutes_docx as minutes_docx
from facilitator.agenda import load_agenda
from facilitator.catalog import builtin_dir
from facilitator.document import Bullets, Document, Heading, Paragraph, Quote, TableBlock
from facilitator.docx_writer import to_docx

GOLDEN = Path(__file__).resolve().parent / "docx_golden"
MISSING_STYLES = (
    "Title",
    *(f"Heading {level}" for level in range(1, 10)),
    *(f"List {kind}{suffix}" for kind in ("Bullet", "Number") for suffix in ("", " 2", " 3")),
    "Table Grid",
    "Quote",
    "Intense Quote",
)


def letter_paper(folder: Path) -> Path:
    """A municipality's template: header, footer, its own font, a body to be replaced."""
    return make_template(folder / "skabelon.docx")


def bare_paper(folder: Path) -> Path:
    """A template without the styles the writers prefer: they fall back on direct formatting."""
    document = open_word()
    for name in MISSING_STYLES:
        try:
            element = document.styles[name].element
        except KeyError:
            continue
        element.getparent().remove(element)
    path = folder / "uden-typografier.docx"
    document.save(str(path))
    return path


def minutes(language: str, template: Callable[[Path], Path] | None) -> Callable[[Path], bytes]:
    def write(folder: Path) -> bytes:
        from support import busy_session

        agenda = load_agenda(builtin_dir() / f"{language}.toml")
        session = busy_session(agenda)
        session.ended = session.started
        text = (GOLDEN / "minutes.md").read_text(encoding="utf-8")
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(minutes_docx, "render_markdown", lambda _session: text)
            return minutes_docx.render_docx(session, template(folder) if template else None)

    return write


def report(landscape: bool, template: Callable[[Path], Path] | None) -> Callable[[Path], bytes]:
    def write(folder: Path) -> bytes:
        return to_docx(every_block(landscape), template(folder) if template else None)

    return write


def every_block(landscape: bool) -> Document:
    """Every kind of block, with the text the writer has to clean: control characters, runs
    of spaces and newlines, long words, numbers aligned right."""
    doc = Document("Lokale retningslinjer – LMU\x0b Skole  Øst", "da", landscape=landscape)
    doc.add(
        Heading("Grundlag", 2),
        Paragraph("10. januar 2026", label="Dato:"),
        Paragraph("Ingen aftaler endnu.", muted=True),
        Heading("Rammen\x00: guidens minimumsforpligtelser", 3),
        Quote(("Tag skærmbilleder", "Giv\nstraks besked"), source="Kilde: dialogpapiret"),
        Quote(("Uden kilde",)),
        Heading("Aftaler", 4),
        Bullets((("Ingen borgere som venner", "aftalt 1. februar 2026"), ("Uden note", ""))),
        TableBlock(
            ("Udvalg", "Møder", "Aftaler", "Seneste møde"),
            (
                ("LMU Børneby Nord", "2", "3", "10. marts 2026"),
                ("LMU Skole Øst\x0c", "1", "12", "1. februar 2026"),
            ),
            right=frozenset({1, 2}),
        ),
        TableBlock(
            tuple(f"Kolonne nummer {n}" for n in range(9)),
            tuple(
                tuple(f"Etmegetlangtord{n} og flere ord end der er plads til" for n in range(9))
                for _ in range(2)
            ),
        ),
    )
    return doc


CASES: dict[str, Callable[[Path], bytes]] = {
    "minutes": minutes("sociale-medier", None),
    "minutes-en": minutes("social-media", None),
    "minutes-template": minutes("sociale-medier", letter_paper),
    "minutes-bare-template": minutes("sociale-medier", bare_paper),
    "report": report(False, None),
    "report-landscape": report(True, None),
    "report-template": report(True, letter_paper),
    "report-bare-template": report(False, bare_paper),
}


def account(data: bytes) -> dict[str, Any]:
    """What a reader of the document sees, part by part, and a hash of every part."""
    document = open_word(io.BytesIO(data))
    body: list[Any] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            body.append(_paragraph(WordParagraph(child, document)))
        elif child.tag == qn("w:tbl"):
            body.append(_table(Table(child, document)))
    section = document.sections[-1]
    properties = document.core_properties
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {
        "body": body,
        "page": [
            str(section.orientation),
            *(
                int(value or 0)
                for value in (
                    section.page_width,
                    section.page_height,
                    section.left_margin,
                    section.right_margin,
                    section.top_margin,
                    section.bottom_margin,
                )
            ),
        ],
        "properties": [properties.title, properties.language, properties.author],
        "styles": sorted(style.name for style in document.styles if style.name),
        "parts": {
            name: hashlib.sha256(archive.read(name)).hexdigest()
            for name in sorted(archive.namelist())
        },
    }


def _paragraph(paragraph: WordParagraph) -> dict[str, Any]:
    properties = paragraph._p.pPr
    border = properties is not None and properties.find(qn("w:pBdr")) is not None
    return {
        "style": paragraph.style.name if paragraph.style is not None else None,
        "align": str(paragraph.alignment),
        "border": border,
        "runs": [
            [
                run.text,
                run.bold,
                run.italic,
                run.font.size.pt if run.font.size is not None else None,
                len(run._r.findall(qn("w:br"))),
            ]
            for run in paragraph.runs
        ],
    }


def _table(table: Table) -> dict[str, Any]:
    grid = table._tbl.tblGrid
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    return {
        "style": table.style.name if table.style is not None else None,
        "align": str(table.alignment),
        "autofit": table.autofit,
        "borders": borders is not None,
        "grid": [int(column.w or 0) for column in grid.gridCol_lst],
        "rows": [
            {
                "header": row._tr.trPr is not None
                and row._tr.trPr.find(qn("w:tblHeader")) is not None,
                "cells": [
                    [int(cell.width or 0), [_paragraph(p) for p in cell.paragraphs]]
                    for cell in row.cells
                ],
            }
            for row in table.rows
        ],
    }


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_word_file_is_the_one_written_before(case: str, tmp_path: Path) -> None:
    golden = json.loads((GOLDEN / f"{case}.json").read_text(encoding="utf-8"))
    now = account(CASES[case](tmp_path))
    for key in ("body", "page", "properties", "styles"):
        assert now[key] == golden[key], key
    assert now["parts"] == golden["parts"]


def test_the_cases_write_what_they_are_meant_to(tmp_path: Path) -> None:
    # So that the goldens cannot quietly hold a case that lost its point.
    bare = account(CASES["report-bare-template"](tmp_path))
    assert not {"Title", "Heading 2", "List Bullet", "Table Grid"} & set(bare["styles"])
    assert bare["body"][0]["runs"][0][:2] == ["Lokale retningslinjer – LMU Skole Øst", True]
    landscape = account(CASES["report-landscape"](tmp_path))
    assert landscape["page"][0].startswith("LANDSCAPE")
    english = account(CASES["minutes-en"](tmp_path))
    assert english["properties"][1] == "en-GB"
    template = account(CASES["minutes-template"](tmp_path))
    assert "Skabelonens" not in json.dumps(template["body"], ensure_ascii=False)


def write_goldens() -> None:
    """Write every case's golden file from the code as it is now."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    with tempfile.TemporaryDirectory() as folder:
        for case, write in sorted(CASES.items()):
            found = account(write(Path(folder)))
            # One line for each paragraph or table: a diff of the golden reads as the document.
            lines = [json.dumps(block, ensure_ascii=False) for block in found.pop("body")]
            rest = json.dumps(found, ensure_ascii=False, indent=1)
            text = '{\n "body": [\n  ' + ",\n  ".join(lines) + "\n ],\n" + rest[2:]
            (GOLDEN / f"{case}.json").write_text(text + "\n", encoding="utf-8")
            print(f"wrote {GOLDEN / case}.json")


if __name__ == "__main__":
    write_goldens()
