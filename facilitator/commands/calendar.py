"""`facilitator calendar`: open, dated agreements and actions as an .ics file for Outlook."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from facilitator.cli import UsageError
from facilitator.commands.agreements import (
    exit_status,
    input_paths,
    read_register,
    report,
    roster_of,
)
from facilitator.commands.export import write_output
from facilitator.hr_queries import canonical_rows, committee_filter
from facilitator.i18n import choose_language, translate
from facilitator.ical import calendar_rows, to_ics
from facilitator.register.filters import RowFilter, select


def run(args: argparse.Namespace) -> int:
    """Write one all-day event per open, dated agreement or action to FILE.ics."""
    language = choose_language(getattr(args, "lang", None), None)
    output = args.output
    if output.is_dir():
        raise UsageError(f"{output}: is a folder; give a file name such as frister.ics")
    if not output.parent.is_dir():
        raise UsageError(f"{output}: the folder {output.parent} does not exist")
    paths = input_paths(args)
    roster = roster_of(args, paths)
    register = read_register(paths, language)
    report(register.scan)
    rows = canonical_rows(register.rows, roster)
    wanted = RowFilter(committee=committee_filter(args.committee or "", roster), open=True)
    rows = calendar_rows(select(rows, wanted, date.today()), args.owner or "")
    code = write_output(output, to_ics(rows, language))
    if code == 0:
        sys.stderr.write(
            translate("{count} deadlines written to {path}", language).format(
                count=len(rows), path=output
            )
            + "\n"
        )
    return code or exit_status(args, register.scan)
