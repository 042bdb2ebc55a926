"""What every Word file of the program shares: the template, the page, styles, text Word can
hold, tables, language and properties, and the file's bytes.

The minutes (`minutes_docx`) and HR's reports (`docx_writer`) both write .docx with python-docx.
With a template, its styles, page set-up, header, footer and logo are kept and only the body is
replaced, so documents go out on the municipality's letter paper. The writers return bytes; the
workspace writes them to disk atomically, as every file the program makes.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

LANGUAGE_TAGS = {"da": "da-DK", "en": "en-GB"}
# XML 1.0 cannot hold most control characters; python-docx refuses them with a ValueError.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class TemplateError(ValueError):
    """The Word template could not be used; the message names the file and the problem."""


def open_document(template: Path | None) -> Any:
    """A new document: python-docx's default, or the template with its body emptied."""
    document = _open(template)
    body = document.element.body
    # The last sectPr holds the page setup and the references to header and footer: keep it.
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def _open(template: Path | None) -> Any:
    if template is None:
        return Document()
    if template.is_dir():
        raise TemplateError(f"{template}: is a folder; give a .docx file")
    if not template.exists():
        raise TemplateError(f"{template}: no such file")
    try:
        return Document(str(template))
    except PermissionError:
        raise TemplateError(f"{template}: permission denied") from None
    except Exception:  # a .doc, a .dotx or a broken zip: python-docx fails in many ways
        raise TemplateError(
            f"{template}: is not a Word document (.docx); save the template as .docx"
        ) from None


def page(document: Any, a4: bool) -> None:
    """2 cm margins all round (python-docx's default is 1 inch), on A4 paper if asked."""
    for section in document.sections:
        if a4:
            section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)


def describe(document: Any, language: str, title: str, author: str | None = None) -> None:
    """The document's language (spelling, hyphenation) and its title and author in File > Info."""
    tag = LANGUAGE_TAGS.get(language, "en-GB")
    set_language(document, tag)
    properties = document.core_properties
    properties.title = word_text(title)
    properties.language = tag
    if author is not None:
        properties.author = word_text(author)


def word_text(text: str) -> str:
    """`text` without the characters a Word file cannot hold (it could not be saved)."""
    return _NOT_XML.sub("", text)


def to_bytes(document: Any) -> bytes:
    """The document as the bytes of a .docx file."""
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def set_language(document: Any, tag: str) -> None:
    """Spelling and hyphenation in the document's language, unless the template says otherwise."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        return
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None or properties.find(qn("w:lang")) is not None:
        return
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    properties.append(lang)


def style(document: Any, name: str) -> Any:
    """A style by name, or None when the template does not have it."""
    try:
        return document.styles[name]
    except KeyError:
        return None


def heading_style(document: Any, level: int) -> Any:
    """The style of a heading (level 0 is the title), or None when the template lacks it."""
    return style(document, "Title" if level == 0 else f"Heading {level}")


def new_table(
    document: Any, rows: int, columns: int, always_borders: bool, alignment: Any = None
) -> Any:
    """A table in the template's "Table Grid" style, with single borders when the style is
    missing (or always), laid out by the widths it is given, and an empty paragraph after it:
    a table directly followed by a heading touches it in Word."""
    table = document.add_table(rows=rows, cols=columns)
    grid = style(document, "Table Grid")
    if grid is not None:
        table.style = grid
    if alignment is not None:
        table.alignment = alignment
    table.autofit = False
    if always_borders or grid is None:
        borders(table)
    document.add_paragraph()
    return table


def set_widths(table: Any, widths: list[int]) -> None:
    """Column widths in EMU: both, since Word reads the cells' widths, LibreOffice the grid's."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def borders(table: Any) -> None:
    """Single borders on every cell, whatever the template's table styles say."""
    properties = table._tbl.tblPr
    element_borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "808890")):
            element.set(qn(f"w:{key}"), value)
        element_borders.append(element)
    existing = properties.find(qn("w:tblBorders"))
    if existing is not None:
        properties.remove(existing)
    properties.append(element_borders)
