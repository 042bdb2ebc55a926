"""`facilitator validate`: check agenda files (and the roster), every problem of every file at once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facilitator.agenda import AgendaError, load_agenda
from facilitator.cli import EXIT_OK, EXIT_USAGE
from facilitator.roster import ROSTER_NAME, RosterError, load_roster


def run(args: argparse.Namespace) -> int:
    """Print `FILE: ok` per valid file and the problems of the others on stderr."""
    status = EXIT_OK
    for name in args.files:
        try:
            # The roster is checked by the same command, by its file name.
            if Path(name).name == ROSTER_NAME:
                load_roster(name)
            else:
                load_agenda(name)
        except (AgendaError, RosterError) as error:
            status = EXIT_USAGE
            for line in error.problems:
                sys.stderr.write(line + "\n")
            continue
        if not args.quiet:
            print(f"{name}: ok")
    return status
