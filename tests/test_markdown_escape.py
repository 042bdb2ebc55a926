"""Escaped text shows literally in Markdown and never changes the document's structure."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from facilitator.markdown_escape import (
    escape_after_label,
    escape_block,
    escape_inline,
    escape_paragraphs,
)

# The HTML export's parser, and one like GitHub's (raw HTML on) for the .md file itself.
PARSERS = {
    "js-default": MarkdownIt("js-default"),
    "commonmark+table": MarkdownIt("commonmark").enable("table").enable("strikethrough"),
}

HOSTILE = [
    "# x",
    "## heading ##",
    "Title #",
    "Title ###",
    "| a | b |\n|---|---|\n| c | d |",
    "a | b",
    "- x",
    "* x",
    "+ x",
    "1. x",
    "2) y",
    "123456789. nine digits",
    "> x",
    ">> x",
    "`code`",
    "```\nfence\n```",
    "~~~\nfence\n~~~",
    "~~strike~~",
    "<script>alert(1)</script>",
    "<div>\nblock\n</div>",
    "<!-- comment -->",
    "[a](javascript:alert(1))",
    "![i](data:image/png;base64,AAAA)",
    "<http://example.com>",
    "[ref]: http://example.com",
    "[ref]",
    "    four spaces",
    "\tTab",
    "***",
    "---",
    "___",
    "- - -",
    "x\n===",
    "x\n---",
    "&amp; &lt; &#169; &#x41;",
    "Børn & Unge",
    "*emph* _emph_ **strong** __strong__",
    "a\\",
    "a  \nb",
    "trailing backslash\\\nnext",
    "emoji 😀👍🏽 and æøå ÆØÅ",
    "line1\nline2\n\nparagraph2",
    "\\# already escaped?",
    "a\x00b\x1bc",
    "a\r\nb\rc",
    "\u00a0- nbsp list?",
    ":::",
    "= not setext",
    "1.5 mio. kr.",
    "2026-03-01",
]

INLINE_CHILDREN = {"text", "softbreak", "hardbreak"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

# Markdown-heavy characters, so that the fuzzer tries structure far more often than plain text.
MARKDOWN_ALPHABET = [*"#|-*_+=>.:)([]!<>/`~&;\\ \t\n0123456789aæøå", "\r\n", "    ", "1."]
texts = st.one_of(
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(MARKDOWN_ALPHABET), max_size=40).map("".join),
    st.text(max_size=30),
)


def shape(tokens: list[Token]) -> list[tuple[str, ...]]:
    """The structure of a token stream: blocks as they are, inline content as its token types."""
    result: list[tuple[str, ...]] = []
    for token in tokens:
        if token.type == "inline":
            result.append(("inline", *sorted({child.type for child in token.children or []})))
        else:
            result.append((token.type, token.tag, str(token.nesting)))
    return result


def visible(token: Token) -> str:
    """What an inline token shows: its text, with line breaks as newlines."""
    parts = []
    for child in token.children or []:
        parts.append(child.content if child.type == "text" else "\n")
    return "".join(parts)


def words(text: str) -> str:
    """Text as people see it: control characters gone, whitespace runs as single spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return " ".join(_CONTROL.sub("", text).split())


def inline_tokens(tokens: list[Token]) -> list[Token]:
    return [token for token in tokens if token.type == "inline"]


def assert_plain_inline(token: Token) -> None:
    kinds = {child.type for child in token.children or []}
    assert kinds <= INLINE_CHILDREN, kinds


# -- fixed hostile strings ------------------------------------------------------------------


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("text", HOSTILE)
def test_paragraph_stays_one_paragraph(text: str, parser: str) -> None:
    tokens = PARSERS[parser].parse(escape_block(text))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert_plain_inline(tokens[1])
    assert words(visible(tokens[1])) == words(text)


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("text", HOSTILE)
def test_heading_stays_a_heading_with_all_its_text(text: str, parser: str) -> None:
    tokens = PARSERS[parser].parse(f"### 3.1 {escape_inline(text)}")
    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"]
    assert tokens[0].tag == "h3"
    assert_plain_inline(tokens[1])
    assert words(visible(tokens[1])) == words(f"3.1 {text}")


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("text", HOSTILE)
def test_table_cell_stays_in_its_cell(text: str, parser: str) -> None:
    source = f"| A | B | C |\n| --- | --- | --- |\n| x | {escape_inline(text)} | y |\n| z | w | v |"
    tokens = PARSERS[parser].parse(source)
    cells = [visible(t) for t in inline_tokens(tokens)]
    assert len(cells) == 9
    assert cells[:3] == ["A", "B", "C"]
    assert cells[3] == "x" and cells[5] == "y" and cells[6:] == ["z", "w", "v"]
    assert words(cells[4]) == words(text)
    for token in inline_tokens(tokens):
        assert_plain_inline(token)
    assert [t.type for t in tokens].count("tr_open") == 3


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("text", HOSTILE)
def test_list_item_keeps_its_lines_inside_the_item(text: str, parser: str) -> None:
    source = f"- first\n- {escape_block(text, '  ')}\n- last\n\nafter"
    tokens = PARSERS[parser].parse(source)
    kinds = [t.type for t in tokens]
    assert kinds.count("list_item_open") == 3
    assert kinds.count("bullet_list_open") == 1
    inlines = inline_tokens(tokens)
    assert [visible(t) for t in (inlines[0], inlines[2], inlines[3])] == ["first", "last", "after"]
    assert words(visible(inlines[1])) == words(text)
    for token in inlines:
        assert_plain_inline(token)


@pytest.mark.parametrize("text", HOSTILE)
def test_rendered_html_has_no_markup_from_the_text(text: str) -> None:
    html = PARSERS["js-default"].render(
        f"- {escape_block(text, '  ')}\n\n| {escape_inline(text)} |\n|---|"
    )
    for tag in ("<script", "<a ", "<img", "<code", "<pre", "<h1", "<blockquote", "<ol", "<em"):
        assert tag not in html


def test_multi_line_text_becomes_hard_breaks() -> None:
    """Two spaces before the newline: the hard break every renderer knows (no backslash)."""
    assert escape_block("one\ntwo\n\nthree") == "one  \ntwo  \nthree"
    assert escape_block("one\ntwo", "  ") == "one  \n  two"
    tokens = PARSERS["js-default"].parse(escape_block("one\ntwo"))
    assert [child.type for child in tokens[1].children or []] == ["text", "hardbreak", "text"]


def test_paragraphs_split_at_blank_lines() -> None:
    assert escape_paragraphs("a\nb\n\n\n  \nc\n") == ["a  \nb", "c"]
    assert escape_paragraphs(" \n\t\n") == []
    tokens = PARSERS["js-default"].parse("\n\n".join(escape_paragraphs("# a\n\n- b")))
    assert [t.type for t in tokens].count("paragraph_open") == 2


def test_inline_folds_lines_into_one() -> None:
    assert escape_inline("a\nb\r\nc") == "a b c"
    assert escape_inline("  \n ") == ""


def test_ordinary_text_stays_readable() -> None:
    """Only what could be markup becomes a character reference: the .md file is read by people."""
    assert escape_inline("Børn & Unge, 1.5 mio. kr. (ca.) – 50 % af tiden!") == (
        "Børn & Unge, 1.5 mio. kr. (ca.) – 50 % af tiden!"
    )
    assert escape_inline("1. x") == "1&#46; x"
    assert escape_inline("2) y") == "2&#41; y"
    assert escape_inline("- x") == "&#45; x"
    assert escape_inline("&amp;") == "&amp;amp;"
    assert escape_inline("a|b") == "a&#124;b"
    assert escape_inline("<b>") == "&lt;b&gt;"
    assert escape_inline("a\\b") == "a&#92;b"


def test_nothing_looks_like_a_link_to_linkify() -> None:
    assert escape_inline("(j.nr. 21/13763)") == "(j&#46;nr. 21/13763)"
    assert escape_inline("hr@norddjurs.dk") == "hr&#64;norddjurs&#46;dk"
    assert escape_inline("https://x") == "https&#58;//x"
    assert escape_inline("1.5 mio. kr.") == "1.5 mio. kr."


def test_pandoc_list_markers_are_escaped() -> None:
    assert escape_inline("a. x") == "a&#46; x"
    assert escape_inline("iv) x") == "iv&#41; x"
    assert escape_inline("(1) x") == "&#40;1&#41; x"
    assert escape_inline("Ida. Hun sagde") == "Ida. Hun sagde"


def test_control_characters_and_lone_surrogates_are_dropped() -> None:
    assert escape_inline("a\x00b\x1b\x7fc\ud800d") == "abcd"
    escape_inline("a\udfff").encode("utf-8")  # writable as UTF-8


# -- properties -----------------------------------------------------------------------------

_FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FUZZ
@given(text=texts)
def test_any_text_stays_one_paragraph(text: str) -> None:
    for parser in PARSERS.values():
        escaped = escape_block(text)
        tokens = parser.parse(escaped)
        if not escaped:
            assert tokens == []
            assert words(text) == ""
            continue
        assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
        assert_plain_inline(tokens[1])
        assert words(visible(tokens[1])) == words(text)


@_FUZZ
@given(text=texts)
def test_any_text_stays_in_its_heading(text: str) -> None:
    for parser in PARSERS.values():
        tokens = parser.parse(f"## {escape_inline(text)} *(x)*")
        assert shape(tokens)[0] == ("heading_open", "h2", "1")
        assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"]
        children = [c.type for c in tokens[1].children or []]
        assert children[-3:] == ["em_open", "text", "em_close"]
        assert set(children[:-3]) <= {"text"}
        assert words("".join(c.content for c in (tokens[1].children or [])[:-3])) == words(text)


@_FUZZ
@given(text=texts)
def test_any_text_after_a_bold_label_stays_in_its_paragraph(text: str) -> None:
    for parser in PARSERS.values():
        tokens = parser.parse(f"**Dato:** {escape_after_label(text)}\n\nafter\n")
        assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"] * 2
        children = [c for c in tokens[1].children or [] if c.type != "text" or c.content]
        assert [c.type for c in children[:3]] == ["strong_open", "text", "strong_close"]
        rest = "".join(c.content for c in children[3:])
        assert set(c.type for c in children[3:]) <= {"text"}
        assert words(rest) == words(text)


def test_a_date_after_its_label_is_written_as_typed() -> None:
    assert escape_after_label("2. december 2026") == "2. december 2026"
    assert escape_after_label("3 - x: 40 %") == "3 - x: 40 %"
    assert escape_inline("2. december 2026") == "2&#46; december 2026"


@_FUZZ
@given(cells=st.lists(texts, min_size=3, max_size=3))
def test_any_text_stays_in_its_table_cell(cells: list[str]) -> None:
    row = "| " + " | ".join(escape_inline(cell) or " " for cell in cells) + " |"
    source = f"| A | B | C |\n| --- | --- | --- |\n{row}\n| z | w | v |\n"
    for parser in PARSERS.values():
        tokens = parser.parse(source)
        assert [t.type for t in tokens].count("td_open") == 6
        assert [t.type for t in tokens].count("table_open") == 1
        inlines = inline_tokens(tokens)
        for token in inlines:
            assert_plain_inline(token)
        assert [words(visible(t)) for t in inlines[3:6]] == [words(c) for c in cells]
        assert [visible(t) for t in inlines[6:]] == ["z", "w", "v"]


@_FUZZ
@given(items=st.lists(texts, min_size=1, max_size=4))
def test_any_text_stays_in_its_list_item(items: list[str]) -> None:
    source = "\n".join(f"- {escape_block(item, '  ')}" for item in items) + "\n\nafter\n"
    for parser in PARSERS.values():
        tokens = parser.parse(source)
        kinds = [t.type for t in tokens]
        assert kinds.count("bullet_list_open") == 1
        assert kinds.count("list_item_open") == len(items)
        assert set(kinds) <= {
            "bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close",
            "paragraph_open", "paragraph_close", "inline",
        }  # fmt: skip
        inlines = inline_tokens(tokens)
        assert visible(inlines[-1]) == "after"
        for token in inlines:
            assert_plain_inline(token)
        shown = [words(visible(t)) for t in inlines[:-1]]
        assert shown == [words(item) for item in items if words(item)]


@_FUZZ
@given(text=texts)
def test_any_text_keeps_its_paragraphs(text: str) -> None:
    paragraphs = escape_paragraphs(text)
    tokens = PARSERS["js-default"].parse("**Label:** " + "\n\n".join(paragraphs) + "\n\nend\n")
    kinds = [t.type for t in tokens]
    assert set(kinds) == {"paragraph_open", "inline", "paragraph_close"}
    assert kinds.count("paragraph_open") == max(1, len(paragraphs)) + 1
    shown = " ".join(visible(t) for t in inline_tokens(tokens)[:-1])
    assert words(shown) == words("Label: " + text)
