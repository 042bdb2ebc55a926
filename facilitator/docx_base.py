"""What every Word file of the program shares: opening the template, styles, borders, language.

The minutes (`minutes_docx`) and HR's reports (`docx_writer`) both write .docx with python-docx.
With a template, its styles, page set-up, header, footer and logo are kept and only the body is
replaced, so documents go out on the municipality's letter paper.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

LANGUAGE_TAGS = {"da": "da-DK", "en": "en-GB"}


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
