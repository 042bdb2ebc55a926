"""Agenda descriptions on screen: the little Markdown they use (bold, italics, code, links)."""

from __future__ import annotations

import re

from rich.text import Text

_INLINE = re.compile(
    r"\*\*(?P<bold>.+?)\*\*|__(?P<bold2>.+?)__|\*(?P<italic>[^*\s][^*]*?)\*"
    r"|`(?P<code>[^`]+)`|\[(?P<label>[^\]]+)\]\((?P<url>[^)\s]+)\)"
)
_BULLET = re.compile(r"^\s*[-*+]\s+")


def render(markdown: str) -> Text:
    """Rich Text for a short Markdown description; structure beyond lists is flattened."""
    text = Text()
    paragraphs = re.split(r"\n\s*\n", markdown.strip())
    for number, paragraph in enumerate(paragraphs):
        if number:
            text.append("\n\n")
        lines = paragraph.splitlines()
        if all(_BULLET.match(line) for line in lines):
            for index, line in enumerate(lines):
                if index:
                    text.append("\n")
                text.append("• ")
                _append_inline(text, _BULLET.sub("", line).strip())
        else:
            _append_inline(text, " ".join(line.strip() for line in lines))
    return text


def _append_inline(text: Text, line: str) -> None:
    position = 0
    for match in _INLINE.finditer(line):
        text.append(line[position : match.start()])
        if match.group("bold") or match.group("bold2"):
            text.append(match.group("bold") or match.group("bold2"), style="bold")
        elif match.group("italic"):
            text.append(match.group("italic"), style="italic")
        elif match.group("code"):
            text.append(match.group("code"), style="bold")
        else:
            text.append(match.group("label"), style="underline")
        position = match.end()
    text.append(line[position:])
