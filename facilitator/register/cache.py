"""The register's per-folder cache of what each session file held."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

from facilitator import __version__
from facilitator.agenda import ThemeRef
from facilitator.register.summary import (
    OutcomeInfo,
    Problem,
    ReviewInfo,
    Summary,
    ThemeInfo,
    _shared,
)
from facilitator.session import OUTCOME_KINDS, REVIEW_STATUSES, SESSION_STATES

# 2: keyed by size, mtime, ctime and inode, kept in the user's cache folder; 3: theme numbers
# as [section, theme].
CACHE_FORMAT = 3
# A file changed this recently may change again within the same mtime tick: not cached yet.
RACY_NS = 2_000_000_000
CACHE_MIN_FILES = 100


Key = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def file_key(status: os.stat_result) -> Key:
    """What must be unchanged for a cached entry to stand for the file.

    Size and modification time alone are not enough: a restore from backup or a sync tool
    can rewrite a file keeping both. The change time cannot be set back by such tools, and a
    file replaced by rename has a new inode.
    """
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def cache_home() -> Path:
    """The user's own cache folder: never the sessions folder, which may be a shared drive."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) if base else Path.home() / "AppData" / "Local"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches"
    base = os.environ.get("XDG_CACHE_HOME", "")
    return Path(base) if os.path.isabs(base) else Path.home() / ".cache"


def cache_path(root: Path, anonymize: bool) -> Path:
    """Where the cache of one sessions folder lives, named by a hash of the folder's path."""
    try:
        absolute = root.resolve()
    except OSError:
        absolute = Path(os.path.abspath(root))
    digest = hashlib.sha256(str(absolute).encode("utf-8", "surrogatepass")).hexdigest()[:24]
    name = f"{digest}-anonymized.json" if anonymize else f"{digest}.json"
    return cache_home() / "facilitator" / "register" / name


def cache_enabled() -> bool:
    """FACILITATOR_CACHE=0 (or off, no, false) turns the register cache off."""
    return os.environ.get("FACILITATOR_CACHE", "1").strip().lower() not in (
        "0",
        "off",
        "no",
        "false",
    )


class SummaryCache:
    """What each session file under a folder held, keyed by size, times and inode.

    Kept in the user's private cache folder (see `cache_path`; 0600 in 0700 folders), since it
    holds the texts of agreements and the sessions folder may be a shared drive; written
    atomically, rewritten only when something changed. A cache that is missing, unreadable,
    corrupt or from another version of the program is simply not used; an entry that does not
    decode is read from its file again.
    """

    def __init__(self, root: Path, anonymize: bool) -> None:
        self.root = root
        self.racy_ns = RACY_NS
        self.min_files = CACHE_MIN_FILES
        self.path = cache_path(root, anonymize)
        self.entries: dict[str, list[Any]] = {}
        self.agendas: list[list[list[Any]]] = []
        self.seen: set[str] = set()
        self.changed = False
        self.whole = False  # a whole folder was read: entries of files now gone can go
        self.existed = False
        self._agenda_index: dict[str, int] = {}
        self._decoded: dict[int, tuple[ThemeInfo, ...]] = {}

    @classmethod
    def load(cls, root: Path, anonymize: bool) -> SummaryCache:
        """The folder's cache, or an empty one."""
        cache = cls(root, anonymize)
        try:
            data = json.loads(cache.path.read_bytes())
        except (OSError, ValueError):
            return cache
        if (
            not isinstance(data, dict)
            or data.get("format") != CACHE_FORMAT
            or data.get("program") != __version__
            or not isinstance(data.get("entries"), dict)
            or not isinstance(data.get("agendas"), list)
        ):
            return cache
        cache.existed = True
        cache.entries = data["entries"]
        cache.agendas = data["agendas"]
        cache._agenda_index = {
            json.dumps(agenda, ensure_ascii=False): i for i, agenda in enumerate(cache.agendas)
        }
        return cache

    def _relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def get(self, path: Path, key: Key) -> Summary | Problem | None:
        """The cached summary or problem of an unchanged file, else None."""
        relative = self._relative(path)
        self.seen.add(relative)
        entry = self.entries.get(relative)
        if not isinstance(entry, list) or len(entry) != 5 or entry[:4] != list(key):
            return None
        try:
            return self._decode(path, key[1], entry[4])
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            return None  # a damaged entry: the file is read again

    def put(self, path: Path, key: Key, item: Summary | Problem) -> None:
        """Remember what a file held, unless it changed too recently to trust its time."""
        relative = self._relative(path)
        self.seen.add(relative)
        if key[1] > time.time_ns() - self.racy_ns:
            self.entries.pop(relative, None)
            return
        self.entries[relative] = [*key, self._encode(path, item)]
        self.changed = True

    def save(self) -> None:
        """Write the cache if anything changed; a folder we cannot write to goes without."""
        stale = self.entries.keys() - self.seen if self.whole else set()
        if not self.changed and not stale:
            return
        for relative in stale:
            del self.entries[relative]
        if not self.existed and len(self.entries) < self.min_files:
            return  # a few files read fast enough: no hidden folder in someone's Downloads
        data = {
            "format": CACHE_FORMAT,
            "program": __version__,
            "agendas": self.agendas,
            "entries": self.entries,
        }
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        folder = self.path.parent
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            _remove_stale_temp_files(folder)
            fd, temp = tempfile.mkstemp(dir=folder, prefix=".register.", suffix=".tmp")
            # mkstemp makes the file 0600 on POSIX: the texts stay the user's own.
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(payload)
                os.replace(temp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
        except OSError:
            return  # read-only share, full disk: the register works without its cache

    # A summary as compact JSON: lists, not objects, and the agenda's themes stored once.

    def _encode(self, path: Path, item: Summary | Problem) -> Any:
        if isinstance(item, Problem):
            return {"problem": _strip_path(str(path), item.message)}
        themes = [
            [t.id, t.title, t.kind, list(t.ref), t.section_id, t.section_title] for t in item.themes
        ]
        text = json.dumps(themes, ensure_ascii=False)
        index = self._agenda_index.get(text)
        if index is None:
            index = self._agenda_index[text] = len(self.agendas)
            self.agendas.append(themes)
        return [
            item.id,
            item.committee,
            item.date.isoformat(),
            item.state,
            item.followup_of,
            item.agenda_id,
            item.agenda_title,
            index,
            sorted(item.covered),
            sorted(item.presented),
            [
                [o.id, o.kind, o.text, o.owner, o.due.isoformat() if o.due else "", o.theme_id]
                for o in item.outcomes
            ],
            [
                [r.outcome_id, r.status, r.comment, r.reviewed.isoformat() if r.reviewed else ""]
                for r in item.reviews
            ],
        ]

    def _decode(self, path: Path, mtime_ns: int, value: Any) -> Summary | Problem:
        if isinstance(value, dict):
            return Problem(path, f"{path}{_text(value['problem'])}")
        (ident, committee, day, state, followup_of, agenda_id, agenda_title, index) = value[:8]
        covered, presented, outcomes, reviews = value[8:]
        if state not in SESSION_STATES:
            raise ValueError(state)
        return Summary(
            path=path,
            mtime_ns=mtime_ns,
            id=_text(ident),
            committee=_text(committee),
            date=date.fromisoformat(day),
            state=state,
            followup_of=_text(followup_of),
            agenda_id=_text(agenda_id),
            agenda_title=_text(agenda_title),
            themes=self._themes(index),
            covered=frozenset(map(_text, covered)),
            presented=frozenset(map(_text, presented)),
            outcomes=tuple(_outcome(o) for o in outcomes),
            reviews=tuple(
                ReviewInfo(
                    _text(r[0]),
                    _status(r[1]),
                    _text(r[2]),
                    datetime.fromisoformat(r[3]) if r[3] else None,
                )
                for r in reviews
            ),
        )

    def _themes(self, index: int) -> tuple[ThemeInfo, ...]:
        if index not in self._decoded:
            self._decoded[index] = _shared(tuple(_theme(theme) for theme in self.agendas[index]))
        return self._decoded[index]


def _theme(value: list[Any]) -> ThemeInfo:
    ident, title, kind, (section, number), section_id, section_title = value[:6]
    if not isinstance(section, int) or not isinstance(number, int):
        raise ValueError(value)
    ref = ThemeRef(section, number)
    return ThemeInfo(
        _text(ident), _text(title), _text(kind), ref, _text(section_id), _text(section_title)
    )


def _remove_stale_temp_files(folder: Path) -> None:
    """Temp files of a run that died while saving; an hour old, so not another run's."""
    cutoff = time.time() - 3600
    for temp in folder.glob(".register.*.tmp"):
        with contextlib.suppress(OSError):
            if temp.stat().st_mtime < cutoff:
                temp.unlink()


def _strip_path(shown: str, message: str) -> str:
    """A problem message without its leading path (the folder may be reached another way)."""
    return message[len(shown) :] if message.startswith(shown) else ": " + message


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _status(value: Any) -> str:
    if value not in REVIEW_STATUSES:
        raise ValueError(value)
    return str(value)


def _outcome(value: list[Any]) -> OutcomeInfo:
    ident, kind, text, owner, due, theme_id = value
    if kind not in OUTCOME_KINDS:
        raise ValueError(kind)
    return OutcomeInfo(
        _text(ident),
        kind,
        _text(text),
        _text(owner),
        date.fromisoformat(due) if due else None,
        _text(theme_id),
    )
