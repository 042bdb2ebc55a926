"""Agenda files: reading one from disk, its TOML errors with their position, and the check.

The model lives in `agenda_model` and the checking of its content in `agenda_check`; both are
re-exported here, so `facilitator.agenda` stays the one name to import an agenda from.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from facilitator.agenda_check import Checker
from facilitator.agenda_model import (
    KINDS,
    LANGUAGES,
    NO_REF,
    PLANNED_MAX,
    PLANNED_MIN,
    SCHEMA,
    TIMEBOX_MAX,
    TIMEBOX_MIN,
    Agenda,
    AgendaError,
    Plan,
    Section,
    Theme,
    ThemeKind,
    ThemeRef,
)
from facilitator.safe_toml import (
    UnreadableError,
    decode_text,
    parse_toml,
    read_limited,
    toml_error_line,
)
from facilitator.toml_positions import KeyLines as _KeyLines

__all__ = [
    "KINDS",
    "LANGUAGES",
    "NO_REF",
    "PLANNED_MAX",
    "PLANNED_MIN",
    "SCHEMA",
    "TIMEBOX_MAX",
    "TIMEBOX_MIN",
    "Agenda",
    "AgendaError",
    "Plan",
    "Section",
    "Theme",
    "ThemeKind",
    "ThemeRef",
    "agenda_from_data",
    "load_agenda",
    "parse_agenda",
    "toml_error_line",
]


def load_agenda(path: Path | str) -> Agenda:
    """Read and validate an agenda file, raising AgendaError with every problem found."""
    path = Path(path)
    try:
        # Regular files only, under a size cap: a FIFO or /dev/zero is refused, not read.
        raw = read_limited(path, str(path))
    except UnreadableError as error:
        raise AgendaError([str(error)]) from None
    return parse_agenda(raw, str(path))


def parse_agenda(raw: bytes, shown: str) -> Agenda:
    """Validate the bytes of an agenda file; `shown` names the file in messages."""
    try:
        text = decode_text(raw, shown)
        # Deep nesting and 5,000-digit integers become one line, not a traceback.
        data = parse_toml(text, shown)
    except UnreadableError as error:
        raise AgendaError([str(error)]) from None
    if not data:
        raise AgendaError(
            [f"{shown}: the file is empty; an agenda needs schema, id, title, language, sections"]
        )
    import hashlib  # here: a meeting's first frame waits for every import at the top

    sha256 = hashlib.sha256(raw).hexdigest()
    try:
        return agenda_from_data(data, shown, sha256=sha256)
    except AgendaError:
        # Where each key stands is only needed to name the problems, and finding it costs as
        # much as the parse: checked again with the positions only when something is wrong.
        return agenda_from_data(data, shown, _KeyLines.scan(text, data), sha256)


def agenda_from_data(
    data: Mapping[str, Any], shown: str, lines: _KeyLines | None = None, sha256: str = ""
) -> Agenda:
    """Build an Agenda from parsed TOML, raising AgendaError with every problem found."""
    checker = Checker(shown, lines or _KeyLines())
    agenda = checker.agenda(data)
    if checker.problems or agenda is None:
        raise AgendaError(checker.sorted_problems())
    return dataclasses.replace(agenda, sha256=sha256)
