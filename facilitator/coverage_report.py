"""The coverage status on one page for the hovedudvalg: committees and sections, no people."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from facilitator.coverage import CommitteeCoverage
from facilitator.document import Document, Paragraph, TableBlock
from facilitator.i18n import format_date

COMPLETE = "✓"

_WORDS = {
    "da": {
        "title": "Status for lokaludvalgenes gennemgang af guiden",
        "date": "Dato:",
        "intro": (
            "{started} af {total} udvalg er gået i gang, {complete} har gennemgået hele guiden. "
            "Tallene viser temaer gennemgået ud af temaer i afsnittet; åbne og for sent tæller "
            "aftaler og handlinger."
        ),
        "committee": "Udvalg",
        "latest": "Seneste møde",
        "next": "Næste gennemgang",
        "status": "Status",
        "open": "Åbne",
        "overdue": "For sent",
        "not_started": "ikke startet",
        "unknown": "ukendt",
        "complete": "gennemført",
        "under_way": "i gang",
        "review_overdue": "overskredet",
        "legend": "Afsnit: {sections}. {mark} hele afsnittet er gennemgået.",
        "unknown_note": (
            "ukendt: udvalget står ikke i udvalgslisten (committees.toml) – "
            "et nyt udvalg eller en stavefejl."
        ),
        "none": "Ingen møder fundet.",
    },
    "en": {
        "title": "Status of the local committees' work through the guide",
        "date": "Date:",
        "intro": (
            "{started} of {total} committees have started, {complete} have been through the "
            "whole guide. The figures are themes dealt with out of the themes in the section; "
            "open and overdue count agreements and actions."
        ),
        "committee": "Committee",
        "latest": "Latest meeting",
        "next": "Next review",
        "status": "Status",
        "open": "Open",
        "overdue": "Overdue",
        "not_started": "not started",
        "unknown": "unknown",
        "complete": "complete",
        "under_way": "under way",
        "review_overdue": "overdue",
        "legend": "Sections: {sections}. {mark} the whole section is done.",
        "unknown_note": (
            "unknown: the committee is not on the roster (committees.toml) – "
            "a new committee or a typo."
        ),
        "none": "No meetings found.",
    },
}


def status(item: CommitteeCoverage, language: str, exceptions_only: bool = False) -> str:
    """The committee's status in words (not started, unknown, complete, under way, overdue).

    `exceptions_only`: only what needs attention (the terminal table shows progress already).
    """
    words = _WORDS[language if language in _WORDS else "da"]
    parts = []
    if item.on_roster is False:
        parts.append(words["unknown"])
    if not item.started:
        parts.append(words["not_started"])
    elif exceptions_only:
        pass
    elif item.complete:
        parts.append(words["complete"])
    else:
        parts.append(words["under_way"])
    if item.review_overdue:
        parts.append(words["review_overdue"])
    return ", ".join(parts)


def _short(day: date | None, language: str) -> str:
    """14.11.2025 in Danish, 2025-11-14 in English: one line in a table cell."""
    if day is None:
        return ""
    return f"{day.day}.{day.month}.{day.year}" if language == "da" else day.isoformat()


def coverage_document(items: Sequence[CommitteeCoverage], language: str, today: date) -> Document:
    """One page: a line of figures, then committees against the guide's sections."""
    words = _WORDS[language if language in _WORDS else "da"]
    doc = Document(words["title"], language)
    doc.add(Paragraph(format_date(today, language), label=words["date"]))
    if not items:
        doc.add(Paragraph(words["none"], muted=True))
        return doc
    sections: dict[str, str] = {}
    for item in items:
        for section in item.sections:
            sections.setdefault(section.id, section.title)
    numbers = {section_id: str(n) for n, section_id in enumerate(sections, start=1)}
    committees = {item.committee for item in items}
    started = {item.committee for item in items if item.started}
    complete = {item.committee for item in items if item.complete}
    doc.add(
        Paragraph(
            words["intro"].format(
                started=len(started), total=len(committees), complete=len(complete)
            )
        )
    )
    headers = (
        words["committee"],
        *numbers.values(),
        words["latest"],
        words["next"],
        words["status"],
        words["open"],
        words["overdue"],
    )
    rows: list[tuple[str, ...]] = []
    for item in items:
        by_id = {section.id: section for section in item.sections}
        cells = []
        for section_id in sections:
            found = by_id.get(section_id)
            if found is None:
                cells.append("")
                continue
            mark = f" {COMPLETE}" if found.complete else ""
            cells.append(f"{found.themes_done}/{found.themes_total}{mark}")
        rows.append(
            (
                item.committee,
                *cells,
                _short(item.latest_meeting, language),
                _short(item.next_review, language),
                # What needs attention only: the marks in the sections show progress.
                status(item, language, exceptions_only=True),
                str(item.open) if item.started else "",
                str(item.overdue) if item.started else "",
            )
        )
    count = len(numbers)
    right = frozenset({*range(1, count + 1), count + 4, count + 5})
    doc.add(TableBlock(headers, tuple(rows), right))
    legend = "; ".join(f"{numbers[key]} {title}" for key, title in sections.items())
    doc.add(Paragraph(words["legend"].format(sections=legend, mark=COMPLETE), muted=True))
    if any(item.on_roster is False for item in items):
        doc.add(Paragraph(words["unknown_note"], muted=True))
    return doc
