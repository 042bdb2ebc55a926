"""A small document model (headings, paragraphs, lists, quotes, tables) written as md or html.

Reports such as the local guidelines and the coverage status are built once as blocks and
written in each format from the same blocks, so the formats cannot drift apart. Word is in
`docx_writer`, which reads the same blocks. All text in a block is plain text typed by people
or read from files: every writer escapes it, none interprets it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field

from facilitator.markdown_escape import escape_after_label, escape_inline


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is the document's title."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; `label` is set in bold before the text ("Dato: ")."""

    text: str
    label: str = ""
    muted: bool = False


@dataclass(frozen=True)
class Bullets:
    """A bulleted list; each item may have a trailing note in italics (a date, an owner)."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Quote:
    """Quoted text that is not ours: the guide's minimum obligations."""

    items: tuple[str, ...]
    source: str = ""


@dataclass(frozen=True)
class TableBlock:
    """A table with a header row."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    right: frozenset[int] = frozenset()  # columns aligned right (numbers)


Block = Heading | Paragraph | Bullets | Quote | TableBlock


@dataclass
class Document:
    """A title and its blocks, in the language the text is written in."""

    title: str
    language: str
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False  # a wide table: Word and print turn the page

    def add(self, *blocks: Block) -> None:
        """Append blocks in order."""
        self.blocks.extend(blocks)


# -- Markdown -------------------------------------------------------------------------------


def _md(text: str) -> str:
    # One line per block item: a newline typed into an agreement must not start a new block.
    return escape_inline(" ".join(text.split()))


def _md_cell(text: str) -> str:
    return _md(text) or " "


def to_markdown(doc: Document) -> str:
    """The document as Markdown that renders the same in any CommonMark viewer."""
    out: list[str] = [f"# {_md(doc.title)}", ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * max(2, min(block.level, 6))} {_md(block.text)}", ""]
        elif isinstance(block, Paragraph):
            label = f"**{_md(block.label)}** " if block.label else ""
            body = escape_after_label(" ".join(block.text.split())) if label else _md(block.text)
            out += [f"{label}{f'*{body}*' if block.muted and body else body}", ""]
        elif isinstance(block, Bullets):
            for text, note in block.items:
                out.append(f"- {_md(text)}" + (f" *({_md(note)})*" if note else ""))
            out.append("")
        elif isinstance(block, Quote):
            for text in block.items:
                out.append(f"> - {_md(text)}")
            if block.source:
                out += [">", f"> *{_md(block.source)}*"]
            out.append("")
        else:
            out.append("| " + " | ".join(_md_cell(h) for h in block.headers) + " |")
            out.append(
                "|"
                + "|".join("---:" if i in block.right else "---" for i in range(len(block.headers)))
                + "|"
            )
            for row in block.rows:
                out.append("| " + " | ".join(_md_cell(cell) for cell in row) + " |")
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# -- HTML -----------------------------------------------------------------------------------

_CSS = """
body { font-family: Calibri, "Segoe UI", Arial, sans-serif; max-width: 52em; margin: 2em auto;
       padding: 0 1em; color: #1a1a1a; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.3em; }
h2 { font-size: 1.25em; margin-top: 1.4em; border-bottom: 1px solid #bbb; }
h3 { font-size: 1.05em; margin-top: 1.1em; }
blockquote { margin: 0.6em 0; padding: 0.3em 1em; border-left: 4px solid #888;
             background: #f4f4f4; }
.muted { color: #555; font-style: italic; }
.note { color: #444; font-style: italic; }
table { border-collapse: collapse; margin: 0.6em 0; }
th, td { border: 1px solid #999; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
td.num { text-align: right; }
@media print {
  @page { size: A4 __ORIENTATION__; margin: 1.5cm; }
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; }
  table, blockquote, li { break-inside: avoid; }
}
"""


def _h(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=True)


def to_html(doc: Document) -> str:
    """One self-contained page with print styles: no scripts, no external resources."""
    parts: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{_h(doc.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_h(doc.title)}</title>",
        f"<style>{_CSS.replace('__ORIENTATION__', 'landscape' if doc.landscape else 'portrait')}</style>",
        "</head>",
        "<body>",
        f"<h1>{_h(doc.title)}</h1>",
    ]
    for block in doc.blocks:
        parts.append(_html_block(block))
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        level = max(2, min(block.level, 6))
        return f"<h{level}>{_h(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        label = f"<strong>{_h(block.label)}</strong> " if block.label else ""
        css = ' class="muted"' if block.muted else ""
        return f"<p{css}>{label}{_h(block.text)}</p>"
    if isinstance(block, Bullets):
        items = "".join(
            f"<li>{_h(text)}"
            + (f' <span class="note">({_h(note)})</span>' if note else "")
            + "</li>"
            for text, note in block.items
        )
        return f"<ul>{items}</ul>"
    if isinstance(block, Quote):
        items = "".join(f"<li>{_h(text)}</li>" for text in block.items)
        source = f'<p class="note">{_h(block.source)}</p>' if block.source else ""
        return f"<blockquote><ul>{items}</ul>{source}</blockquote>"
    return _html_table(block.headers, block.rows, block.right)


def _html_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right: frozenset[int]
) -> str:
    head = "".join(f"<th>{_h(text)}</th>" for text in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{_h(cell)}</td>' if i in right else f"<td>{_h(cell)}</td>"
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
