"""`facilitator validate`: check agenda files, every problem of every file at once."""

from __future__ import annotations

import argparse
import sys

from facilitator.agenda import AgendaError, load_agenda
from facilitator.cli import EXIT_OK, EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    """Print `FILE: ok` per valid file and the problems of the others on stderr."""
    status = EXIT_OK
    for name in args.files:
        try:
            load_agenda(name)
        except AgendaError as error:
            status = EXIT_USAGE
            for line in error.problems:
                sys.stderr.write(line + "\n")
            continue
        if not args.quiet:
            print(f"{name}: ok")
    return status
