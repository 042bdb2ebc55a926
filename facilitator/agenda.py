"""Agenda files: reading one from disk, its TOML errors with their position, and the check.

The model lives in `agenda_model` and the checking of its content in `agenda_check`; both are
re-exported here, so `facilitator.agenda` stays the one name to import an agenda from.
"""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import re
import tomllib
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

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)$")


def load_agenda(path: Path | str) -> Agenda:
    """Read and validate an agenda file, raising AgendaError with every problem found."""
    path = Path(path)
    shown = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise AgendaError([f"{shown}: file not found"]) from None
    except IsADirectoryError:
        raise AgendaError([f"{shown}: is a directory, not an agenda file"]) from None
    except PermissionError:
        raise AgendaError([f"{shown}: permission denied"]) from None
    except OSError as error:
        raise AgendaError([f"{shown}: cannot read file ({error.strerror})"]) from None
    return parse_agenda(raw, shown)


def parse_agenda(raw: bytes, shown: str) -> Agenda:
    """Validate the bytes of an agenda file; `shown` names the file in messages."""
    if b"\x00" in raw:
        raise AgendaError([f"{shown}: not a text file (it contains NUL bytes); expected TOML"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # The decoder counts from after the BOM, if there is one.
        body = raw.removeprefix(codecs.BOM_UTF8)
        line = body[: error.start].count(b"\n") + 1
        start = body.rfind(b"\n", 0, error.start) + 1
        # Count characters, not bytes: in "Æble H\xe5ndtering" the bad byte is character 7.
        before = body[start : error.start].decode("utf-8", "replace")
        byte = body[error.start]
        raise AgendaError(
            [
                f"{shown}:{line}:{len(before) + 1}: not valid UTF-8 (byte 0x{byte:02x});"
                " save the file as UTF-8"
            ]
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise AgendaError([toml_error_line(shown, error, text)]) from None
    if not data:
        raise AgendaError(
            [f"{shown}: the file is empty; an agenda needs schema, id, title, language, sections"]
        )
    return agenda_from_data(
        data, shown, _KeyLines.scan(text, data), hashlib.sha256(raw).hexdigest()
    )


def toml_error_line(shown: str, error: tomllib.TOMLDecodeError, text: str = "") -> str:
    """`FILE:LINE:COL: message` for a TOML syntax error (3.11 keeps the position in the text).

    With the text, an error "at end of document" gets the position of the file's last line.
    """
    message = str(error)
    match = _TOML_POSITION.search(message)
    if match:
        detail = message[: match.start()]
        return f"{shown}:{match.group(1)}:{match.group(2)}: TOML syntax error: {detail}"
    end = _TOML_AT_END.search(message)
    if end and text:
        lines = text.rstrip("\r\n").split("\n")
        line, column = len(lines), len(lines[-1].rstrip("\r")) + 1
        detail = message[: end.start()]
        return f"{shown}:{line}:{column}: TOML syntax error: {detail} (at the end of the file)"
    return f"{shown}: TOML syntax error: {message}"


def agenda_from_data(
    data: Mapping[str, Any], shown: str, lines: _KeyLines | None = None, sha256: str = ""
) -> Agenda:
    """Build an Agenda from parsed TOML, raising AgendaError with every problem found."""
    checker = Checker(shown, lines or _KeyLines())
    agenda = checker.agenda(data)
    if checker.problems or agenda is None:
        raise AgendaError(checker.sorted_problems())
    return dataclasses.replace(agenda, sha256=sha256)
