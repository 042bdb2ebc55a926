"""Minutes as one self-contained HTML page: the Markdown minutes, a time chart, print styles.

The Markdown is rendered with markdown-it's "js-default" preset, which leaves raw HTML as text,
so nothing typed in a meeting can add markup. The page loads nothing from anywhere: no scripts,
fonts, images or style sheets, and a Content-Security-Policy says so to the browser as well.
"""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt

from facilitator import __version__, i18n
from facilitator.minutes import item_refs, minutes_language, render_parts
from facilitator.session import Session, used_minutes

# Geometry of the chart in SVG user units; the page scales it to the column width.
_WIDTH = 760
_LABEL_RIGHT = 292
_BAR_LEFT = 302
_BAR_SPACE = 320  # leaves room on the right for "22 af 20 min (+2)"
_ROW = 24
_TOP = 30
_LABEL_CHARS = 40

_CSS = """
:root {
  --ink: #1d2630; --muted: #5b6874; --line: #d3d9df; --head: #eef2f5;
  --accent: #1f5a8c; --planned: #c5ccd3; --used: #2f6ea8; --over: #b8481c;
}
* { box-sizing: border-box; }
html { background: #e9edf1; }
body {
  margin: 0; padding: 2.5rem 1rem 4rem; color: var(--ink);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    sans-serif;
}
main {
  max-width: 54rem; margin: 0 auto; padding: 2.75rem 3.25rem 2.25rem; background: #fff;
  border-radius: 6px; box-shadow: 0 1px 2px rgb(0 0 0 / 6%), 0 10px 30px rgb(0 0 0 / 7%);
}
h1 {
  font-size: 1.8rem; line-height: 1.25; margin: 0 0 1.1rem; padding-bottom: .6rem;
  border-bottom: 3px solid var(--accent);
}
h2 {
  font-size: 1.3rem; margin: 2.2rem 0 .8rem; padding-bottom: .3rem;
  border-bottom: 1px solid var(--line); color: var(--accent);
}
h3 { font-size: 1.06rem; margin: 1.7rem 0 .5rem; }
h3 em { font-weight: 400; font-style: normal; color: var(--muted); font-size: .86em; }
p { margin: .55rem 0; }
ul { margin: .4rem 0 .8rem; padding-left: 1.4rem; }
li { margin: .2rem 0; }
strong { font-weight: 600; }
em { color: var(--muted); }
table {
  width: 100%; border-collapse: collapse; margin: .8rem 0 1.4rem; font-size: .9rem;
  font-variant-numeric: tabular-nums;
}
th, td {
  padding: .4rem .6rem; border: 1px solid var(--line); text-align: left; vertical-align: top;
}
th { background: var(--head); font-weight: 600; }
tbody tr:nth-child(even) td { background: #f8fafb; }
td.nowrap, th.nowrap { white-space: nowrap; }
td:empty::after { content: "–"; color: var(--muted); }
blockquote {
  margin: 1rem 0; padding: .6rem 1rem; border-left: 4px solid var(--over);
  background: #fbf1ea;
}
hr { border: 0; border-top: 1px solid var(--line); margin: 2.4rem 0 1rem; }
hr + p { font-size: .9rem; color: var(--muted); }
figure.chart { margin: .6rem 0 1.6rem; }
figure.chart svg { display: block; width: 100%; height: auto; }
.chart text { font-size: 12px; fill: var(--ink); }
.chart .value { fill: var(--muted); }
.chart .planned { fill: var(--planned); }
.chart .used { fill: var(--used); }
.chart .used.over { fill: var(--over); }
.chart .grid { stroke: var(--line); stroke-width: 1; }
footer { max-width: 54rem; margin: .8rem auto 0; font-size: .8rem; color: var(--muted); }
@media (max-width: 40rem) {
  body { padding: 0; }
  main { padding: 1.25rem 1rem; border-radius: 0; box-shadow: none; }
  table { font-size: .82rem; }
}
@media print {
  html, body { background: none; }
  body { padding: 0; font-size: 10.5pt; line-height: 1.45; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; border-radius: 0; }
  h1 { font-size: 17pt; }
  h2 { font-size: 13pt; margin-top: 1.4rem; }
  h3 { font-size: 11pt; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr, th, td, li, blockquote, figure.chart { break-inside: avoid; page-break-inside: avoid; }
  /* Small enough to share the first page with the participants instead of leaving a gap. */
  figure.chart { margin: .2rem 0 .6rem; }
  figure.chart svg { max-height: 88mm; }
  th, td { padding: .22rem .5rem; }
  tbody tr:nth-child(even) td, th, blockquote { background: none; }
  p, li { orphans: 3; widows: 3; }
  footer { display: none; }
}
"""


def render_html(session: Session) -> str:
    """The minutes as one HTML page with embedded styles, a time chart and no external resources."""
    language = minutes_language(session)
    head, body = render_parts(session)
    markdown = MarkdownIt("js-default")
    label = i18n.words(language).minutes
    parts = (label["title"], session.committee, i18n.format_date(session.date, language))
    title = " – ".join(" ".join(part.split()) for part in parts if part.strip())
    running = " · ".join(" ".join(part.split()) for part in parts[1:] if part.strip())
    chart = _chart_section(session, language)
    nowrap = {"#", label["due_date"], label["theme_ref"]}
    return (
        "<!doctype html>\n"
        f'<html lang="{language}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # Defence in depth: even if markup slipped through, the browser runs and loads nothing.
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f'<meta name="generator" content="facilitator {escape(__version__)}">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>{_CSS}{_page_css(running, language)}</style>\n"
        "</head>\n"
        "<body>\n"
        "<main>\n"
        f"{_render(markdown, head, nowrap)}"
        f"{_before_footer(_render(markdown, body, nowrap), chart)}"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )


def _before_footer(body: str, chart: str) -> str:
    """The chart after the content (on paper the substance comes first, the chair's figures
    last) but before the footer's rule, so the referat still ends with its status and source."""
    rule = body.rfind("<hr>")
    if rule < 0:
        return body + chart
    return body[:rule] + chart + body[rule:]


_PAGE_LABELS = {"da": "Side", "en": "Page"}


def _css_string(text: str) -> str:
    """`text` as a CSS string literal that cannot end the string or the <style> element."""
    escaped = []
    for char in text:
        if char in '\\"<>&' or ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\{ord(char):x} ")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def _page_css(running: str, language: str = "da") -> str:
    """Paper: A4 margins, the committee and date at the top of every page, page numbers below.

    Page margin boxes are drawn by Chromium-based browsers (Chrome, Edge) and by PDF tools such
    as WeasyPrint; others print the margins without them, which loses nothing else.
    """
    return (
        "\n@page {\n"
        "  size: A4; margin: 20mm 16mm 20mm 18mm;\n"
        f"  @top-left {{ content: {_css_string(running)}; font: 8.5pt system-ui, sans-serif;"
        " color: #5b6874; }\n"
        f"  @bottom-right {{ content: {_css_string(_PAGE_LABELS.get(language, 'Page') + ' ')}"
        ' counter(page) " / " counter(pages); font: 8.5pt system-ui, sans-serif;'
        " color: #5b6874; }\n"
        "}\n"
        # The first page has the title itself: no running head there.
        "@page :first { @top-left { content: none; } }\n"
    )


def _render(markdown: MarkdownIt, text: str, nowrap: set[str]) -> str:
    """Render Markdown; table columns headed by a name in `nowrap` get class="nowrap".

    A date like 2026-02-28 would otherwise break at its hyphens in a narrow column.
    """
    tokens = markdown.parse(text)
    columns: set[int] = set()
    column = 0
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            columns = set()
        elif token.type == "tr_open":
            column = 0
        elif token.type in ("th_open", "td_open"):
            if token.type == "th_open" and tokens[index + 1].content.strip() in nowrap:
                columns.add(column)
            if column in columns:
                token.attrJoin("class", "nowrap")
            column += 1
    rendered: str = markdown.renderer.render(tokens, markdown.options, {})
    return rendered


def _truncate(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary where one is near, then "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit - 8:  # a whole word only when little is lost: "for medarbejd…" > "for…"
        cut = cut[:space]
    return cut.rstrip(" ,;:–-") + "…"


def _chart_section(session: Session, language: str) -> str:
    labels = i18n.words(language).minutes
    return (
        f"<h2>{escape(labels['chart_heading'])}</h2>\n"
        f'<figure class="chart">\n{time_chart(session, language)}\n</figure>\n'
    )


def time_chart(session: Session, language: str) -> str:
    """An inline SVG bar chart of planned against used minutes, one pair of bars per theme."""
    labels = i18n.words(language).minutes
    refs = item_refs(session.agenda)
    rows = [
        (refs[record.theme_id], session.theme(record.theme_id).title, record.timebox,
         used_minutes(record.seconds))
        for record in session.themes
    ]  # fmt: skip
    scale = _BAR_SPACE / max([1] + [max(planned, used) for _, _, planned, used in rows])
    height = _TOP + _ROW * len(rows) + 8
    parts = [
        f'<svg role="img" aria-labelledby="chart-title chart-desc" '
        f'viewBox="0 0 {_WIDTH} {height}" width="{_WIDTH}" height="{height}">',
        f'<title id="chart-title">{escape(labels["chart_title"])}</title>',
        f'<desc id="chart-desc">{escape(labels["chart_desc"])}</desc>',
        _legend(labels),
        f'<line class="grid" x1="{_BAR_LEFT}" y1="{_TOP - 6}" x2="{_BAR_LEFT}" y2="{height - 6}"/>',
    ]
    for index, (ref, title, planned, used) in enumerate(rows):
        y = _TOP + index * _ROW
        over = " over" if used > planned else ""
        tooltip = labels["chart_tooltip"].format(ref=ref, title=title, planned=planned, used=used)
        value = labels["chart_value"].format(used=used, planned=planned)
        if used > planned:
            value += f" (+{used - planned})"
        planned_width = round(planned * scale, 1)
        used_width = round(used * scale, 1)
        parts += [
            '<g class="bar-pair">',
            f"<title>{escape(tooltip)}</title>",
            f'<text class="label" x="{_LABEL_RIGHT}" y="{y + 15}" text-anchor="end">'
            f"{escape(ref)} {escape(_truncate(title, _LABEL_CHARS))}</text>",
            f'<rect class="planned" x="{_BAR_LEFT}" y="{y + 3}" width="{planned_width}" '
            'height="8" rx="1.5"/>',
            f'<rect class="used{over}" x="{_BAR_LEFT}" y="{y + 12}" width="{used_width}" '
            'height="8" rx="1.5"/>',
            f'<text class="value" x="{_BAR_LEFT + max(planned_width, used_width) + 8}" '
            f'y="{y + 15}">{escape(value)}</text>',
            "</g>",
        ]
    parts.append("</svg>")
    return "\n".join(parts)


def _legend(labels: dict[str, str]) -> str:
    items = [
        ("planned", labels["chart_planned"]),
        ("used", labels["chart_used"]),
        ("used over", labels["chart_over"]),
    ]
    parts = ['<g class="legend">']
    x = _BAR_LEFT
    for css, text in items:
        parts.append(f'<rect class="{css}" x="{x}" y="6" width="14" height="10" rx="1.5"/>')
        parts.append(f'<text x="{x + 20}" y="15">{escape(text)}</text>')
        x += 28 + 8 * len(text)
    parts.append("</g>")
    return "\n".join(parts)
