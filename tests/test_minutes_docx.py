"""Word minutes: a round trip through python-docx, with and without the municipality's template."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from support import AGENDA_FILE, busy_session
from support.word import make_template

from facilitator.agenda import load_agenda
from facilitator.minutes import render_markdown
from facilitator.minutes_docx import TemplateError, render_docx
from facilitator.session import Session
from facilitator.store import save_session

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture
def session() -> Session:
    made = busy_session(load_agenda(AGENDA_FILE))
    made.ended = made.started
    return made


def _open(data: bytes) -> WordDocument:
    return Document(io.BytesIO(data))


def _all_text(document: WordDocument) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_headings_are_real_word_headings(session: Session) -> None:
    document = _open(render_docx(session))
    styled = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    headings = [(style, text) for style, text in styled if style.startswith("Heading")]
    assert headings[0] == ("Heading 1", "Referat – Lokaludvalg Børneby Nord")
    assert ("Heading 2", "Deltagere") in headings
    assert any(name == "Heading 3" and text.startswith("1.1 ") for name, text in headings)


def test_tables_have_borders_and_a_repeating_header(session: Session) -> None:
    document = _open(render_docx(session))
    assert len(document.tables) >= 2
    for table in document.tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert borders is not None
        assert {b.get(qn("w:val")) for b in borders} == {"single"}
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
    headers = [[c.text for c in table.rows[0].cells] for table in document.tables]
    assert ["Aftale", "Ansvarlig", "Frist"] in headers
    assert ["Punkt", "Planlagt", "Brugt"] in headers
    assert document.tables[0].rows[0].cells[0].paragraphs[0].runs[0].bold


def test_a4_and_no_word_broken_in_a_table_column(session: Session) -> None:
    from docx.shared import Cm

    from facilitator.minutes_docx import _span

    document = _open(render_docx(session))
    page = document.sections[0]
    assert page.page_width is not None and page.page_height is not None
    assert abs(page.page_width - Cm(21)) < Cm(0.01) and abs(page.page_height - Cm(29.7)) < Cm(0.01)
    for table in document.tables:
        for index, column in enumerate(table.columns):
            words = [w for cell in column.cells for w in cell.text.split()]
            header = table.rows[0].cells[index].text.split()
            # Each column holds its longest word on one line (a bold header a little wider).
            need = max([_span(len(w) + 1) for w in words] + [_span(len(w) + 3) for w in header])
            # Word keeps widths in twips (635 EMU): one may be rounded down.
            assert column.width is not None and column.width >= need - 635, (header, column.width)


def test_same_content_as_the_markdown(session: Session) -> None:
    text = _all_text(_open(render_docx(session)))
    for fragment in ("Mødelokale 2, Rådhuset", "Skærmbilleder gemmes i sagen", "Mia Østergaard"):
        assert fragment in text
        assert fragment in render_markdown(session)


def test_danish_dates_and_no_iso_dates(session: Session) -> None:
    text = _all_text(_open(render_docx(session)))
    assert "2. marts 2026" in text
    assert not ISO_DATE.search(text), ISO_DATE.findall(text)


def test_typed_markup_stays_text(session: Session) -> None:
    session.set_notes(session.themes[0].theme_id, "<b>fed</b> *stjerne* (j.nr. 21/13763) \\x")
    text = _all_text(_open(render_docx(session)))
    assert "<b>fed</b> *stjerne* (j.nr. 21/13763) \\x" in text
    assert "&lt;" not in text and "&#" not in text


def test_template_keeps_header_footer_and_styles_and_replaces_the_body(
    session: Session, tmp_path: Path
) -> None:
    template = make_template(tmp_path / "skabelon.docx")
    document = _open(render_docx(session, template))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "NORDDJURS KOMMUNE – Jobcenter Nord"
    assert "Torvet 3" in section.footer.paragraphs[0].text
    assert document.styles["Normal"].font.name == "Garamond"
    text = _all_text(document)
    assert "Skabelonens" not in text
    assert "Referat – Lokaludvalg Børneby Nord" in text


def test_a_bad_template_is_named(session: Session, tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="no such file"):
        render_docx(session, tmp_path / "findes-ikke.docx")
    broken = tmp_path / "skabelon.docx"
    broken.write_text("ikke en zip", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"skabelon\.docx: is not a Word document"):
        render_docx(session, broken)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "facilitator", *args], capture_output=True, text=True, timeout=120
    )


def test_export_command_writes_word_with_a_template(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "moede.toml"
    save_session(session, path)
    template = make_template(tmp_path / "skabelon.docx")
    target = tmp_path / "referat.docx"
    result = _cli(
        "export", str(path), "--format", "docx", "-o", str(target), "--template", str(template)
    )
    assert result.returncode == 0, result.stderr
    document = Document(str(target))
    assert document.sections[0].header.paragraphs[0].text.startswith("NORDDJURS")
    assert "Skærmbilleder gemmes i sagen" in _all_text(document)


def test_export_command_refuses_a_bad_template_with_status_2(
    session: Session, tmp_path: Path
) -> None:
    path = tmp_path / "moede.toml"
    save_session(session, path)
    target = tmp_path / "referat.docx"
    result = _cli(
        "export", str(path), "--format", "docx", "-o", str(target), "--template", "x.docx"
    )
    assert result.returncode == 2
    assert "x.docx: no such file" in result.stderr
    assert "Traceback" not in result.stderr
    assert not target.exists()
    result = _cli("export", str(path), "--format", "md", "--template", "x.docx")
    assert result.returncode == 2
    assert "--template" in result.stderr
