"""The agendas the new-meeting form offers: the one it opens with at once, then every agenda
there is, read off the UI thread. No widgets: the form screen shows these."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rich.text import Text

from facilitator.agenda import Agenda
from facilitator.catalog import LOCAL_AGENDAS, AgendaEntry, builtin_dir
from facilitator.i18n import _


@dataclass
class AgendaChoice:
    """The agendas to choose from, each with where it comes from, and the one chosen."""

    agendas: list[tuple[Agenda, str]]
    index: int = 0
    broken: list[Path] = field(default_factory=list)  # files that would not load


def opening_choice(agenda: Agenda, path: Path | None) -> AgendaChoice:
    """The agenda the form opens with, alone until the others are read."""
    return AgendaChoice([(agenda, _where(path))])


def every_choice(entries: list[AgendaEntry], chosen: Agenda) -> AgendaChoice:
    """Every agenda that `run ID` would use, with `chosen` still chosen."""
    agendas = [
        (entry.agenda, origin_label(entry.origin, entry.path))
        for entry in entries
        # A file another of the same id shadows is not what `run ID` uses; not offered.
        if entry.agenda is not None and entry.used
    ]
    index = next((i for i, (agenda, _o) in enumerate(agendas) if agenda == chosen), -1)
    if index < 0:
        # An agenda file given on the command line: offer it first.
        agendas.insert(0, (chosen, _("given")))
        index = 0
    broken = [entry.path for entry in entries if entry.agenda is None]
    return AgendaChoice(agendas, index, broken)


def agenda_options(choice: AgendaChoice) -> list[tuple[Text, int]]:
    """The agenda list's lines: each agenda's title and where it comes from."""
    return [
        (Text(f"{agenda.title} ({origin})"), index)
        for index, (agenda, origin) in enumerate(choice.agendas)
    ]


def origin_label(origin: str, path: Path) -> str:
    """Where an agenda comes from, as the form's agenda list says it."""
    if origin == "built-in":
        return _("built-in")
    return _("local: {name}").format(name=path.name)


def _where(path: Path | None) -> str:
    if path is not None:
        folder = path.parent.resolve()
        if folder == builtin_dir().resolve():
            return origin_label("built-in", path)
        if folder == LOCAL_AGENDAS.resolve():
            return origin_label("local", path)
    return _("given")
