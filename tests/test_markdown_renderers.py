"""The minutes' Markdown opens right in the renderers people use, not only in ours.

A renderer matrix: markdown-it (CommonMark, with tables, with linkify), Python-Markdown (MkDocs,
many intranets) and pandoc where it is installed. Text typed in a meeting stays text in all of
them: no element from it, no link, no stray backslash, every word shown.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser

import markdown
import pytest
from markdown_it import MarkdownIt
from support import AGENDA_FILE, busy_session

from facilitator.agenda import load_agenda
from facilitator.markdown_escape import escape_block, escape_inline, escape_paragraphs
from facilitator.minutes import render_markdown
from facilitator.session import Participant, Session

HOSTILE = [
    "<script>alert(1)</script>",
    "\\<script>alert(2)\\</script>",
    "\\<b>fed\\</b> og <b>fed</b>",
    "<img src=x onerror=alert(3)>",
    "[klik](javascript:alert(4))",
    "![billede](http://example.com/x.png)",
    "<http://example.com>",
    "(j.nr. 21/13763)",
    "Se www.norddjurs.dk eller skriv til hr@norddjurs.dk",
    "https://intra.kommune.dk/side?a=1&b=2",
    "*fed* _kursiv_ **stærk** __stærk__ ~~slettet~~",
    "`kode` og ```blok```",
    "# overskrift",
    "- punkt",
    "1. punkt",
    "i. romertal",
    "A. Jensen sagde nej",
    "(1) parentes",
    "> citat",
    "a | b | c",
    "Pris $5 og $6, 2^10^ og H~2~O",
    "@jensen99 siger",
    "{: .klasse} og {#id}",
    "Linje med backslash \\ i midten og til sidst\\",
    "&amp; &lt; &#169; Børn & Unge",
    "Term\n: definition",
    "x\n===",
    "linje 1\nlinje 2",
]

_ALLOWED_TAGS = {
    "p", "h1", "h2", "h3", "h4", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
    "strong", "em", "br", "hr", "div", "col", "colgroup",
}  # fmt: skip


class _Html(HTMLParser):
    """Collects the tags and the visible text of a rendered page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Html:
    parser = _Html()
    parser.feed(html)
    parser.close()
    return parser


def _pandoc(source_format: str) -> Callable[[str], str]:
    def render(text: str) -> str:
        result = subprocess.run(
            ["pandoc", "-f", source_format, "-t", "html"],
            input=text,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
            timeout=60,
        )
        return result.stdout

    return render


_LINKIFY = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "linkify"])
RENDERERS: dict[str, Callable[[str], str]] = {
    "markdown-it commonmark": MarkdownIt("commonmark").render,
    "markdown-it commonmark+table": MarkdownIt("commonmark").enable("table").render,
    "markdown-it linkify": _LINKIFY.render,
    "markdown-it js-default": MarkdownIt("js-default").render,
    "python-markdown tables": lambda text: markdown.markdown(text, extensions=["tables"]),
    "python-markdown extra": lambda text: markdown.markdown(text, extensions=["extra"]),
}
PANDOC = shutil.which("pandoc")
if PANDOC:
    for name in ("commonmark_x", "gfm", "markdown"):
        RENDERERS[f"pandoc {name}"] = _pandoc(name)
needs_pandoc = pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed")


def example_session_with_text(text: str) -> Session:
    """The sample meeting with `text` in every field people type."""
    session = busy_session(load_agenda(AGENDA_FILE))
    session.committee = text.split("\n")[0]
    session.place = text
    session.ended = session.started  # an ended meeting: no "not ended" block quote
    session.participants.append(Participant(text, "guest", "employees"))
    for record in session.themes[:3]:
        session.set_notes(record.theme_id, text)
        session.add_outcome(record.theme_id, "action", text, owner=text)
        session.add_outcome(record.theme_id, "agreement", text, owner=text)
    return session


def words(text: str) -> str:
    return " ".join(text.split())


def _document(texts: list[str], tables: bool = True) -> str:
    """Every text in every place the minutes put typed text, one case per second-level heading."""
    parts = []
    for number, text in enumerate(texts):
        parts += [
            f"## case{number}",
            "",
            f"### {escape_inline(text)}",
            "",
            f"**Drøftelse:** {escape_block(text)}",
            "",
            *escape_paragraphs(text + "\n\n" + text),
            "",
            f"- {escape_block(text, '  ')}",
            f"- {escape_block(text, '  ')}",
            "",
        ]
        if tables:
            parts += [
                "| Opgave | Ansvarlig |",
                "| --- | --- |",
                f"| {escape_inline(text)} | x |",
                "",
            ]
    return "\n".join(parts) + "\n"


def _cases(html: str) -> list[str]:
    return re.split(r"<h2[^>]*>\s*case\d+\s*</h2>", html)[1:]


@pytest.mark.parametrize("renderer", RENDERERS)
def test_typed_text_stays_text_in_every_renderer(renderer: str) -> None:
    tables = renderer != "markdown-it commonmark"  # CommonMark proper has no tables
    html = RENDERERS[renderer](_document(HOSTILE, tables))
    cases = _cases(html)
    assert len(cases) == len(HOSTILE)
    for text, case in zip(HOSTILE, cases, strict=True):
        parsed = _parse(case)
        assert set(parsed.tags) <= _ALLOWED_TAGS, (renderer, text, parsed.tags)
        # One table row of cells per case: a pipe in the text opened no new cell.
        assert parsed.tags.count("td") == (2 if tables else 0), (renderer, text)
        assert parsed.tags.count("li") == 2, (renderer, text)
        shown = words(" ".join(parsed.text))
        # Heading, labelled paragraph, two paragraphs, two list items, one cell: 7 copies.
        copies = 7 if tables else 6
        expected = " ".join([words(text)] * copies)
        assert shown.replace("Drøftelse: ", "").replace(" Opgave Ansvarlig", "").replace(
            " x", ""
        ) == expected.replace(" x", ""), (renderer, text)
        assert shown.count("\\") == copies * text.count("\\"), (renderer, text)


@pytest.mark.parametrize("renderer", RENDERERS)
def test_unescaped_text_would_have_failed(renderer: str) -> None:
    """The check above can fail: raw text makes elements or links in every renderer."""
    raw = "\n\n".join(["<b>x</b> *y*", "(j.nr. 21/13763) www.example.com a@b.dk", "- z"])
    parsed = _parse(RENDERERS[renderer](raw))
    assert not set(parsed.tags) <= _ALLOWED_TAGS or "em" in parsed.tags or "ul" in parsed.tags


def test_linkify_makes_no_link_of_a_file_number() -> None:
    assert "<a " in _LINKIFY.render("(j.nr. 21/13763)")
    html = _LINKIFY.render(escape_block("(j.nr. 21/13763) og www.norddjurs.dk"))
    assert "<a " not in html
    assert words(" ".join(_parse(html).text)) == "(j.nr. 21/13763) og www.norddjurs.dk"


@pytest.mark.parametrize("renderer", RENDERERS)
def test_whole_minutes_have_no_stray_backslash_or_markup(renderer: str) -> None:
    """The real minutes, with hostile notes and outcomes, in every renderer."""
    session = example_session_with_text("\n".join(HOSTILE))
    source = render_markdown(session)
    assert "\\\n" not in source  # no backslash line breaks: Python-Markdown shows them
    parsed = _parse(RENDERERS[renderer](source))
    assert set(parsed.tags) <= _ALLOWED_TAGS, set(parsed.tags) - _ALLOWED_TAGS
    text = " ".join(parsed.text)
    typed_backslashes = "\n".join(HOSTILE).count("\\")
    assert text.count("\\") % typed_backslashes == 0
    assert "j.nr. 21/13763" in text


@needs_pandoc
def test_pandoc_is_in_the_matrix() -> None:
    assert {"pandoc commonmark_x", "pandoc gfm", "pandoc markdown"} <= set(RENDERERS)
