"""Checking parsed agenda data against the format, every problem reported with its position."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from facilitator.agenda_model import (
    KINDS,
    LANGUAGES,
    PLANNED_MAX,
    PLANNED_MIN,
    PROMPT_CHARS,
    SCHEMA,
    TEXT_CHARS,
    TEXT_LIMITS,
    TIMEBOX_MAX,
    TIMEBOX_MIN,
    Agenda,
    Plan,
    Section,
    Theme,
)
from facilitator.sanitize import quoted, without_controls
from facilitator.toml_positions import KeyLines, Path_

_KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

AGENDA_KEYS = (
    "schema",
    "id",
    "title",
    "language",
    "version",
    "source",
    "description",
    "standing_items",
    "plans",
    "sections",
)
SECTION_KEYS = ("id", "title", "description", "themes")
THEME_KEYS = ("id", "title", "kind", "timebox", "description", "prompts")
PLAN_KEYS = ("id", "title", "planned", "themes")

_TOP: Path_ = ()


class Checker:
    """Collects every problem of one agenda instead of stopping at the first."""

    def __init__(self, shown: str, lines: KeyLines) -> None:
        self.shown = shown
        self.lines = lines
        self.problems: list[str] = []
        self.positions: list[tuple[int, int]] = []

    def report(
        self, where: str, message: str, table: Path_, key: str, item: int | None = None
    ) -> None:
        """Note one problem of the table at `table` (its `key`, or that key's list item)."""
        position = self.lines.find(table, key, item)
        prefix = f"{self.shown}:{position[0]}:{position[1]}" if position else self.shown
        self.problems.append(f"{prefix}: {where}: {message}" if where else f"{prefix}: {message}")
        self.positions.append(position or (1 << 30, 0))

    def sorted_problems(self) -> list[str]:
        """The problems by line and column; those without a position last, in checking order."""
        order = sorted(range(len(self.problems)), key=self.positions.__getitem__)
        return [self.problems[index] for index in order]

    def agenda(self, data: Mapping[str, Any]) -> Agenda | None:
        """The agenda, or None once any problem has been reported."""

        def report(message: str, key: str = "") -> None:
            self.report("", message, _TOP, key)

        self._unknown_keys(data, AGENDA_KEYS, "", _TOP)
        schema = data.get("schema")
        if schema is None:
            report(f'missing required key "schema" (write schema = {SCHEMA} at the top)')
        elif not _is_int(schema):
            report(f'"schema" must be the whole number {SCHEMA}, got {show(schema)}', "schema")
        elif schema != SCHEMA:
            report(
                f"schema {schema} is not known: this version of facilitator reads schema {SCHEMA}",
                "schema",
            )
        agenda_id = self._id(data, "", _TOP)
        title = self._text(data, "title", "", _TOP, required=True)
        language = data.get("language")
        if language is None:
            report('missing required key "language" (expected "da" or "en")')
        elif language not in LANGUAGES:
            report(f'"language" must be "da" or "en", got {show(language)}', "language")
        version = self._text(data, "version", "", _TOP)
        source = self._text(data, "source", "", _TOP)
        description = self._text(data, "description", "", _TOP)
        standing_items = data.get("standing_items", True)
        if not isinstance(standing_items, bool):
            report(
                f'"standing_items" must be true or false, got {show(standing_items)}',
                "standing_items",
            )
        sections = self._sections(data.get("sections"))
        plans = self._plans(data.get("plans"), sections)
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
            plans=plans,
            standing_items=bool(standing_items),
        )

    # -- sections and themes --------------------------------------------------------------

    def _table_list(self, raw: Any, key: str, where: str, table: Path_, header: str) -> bool:
        """Whether `raw` is a non-empty list of tables; reports what is wrong if not."""
        if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
            self.report(where, f'"{key}" must be a list of tables ({header})', table, key)
            return False
        return True

    def _sections(self, raw: Any) -> tuple[Section, ...]:
        if raw is None:
            self.report(
                "", 'missing required key "sections" (add at least one [[sections]])', _TOP, ""
            )
            return ()
        if not self._table_list(raw, "sections", "", _TOP, "[[sections]]"):
            return ()
        if not raw:
            message = '"sections" is empty: an agenda needs at least one section'
            self.report("", message, _TOP, "sections")
            return ()
        sections: list[Section] = []
        section_ids: dict[str, str] = {}
        theme_ids: dict[str, str] = {}
        for index, data in enumerate(raw):
            where = _where("section", data, index)
            table: Path_ = ("sections", index)
            also = f"section {index + 1} has it too"
            section_id, title = self._head(
                data, "section", SECTION_KEYS, section_ids, also, where, table
            )
            description = self._text(data, "description", where, table)
            themes = self._themes(data.get("themes"), where, table, theme_ids)
            sections.append(Section(section_id, title, themes, description))
        return tuple(sections)

    def _themes(
        self, raw: Any, where: str, section: Path_, theme_ids: dict[str, str]
    ) -> tuple[Theme, ...]:
        if raw is None:
            self.report(where, "has no themes: add at least one [[sections.themes]]", section, "")
            return ()
        if not self._table_list(raw, "themes", where, section, "[[sections.themes]]"):
            return ()
        if not raw:
            message = '"themes" is empty: a section needs at least one theme'
            self.report(where, message, section, "themes")
            return ()
        themes: list[Theme] = []
        for index, data in enumerate(raw):
            here = f"{where}, {_where('theme', data, index)}"
            table: Path_ = (*section, "themes", index)
            theme_id, title = self._head(
                data,
                "theme",
                THEME_KEYS,
                theme_ids,
                f"also in {where}",
                here,
                table,
                " in the whole agenda",
            )
            kind = data.get("kind", "discussion")
            if kind not in KINDS:
                message = f'"kind" must be "discussion" or "obligation", got {show(kind)}'
                self.report(here, message, table, "kind")
            timebox = self._minutes(data, "timebox", here, table, TIMEBOX_MIN, TIMEBOX_MAX)
            description = self._text(data, "description", here, table)
            prompts = self._prompts(data.get("prompts"), here, table)
            themes.append(
                Theme(
                    id=theme_id,
                    title=title,
                    timebox=timebox,
                    kind=kind if kind in KINDS else "discussion",
                    description=description,
                    prompts=prompts,
                )
            )
        return tuple(themes)

    def _head(
        self,
        data: Mapping[str, Any],
        kind: str,
        keys: Iterable[str],
        seen: dict[str, str],
        first_use: str,
        where: str,
        table: Path_,
        scope: str = "",
    ) -> tuple[str, str]:
        """What a section, theme or plan starts with: known keys, an id not `seen` before
        (`first_use` is where this one is, for the next that uses it) and a title."""
        self._unknown_keys(data, keys, where, table)
        item_id = self._id(data, where, table)
        self._unique(kind, item_id, seen, first_use, where, table, scope)
        return item_id, self._text(data, "title", where, table, required=True)

    def _unique(
        self,
        kind: str,
        item_id: str,
        seen: dict[str, str],
        first_use: str,
        where: str,
        table: Path_,
        scope: str = "",
    ) -> None:
        """Report an id used before; `seen` keeps, for each id, its first use in words."""
        if not item_id:
            return
        if item_id not in seen:
            seen[item_id] = first_use
            return
        message = f'duplicate {kind} id "{item_id}" ({seen[item_id]}); {kind} ids must be unique'
        self.report(where, message + scope, table, "id")

    def _prompts(self, raw: Any, where: str, table: Path_) -> tuple[str, ...]:
        if raw is None:
            return ()

        def problem(number: int, prompt: str, _kept: list[str]) -> str:
            if not prompt.strip():
                return f'"prompts" item {number} is empty'
            if len(prompt) > PROMPT_CHARS:
                return (
                    f'"prompts" item {number} is {len(prompt):,} characters long; '
                    f"at most {PROMPT_CHARS:,} are allowed"
                )
            return ""

        return self._strings(
            raw, "prompts", "string", where, table, problem, lambda p: without_controls(p).strip()
        )

    def _strings(
        self,
        raw: Any,
        key: str,
        what: str,
        where: str,
        table: Path_,
        problem: Callable[[int, str, list[str]], str],
        clean: Callable[[str], str] = lambda item: item,
    ) -> tuple[str, ...]:
        """The items of a list of strings that pass `problem` (item number, item, the items
        kept so far; returns what is wrong or ""), cleaned; each other item is reported."""
        if not isinstance(raw, list):
            self.report(where, f'"{key}" must be a list of {what}s, got {show(raw)}', table, key)
            return ()
        kept: list[str] = []
        for number, item in enumerate(raw, start=1):
            if not isinstance(item, str):
                message = f'"{key}" item {number} must be a {what}, got {show(item)}'
            else:
                message = problem(number, item, kept)
            if message:
                self.report(where, message, table, key, number - 1)
            else:
                kept.append(clean(item))
        return tuple(kept)

    # -- plans ----------------------------------------------------------------------------

    def _plans(self, raw: Any, sections: tuple[Section, ...]) -> tuple[Plan, ...]:
        if raw is None:
            return ()
        if not self._table_list(raw, "plans", "", _TOP, "[[plans]]"):
            return ()
        known = {theme.id for section in sections for theme in section.themes}
        plans: list[Plan] = []
        plan_ids: dict[str, str] = {}
        for index, data in enumerate(raw):
            where = _where("plan", data, index)
            table: Path_ = ("plans", index)
            also = f"plan {index + 1} has it too"
            plan_id, title = self._head(data, "plan", PLAN_KEYS, plan_ids, also, where, table)
            planned = self._minutes(data, "planned", where, table, PLANNED_MIN, PLANNED_MAX)
            themes = self._plan_themes(data.get("themes"), where, table, known)
            plans.append(Plan(plan_id, title, planned, themes))
        return tuple(plans)

    def _plan_themes(self, raw: Any, where: str, table: Path_, known: set[str]) -> tuple[str, ...]:
        if raw is None:
            message = 'missing required key "themes" (the ids of the themes this plan takes)'
            self.report(where, message, table, "")
            return ()
        if isinstance(raw, list) and not raw:
            message = '"themes" is empty: a plan needs at least one theme'
            self.report(where, message, table, "themes")
            return ()

        def problem(number: int, theme_id: str, kept: list[str]) -> str:
            if theme_id in kept:
                return f'"themes" names {show(theme_id)} twice'
            if theme_id not in known:
                close = difflib.get_close_matches(theme_id, sorted(known), n=1)
                hint = f' (did you mean "{close[0]}"?)' if close else ""
                return f'"themes" item {number}: no theme has the id {show(theme_id)}{hint}'
            return ""

        return self._strings(raw, "themes", "theme id", where, table, problem)

    # -- values ---------------------------------------------------------------------------

    def _minutes(
        self, data: Mapping[str, Any], key: str, where: str, table: Path_, low: int, high: int
    ) -> int:
        value = data.get(key)
        if value is None:
            message = f'missing required key "{key}" (whole minutes, {low} to {high})'
            self.report(where, message, table, "")
            return 0
        if not _is_int(value) or not low <= value <= high:
            message = (
                f"{key} must be a whole number of minutes from {low} to {high}, got {show(value)}"
            )
            self.report(where, message, table, key)
            return 0
        return int(value)

    def _id(self, data: Mapping[str, Any], where: str, table: Path_) -> str:
        value = data.get("id")
        if value is None:
            self.report(where, 'missing required key "id"', table, "")
            return ""
        if isinstance(value, str) and len(value) > TEXT_LIMITS["id"]:
            message = (
                f'"id" is {len(value):,} characters long; at most {TEXT_LIMITS["id"]} are allowed'
            )
            self.report(where, message, table, "id")
            return ""
        if not isinstance(value, str) or not _KEBAB.match(value):
            self.report(
                where,
                f'"id" must be kebab-case (lower-case letters a-z, digits and single hyphens, '
                f'like "local-guidelines"), got {show(value)}',
                table,
                "id",
            )
            return ""
        return value

    def _text(
        self,
        data: Mapping[str, Any],
        key: str,
        where: str,
        table: Path_,
        required: bool = False,
    ) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.report(where, f'missing required key "{key}"', table, "")
            return ""
        if not isinstance(value, str):
            message = f'"{key}" must be a string (in quotes), got {show(value)}'
            self.report(where, message, table, key)
            return ""
        if len(value) > (limit := TEXT_LIMITS.get(key, TEXT_CHARS)):
            message = f'"{key}" is {len(value):,} characters long; at most {limit:,} are allowed'
            self.report(where, message, table, key)
            return ""
        if required and not value.strip():
            self.report(where, f'"{key}" must not be empty', table, key)
        value = without_controls(value)  # an ESC in a title must not reach a screen
        return value.strip() if required else value

    def _unknown_keys(
        self, data: Mapping[str, Any], known: Iterable[str], where: str, table: Path_
    ) -> None:
        known = tuple(known)
        for key in data:
            if key in known:
                continue
            close = difflib.get_close_matches(key, known, n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else f" (allowed: {', '.join(known)})"
            self.report(where, f"unknown key {show(key)}{hint}", table, key)


def _where(what: str, data: Mapping[str, Any], index: int) -> str:
    """`section "forebyggelse"` by id when it has one, else `section 2` by position."""
    given = data.get("id")
    if isinstance(given, str) and given:
        return f"{what} {show(given)}"
    return f"{what} {index + 1}"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def show(value: Any) -> str:
    """A value as a problem line shows it: escaped, cut short, never more than one line.

    Never a control character, and a 5,000-digit number is not printed (see sanitize.quoted).
    """
    return quoted(value)
