"""Agenda files: the dialogue paper as data, loaded and validated with every problem reported."""

from __future__ import annotations

import codecs
import dataclasses
import difflib
import hashlib
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

from facilitator.toml_positions import KeyLines as _KeyLines

SCHEMA = 1
LANGUAGES = ("da", "en")
KINDS = ("discussion", "obligation")
TIMEBOX_MIN, TIMEBOX_MAX = 1, 480

ThemeKind = Literal["discussion", "obligation"]

_KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)$")

_AGENDA_KEYS = (
    "schema", "id", "title", "language", "version", "source", "description", "standing_items",
    "sections",
)  # fmt: skip
_SECTION_KEYS = ("id", "title", "description", "themes")
_THEME_KEYS = ("id", "title", "kind", "timebox", "description", "prompts")


class ThemeRef(NamedTuple):
    """A theme's number: `3.1` is the first theme of section 3; sorts in agenda order."""

    section: int
    theme: int

    def __str__(self) -> str:
        return f"{self.section}.{self.theme}"


@dataclass(frozen=True, slots=True)
class Theme:
    """One timeboxed item of a section."""

    id: str
    title: str
    timebox: int
    kind: ThemeKind = "discussion"
    description: str = ""
    prompts: tuple[str, ...] = ()

    @property
    def is_obligation(self) -> bool:
        """Obligations are presented and acknowledged, not negotiated."""
        return self.kind == "obligation"


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the guide, holding one or more themes."""

    id: str
    title: str
    themes: tuple[Theme, ...]
    description: str = ""

    @property
    def minutes(self) -> int:
        """The section's planned length: the sum of its themes' timeboxes."""
        return sum(theme.timebox for theme in self.themes)


@dataclass(frozen=True, slots=True)
class Agenda:
    """A dialogue paper: metadata and sections, exactly as the agenda format describes."""

    id: str
    title: str
    language: str
    sections: tuple[Section, ...]
    version: str = ""
    source: str = ""
    description: str = ""
    # The MED standing items (godkendelse af dagsorden ... næste møde) frame the paper unless
    # the agenda says `standing_items = false` (see facilitator/standing.py).
    standing_items: bool = True
    sha256: str = field(default="", compare=False)

    @property
    def themes(self) -> tuple[Theme, ...]:
        """Every theme in agenda order."""
        return tuple(theme for section in self.sections for theme in section.themes)

    @property
    def minutes(self) -> int:
        """The planned length of the whole agenda."""
        return sum(section.minutes for section in self.sections)

    def refs(self) -> dict[str, ThemeRef]:
        """Every theme's number by its id, in agenda order."""
        return {
            theme.id: ThemeRef(s, t)
            for s, section in enumerate(self.sections, start=1)
            for t, theme in enumerate(section.themes, start=1)
        }

    def ref(self, theme_id: str) -> ThemeRef:
        """A theme's number (`3.1`); KeyError for a theme not on the agenda."""
        return self.refs()[theme_id]

    def section_of(self, theme_id: str) -> Section:
        """The section a theme belongs to."""
        for section in self.sections:
            if any(theme.id == theme_id for theme in section.themes):
                return section
        raise KeyError(theme_id)

    def theme(self, theme_id: str) -> Theme:
        """A theme by id."""
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    def to_data(self) -> dict[str, Any]:
        """The agenda in its file format (None and empty optional values left out)."""
        data: dict[str, Any] = {"schema": SCHEMA, "id": self.id, "title": self.title}
        data["language"] = self.language
        for key in ("version", "source", "description"):
            if value := getattr(self, key):
                data[key] = value
        if not self.standing_items:
            data["standing_items"] = False
        data["sections"] = [_section_data(section) for section in self.sections]
        return data


def _section_data(section: Section) -> dict[str, Any]:
    data: dict[str, Any] = {"id": section.id, "title": section.title}
    if section.description:
        data["description"] = section.description
    data["themes"] = [_theme_data(theme) for theme in section.themes]
    return data


def _theme_data(theme: Theme) -> dict[str, Any]:
    data: dict[str, Any] = {"id": theme.id, "title": theme.title, "kind": theme.kind}
    data["timebox"] = theme.timebox
    if theme.description:
        data["description"] = theme.description
    if theme.prompts:
        data["prompts"] = list(theme.prompts)
    return data


class AgendaError(Exception):
    """An agenda file could not be used; `problems` holds one printable line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


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
    checker = _Checker(shown, lines or _KeyLines())
    agenda = checker.agenda(data)
    if checker.problems or agenda is None:
        raise AgendaError(checker.sorted_problems())
    return dataclasses.replace(agenda, sha256=sha256)


class _Checker:
    """Collects every problem of one agenda instead of stopping at the first."""

    def __init__(self, shown: str, lines: _KeyLines) -> None:
        self.shown = shown
        self.lines = lines
        self.problems: list[str] = []
        self.positions: list[tuple[int, int]] = []

    def report(
        self,
        where: str,
        message: str,
        section: int | None,
        theme: int | None,
        key: str,
        item: int | None = None,
    ) -> None:
        position = self.lines.at(section, theme, key, item)
        prefix = f"{self.shown}:{position[0]}:{position[1]}" if position else self.shown
        self.problems.append(f"{prefix}: {where}: {message}" if where else f"{prefix}: {message}")
        self.positions.append(position or (1 << 30, 0))

    def sorted_problems(self) -> list[str]:
        """The problems by line and column; those without a position last, in checking order."""
        order = sorted(range(len(self.problems)), key=self.positions.__getitem__)
        return [self.problems[index] for index in order]

    def agenda(self, data: Mapping[str, Any]) -> Agenda | None:
        def report(message: str, key: str = "") -> None:
            self.report("", message, None, None, key)

        self._unknown_keys(data, _AGENDA_KEYS, "", None, None)
        schema = data.get("schema")
        if schema is None:
            report(f'missing required key "schema" (write schema = {SCHEMA} at the top)')
        elif not _is_int(schema):
            report(f'"schema" must be the whole number {SCHEMA}, got {_show(schema)}', "schema")
        elif schema != SCHEMA:
            report(
                f"schema {schema} is not known: this version of facilitator reads schema {SCHEMA}",
                "schema",
            )
        agenda_id = self._id(data, "", None, None)
        title = self._text(data, "title", "", None, None, required=True)
        language = data.get("language")
        if language is None:
            report('missing required key "language" (expected "da" or "en")')
        elif language not in LANGUAGES:
            report(f'"language" must be "da" or "en", got {_show(language)}', "language")
        version = self._text(data, "version", "", None, None)
        source = self._text(data, "source", "", None, None)
        description = self._text(data, "description", "", None, None)
        standing_items = data.get("standing_items", True)
        if not isinstance(standing_items, bool):
            report(
                f'"standing_items" must be true or false, got {_show(standing_items)}',
                "standing_items",
            )
        sections = self._sections(data.get("sections"))
        if self.problems:
            return None
        return Agenda(
            id=agenda_id,
            title=title,
            language=str(language),
            sections=sections,
            version=version,
            source=source,
            description=description,
            standing_items=bool(standing_items),
        )

    def _sections(self, raw: Any) -> tuple[Section, ...]:
        if raw is None:
            self.report(
                "",
                'missing required key "sections" (add at least one [[sections]])',
                None,
                None,
                "",
            )
            return ()
        if not _is_table_list(raw):
            self.report(
                "", '"sections" must be a list of tables ([[sections]])', None, None, "sections"
            )
            return ()
        if not raw:
            self.report(
                "",
                '"sections" is empty: an agenda needs at least one section',
                None,
                None,
                "sections",
            )
            return ()
        sections: list[Section] = []
        section_ids: dict[str, int] = {}
        theme_ids: dict[str, str] = {}
        for index, data in enumerate(raw):
            where = _where_section(data, index)
            self._unknown_keys(data, _SECTION_KEYS, where, index, None)
            section_id = self._id(data, where, index, None)
            if section_id:
                if section_id in section_ids:
                    self.report(
                        where,
                        f'duplicate section id "{section_id}" (section'
                        f" {section_ids[section_id] + 1} has it too); section ids must be unique",
                        index,
                        None,
                        "id",
                    )
                else:
                    section_ids[section_id] = index
            title = self._text(data, "title", where, index, None, required=True)
            description = self._text(data, "description", where, index, None)
            themes = self._themes(data.get("themes"), where, index, theme_ids)
            sections.append(Section(section_id, title, themes, description))
        return tuple(sections)

    def _themes(
        self, raw: Any, where: str, section: int, theme_ids: dict[str, str]
    ) -> tuple[Theme, ...]:
        if raw is None:
            self.report(
                where, "has no themes: add at least one [[sections.themes]]", section, None, ""
            )
            return ()
        if not _is_table_list(raw):
            self.report(
                where,
                '"themes" must be a list of tables ([[sections.themes]])',
                section,
                None,
                "themes",
            )
            return ()
        if not raw:
            self.report(
                where,
                '"themes" is empty: a section needs at least one theme',
                section,
                None,
                "themes",
            )
            return ()
        themes: list[Theme] = []
        for index, data in enumerate(raw):
            here = f"{where}, {_where_theme(data, index)}"
            self._unknown_keys(data, _THEME_KEYS, here, section, index)
            theme_id = self._id(data, here, section, index)
            if theme_id:
                if theme_id in theme_ids:
                    self.report(
                        here,
                        f'duplicate theme id "{theme_id}" (also in {theme_ids[theme_id]}); '
                        "theme ids must be unique in the whole agenda",
                        section,
                        index,
                        "id",
                    )
                else:
                    theme_ids[theme_id] = where
            title = self._text(data, "title", here, section, index, required=True)
            kind = data.get("kind", "discussion")
            if kind not in KINDS:
                self.report(
                    here,
                    f'"kind" must be "discussion" or "obligation", got {_show(kind)}',
                    section,
                    index,
                    "kind",
                )
            timebox = data.get("timebox")
            if timebox is None:
                self.report(
                    here,
                    'missing required key "timebox"'
                    f" (whole minutes, {TIMEBOX_MIN} to {TIMEBOX_MAX})",
                    section,
                    index,
                    "",
                )
            elif not _is_int(timebox) or not TIMEBOX_MIN <= timebox <= TIMEBOX_MAX:
                self.report(
                    here,
                    "timebox must be a whole number of minutes"
                    f" from {TIMEBOX_MIN} to {TIMEBOX_MAX}, got {_show(timebox)}",
                    section,
                    index,
                    "timebox",
                )
            description = self._text(data, "description", here, section, index)
            prompts = self._prompts(data.get("prompts"), here, section, index)
            themes.append(
                Theme(
                    id=theme_id,
                    title=title,
                    timebox=timebox if _is_int(timebox) else 0,
                    kind=kind if kind in KINDS else "discussion",
                    description=description,
                    prompts=prompts,
                )
            )
        return tuple(themes)

    def _prompts(self, raw: Any, where: str, section: int, theme: int) -> tuple[str, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.report(
                where,
                f'"prompts" must be a list of strings, got {_show(raw)}',
                section,
                theme,
                "prompts",
            )
            return ()
        prompts: list[str] = []
        for number, prompt in enumerate(raw, start=1):
            if not isinstance(prompt, str):
                self.report(
                    where,
                    f'"prompts" item {number} must be a string, got {_show(prompt)}',
                    section,
                    theme,
                    "prompts",
                    number - 1,
                )
            elif not prompt.strip():
                self.report(
                    where,
                    f'"prompts" item {number} is empty',
                    section,
                    theme,
                    "prompts",
                    number - 1,
                )
            else:
                prompts.append(prompt.strip())
        return tuple(prompts)

    def _id(
        self, data: Mapping[str, Any], where: str, section: int | None, theme: int | None
    ) -> str:
        value = data.get("id")
        if value is None:
            self.report(where, 'missing required key "id"', section, theme, "")
            return ""
        if not isinstance(value, str) or not _KEBAB.match(value):
            self.report(
                where,
                f'"id" must be kebab-case (lower-case letters a-z, digits and single hyphens, '
                f'like "local-guidelines"), got {_show(value)}',
                section,
                theme,
                "id",
            )
            return ""
        return value

    def _text(
        self,
        data: Mapping[str, Any],
        key: str,
        where: str,
        section: int | None,
        theme: int | None,
        required: bool = False,
    ) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.report(where, f'missing required key "{key}"', section, theme, "")
            return ""
        if not isinstance(value, str):
            self.report(
                where,
                f'"{key}" must be a string (in quotes), got {_show(value)}',
                section,
                theme,
                key,
            )
            return ""
        if required and not value.strip():
            self.report(where, f'"{key}" must not be empty', section, theme, key)
        return value.strip() if required else value

    def _unknown_keys(
        self,
        data: Mapping[str, Any],
        known: Iterable[str],
        where: str,
        section: int | None,
        theme: int | None,
    ) -> None:
        known = tuple(known)
        for key in data:
            if key in known:
                continue
            close = difflib.get_close_matches(key, known, n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else f" (allowed: {', '.join(known)})"
            self.report(where, f"unknown key {_show(key)}{hint}", section, theme, key)


def _where_section(data: Mapping[str, Any], index: int) -> str:
    section_id = data.get("id")
    if isinstance(section_id, str) and section_id:
        return f"section {_show(section_id)}"
    return f"section {index + 1}"


def _where_theme(data: Mapping[str, Any], index: int) -> str:
    theme_id = data.get("id")
    if isinstance(theme_id, str) and theme_id:
        return f"theme {_show(theme_id)}"
    return f"theme {index + 1}"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _show(value: Any) -> str:
    if isinstance(value, str):
        # Escaped and cut short, so a problem stays one readable line whatever the file holds.
        return json.dumps(value if len(value) <= 60 else value[:57] + "...", ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)
