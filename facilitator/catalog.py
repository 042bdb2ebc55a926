"""Finding agendas: the built-in guides shipped with the program and those in ./agendas."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from facilitator.agenda import Agenda, AgendaError, load_agenda
from facilitator.safe_toml import UnreadableError, read_head

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


def _files(folder: Path) -> list[Path]:
    """The agenda files of a folder, in the order that decides which of one id wins."""
    if not folder.is_dir():
        return []
    return [path for path in sorted(folder.glob("*.toml")) if not path.name.startswith(".")]


def _local_files(local_dir: Path) -> list[Path]:
    """The local folder's agenda files, unless it is the built-in folder itself (a checkout)."""
    if not local_dir.is_dir() or local_dir.resolve() == builtin_dir().resolve():
        return []
    return _files(local_dir)


def _scan(paths: list[Path], origin: str, known: Mapping[Path, Agenda]) -> list[AgendaEntry]:
    entries: list[AgendaEntry] = []
    for path in paths:
        agenda = known.get(path)
        if agenda is not None:
            entries.append(AgendaEntry(path, origin, agenda))
            continue
        try:
            entries.append(AgendaEntry(path, origin, load_agenda(path)))
        except AgendaError as error:
            entries.append(AgendaEntry(path, origin, None, tuple(error.problems)))
    return entries


def find_agendas(
    local_dir: Path = LOCAL_AGENDAS, known: Mapping[Path, Agenda] | None = None
) -> list[AgendaEntry]:
    """Built-in agendas first, then the local folder's, each marked if another file wins its id.

    Local files win over built-in ones, and within a folder the first file by name wins.
    `known` holds agendas already read (by `locate_agenda`), so no file is read twice.
    """
    known = known or {}
    builtin = _scan(_files(builtin_dir()), "built-in", known)
    local = _scan(_local_files(local_dir), "local", known)
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
    return locate_agenda(name, local_dir)[1]


def locate_agenda(
    name: str | None, local_dir: Path = LOCAL_AGENDAS, passed_over: list[Path] | None = None
) -> tuple[Path, Agenda]:
    """The file `resolve_agenda` uses for `name`, and its agenda; AgendaError if there is none.

    Only the files that may hold the id are read: the head of each local file says its id, and
    the search stops at the first file that wins, so a broken or huge file of another id costs
    nothing. Only when no file has the id are all read, to name the ids there are.

    A local file that says it is `name` but does not load shadows nothing; it is added to
    `passed_over`, so that whoever edited it can be told their version is not the one in use.
    """
    name = name or DEFAULT_AGENDA_ID
    path = Path(name)
    if path.suffix == ".toml" or path.exists() or "/" in name:
        return path, load_agenda(path)
    local = _local_files(local_dir)
    found = _first_with_id(local, name, passed_over)
    if found is not None:
        return found
    # The usual case, a built-in guide by id, without reading every agenda there is.
    named = builtin_dir() / f"{name}.toml"
    if named.is_file():
        agenda = load_agenda(named)
        if agenda.id == name:
            return named, agenda
    found = _first_with_id(_files(builtin_dir()), name)
    if found is not None:
        return found
    every = _scan(_files(builtin_dir()), "built-in", {}) + _scan(local, "local", {})
    known = sorted({entry.agenda.id for entry in every if entry.agenda is not None})
    raise AgendaError(
        [f"{name}: no agenda file or agenda id of that name (known ids: {', '.join(known)})"]
    )


def _first_with_id(
    paths: list[Path], name: str, passed_over: list[Path] | None = None
) -> tuple[Path, Agenda] | None:
    """The first file by name that loads as the agenda `name`; a broken file never wins."""
    for path in paths:
        if (declared := peek_id(path)) not in (None, name):
            continue
        try:
            agenda = load_agenda(path)
        except AgendaError:
            if declared == name and passed_over is not None:
                passed_over.append(path)
            continue
        if agenda.id == name:
            return path, agenda
    return None


# The top-level keys of an agenda (schema, id, title ... description) come before its first
# table and fit in far less than this, unless the description is very long.
HEAD_BYTES = 16 * 1024
_TABLE_LINE = re.compile(rb"^[ \t]*\[", re.MULTILINE)


def peek_id(path: Path) -> str | None:
    """The agenda id a file's head declares; "" when it cannot be an agenda; None if unclear.

    TOML puts a file's own keys before its first table, so the lines before the first line that
    opens one hold the id. When that cut falls inside a multi-line string or array, the head does
    not parse and the answer is None: the caller then reads the whole file to be sure.
    """
    try:
        raw = read_head(path, HEAD_BYTES)
    except UnreadableError:
        return ""  # what cannot be read cannot be loaded either
    table = _TABLE_LINE.search(raw)
    whole = table is None and len(raw) < HEAD_BYTES
    head = raw[: table.start()] if table else raw if whole else raw[: raw.rfind(b"\n") + 1]
    try:
        data = tomllib.loads(head.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, RecursionError):
        # The whole file did not parse: it cannot load. A head cut short may just be cut badly.
        return "" if whole else None
    found = data.get("id")
    if isinstance(found, str):
        return found
    return "" if whole or table is not None else None
