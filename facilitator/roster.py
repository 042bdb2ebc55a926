"""The municipality's roster of MED committees: names, aliases, units and review dates.

`committees.toml` at the root of a sessions folder (or a file named with `--roster`) lists
every committee that is meant to go through the guide, so HR sees who has not started and a
name typed two ways counts once. It is checked like an agenda: every problem at once, each as
`FILE:LINE:COL: message`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from facilitator.safe_toml import UnreadableError, decode_text, parse_toml, read_limited
from facilitator.toml_positions import KeyLines

SCHEMA = 1
ROSTER_NAME = "committees.toml"
_TOP_KEYS = ("schema", "committees")
_COMMITTEE_KEYS = ("name", "aliases", "unit", "next_review")


class RosterError(Exception):
    """A roster file could not be used; `problems` holds one printable line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def name_key(name: str) -> str:
    """How names are compared: case and spacing do not matter ("LMU  jobcenter" = "LMU Jobcenter")."""
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class Committee:
    """One committee of the roster."""

    name: str
    aliases: tuple[str, ...] = ()
    unit: str = ""
    next_review: date | None = None


@dataclass(frozen=True)
class Roster:
    """The committees of the roster, and a lookup from every spelling to the roster's name."""

    committees: tuple[Committee, ...]
    path: Path | None = None
    _lookup: dict[str, Committee] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        lookup: dict[str, Committee] = {}
        for committee in self.committees:
            for spelling in (committee.name, *committee.aliases):
                lookup.setdefault(name_key(spelling), committee)
        object.__setattr__(self, "_lookup", lookup)

    def find(self, name: str) -> Committee | None:
        """The committee a name (or one of its aliases) stands for, or None if not on the roster."""
        return self._lookup.get(name_key(name))

    def canonical(self, name: str) -> str:
        """The roster's name for a committee; a name not on the roster as it was typed."""
        committee = self.find(name)
        return committee.name if committee else name

    def knows(self, name: str) -> bool:
        """Whether the name (or an alias) is on the roster."""
        return self.find(name) is not None


EMPTY = Roster(())


def load_roster(path: Path | str) -> Roster:
    """Read and check a roster file, raising RosterError with every problem found."""
    path = Path(path)
    shown = str(path)
    try:
        raw = read_limited(path, shown)
    except UnreadableError as error:
        raise RosterError([str(error)]) from None
    return parse_roster(raw, shown, path)


def parse_roster(raw: bytes, shown: str, path: Path | None = None) -> Roster:
    """Check the bytes of a roster file; `shown` names the file in messages."""
    # The same gate as agendas and sessions: regular file, size cap, no parser traceback.
    try:
        text = decode_text(raw, shown)
        data = parse_toml(text, shown)
    except UnreadableError as error:
        raise RosterError([str(error)]) from None
    checker = _Checker(shown, KeyLines.scan(text, data))
    committees = checker.roster(data)
    if checker.problems:
        raise RosterError(checker.sorted_problems())
    return Roster(tuple(committees), path)


class _Checker:
    """Collects every problem of one roster instead of stopping at the first."""

    def __init__(self, shown: str, lines: KeyLines) -> None:
        self.shown = shown
        self.lines = lines
        self.problems: list[tuple[tuple[int, int], str]] = []

    def report(self, message: str, *path: str | int) -> None:
        # The closest position known: the key itself, else the table it is in.
        position = None
        for end in range(len(path), 0, -1):
            position = self.lines.positions.get(path[:end])
            if position:
                break
        prefix = f"{self.shown}:{position[0]}:{position[1]}" if position else self.shown
        self.problems.append((position or (1 << 30, 0), f"{prefix}: {message}"))

    def sorted_problems(self) -> list[str]:
        """The problems by line and column; those without a position last."""
        return [message for _, message in sorted(self.problems, key=lambda item: item[0])]

    def roster(self, data: Mapping[str, Any]) -> list[Committee]:
        for key in data:
            if key not in _TOP_KEYS:
                self.report(f'unknown key "{key}" (expected {_names(_TOP_KEYS)})', key)
        schema = data.get("schema")
        if schema is None:
            self.report(f'missing required key "schema" (write schema = {SCHEMA} at the top)')
        elif type(schema) is not int or schema != SCHEMA:
            self.report(f'"schema" must be {SCHEMA}, got {_show(schema)}', "schema")
        raw = data.get("committees")
        if raw is None:
            self.report('missing "[[committees]]": list at least one committee')
            return []
        if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
            self.report('"committees" must be tables written as [[committees]]', "committees")
            return []
        committees = [self.committee(index, item) for index, item in enumerate(raw)]
        found = [committee for committee in committees if committee is not None]
        self.duplicates(found, [i for i, c in enumerate(committees) if c is not None])
        return found

    def committee(self, index: int, data: Mapping[str, Any]) -> Committee | None:
        where = f"committee {index + 1}"
        for key in data:
            if key not in _COMMITTEE_KEYS:
                self.report(
                    f'{where}: unknown key "{key}" (expected {_names(_COMMITTEE_KEYS)})',
                    "committees",
                    index,
                    key,
                )
        name = data.get("name")
        ok = True
        if name is None:
            self.report(f'{where}: missing required key "name"', "committees", index)
            ok = False
        elif not isinstance(name, str) or not name.strip():
            self.report(
                f'{where}: "name" must be text, got {_show(name)}', "committees", index, "name"
            )
            ok = False
        aliases = data.get("aliases", [])
        if not isinstance(aliases, list):
            self.report(
                f'{where}: "aliases" must be a list of names, got {_show(aliases)}',
                "committees",
                index,
                "aliases",
            )
            aliases, ok = [], False
        for n, alias in enumerate(aliases):
            if not isinstance(alias, str) or not alias.strip():
                self.report(
                    f"{where}: each alias must be text, got {_show(alias)}",
                    "committees",
                    index,
                    "aliases",
                    n,
                )
                ok = False
        unit = data.get("unit", "")
        if not isinstance(unit, str):
            self.report(
                f'{where}: "unit" must be text, got {_show(unit)}', "committees", index, "unit"
            )
            ok = False
        review = data.get("next_review")
        next_review = None
        if review is not None:
            next_review = _as_date(review)
            if next_review is None:
                self.report(
                    f'{where}: "next_review" must be a date such as 2027-03-01, got {_show(review)}',
                    "committees",
                    index,
                    "next_review",
                )
                ok = False
        if not ok:
            return None
        return Committee(
            " ".join(str(name).split()),
            tuple(" ".join(alias.split()) for alias in aliases),
            " ".join(str(unit).split()),
            next_review,
        )

    def duplicates(self, committees: Sequence[Committee], indexes: Sequence[int]) -> None:
        owner: dict[str, str] = {}
        for committee, index in zip(committees, indexes, strict=True):
            for n, spelling in enumerate((committee.name, *committee.aliases)):
                key = name_key(spelling)
                known = owner.get(key)
                if known is not None and known != committee.name:
                    path: tuple[str | int, ...] = (
                        ("committees", index, "name")
                        if n == 0
                        else ("committees", index, "aliases", n - 1)
                    )
                    self.report(f'"{spelling}" is already a name or alias of "{known}"', *path)
                elif known is not None and n > 0:
                    self.report(
                        f'"{spelling}" is listed twice for "{committee.name}"',
                        "committees",
                        index,
                        "aliases",
                        n - 1,
                    )
                owner[key] = known or committee.name


def _as_date(value: object) -> date | None:
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _names(keys: Iterable[str]) -> str:
    return ", ".join(keys)


def _show(value: object) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "a table" if isinstance(value, dict) else "a list"
    return str(value)


def find_roster(given: Path | None, folders: Iterable[Path]) -> Roster | None:
    """The roster in force: the file given, else `committees.toml` at the root of a folder read.

    Raises RosterError when the file is there but unusable: a roster with a typo must not be
    silently ignored, or every committee it names would look unknown.
    """
    if given is not None:
        return load_roster(given)
    for folder in folders:
        candidate = Path(folder) / ROSTER_NAME
        if Path(folder).is_dir() and candidate.is_file():
            return load_roster(candidate)
    return None


def is_roster_file(path: Path) -> bool:
    """Whether a file found among sessions is the roster (not a session, never a problem)."""
    return path.name == ROSTER_NAME
