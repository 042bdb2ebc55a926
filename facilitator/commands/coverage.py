"""`facilitator coverage`: committees against the guide's sections, who has been through what."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from facilitator.cli import UsageError
from facilitator.commands.agreements import (
    delimiter,
    exit_status,
    input_paths,
    read_register,
    report,
    roster_of,
)
from facilitator.commands.export import write_output
from facilitator.coverage import CommitteeCoverage, SectionCoverage
from facilitator.coverage_report import coverage_document, status
from facilitator.document import to_html, to_markdown
from facilitator.hr_queries import coverage
from facilitator.i18n import choose_language, translate
from facilitator.tabular import Column, Format, Table, chunks, write

COMPLETE = "✓"


def _fraction(done: int, total: int, mark: bool = True) -> str:
    return f"{done}/{total}" + (f" {COMPLETE}" if mark and total and done == total else "")


def _spelled(done: int, total: int, word: str) -> str:
    # "3/4" in a CSV cell is a date to Excel (3 April); "3 af 4" stays text.
    return f"{done} {word} {total}"


def _count(
    key: str, label: str, min_width: int, max_width: int, priority: int, short: str = ""
) -> Column:
    """A column of numbers or fractions (`3/4 ✓`), right-aligned so they line up."""
    return Column(
        key,
        label,
        min_width=min_width,
        max_width=max_width,
        priority=priority,
        short=short,
        align="right",
    )


def _date(key: str, label: str, short: str, priority: int) -> Column:
    """A column of ISO dates, always 10 wide."""
    return Column(key, label, min_width=10, max_width=10, priority=priority, short=short)


def _section_record(section: SectionCoverage) -> dict[str, object]:
    return {
        "id": section.id,
        "title": section.title,
        "themes_done": section.themes_done,
        "themes_total": section.themes_total,
        "obligations_presented": section.obligations_presented,
        "obligations_total": section.obligations_total,
        "complete": section.complete,
        "themes": [
            {"id": t.id, "title": t.title, "kind": t.kind, "covered": t.covered}
            for t in section.themes
        ],
    }


def coverage_table(items: Sequence[CommitteeCoverage], language: str) -> Table:
    """Committees as rows, the guide's sections as columns, `3/4` and a mark when complete."""

    def t(text: str, context: str = "") -> str:
        return translate(text, language, context)

    # Sections of every agenda present, in order of first appearance: one guide in practice.
    sections: dict[tuple[str, str], str] = {}
    for item in items:
        for section in item.sections:
            sections.setdefault((item.agenda_id, section.id), section.title)
    several = len({item.agenda_id for item in items}) > 1
    numbered = {key: f"{n}" for n, key in enumerate(sections, start=1)}
    widest = max(
        (len(_fraction(s.themes_done, s.themes_total)) for i in items for s in i.sections),
        default=3,
    )
    columns: list[Column] = [
        Column("committee", t("Committee"), min_width=12, max_width=32, priority=0, comfort=20),
        Column("agenda", t("Agenda"), min_width=10, max_width=20, priority=5, detail=not several),
        _count("sessions", t("Meetings"), 5, 8, priority=2),
        _date("latest_meeting", t("Latest meeting"), t("Latest"), priority=1),
        *(
            _count(
                f"section:{agenda}:{section}",
                f"{numbered[agenda, section]} {title}",
                widest,
                widest,
                priority=0,
                short=numbered[agenda, section],
            )
            for (agenda, section), title in sections.items()
        ),
        Column("status", "Status", min_width=12, max_width=25, priority=0),
        _date("next_review", t("Next review"), t("Next"), priority=1),
        Column("unit", t("Unit"), min_width=8, max_width=24, priority=6, detail=True),
        _count("themes", t("Themes in all"), 7, 7, priority=3, short=t("All")),
        _count("obligations", t("Obligations presented"), 6, 6, priority=4, short=t("Oblig.")),
        _count("open", t("Open", "count"), 4, 6, priority=1),
        _count("overdue", t("Overdue", "count"), 8, 10, priority=0, short=t("Overdue", "short")),
    ]
    word = t("of")
    rows: list[tuple[str, ...]] = []
    csv_rows: list[tuple[str, ...]] = []
    records: list[dict[str, object]] = []
    for item in items:
        by_key = {(item.agenda_id, s.id): s for s in item.sections}
        latest = item.latest_meeting.isoformat() if item.latest_meeting else ""
        head = (item.committee, item.agenda_id, str(item.sessions), latest)
        review = (
            status(item, language, exceptions_only=True),
            item.next_review.isoformat() if item.next_review else "",
            item.unit,
        )
        tail = (str(item.open), str(item.overdue))
        shown = [by_key.get(key) for key in sections]
        rows.append(
            (
                *head,
                *(_fraction(s.themes_done, s.themes_total) if s else "" for s in shown),
                *review,
                _fraction(item.themes_done, item.themes_total, mark=False),
                _fraction(item.obligations_presented, item.obligations_total, mark=False),
                *tail,
            )
        )
        csv_rows.append(
            (
                *head,
                *(_spelled(s.themes_done, s.themes_total, word) if s else "" for s in shown),
                *review,
                _spelled(item.themes_done, item.themes_total, word),
                _spelled(item.obligations_presented, item.obligations_total, word),
                *tail,
            )
        )
        records.append(
            {
                "committee": item.committee,
                "agenda_id": item.agenda_id,
                "agenda_title": item.agenda_title,
                "sessions": item.sessions,
                "latest_meeting": item.latest_meeting or "",
                "started": item.started,
                "on_roster": "" if item.on_roster is None else item.on_roster,
                "unit": item.unit,
                "next_review": item.next_review or "",
                "review_overdue": item.review_overdue,
                "themes_done": item.themes_done,
                "themes_total": item.themes_total,
                "obligations_presented": item.obligations_presented,
                "obligations_total": item.obligations_total,
                "complete": item.complete,
                "open": item.open,
                "overdue": item.overdue,
                "sections": [_section_record(s) for s in item.sections],
            }
        )
    legend = " · ".join(f"{numbered[key]} {title}" for key, title in sections.items())
    notes: tuple[str, ...] = (
        legend,
        t("{mark} the whole section is done").format(mark=COMPLETE),
    )
    if any(item.on_roster is False for item in items):
        notes += (t("unknown: not on the roster (committees.toml) – a new committee or a typo"),)
    return Table(
        tuple(columns),
        rows,
        records,
        empty=t("No meetings found."),
        notes=notes if items else (),
        csv_rows=csv_rows,
        toml_key="committees",
    )


def run(args: argparse.Namespace) -> int:
    """Print the coverage of every committee found under the paths."""
    language = choose_language(getattr(args, "lang", None), None)
    separator = delimiter(args)
    fmt: str = args.format
    output: Path | None = getattr(args, "output", None)
    if fmt == "docx" and output is None:
        raise UsageError("--format docx writes a file: give -o FILE.docx")
    if output is not None and (output.is_dir() or not output.parent.is_dir()):
        raise UsageError(f"{output}: not a file in an existing folder")
    paths = input_paths(args)
    roster = roster_of(args, paths)
    register = read_register(paths, language)
    report(register.scan)
    today = date.today()
    items = coverage(register, roster, today)
    if fmt in ("md", "html", "docx"):
        doc = coverage_document(items, language, today)
        if fmt == "docx":
            from facilitator.docx_writer import to_docx

            data = to_docx(doc)
        else:
            data = (to_html(doc) if fmt == "html" else to_markdown(doc)).encode("utf-8")
        if output is None:
            sys.stdout.write(data.decode("utf-8"))
        elif code := write_output(output, data):
            return code
        return exit_status(args, register.scan)
    table_format: Format = args.format
    text = chunks(coverage_table(items, language), table_format, separator)
    if output is None:
        write(text, table_format)
    elif code := write_output(output, "".join(text).encode("utf-8")):
        return code
    return exit_status(args, register.scan)
