"""HR's questions over a sessions folder, with the roster applied: the queries both front ends call.

Every committee name read from a session goes through the roster here, once, so that an alias
counts under the roster's name in the register, coverage, guidelines and calendar alike.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from facilitator.coverage import CommitteeCoverage, committee_coverage
from facilitator.guidelines import Guidelines, collect_guidelines
from facilitator.register.rows import Register, Row
from facilitator.roster import Roster, find_roster


def roster_for(given: Path | None, paths: Sequence[Path]) -> Roster | None:
    """The roster file given, else `committees.toml` at the root of a folder read (RosterError)."""
    return find_roster(given, [path for path in paths if path.is_dir()])


def canonical_rows(rows: Iterable[Row], roster: Roster | None) -> list[Row]:
    """The rows with each committee under its roster name (rows of unknown committees as typed)."""
    if roster is None:
        return list(rows)
    renamed: list[Row] = []
    for row in rows:
        name = roster.canonical(row.committee)
        renamed.append(row if name == row.committee else dataclasses.replace(row, committee=name))
    return renamed


def committee_filter(text: str, roster: Roster | None) -> str:
    """What `--committee` filters on: an alias becomes the roster name it stands for."""
    return roster.canonical(text) if roster and text else text


def coverage(register: Register, roster: Roster | None, today: date) -> list[CommitteeCoverage]:
    """Coverage per committee; with a roster every roster committee, met or not."""
    return committee_coverage(register.scan.summaries, register.rows, today, roster)


def guidelines(register: Register, committee: str, roster: Roster | None) -> Guidelines:
    """One committee's guidelines (GuidelinesError if it has not met)."""
    return collect_guidelines(register.scan.summaries, committee, roster)
