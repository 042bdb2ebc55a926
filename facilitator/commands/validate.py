"""`facilitator validate`: check agenda, session and roster files, every problem at once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facilitator.agenda import AgendaError, load_agenda
from facilitator.cli import EXIT_OK, EXIT_USAGE
from facilitator.roster import ROSTER_NAME, RosterError, load_roster
from facilitator.safe_toml import UnreadableError, load_toml_file


def run(args: argparse.Namespace) -> int:
    """Print `FILE: ok` per valid file and the problems of the others on stderr."""
    status = EXIT_OK
    for name in args.files:
        try:
            # The roster is checked by the same command, by its file name; a session by its
            # content (it carries a committee and the agenda it ran).
            if Path(name).name == ROSTER_NAME:
                load_roster(name)
            elif _is_session(Path(name)):
                from facilitator.store import StoreError, load_session

                try:
                    load_session(Path(name))
                except StoreError as error:
                    raise AgendaError(error.problems) from None
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


def _is_session(path: Path) -> bool:
    """Whether a file holds a session: `committee` and `agenda` at the top."""
    try:
        _, data = load_toml_file(path)
    except UnreadableError:
        return False  # the agenda check names what is wrong with the file itself
    return isinstance(data, dict) and "committee" in data and "agenda" in data
