"""Word (.docx) from the document model, on the municipality's template if given (docx_base).

A template without one of the styles used (headings, "List Bullet", "Table Grid", "Quote")
still gets a readable document: the writer falls back to direct formatting instead of failing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from facilitator import docx_base
from facilitator.document import Block, Bullets, Document, Heading, Paragraph, Quote, TableBlock
from facilitator.docx_base import TemplateError as TemplateError


def _clean(text: str) -> str:
    # One line: a newline typed into an agreement is a space in a report.
    return docx_base.word_text(" ".join(text.split()))


def _has_style(document: Any, name: str) -> bool:
    return docx_base.style(document, name) is not None


def _heading(document: Any, text: str, level: int) -> None:
    chosen = docx_base.heading_style(document, level)
    if chosen is not None:
        document.add_paragraph(_clean(text), style=chosen)
        return
    run = document.add_paragraph().add_run(_clean(text))
    run.bold = True
    from docx.shared import Pt

    run.font.size = Pt({0: 20, 1: 16, 2: 13}.get(level, 11))


def _paragraph(document: Any, block: Paragraph) -> None:
    paragraph = document.add_paragraph()
    if block.label:
        paragraph.add_run(_clean(block.label) + " ").bold = True
    run = paragraph.add_run(_clean(block.text))
    run.italic = block.muted


def _bullets(document: Any, items: tuple[tuple[str, str], ...], quote: bool = False) -> None:
    bullet = _has_style(document, "List Bullet")
    for text, note in items:
        paragraph = document.add_paragraph(style="List Bullet" if bullet else None)
        paragraph.add_run(("" if bullet else "• ") + _clean(text)).italic = quote
        if note:
            paragraph.add_run(f" ({_clean(note)})").italic = True


TABLE_POINTS = 8  # a table of forty committees still fits one page


def _widths(document: Any, block: TableBlock) -> list[int]:
    """Column widths (EMU) from what the cells hold, shrunk toward their longest word to fit.

    A character of a 8-point table is about 0.16 cm wide and a cell has about 0.45 cm of
    padding; a column is as wide as its longest cell (up to 26 characters), and when the
    columns do not fit, the wide ones give way first, never below their longest word.
    """
    from docx.shared import Cm

    section = document.sections[-1]
    usable = int(section.page_width - section.left_margin - section.right_margin)

    def emu(chars: int) -> int:
        return int(Cm(chars * 0.16 + 0.45))

    need, least = [], []
    for index, header in enumerate(block.headers):
        texts = [header, *(row[index] for row in block.rows)]
        # A short cell ("1/1 ✓", a date) is not broken at its space.
        longest_word = max(
            (len(part) for text in texts for part in (text.split() if len(text) > 8 else [text])),
            default=1,
        )
        longest = max((len(text) for text in texts[1:]), default=1)
        least.append(emu(longest_word))
        need.append(max(emu(min(longest, 26)), least[-1]))
    excess = sum(need) - usable
    if excess > 0:
        room = [n - m for n, m in zip(need, least, strict=True)]
        spare = sum(room) or 1
        need = [n - min(r, excess * r // spare) for n, r in zip(need, room, strict=True)]
    else:
        need[0] += -excess  # the first column (the names) takes what is left
    return need


def _table(document: Any, block: TableBlock) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    table = docx_base.new_table(
        document, 1 + len(block.rows), len(block.headers), always_borders=False
    )
    docx_base.set_widths(table, _widths(document, block))

    def fill(cell: Any, text: str, index: int, bold: bool = False) -> None:
        run = cell.paragraphs[0].add_run(_clean(text))
        run.bold = bold
        run.font.size = Pt(TABLE_POINTS)
        if index in block.right:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT

    for index, (cell, text) in enumerate(zip(table.rows[0].cells, block.headers, strict=True)):
        fill(cell, text, index, bold=True)
    for cells, row in zip(table.rows[1:], block.rows, strict=True):
        for index, (cell, text) in enumerate(zip(cells.cells, row, strict=True)):
            fill(cell, text, index)


def _block(document: Any, block: Block) -> None:
    if isinstance(block, Heading):
        _heading(document, block.text, max(1, min(block.level - 1, 9)))
    elif isinstance(block, Paragraph):
        _paragraph(document, block)
    elif isinstance(block, Bullets):
        _bullets(document, block.items)
    elif isinstance(block, Quote):
        style = "Quote" if _has_style(document, "Quote") else None
        for text in block.items:
            paragraph = document.add_paragraph(style=style)
            paragraph.add_run("• " + _clean(text)).italic = style is None
        if block.source:
            document.add_paragraph().add_run(_clean(block.source)).italic = True
    else:
        _table(document, block)


def _landscape(document: Any) -> None:
    from docx.enum.section import WD_ORIENT

    section = document.sections[-1]
    if section.orientation != WD_ORIENT.LANDSCAPE:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width


def to_docx(doc: Document, template: Path | None = None) -> bytes:
    """The document as the bytes of a .docx file."""
    document = docx_base.open_document(template)
    if template is None:
        docx_base.page(document, a4=False)  # 2 cm margins leave room for a table of many columns
    if doc.landscape:
        _landscape(document)
    docx_base.describe(document, doc.language, " ".join(doc.title.split()))
    _heading(document, doc.title, 0)
    for block in doc.blocks:
        _block(document, block)
    return docx_base.to_bytes(document)
