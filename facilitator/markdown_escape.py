"""Escape text typed by people so that every Markdown renderer shows it literally.

The minutes are opened in many renderers: markdown-it (our HTML), GitHub, Python-Markdown (MkDocs
and many intranets), pandoc, and tools with a linkify pass. They disagree about backslash escapes
(Python-Markdown keeps `\\<` as a backslash and then reads `<script>` as HTML), so markup
characters become character references (`&lt;`, `&#42;`), which all of them decode to the plain
character and none reads as markup. A dot between letters and `@` become references too, so that
a linkify pass never turns "j.nr." or a mail address into a link by accident.

Characters that only matter at the start of a line (lists, block quotes, setext underlines) are
escaped there. Leading whitespace goes, so no line becomes an indented code block, and trailing
whitespace goes, so none becomes a hard break. Checked against several renderers with property
tests (tests/test_markdown_escape.py, tests/test_markdown_renderers.py).
"""

from __future__ import annotations

import re

# C0/C1 control characters except tab and newline, and lone surrogates: markdown-it turns NUL
# into U+FFFD, the rest are invisible, and a lone surrogate cannot even be written as UTF-8.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# Markup anywhere in a line, in some renderer: emphasis, code, links, HTML, table cells,
# strikethrough, headings' closing `#`, pandoc's math, superscript and citations, attribute lists.
_REFERENCES = {
    "\\": "&#92;",
    "`": "&#96;",
    "*": "&#42;",
    "_": "&#95;",
    "[": "&#91;",
    "]": "&#93;",
    "<": "&lt;",
    ">": "&gt;",
    "|": "&#124;",
    "~": "&#126;",
    "#": "&#35;",
    "$": "&#36;",
    "^": "&#94;",
    "@": "&#64;",
    "{": "&#123;",
    "}": "&#125;",
}
_ANYWHERE = re.compile("[" + re.escape("".join(_REFERENCES)) + "]")
# `&` only matters where it starts a character reference; "Børn & Unge" stays readable.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# "j.nr", "www.x", "kommune.dk": a linkify pass reads a dot between letters as a domain.
_DOMAIN_DOT = re.compile(r"(?<=[^\W\d_])\.(?=[^\W\d_])")
_SCHEME = re.compile(r"(?<=[A-Za-z]):(?=//)")
# List markers: `1.`, `2)`, and pandoc's fancy lists: `a.`, `iv)`, `#.`, `(1)`.
_ORDERED_MARKER = re.compile(r"^(\(?)([0-9]{1,9}|[A-Za-z]|[ivxlcdmIVXLCDM]+|&#35;)([.)])(?=\s|$)")
_LINE_START = {"+": "&#43;", "-": "&#45;", "=": "&#61;", ":": "&#58;", "%": "&#37;"}
# What a hard line break is in every renderer: two spaces before the newline.
HARD_BREAK = "  \n"


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def _reference(match: re.Match[str]) -> str:
    return _REFERENCES[match.group(0)]


def _escape_line(line: str, line_start: bool = True) -> str:
    line = line.replace("\t", " ").strip()
    line = _ENTITY.sub("&amp;", line)
    line = _ANYWHERE.sub(_reference, line)
    line = _SCHEME.sub("&#58;", _DOMAIN_DOT.sub("&#46;", line))
    if not line_start:
        return line
    if match := _ORDERED_MARKER.match(line):
        opening = "&#40;" if match.group(1) else ""
        punctuation = "&#46;" if match.group(3) == "." else "&#41;"
        return f"{opening}{match.group(2)}{punctuation}{line[match.end() :]}"
    if line[:1] in _LINE_START:
        return _LINE_START[line[0]] + line[1:]
    return line


def _lines(text: str, line_start: bool = True) -> list[str]:
    """The non-blank lines of `text`, each escaped."""
    escaped = (_escape_line(line, line_start) for line in _clean(text).split("\n"))
    return [line for line in escaped if line]


def escape_inline(text: str) -> str:
    """`text` as one line of literal Markdown: for headings, table cells and short fields."""
    return " ".join(_lines(text))


def escape_after_label(text: str) -> str:
    """`text` as the rest of a line that a bold label begins («**Dato:** 2. december»).

    Mid-line, «2.», «-» or «#» start nothing, so they stay as typed: «2&#46; december» would
    be what a reader of the raw file sees, in an e-mail or a text editor.
    """
    return " ".join(_lines(text, line_start=False))


def escape_block(text: str, indent: str = "") -> str:
    """`text` as literal Markdown, its lines joined by hard breaks; `indent` continues a list item.

    Blank lines are dropped, so the result is always one paragraph (one list item's content).
    """
    return (HARD_BREAK + indent).join(_lines(text))


def escape_paragraphs(text: str) -> list[str]:
    """`text` split at blank lines into paragraphs, each escaped as by `escape_block`."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*_clean(text).split("\n"), ""]:
        escaped = _escape_line(line)
        if escaped:
            current.append(escaped)
        elif current:
            paragraphs.append(HARD_BREAK.join(current))
            current = []
    return paragraphs
