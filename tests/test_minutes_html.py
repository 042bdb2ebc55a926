"""The HTML minutes: one self-contained page, safe from typed text, with a time chart."""

from __future__ import annotations

import re
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

from support import CET

from facilitator.agenda import load_agenda
from facilitator.minutes_html import render_html, time_chart
from facilitator.session import Participant, Session

ROOT = Path(__file__).resolve().parent.parent

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "strong",
    "em", "br", "hr", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "blockquote",
    "figure", "svg", "desc", "g", "rect", "text", "line",
}  # fmt: skip


class Tags(HTMLParser):
    """Every tag and attribute name in a page, and the text inside <title> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: set[str] = set()
        self.titles: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes |= {name for name, _ in attrs}
        self._in_title = tag == "title"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes |= {name for name, _ in attrs}

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.titles.append(data)


def parsed(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    return tags


def session(language: str = "da", committee: str = "Lokaludvalget for Jobcenter Nord") -> Session:
    name = "sociale-medier" if language == "da" else "social-media"
    result = Session.new(committee, load_agenda(ROOT / "agendas" / f"{name}.toml"))
    result.started = datetime(2026, 3, 12, 13, 15, tzinfo=CET)
    result.participants = [Participant("Mette Holm", "leader", "management")]
    result.themes[0].seconds = 25 * 60
    result.themes[1].seconds = 4 * 60
    return result


HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1)) ![i](data:,x) & </title><b>"


def hostile_session() -> Session:
    result = session(committee=HOSTILE)
    result.place = HOSTILE
    result.participants = [Participant(HOSTILE, "tr", note=HOSTILE)]
    result.set_notes(result.themes[0].theme_id, f"{HOSTILE}\n\n<img src=x onerror=alert(1)>")
    result.add_outcome(result.themes[0].theme_id, "agreement", HOSTILE, HOSTILE, date(2026, 5, 1))
    return result


def test_page_is_one_complete_utf8_document_in_the_agenda_language() -> None:
    page = render_html(session())
    assert page.startswith('<!doctype html>\n<html lang="da">\n<head>\n<meta charset="utf-8">\n')
    assert page.rstrip().endswith("</html>")
    assert '<html lang="en">' in render_html(session("en"))
    assert parsed(page).titles[0] == "Referat – Lokaludvalget for Jobcenter Nord – 12. marts 2026"


def test_page_loads_nothing_and_runs_nothing() -> None:
    page = render_html(hostile_session())
    lowered = page.lower()
    for needle in ("<script", "http://", "https://", "url(", "@import", "<link", "<img", "<a "):
        assert needle not in lowered, needle
    tags = parsed(page)
    assert set(tags.tags) <= ALLOWED_TAGS, set(tags.tags) - ALLOWED_TAGS
    assert not {"src", "href", "xlink:href", "srcset", "action"} & tags.attributes
    assert not any(name.startswith("on") for name in tags.attributes)
    assert "default-src 'none'" in page


def test_typed_text_is_escaped_everywhere() -> None:
    page = render_html(hostile_session())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert parsed(page).titles[0].startswith(f"Referat – {HOSTILE} – ")
    assert "<b>" not in page
    assert "[x](javascript:alert(1))" in page  # shown as text, never a link


def test_title_without_a_committee_name() -> None:
    assert "<title>Referat – 12. marts 2026</title>" in render_html(session(committee=""))


def test_styles_are_embedded_and_print_on_a4() -> None:
    page = render_html(session())
    style = re.search(r"<style>(.*)</style>", page, re.S)
    assert style is not None
    css = style.group(1)
    assert "@media print" in css and "size: A4" in css
    assert "break-inside: avoid" in css and "table-header-group" in css


def test_chart_has_one_pair_of_bars_per_theme() -> None:
    meeting = session()
    page = render_html(meeting)
    assert page.count('<g class="bar-pair">') == len(meeting.themes) == 15
    chart = re.search(r"<svg .*?</svg>", page, re.S)
    assert chart is not None
    svg = chart.group(0)
    assert 'role="img"' in svg and '<title id="chart-title">' in svg
    pairs = re.findall(r'<g class="bar-pair">(.*?)</g>', svg, re.S)
    assert len(pairs) == 15
    for pair in pairs:
        assert pair.count('<rect class="planned"') == 1 and pair.count('<rect class="used') == 1
    assert "3.9 Lokale retningslinjer for brug af…" in svg  # long labels are cut, as text
    assert "25 af 20 min (+5)" in svg and 'class="used over"' in svg
    assert "4.2 Lokal opfølgning – planlagt 15 min, brugt 0 min" in svg


def test_chart_sits_after_the_themes() -> None:
    page = render_html(session())
    assert page.index("<h2>1. Definition</h2>") < page.index("<svg")


def test_chart_labels_are_escaped_and_in_english_for_english_agendas() -> None:
    meeting = session("en")
    svg = time_chart(meeting, "en")
    assert "Planned and used time per theme" in svg and "25 of 20 min (+5)" in svg
    assert "<script" not in time_chart(hostile_session(), "da")


def test_date_columns_do_not_wrap() -> None:
    meeting = session()
    meeting.add_outcome(meeting.themes[0].theme_id, "action", "Opgave", "Mette", date(2026, 4, 30))
    page = render_html(meeting)
    assert '<td class="nowrap">30. april 2026</td>' in page
    assert '<th style="text-align:right" class="nowrap">#</th>' in page


# -- print ------------------------------------------------------------------------------------


def ended_session() -> Session:
    result = session()
    result.ended = datetime(2026, 3, 12, 15, 15, tzinfo=CET)
    return result


def _print_session() -> Session:
    result = ended_session()
    result.committee = 'LMU "Nord" </style><script>x</script>'
    return result


def test_printed_pages_have_margins_page_numbers_and_a_running_head() -> None:
    html = render_html(ended_session())
    style = html[html.index("<style>") : html.index("</style>")]
    assert re.search(r"@page \{\s*size: A4; margin: 20mm", style)
    assert 'content: "Side " counter(page) " / " counter(pages)' in style
    running = re.search(r"@top-left \{ content: \"([^\"]*)\"", style)
    assert running is not None
    assert "12. marts 2026" in running.group(1)
    assert ended_session().committee in running.group(1)


def test_running_head_cannot_leave_the_style_element() -> None:
    html = render_html(_print_session())
    style = html[html.index("<style>") : html.index("</style>")]
    assert "<script" not in style and "</style" not in style.lower()[7:]
    assert "\\3c /style\\3e " in style


def test_chart_comes_after_the_content() -> None:
    html = render_html(ended_session())
    assert html.index('<figure class="chart">') > html.index("Samlet opfølgningsliste")


def test_the_referat_still_ends_with_its_status_and_source() -> None:
    html = render_html(ended_session())
    assert html.index('<figure class="chart">') < html.rindex("<hr>") < html.index("Referatstatus")
