"""`facilitator agreements`: every agreement and action of every committee, in one table."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from datetime import date
from pathlib import Path
from typing import IO

from facilitator.cli import EXIT_FAILURE, EXIT_OK, UsageError, sessions_dir
from facilitator.commands.progress import TerminalProgress
from facilitator.dates import DateError, parse_date
from facilitator.hr_queries import canonical_rows, committee_filter, roster_for
from facilitator.i18n import (
    choose_language,
    translate,
)
from facilitator.register.filters import DEFAULT_KINDS, RowFilter, select
from facilitator.register.reading import Scan, ScanOptions
from facilitator.register.rows import Register
from facilitator.reports import agreements_table
from facilitator.roster import Roster, RosterError
from facilitator.session import OUTCOME_KINDS, OutcomeKind
from facilitator.tabular import Format, chunks, parse_delimiter, write
from facilitator.workspace import register_of

# What people type for a kind on the command line: English and Danish, singular and plural.
KIND_NAMES: dict[str, OutcomeKind] = {
    "decision": "decision",
    "decisions": "decision",
    "beslutning": "decision",
    "beslutninger": "decision",
    "agreement": "agreement",
    "agreements": "agreement",
    "aftale": "agreement",
    "aftaler": "agreement",
    "action": "action",
    "actions": "action",
    "handling": "action",
    "handlinger": "action",
    "question": "question",
    "questions": "question",
    "open-question": "question",
    "spørgsmål": "question",
    "spoergsmaal": "question",
    "åbent-spørgsmål": "question",
}


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


def roster_of(args: argparse.Namespace, paths: list[Path]) -> Roster | None:
    """The roster in force (--roster, else committees.toml in a folder read); a broken one is
    a usage error that names every problem."""
    try:
        return roster_for(getattr(args, "roster", None), paths)
    except RosterError as error:
        raise UsageError("\n".join(error.problems)) from None


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
    if found.problems:
        # The count, so a reader of a long run sees at once that the table is not everything.
        read = len(found.summaries)
        damaged = len(found.problems)
        stream.write(
            f"{damaged} file{'s' if damaged != 1 else ''} skipped (could not be read); "
            f"{read} meeting{'s' if read != 1 else ''} read\n"
        )


def exit_status(args: argparse.Namespace, found: Scan) -> int:
    """0, or 1 with --strict when a file could not be read."""
    return EXIT_FAILURE if getattr(args, "strict", False) and found.problems else EXIT_OK


def parse_kinds(text: str | None) -> frozenset[OutcomeKind]:
    """Kinds from `--kind`: comma-separated, English or Danish, or `all`; None gives the default."""
    if text is None or not text.strip():
        return DEFAULT_KINDS
    kinds: set[OutcomeKind] = set()
    for part in text.split(","):
        name = "-".join(part.strip().casefold().split())
        if not name:
            continue
        if name in ("all", "alle"):
            return frozenset(OUTCOME_KINDS)
        if name not in KIND_NAMES:
            raise ValueError(
                f'unknown kind "{part.strip()}": use decision, agreement, action, question or all '
                "(beslutning, aftale, handling, spørgsmål, alle)"
            )
        kinds.add(KIND_NAMES[name])
    if not kinds:
        raise ValueError(f'no kind in "{text}"')
    return frozenset(kinds)


def read_register(paths: list[Path], language: str, anonymize: bool = False) -> Register:
    """The register of the sessions under `paths`, counting files read on a terminal's stderr."""
    progress = TerminalProgress(sys.stderr, translate("Reading meetings", language))
    try:
        return register_of(paths, ScanOptions(anonymize=anonymize, progress=progress))
    finally:
        progress.close()


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
    roster = roster_of(args, paths)
    wanted = dataclasses.replace(wanted, committee=committee_filter(wanted.committee, roster))
    register = read_register(paths, language, anonymize=args.anonymize)
    report(register.scan)
    rows = select(canonical_rows(register.rows, roster), wanted, today)
    fmt: Format = args.format
    table = agreements_table(
        rows, language, today, len(register.scan.summaries), fmt, len(register.scan.problems)
    )
    write(chunks(table, fmt, separator), fmt)
    return exit_status(args, register.scan)
