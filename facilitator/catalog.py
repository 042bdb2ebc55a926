"""Finding agendas: the built-in guides shipped with the program and those in ./agendas."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from facilitator.agenda import Agenda, AgendaError, load_agenda

LOCAL_AGENDAS = Path("agendas")
DEFAULT_AGENDA_ID = "sociale-medier"


def builtin_dir() -> Path:
    """The folder of built-in agendas: inside the wheel, or the repository's in a checkout."""
    # The wheel puts agendas/ inside the package (a folder on disk: the package is never run
    # from a zip). Beside __file__ rather than importlib.resources, which costs a start-up.
    package = Path(__file__).resolve().parent
    packaged = package / "agendas"
    if packaged.is_dir():
        return packaged
    # An editable install imports from the checkout, where agendas/ sits beside the package.
    return package.parent / "agendas"


@dataclass(frozen=True)
class AgendaEntry:
    """An agenda file found on disk, loaded or with the problems that stop it loading.

    `shadowed_by` names the file used instead when another agenda has the same id: a local
    agenda takes precedence over a built-in one, so HR can replace the built-in guide's wording.
    """

    path: Path
    origin: str  # "built-in" or "local"
    agenda: Agenda | None
    problems: tuple[str, ...] = ()
    shadowed_by: Path | None = None

    @property
    def used(self) -> bool:
        """Whether `run ID` picks this file for its id."""
        return self.agenda is not None and self.shadowed_by is None


def _scan(folder: Path, origin: str) -> list[AgendaEntry]:
    entries: list[AgendaEntry] = []
    if not folder.is_dir():
        return entries
    for path in sorted(folder.glob("*.toml")):
        if path.name.startswith("."):
            continue
        try:
            entries.append(AgendaEntry(path, origin, load_agenda(path)))
        except AgendaError as error:
            entries.append(AgendaEntry(path, origin, None, tuple(error.problems)))
    return entries


def _local_entries(local_dir: Path) -> list[AgendaEntry]:
    """The local folder's agendas, unless it is the built-in folder itself (a checkout)."""
    if not local_dir.is_dir() or local_dir.resolve() == builtin_dir().resolve():
        return []
    return _scan(local_dir, "local")


def find_agendas(local_dir: Path = LOCAL_AGENDAS) -> list[AgendaEntry]:
    """Built-in agendas first, then the local folder's, each marked if another file wins its id.

    Local files win over built-in ones, and within a folder the first file by name wins.
    """
    builtin = _scan(builtin_dir(), "built-in")
    local = _local_entries(local_dir)
    winners: dict[str, Path] = {}
    for entry in [*local, *builtin]:
        if entry.agenda is not None:
            winners.setdefault(entry.agenda.id, entry.path)
    return [
        entry
        if entry.agenda is None or winners[entry.agenda.id] == entry.path
        else dataclasses.replace(entry, shadowed_by=winners[entry.agenda.id])
        for entry in [*builtin, *local]
    ]


def resolve_agenda(name: str | None, local_dir: Path = LOCAL_AGENDAS) -> Agenda:
    """An agenda named by file path or by id; the default guide for None.

    By id, a local agenda comes before a built-in one with the same id.
    """
    name = name or DEFAULT_AGENDA_ID
    path = Path(name)
    if path.suffix == ".toml" or path.exists() or "/" in name:
        return load_agenda(path)
    local = _local_entries(local_dir)
    for entry in local:
        if entry.agenda is not None and entry.agenda.id == name:
            return entry.agenda
    # The usual case, a built-in guide by id, without reading every agenda there is.
    named = builtin_dir() / f"{name}.toml"
    if named.is_file():
        agenda = load_agenda(named)
        if agenda.id == name:
            return agenda
    builtin = _scan(builtin_dir(), "built-in")
    for entry in builtin:
        if entry.agenda is not None and entry.agenda.id == name:
            return entry.agenda
    known = sorted({e.agenda.id for e in [*builtin, *local] if e.agenda is not None})
    raise AgendaError(
        [f"{name}: no agenda file or agenda id of that name (known ids: {', '.join(known)})"]
    )
