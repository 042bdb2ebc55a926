"""Escape text typed by people so that Markdown shows it literally and never changes structure.

Every character that can open inline markup (emphasis, code, links, HTML, strikethrough, table
cells) is backslash-escaped wherever it stands; characters that only matter at the start of a
line (lists, block quotes, setext underlines) are escaped there. Leading whitespace goes, so no
line becomes an indented code block, and trailing whitespace goes, so none becomes a hard break.
Checked against markdown-it-py with property tests (tests/test_markdown_escape.py).
"""

from __future__ import annotations

import re

# C0/C1 control characters except tab and newline, and lone surrogates: markdown-it turns NUL
# into U+FFFD, the rest are invisible, and a lone surrogate cannot even be written as UTF-8.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# `#` is escaped everywhere, not only at a line start: a trailing ` #` in a heading is
# otherwise taken as its closing sequence and silently dropped.
_ANYWHERE = re.compile(r"[\\`*_\[\]<|~#]")
# `&` only matters where it starts a character reference; "Børn & Unge" stays readable.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_ORDERED_MARKER = re.compile(r"^([0-9]{1,9})([.)])")
_LINE_START = frozenset("+-=:>")


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def _escape_line(line: str) -> str:
    line = line.replace("\t", " ").strip()
    line = _ENTITY.sub("\\\\&", _ANYWHERE.sub(r"\\\g<0>", line))
    if match := _ORDERED_MARKER.match(line):
        return f"{match.group(1)}\\{line[match.end(1) :]}"
    if line[:1] in _LINE_START:
        return "\\" + line
    return line


def _lines(text: str) -> list[str]:
    """The non-blank lines of `text`, each escaped."""
    escaped = (_escape_line(line) for line in _clean(text).split("\n"))
    return [line for line in escaped if line]


def escape_inline(text: str) -> str:
    """`text` as one line of literal Markdown: for headings, table cells and short fields."""
    return " ".join(_lines(text))


def escape_block(text: str, indent: str = "") -> str:
    """`text` as literal Markdown, its lines joined by hard breaks; `indent` continues a list item.

    Blank lines are dropped, so the result is always one paragraph (one list item's content).
    """
    return ("\\\n" + indent).join(_lines(text))


def escape_paragraphs(text: str) -> list[str]:
    """`text` split at blank lines into paragraphs, each escaped as by `escape_block`."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*_clean(text).split("\n"), ""]:
        escaped = _escape_line(line)
        if escaped:
            current.append(escaped)
        elif current:
            paragraphs.append("\\\n".join(current))
            current = []
    return paragraphs
