"""The dialogue paper as data: agenda, sections, themes and plans, and their file format."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, TypeVar

SCHEMA = 1
LANGUAGES = ("da", "en")
KINDS = ("discussion", "obligation")
TIMEBOX_MIN, TIMEBOX_MAX = 1, 480
PLANNED_MIN, PLANNED_MAX = 1, 24 * 60
# Text caps: a title is a line, a prompt a question, a description a page or two; more is a
# damaged or hostile file (it would fill a projector screen and every export with one text).
LINE_CHARS, PROMPT_CHARS, TEXT_CHARS = 500, 2_000, 100_000
TEXT_LIMITS = {"id": LINE_CHARS, "title": LINE_CHARS, "version": LINE_CHARS, "source": 2_000}

ThemeKind = Literal["discussion", "obligation"]
T = TypeVar("T")


def find(items: Iterable[T], matches: Callable[[T], bool], key: str) -> T:
    """The first item that matches; KeyError(key) when none does."""
    for item in items:
        if matches(item):
            return item
    raise KeyError(key)


class ThemeRef(NamedTuple):
    """A theme's number: `3.1` is the first theme of section 3; sorts in agenda order."""

    section: int
    theme: int

    def __str__(self) -> str:
        return f"{self.section}.{self.theme}" if self.section else ""


# The number of a theme that is not on the agenda (an outcome of a removed theme): shown as
# nothing, sorted first.
NO_REF = ThemeRef(0, 0)


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

    @property
    def is_one_item(self) -> bool:
        """One theme by the section's own title (a MED standing item, a follow-up's review):
        one point, «1 Godkendelse af dagsorden», wherever the agenda is shown, not «1.1»."""
        return len(self.themes) == 1 and self.themes[0].title == self.title


@dataclass(frozen=True, slots=True)
class Plan:
    """A named selection of themes for one meeting, with the meeting's planned length.

    A committee rarely gives a whole dialogue paper one sitting; the themes a plan leaves out
    wait for the next meeting.
    """

    id: str
    title: str
    planned: int
    themes: tuple[str, ...]


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
    plans: tuple[Plan, ...] = ()
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
        return find(self.sections, lambda s: any(t.id == theme_id for t in s.themes), theme_id)

    def theme(self, theme_id: str) -> Theme:
        """A theme by id."""
        return find(self.themes, lambda theme: theme.id == theme_id, theme_id)

    def plan(self, plan_id: str) -> Plan:
        """A plan by id."""
        return find(self.plans, lambda plan: plan.id == plan_id, plan_id)

    def to_data(self) -> dict[str, Any]:
        """The agenda in its file format (None and empty optional values left out)."""
        data: dict[str, Any] = {"schema": SCHEMA, "id": self.id, "title": self.title}
        data["language"] = self.language
        for key in ("version", "source", "description"):
            if value := getattr(self, key):
                data[key] = value
        if not self.standing_items:
            data["standing_items"] = False
        if self.plans:
            data["plans"] = [_plan_data(plan) for plan in self.plans]
        data["sections"] = [_section_data(section) for section in self.sections]
        return data


def _plan_data(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.id,
        "title": plan.title,
        "planned": plan.planned,
        "themes": list(plan.themes),
    }


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
