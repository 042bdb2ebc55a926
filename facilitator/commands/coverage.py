"""`facilitator coverage`: committees against the guide's sections, who has been through what."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date

from facilitator.cli import sessions_dir
from facilitator.commands.agreements import delimiter, exit_status, input_paths, report
from facilitator.coverage import CommitteeCoverage, SectionCoverage
from facilitator.i18n import choose_language
from facilitator.tabular import Column, Format, Table, chunks, label, write
from facilitator.workspace import Workspace

COMPLETE = "✓"


def _fraction(done: int, total: int, mark: bool = True) -> str:
    return f"{done}/{total}" + (f" {COMPLETE}" if mark and total and done == total else "")


def _spelled(done: int, total: int, word: str) -> str:
    # "3/4" in a CSV cell is a date to Excel (3 April); "3 af 4" stays text.
    return f"{done} {word} {total}"


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

    def t(danish: str, english: str) -> str:
        return label(language, danish, english)

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
        Column(
            "committee",
            t("Udvalg", "Committee"),
            min_width=12,
            max_width=32,
            priority=0,
            comfort=20,
        ),
        Column(
            "agenda",
            t("Dagsorden", "Agenda"),
            min_width=10,
            max_width=20,
            priority=5,
            detail=not several,
        ),
        Column(
            "sessions", t("Møder", "Meetings"), min_width=5, max_width=8, priority=2, align="right"
        ),
        Column(
            "latest_meeting",
            t("Seneste møde", "Latest meeting"),
            short=t("Seneste", "Latest"),
            min_width=10,
            max_width=10,
            priority=1,
        ),
    ]
    for key, title in sections.items():
        columns.append(
            Column(
                f"section:{key[0]}:{key[1]}",
                f"{numbered[key]} {title}",
                short=numbered[key],
                min_width=widest,
                max_width=widest,
                priority=0,
                align="right",
            )
        )
    columns += [
        Column(
            "themes",
            t("Temaer i alt", "Themes in all"),
            short=t("I alt", "All"),
            min_width=7,
            max_width=7,
            priority=3,
            align="right",
        ),
        Column(
            "obligations",
            t("Forpligtelser præsenteret", "Obligations presented"),
            short=t("Forpl.", "Oblig."),
            min_width=6,
            max_width=6,
            priority=4,
            align="right",
        ),
        Column("open", t("Åbne", "Open"), min_width=4, max_width=6, priority=1, align="right"),
        Column(
            "overdue",
            t("Forsinkede", "Overdue"),
            short=t("For sent", "Overdue"),
            min_width=8,
            max_width=10,
            priority=0,
            align="right",
        ),
    ]
    word = t("af", "of")
    rows: list[tuple[str, ...]] = []
    csv_rows: list[tuple[str, ...]] = []
    records: list[dict[str, object]] = []
    for item in items:
        by_key = {(item.agenda_id, s.id): s for s in item.sections}
        head = (item.committee, item.agenda_id, str(item.sessions), item.latest_meeting.isoformat())
        tail = (str(item.open), str(item.overdue))
        shown = [by_key.get(key) for key in sections]
        rows.append(
            (
                *head,
                *(_fraction(s.themes_done, s.themes_total) if s else "" for s in shown),
                _fraction(item.themes_done, item.themes_total, mark=False),
                _fraction(item.obligations_presented, item.obligations_total, mark=False),
                *tail,
            )
        )
        csv_rows.append(
            (
                *head,
                *(_spelled(s.themes_done, s.themes_total, word) if s else "" for s in shown),
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
                "latest_meeting": item.latest_meeting,
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
    notes = (
        legend,
        t(f"{COMPLETE} hele afsnittet er gennemgået", f"{COMPLETE} the whole section is done"),
    )
    return Table(
        tuple(columns),
        rows,
        records,
        empty=t("Ingen møder fundet.", "No meetings found."),
        notes=notes if items else (),
        csv_rows=csv_rows,
        toml_key="committees",
    )


def run(args: argparse.Namespace) -> int:
    """Print the coverage of every committee found under the paths."""
    language = choose_language(getattr(args, "lang", None), None)
    separator = delimiter(args)
    paths = input_paths(args)
    workspace = Workspace(sessions_dir(args))
    register = workspace.register(
        paths,
        progress=sys.stderr,
        progress_label=label(language, "Læser møder", "Reading meetings"),
    )
    report(register.scan)
    items = workspace.coverage(register, date.today())
    fmt: Format = args.format
    write(chunks(coverage_table(items, language), fmt, separator), fmt)
    return exit_status(args, register.scan)
