"""Finding agendas: the built-in guides shipped with the program and those in ./agendas."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from facilitator.agenda import Agenda, AgendaError, load_agenda

LOCAL_AGENDAS = Path("agendas")
DEFAULT_AGENDA_ID = "sociale-medier"


def builtin_dir() -> Path:
    """The folder of built-in agendas: inside the wheel, or the repository's in a checkout."""
    packaged = Path(str(files("facilitator") / "agendas"))
    if packaged.is_dir():
        return packaged
    # An editable install imports from the checkout, where agendas/ sits beside the package.
    return Path(__file__).resolve().parent.parent / "agendas"


@dataclass(frozen=True)
class AgendaEntry:
    """An agenda file found on disk, loaded or with the problems that stop it loading."""

    path: Path
    origin: str  # "built-in" or "local"
    agenda: Agenda | None
    problems: tuple[str, ...] = ()


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


def find_agendas(local_dir: Path = LOCAL_AGENDAS) -> list[AgendaEntry]:
    """Built-in agendas first, then the local folder's (unless it is the built-in folder)."""
    builtin = builtin_dir()
    entries = _scan(builtin, "built-in")
    if local_dir.is_dir() and local_dir.resolve() != builtin.resolve():
        entries += _scan(local_dir, "local")
    return entries


def resolve_agenda(name: str | None, local_dir: Path = LOCAL_AGENDAS) -> Agenda:
    """An agenda named by file path or by id (built-in or local); the default guide for None."""
    name = name or DEFAULT_AGENDA_ID
    path = Path(name)
    if path.suffix == ".toml" or path.exists() or "/" in name:
        return load_agenda(path)
    # The usual case, a built-in guide by id, without reading every agenda there is.
    named = builtin_dir() / f"{name}.toml"
    if named.is_file() and not (local_dir / f"{name}.toml").is_file():
        agenda = load_agenda(named)
        if agenda.id == name:
            return agenda
    for entry in find_agendas(local_dir):
        if entry.agenda is not None and entry.agenda.id == name:
            return entry.agenda
    known = sorted({e.agenda.id for e in find_agendas(local_dir) if e.agenda is not None})
    raise AgendaError(
        [f"{name}: no agenda file or agenda id of that name (known ids: {', '.join(known)})"]
    )
