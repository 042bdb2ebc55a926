"""Minutes as a Word document, optionally inside the municipality's own template.

The document is built from the Markdown minutes' tokens, so Word shows exactly what the Markdown
says: headings become Word headings, tables get real borders, emphasis stays emphasis. With a
template, its styles, page setup, header, footer and logo are kept and only the body is replaced:
secretaries file the minutes on the municipality's letter paper.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from markdown_it import MarkdownIt
from markdown_it.token import Token

from facilitator import docx_base
from facilitator.docx_base import TemplateError as TemplateError
from facilitator.minutes import minutes_language, render_markdown
from facilitator.session import Session


def render_docx(session: Session, template: Path | None = None) -> bytes:
    """The minutes as a .docx file's bytes; `template` lends its styles, header and footer."""
    document = docx_base.open_document(template)
    if template is None:
        # python-docx's own default is US Letter with 1" margins; minutes here are printed on A4.
        docx_base.page(document, a4=True)
    tokens = MarkdownIt("js-default").parse(render_markdown(session))
    _Builder(document).build(tokens)
    first_heading = next((t for t in tokens if t.type == "inline"), None)
    children = first_heading.children or [] if first_heading else []
    title = "".join(child.content for child in children if child.type == "text")
    docx_base.describe(document, minutes_language(session), title, author=session.secretary)
    return docx_base.to_bytes(document)


class _Builder:
    """Walks markdown-it's token stream and writes Word paragraphs and tables."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.list_depth = 0
        self.ordered: list[int] = []
        self.table: Table | None = None
        self.table_rows: list[list[list[Token]]] = []
        self.in_head = False

    def build(self, tokens: list[Token]) -> None:
        index = 0
        while index < len(tokens):
            index = self.token(tokens, index)

    def token(self, tokens: list[Token], index: int) -> int:
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            level = int(token.tag[1])
            self.heading(tokens[index + 1], level)
            return index + 3
        if kind == "paragraph_open":
            self.paragraph(tokens[index + 1])
            return index + 3
        if kind in ("bullet_list_open", "ordered_list_open"):
            self.list_depth += 1
            self.ordered.append(1 if kind == "ordered_list_open" else 0)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.list_depth -= 1
            self.ordered.pop()
        elif kind == "list_item_open":
            return self.list_item(tokens, index)
        elif kind == "table_open":
            return self.table_block(tokens, index)
        elif kind == "hr":
            self.rule()
        elif kind == "blockquote_open":
            return self.quote(tokens, index)
        return index + 1

    # -- blocks -----------------------------------------------------------------------------

    def heading(self, inline: Token, level: int) -> None:
        style = docx_base.heading_style(self.document, level)
        if style is None:
            paragraph = self.document.add_paragraph()
            self.runs(paragraph, inline, bold=True)
            return
        paragraph = self.document.add_paragraph(style=style)
        self.runs(paragraph, inline)

    def paragraph(self, inline: Token, style: str | None = None) -> Paragraph:
        chosen = docx_base.style(self.document, style) if style else None
        paragraph: Paragraph = self.document.add_paragraph(style=chosen)
        self.runs(paragraph, inline)
        return paragraph

    def list_item(self, tokens: list[Token], index: int) -> int:
        """One list item: its first paragraph carries the bullet, any more follow it."""
        depth = min(self.list_depth, 3)
        ordered = bool(self.ordered and self.ordered[-1])
        base = "List Number" if ordered else "List Bullet"
        name = base if depth == 1 else f"{base} {depth}"
        style = docx_base.style(self.document, name) or docx_base.style(self.document, base)
        end = _matching_close(tokens, index)
        first = True
        inner = index + 1
        while inner < end:
            token = tokens[inner]
            if token.type == "paragraph_open" and first:
                paragraph = self.document.add_paragraph(style=style)
                if style is None:
                    paragraph.add_run("• " if not ordered else f"{self.ordered[-1]}. ")
                self.runs(paragraph, tokens[inner + 1])
                first = False
                inner += 3
            else:
                inner = self.token(tokens, inner)
        if ordered:
            self.ordered[-1] += 1
        return end + 1

    def table_block(self, tokens: list[Token], index: int) -> int:
        end = _matching_close(tokens, index)
        rows: list[tuple[bool, list[Token]]] = []
        cells: list[Token] = []
        header = False
        for token in tokens[index:end]:
            if token.type == "tr_open":
                cells = []
            elif token.type == "th_open":
                header = True
            elif token.type == "td_open":
                header = False
            elif token.type == "inline":
                cells.append(token)
            elif token.type == "tr_close":
                rows.append((header, cells))
        if not rows:
            return end + 1
        width = max(len(cells) for _, cells in rows)
        # Borders even over the template's table style: the minutes' tables are read on paper.
        table = docx_base.new_table(
            self.document, len(rows), width, always_borders=True, alignment=WD_TABLE_ALIGNMENT.LEFT
        )
        self.widths(table, rows, width)
        for row_index, (is_header, cells) in enumerate(rows):
            row = table.rows[row_index]
            if is_header:
                _repeat_header(row)
            for column, inline in enumerate(cells):
                paragraph = row.cells[column].paragraphs[0]
                self.runs(paragraph, inline, bold=is_header, size=9.5)
        return end + 1

    def widths(self, table: Table, rows: list[tuple[bool, list[Token]]], columns: int) -> None:
        """Columns as wide as their text needs: no word broken, the rest to the long texts.

        Word would otherwise give every column the same width, and a long task wraps after
        every word beside an empty number column. First each column gets its longest word (a
        header, a name, «påbegyndt»); what is left of the line goes to the columns whose text
        is longer than that, in proportion to how much longer.
        """
        section = self.document.sections[-1]
        available = int(section.page_width - section.left_margin - section.right_margin)
        floors = [0] * columns
        wants = [0] * columns
        for header, cells in rows:
            for column, inline in enumerate(cells):
                text = " ".join(c.content for c in inline.children or [])
                longest_word = max((len(word) for word in text.split()), default=1)
                # Bold header letters are wider: «Punkt» over «6.3» must not break either.
                room = longest_word + (3 if header else 1)
                floors[column] = max(floors[column], _span(room))
                wants[column] = max(wants[column], _span(min(len(text), 60)))
        widths = list(floors)
        if sum(floors) >= available:
            # Words that cannot all fit on one line: shrink in proportion, as before.
            widths = [available * floor // sum(floors) for floor in floors]
        else:
            extra = available - sum(floors)
            longer = [max(0, want - floor) for want, floor in zip(wants, floors, strict=True)]
            if sum(longer):
                widths = [
                    floor + extra * more // sum(longer)
                    for floor, more in zip(floors, longer, strict=True)
                ]
            else:
                widths = [floor + extra // columns for floor in floors]
        docx_base.set_widths(table, widths)

    def quote(self, tokens: list[Token], index: int) -> int:
        end = _matching_close(tokens, index)
        for inner in range(index, end):
            if tokens[inner].type == "inline":
                self.paragraph(tokens[inner], "Intense Quote")
        return end + 1

    def rule(self) -> None:
        """A thin line above the next paragraph, as the Markdown's `---`."""
        paragraph = self.document.add_paragraph()
        properties = paragraph._p.get_or_add_pPr()
        border = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "A0A8B0")):
            bottom.set(qn(f"w:{key}"), value)
        border.append(bottom)
        properties.append(border)

    # -- inline -----------------------------------------------------------------------------

    def runs(
        self, paragraph: Paragraph, inline: Token, bold: bool = False, size: float | None = None
    ) -> None:
        strong = 1 if bold else 0
        emphasis = 0
        for child in inline.children or []:
            kind = child.type
            if kind == "strong_open":
                strong += 1
            elif kind == "strong_close":
                strong -= 1
            elif kind == "em_open":
                emphasis += 1
            elif kind == "em_close":
                emphasis -= 1
            elif kind in ("softbreak",):
                paragraph.add_run(" ")
            elif kind == "hardbreak":
                paragraph.add_run().add_break()
            elif kind in ("text", "code_inline"):
                run = paragraph.add_run(docx_base.word_text(child.content))
                run.bold = strong > 0 or None
                run.italic = emphasis > 0 or None
                if size is not None:
                    run.font.size = Pt(size)


def _matching_close(tokens: list[Token], index: int) -> int:
    """The index of the token that closes the one at `index`."""
    depth = 0
    for position in range(index, len(tokens)):
        depth += tokens[position].nesting
        if depth == 0:
            return position
    return len(tokens) - 1


def _repeat_header(row: Any) -> None:
    """The header row repeats at the top of every page a long table runs over."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


# Table text is 9.5 pt: a character is about 0.55 em wide on average (a bold header a little
# more), and each cell has about 0.2 cm of padding either side (Word's and LibreOffice's).
_CHAR = int(Pt(9.5) * 0.55)
_PADDING = int(Cm(0.4))


def _span(characters: int) -> int:
    """The width in EMU that `characters` of table text need, padding included."""
    return characters * _CHAR + _PADDING
