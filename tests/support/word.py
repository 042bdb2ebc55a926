"""Word templates for the tests of the Word writers."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import Pt


def make_template(path: Path) -> Path:
    """A stand-in for a municipality's template: a logo-ish header, a footer, its own font."""
    document = Document()
    document.sections[0].header.paragraphs[0].text = "NORDDJURS KOMMUNE – Jobcenter Nord"
    document.sections[0].footer.paragraphs[0].text = "Torvet 3, 8500 Grenaa · www.norddjurs.dk"
    document.styles["Normal"].font.name = "Garamond"
    document.styles["Normal"].font.size = Pt(12)
    document.add_paragraph("Skabelonens eksempeltekst, som skal erstattes.")
    document.add_table(rows=1, cols=1).rows[0].cells[0].text = "Skabelonens tabel"
    document.save(str(path))
    return path
