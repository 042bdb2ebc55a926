"""`facilitator agendas`: the built-in and local agendas, their plans, and which one an id runs."""

from __future__ import annotations

import argparse
import sys

from facilitator.catalog import AgendaEntry, find_agendas
from facilitator.cli import EXIT_OK


def _where(entry: AgendaEntry, entries: list[AgendaEntry]) -> str:
    """Where the agenda comes from, and whether `run ID` uses it or another file of that id."""
    where = "built-in" if entry.origin == "built-in" else str(entry.path)
    if entry.shadowed_by is not None:
        return f"{where}; not used: {entry.shadowed_by} has the same id"
    shadows = [other for other in entries if other.shadowed_by == entry.path]
    if any(other.origin == "built-in" for other in shadows):
        return f"{where}; used instead of the built-in"
    if shadows:
        return f"{where}; used instead of {', '.join(str(other.path) for other in shadows)}"
    return where


def run(args: argparse.Namespace) -> int:
    """One line per agenda (id, language, themes, minutes, title, where from), then its plans."""
    entries = find_agendas(args.dir)
    rows = [("ID", "LANG", "THEMES", "MIN", "TITLE", "FILE")]
    plans: list[list[str]] = [[]]
    for entry in entries:
        if entry.agenda is None:
            continue
        agenda = entry.agenda
        rows.append(
            (
                agenda.id,
                agenda.language,
                str(len(agenda.themes)),
                str(agenda.minutes),
                agenda.title,
                _where(entry, entries),
            )
        )
        plans.append([f"{plan.id} ({plan.planned} min)" for plan in agenda.plans])
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row, row_plans in zip(rows, plans, strict=True):
        head = "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=False))
        print(f"{head}  {row[4]}  ({row[5]})" if row is not rows[0] else f"{head}  TITLE")
        if row_plans:
            # Indented under its agenda: the ids `run --plan` takes.
            print(f"{' ' * (widths[0] + 2)}plans: {', '.join(row_plans)}")
    for entry in entries:
        if entry.agenda is None:
            sys.stderr.write(f"{entry.path}: skipped, not a valid agenda ({entry.problems[0]})\n")
    return EXIT_OK
