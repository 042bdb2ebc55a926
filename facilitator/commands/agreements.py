"""`facilitator agreements`: every agreement and action of every committee, in one table."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import IO

from facilitator.cli import EXIT_FAILURE, EXIT_OK, UsageError, sessions_dir
from facilitator.dates import DateError, parse_date
from facilitator.i18n import choose_language
from facilitator.register import RowFilter, Scan, parse_kinds, select
from facilitator.reports import agreements_table
from facilitator.tabular import Format, chunks, label, parse_delimiter, write
from facilitator.workspace import Workspace


def input_paths(args: argparse.Namespace) -> list[Path]:
    """The PATH arguments, or the sessions folder; a path that is not there is a usage error."""
    given: list[Path] = [Path(p) for p in getattr(args, "paths", None) or []]
    if not given:
        folder = sessions_dir(args)
        if not folder.is_dir():
            raise UsageError(
                f"{folder}: no sessions folder here; name session files or folders, "
                "or use --sessions-dir"
            )
        return [folder]
    for path in given:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
    return given


def delimiter(args: argparse.Namespace) -> str:
    """The CSV delimiter, checked."""
    try:
        return parse_delimiter(getattr(args, "delimiter", ";") or ";")
    except ValueError as error:
        raise UsageError(str(error)) from None


def report(found: Scan, stream: IO[str] | None = None) -> None:
    """Name every file that was skipped, and why, on stderr."""
    stream = stream or sys.stderr
    for problem in found.problems:
        stream.write(f"{problem.message}, skipped\n")
    for skipped, kept in found.duplicates:
        stream.write(f"{skipped}: the same meeting as {kept}, skipped\n")


def exit_status(args: argparse.Namespace, found: Scan) -> int:
    """0, or 1 with --strict when a file could not be read."""
    return EXIT_FAILURE if getattr(args, "strict", False) and found.problems else EXIT_OK


def criteria(args: argparse.Namespace, today: date) -> RowFilter:
    """The filter from the command line; a bad --kind or --since is a usage error naming it."""
    try:
        kinds = parse_kinds(args.kind)
    except ValueError as error:
        raise UsageError(f"--kind: {error}") from None
    since = None
    if args.since is not None:
        try:
            since = parse_date(args.since, today)
        except DateError as error:
            raise UsageError(f"--since: {error}") from None
    return RowFilter(
        committee=args.committee or "",
        kinds=kinds,
        open=args.open,
        overdue=args.overdue,
        since=since,
        states=frozenset(getattr(args, "state", None) or ()),
    )


def run(args: argparse.Namespace) -> int:
    """List the outcomes of every session under the paths, filtered, in the chosen format."""
    language = choose_language(getattr(args, "lang", None), None)
    today = date.today()
    wanted = criteria(args, today)
    separator = delimiter(args)
    paths = input_paths(args)
    register = Workspace(sessions_dir(args)).register(
        paths,
        anonymize=args.anonymize,
        progress=sys.stderr,
        progress_label=label(language, "Læser møder", "Reading meetings"),
    )
    report(register.scan)
    rows = select(register.rows, wanted, today)
    fmt: Format = args.format
    table = agreements_table(rows, language, today, len(register.scan.summaries), fmt)
    write(chunks(table, fmt, separator), fmt)
    return exit_status(args, register.scan)
