"""`facilitator agendas`: the built-in and local agendas with their size."""

from __future__ import annotations

import argparse
import sys

from facilitator.catalog import find_agendas
from facilitator.cli import EXIT_OK


def run(args: argparse.Namespace) -> int:
    """One line per agenda: id, language, themes, minutes, title, where it comes from."""
    entries = find_agendas(args.dir)
    rows = [("ID", "LANG", "THEMES", "MIN", "TITLE", "FILE")]
    for entry in entries:
        if entry.agenda is None:
            continue
        agenda = entry.agenda
        where = "built-in" if entry.origin == "built-in" else str(entry.path)
        rows.append(
            (
                agenda.id,
                agenda.language,
                str(len(agenda.themes)),
                str(agenda.minutes),
                agenda.title,
                where,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        head = "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=False))
        print(f"{head}  {row[4]}  ({row[5]})" if row is not rows[0] else f"{head}  TITLE")
    for entry in entries:
        if entry.agenda is None:
            sys.stderr.write(f"{entry.path}: skipped, not a valid agenda ({entry.problems[0]})\n")
    return EXIT_OK
