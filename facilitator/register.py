"""The agreements register: every outcome of every session found, with its latest review status."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Literal, Protocol, TypeVar

from facilitator import __version__, store
from facilitator.session import OUTCOME_KINDS, REVIEW_STATUSES, OutcomeKind, Session

Day = date  # `date` is also a field name of the dataclasses below
SessionState = Literal["in-progress", "ended", "approved"]
SESSION_STATES: tuple[SessionState, ...] = ("in-progress", "ended", "approved")
CLOSED_STATUSES = frozenset({"done", "dropped"})
DEFAULT_KINDS: frozenset[OutcomeKind] = frozenset({"agreement", "action"})

# What people type for a kind on the command line: English and Danish, singular and plural.
KIND_NAMES: dict[str, OutcomeKind] = {
    "decision": "decision",
    "decisions": "decision",
    "beslutning": "decision",
    "beslutninger": "decision",
    "agreement": "agreement",
    "agreements": "agreement",
    "aftale": "agreement",
    "aftaler": "agreement",
    "action": "action",
    "actions": "action",
    "handling": "action",
    "handlinger": "action",
    "question": "question",
    "questions": "question",
    "open-question": "question",
    "spørgsmål": "question",
    "spoergsmaal": "question",
    "åbent-spørgsmål": "question",
}

# Below this many files a pool of processes costs more than it saves.
PARALLEL_MIN_FILES = 400
# TOML exports of a session sit beside it (`<stem>.export.toml`): copies, not meetings.
EXPORT_SUFFIX = ".export.toml"
CHUNK_FILES = 50
PROGRESS_AFTER_SECONDS = 1.0
PROGRESS_LABEL = "Reading sessions"


@dataclass(frozen=True, slots=True)
class ThemeInfo:
    """A theme of a session's agenda snapshot, as far as the register needs it."""

    id: str
    title: str
    kind: str
    ref: str  # "3.1": section 3, theme 1
    section_id: str
    section_title: str


@dataclass(frozen=True, slots=True)
class OutcomeInfo:
    """One outcome of a session."""

    id: str
    kind: OutcomeKind
    text: str
    owner: str
    due: date | None
    theme_id: str


@dataclass(frozen=True, slots=True)
class ReviewInfo:
    """One follow-up verdict found in a session."""

    outcome_id: str
    status: str
    comment: str
    reviewed: datetime | None


@dataclass(frozen=True, slots=True)
class Summary:
    """What the register and coverage need from one session file: small, and cheap to pickle."""

    path: Path
    mtime_ns: int
    id: str
    committee: str
    date: date
    state: SessionState
    followup_of: str
    agenda_id: str
    agenda_title: str
    themes: tuple[ThemeInfo, ...]
    covered: frozenset[str]
    presented: frozenset[str]
    outcomes: tuple[OutcomeInfo, ...]
    reviews: tuple[ReviewInfo, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """A file that could not be read as a session; `message` is one line starting with the path."""

    path: Path
    message: str


@dataclass(frozen=True)
class Row:
    """One line of the register: an outcome, where it comes from, and where it stands now."""

    committee: str
    meeting_date: date
    section: str
    theme: str
    theme_ref: str
    kind: OutcomeKind
    text: str
    owner: str
    date: date | None
    status: str  # the latest review status; "" when not reviewed yet ("open")
    status_comment: str
    outcome_id: str
    session_state: SessionState
    path: Path

    @property
    def is_open(self) -> bool:
        """Not done and not dropped."""
        return self.status not in CLOSED_STATUSES

    def is_overdue(self, today: Day) -> bool:
        """Open and past its date."""
        return self.is_open and self.date is not None and self.date < today


@dataclass
class Scan:
    """Every session summary found, the files that could not be read, and duplicate copies."""

    summaries: list[Summary] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    duplicates: list[tuple[Path, Path]] = field(default_factory=list)  # (skipped, kept)


@dataclass
class Register:
    """The rows of every outcome found, with the scan they came from."""

    rows: list[Row]
    scan: Scan

    @property
    def problems(self) -> list[Problem]:
        """Files that could not be read."""
        return self.scan.problems


@dataclass(frozen=True)
class RowFilter:
    """Which rows to show; the defaults show agreements and actions of every committee."""

    committee: str = ""  # case-insensitive substring of the committee's name
    kinds: frozenset[OutcomeKind] = DEFAULT_KINDS
    open: bool = False
    overdue: bool = False
    since: date | None = None
    states: frozenset[SessionState] = frozenset()  # empty: every state


# -- reading ------------------------------------------------------------------------------


# Thousands of sessions share a handful of agendas: one copy of each agenda's themes keeps
# memory down, and a chunk sent back from a worker pickles it once.
_SHARED_THEMES: dict[tuple[ThemeInfo, ...], tuple[ThemeInfo, ...]] = {}


def _shared(themes: tuple[ThemeInfo, ...]) -> tuple[ThemeInfo, ...]:
    return _SHARED_THEMES.setdefault(themes, themes)


def summarize(session: Session, path: Path, mtime_ns: int = 0) -> Summary:
    """The register's view of one session."""
    themes = _shared(
        tuple(
            ThemeInfo(
                theme.id, theme.title, theme.kind, f"{s_index}.{t_index}", section.id, section.title
            )
            for s_index, section in enumerate(session.agenda.sections, start=1)
            for t_index, theme in enumerate(section.themes, start=1)
        )
    )
    covered = frozenset(
        record.theme_id
        for record in session.themes
        if record.state == "done" or record.notes.strip() or record.outcomes
    )
    return Summary(
        path=path,
        mtime_ns=mtime_ns,
        id=session.id,
        committee=session.committee,
        date=session.date,
        state=session.state,
        followup_of=session.followup_of,
        agenda_id=session.agenda.id,
        agenda_title=session.agenda.title,
        themes=themes,
        covered=covered,
        presented=frozenset(record.theme_id for record in session.themes if record.presented),
        outcomes=tuple(
            OutcomeInfo(o.id, o.kind, o.text, o.owner, o.due, record.theme_id)
            for record, o in session.outcomes()
        ),
        reviews=tuple(
            ReviewInfo(r.outcome_id, r.status, r.comment, r.reviewed) for r in session.reviews
        ),
    )


def _read_one(path: Path, anonymize: bool) -> Summary | Problem:
    try:
        mtime_ns = path.stat().st_mtime_ns
        session = store.load_session(path)
    except store.StoreError as error:
        return Problem(path, str(error))
    except OSError as error:
        return Problem(path, f"{path}: cannot read the file: {error.strerror or error}")
    if anonymize:
        from facilitator.anonymize import anonymize_session

        session = anonymize_session(session)
    return summarize(session, path, mtime_ns)


def _read_chunk(paths: list[Path], anonymize: bool) -> list[Summary | Problem]:
    return [_read_one(path, anonymize) for path in paths]


def _workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _can_fork() -> bool:
    """Whether worker processes can be forked safely: Linux, and no other thread running.

    fork copies only the calling thread: with other threads running (the TUI reads the
    register in a worker thread) a lock one of them holds stays locked in the child. The
    other start methods run the caller's main module again in every worker, which a script
    without an `if __name__ == "__main__"` guard does not survive; so no pool then.
    """
    return sys.platform.startswith("linux") and threading.active_count() == 1


class _Progress:
    """A `\\r` counter on stderr once reading takes more than a second, cleared at the end."""

    def __init__(self, total: int, stream: IO[str] | None, label: str) -> None:
        self.total = total
        self.label = label
        self.stream = stream if stream is not None and _is_terminal(stream) else None
        self.started = time.monotonic()
        self.shown = False

    def update(self, done: int) -> None:
        if self.stream is None or time.monotonic() - self.started < PROGRESS_AFTER_SECONDS:
            return
        self.stream.write(f"\r{self.label} {done}/{self.total}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.stream is not None and self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def read_files(
    files: Sequence[Path],
    anonymize: bool = False,
    progress: IO[str] | None = None,
    parallel: bool | None = None,
    progress_label: str = PROGRESS_LABEL,
) -> list[Summary | Problem]:
    """Summaries of the files in order; a pool of processes when there are many and cores to spare.

    Parsing TOML is pure Python and bound by the CPU, so threads would not help.
    """
    meter = _Progress(len(files), progress, progress_label)
    workers = min(_workers(), 8)
    if parallel is None:
        parallel = len(files) >= PARALLEL_MIN_FILES and workers > 1 and _can_fork()
    parallel = parallel and "fork" in multiprocessing.get_all_start_methods()
    results: list[list[Summary | Problem]]
    try:
        if not parallel:
            flat: list[Summary | Problem] = []
            for path in files:
                flat.append(_read_one(path, anonymize))
                if len(flat) % CHUNK_FILES == 0:
                    meter.update(len(flat))
            return flat
        chunks = [list(files[i : i + CHUNK_FILES]) for i in range(0, len(files), CHUNK_FILES)]
        results = [[] for _ in chunks]
        done = 0
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = {
                pool.submit(_read_chunk, chunk, anonymize): index
                for index, chunk in enumerate(chunks)
            }
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                done += len(results[futures[future]])
                meter.update(done)
    finally:
        meter.close()
    return [item for chunk in results for item in chunk]


def scan(
    paths: Iterable[Path],
    anonymize: bool = False,
    progress: IO[str] | None = None,
    parallel: bool | None = None,
    cache: bool | None = None,
    progress_label: str = PROGRESS_LABEL,
) -> Scan:
    """Read every session file under `paths`; unreadable files become problems, copies are dropped.

    Each folder keeps a cache of what its files held (see `SummaryCache`), so a second run
    reads only the files that changed. `cache=None` follows FACILITATOR_CACHE (default on).
    """
    use_cache = cache_enabled() if cache is None else cache
    caches: dict[Path, SummaryCache] = {}

    def cache_of(folder: Path, whole: bool) -> SummaryCache | None:
        if not use_cache:
            return None
        key = _absolute(folder)
        if key not in caches:
            caches[key] = SummaryCache.load(folder, anonymize)
        caches[key].whole |= whole
        return caches[key]

    work: list[tuple[Path, SummaryCache | None]] = []
    for root in map(Path, paths):
        if root.is_dir():
            folder_cache = cache_of(root, whole=True)
            found_files = store.find_session_files([root])
            work += [
                (path, folder_cache)
                for path in found_files
                if not path.name.endswith(EXPORT_SUFFIX)
            ]
        else:
            # A file named on its own uses its folder's cache (the TUI passes files).
            work.append((root, cache_of(root.parent, whole=False)))
    entries: list[tuple[Path, SummaryCache | None]] = []
    items: list[Summary | Problem | None] = []
    keys: list[tuple[int, int] | None] = []
    misses: list[int] = []
    seen: set[tuple[int, int] | Path] = set()
    for path, folder_cache in work:
        try:
            info = path.stat()
        except OSError as error:
            problem = Problem(path, f"{path}: cannot read the file: {error.strerror or error}")
            entries.append((path, folder_cache))
            items.append(problem)
            keys.append(None)
            continue
        # Each file once, even when named twice or reached through two of the paths.
        identity = (info.st_dev, info.st_ino) if info.st_ino else _absolute(path)
        if identity in seen:
            continue
        seen.add(identity)
        # The key is taken before the file is read: if the file changes meanwhile, the next
        # run sees a newer key and reads it again.
        key = (info.st_size, info.st_mtime_ns)
        entries.append((path, folder_cache))
        keys.append(key)
        items.append(folder_cache.get(path, key) if folder_cache is not None else None)
        if items[-1] is None:
            misses.append(len(items) - 1)
    read = read_files(
        [entries[i][0] for i in misses], anonymize, progress, parallel, progress_label
    )
    for index, item in zip(misses, read, strict=True):
        items[index] = item
        path, folder_cache = entries[index]
        stamp = keys[index]
        if folder_cache is not None and stamp is not None:
            folder_cache.put(path, stamp, item)
    for folder_cache in caches.values():
        folder_cache.save()
    found = Scan()
    by_id: dict[str, Summary] = {}
    for entry in items:
        if entry is None:
            continue
        if isinstance(entry, Problem):
            found.problems.append(entry)
            continue
        item = entry
        known = by_id.get(item.id)
        if known is None:
            by_id[item.id] = item
            continue
        # The same meeting collected twice (mailed, copied): the newest file is the truth.
        keep, skip = (item, known) if item.mtime_ns > known.mtime_ns else (known, item)
        by_id[item.id] = keep
        found.duplicates.append((skip.path, keep.path))
    found.summaries = list(by_id.values())
    return found


def _absolute(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


# -- cache --------------------------------------------------------------------------------

CACHE_DIR = ".facilitator-cache"  # a dot folder: session discovery never looks inside
CACHE_FORMAT = 1
# A file changed this recently may change again within the same mtime tick: not cached yet.
RACY_NS = 2_000_000_000
CACHE_MIN_FILES = 100


def cache_enabled() -> bool:
    """FACILITATOR_CACHE=0 (or off, no, false) turns the register cache off."""
    return os.environ.get("FACILITATOR_CACHE", "1").strip().lower() not in (
        "0",
        "off",
        "no",
        "false",
    )


class SummaryCache:
    """What each session file under a folder held, keyed by its size and modification time.

    Kept in `FOLDER/.facilitator-cache/register.json` (0600, in a 0700 folder, like the
    sessions it is made from), written atomically, rewritten only when something changed. A
    cache that is missing, unreadable, corrupt or from another version of the program is
    simply not used; an entry that does not decode is read from its file again.
    """

    def __init__(self, root: Path, anonymize: bool) -> None:
        self.root = root
        name = "register-anonymized.json" if anonymize else "register.json"
        self.path = root / CACHE_DIR / name
        self.entries: dict[str, list[Any]] = {}
        self.agendas: list[list[list[str]]] = []
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

    def get(self, path: Path, key: tuple[int, int]) -> Summary | Problem | None:
        """The cached summary or problem of an unchanged file, else None."""
        relative = self._relative(path)
        self.seen.add(relative)
        entry = self.entries.get(relative)
        if not isinstance(entry, list) or len(entry) != 3 or entry[:2] != list(key):
            return None
        try:
            return self._decode(path, key[1], entry[2])
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            return None  # a damaged entry: the file is read again

    def put(self, path: Path, key: tuple[int, int], item: Summary | Problem) -> None:
        """Remember what a file held, unless it changed too recently to trust its time."""
        relative = self._relative(path)
        self.seen.add(relative)
        if key[1] > time.time_ns() - RACY_NS:
            self.entries.pop(relative, None)
            return
        self.entries[relative] = [key[0], key[1], self._encode(path, item)]
        self.changed = True

    def save(self) -> None:
        """Write the cache if anything changed; a folder we cannot write to goes without."""
        stale = self.entries.keys() - self.seen if self.whole else set()
        if not self.changed and not stale:
            return
        for relative in stale:
            del self.entries[relative]
        if not self.existed and len(self.entries) < CACHE_MIN_FILES:
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
            folder.mkdir(mode=0o700, exist_ok=True)
            _remove_stale_temp_files(folder)
            fd, temp = tempfile.mkstemp(dir=folder, prefix=".register.", suffix=".tmp")
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
            [t.id, t.title, t.kind, t.ref, t.section_id, t.section_title] for t in item.themes
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
            self._decoded[index] = _shared(
                tuple(ThemeInfo(*map(_text, theme[:6])) for theme in self.agendas[index])
            )
        return self._decoded[index]


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


# -- rows ---------------------------------------------------------------------------------


class Reviewed(Protocol):
    """A follow-up verdict as read from a session or from its summary."""

    @property
    def outcome_id(self) -> str: ...

    @property
    def status(self) -> str: ...

    @property
    def reviewed(self) -> datetime | None: ...


ReviewT = TypeVar("ReviewT", bound=Reviewed)


def latest_reviews(meetings: Iterable[tuple[date, Iterable[ReviewT]]]) -> dict[str, ReviewT]:
    """Each outcome's latest review with a status: by the reviewing meeting's date, then time.

    A review without a status (not reviewed yet at an unfinished meeting) hides nothing.
    """
    latest: dict[str, tuple[tuple[date, float], ReviewT]] = {}
    for day, reviews in meetings:
        for review in reviews:
            if not review.status:
                continue
            # Aware times with different offsets compare by timestamp; none sorts first.
            stamp = review.reviewed.timestamp() if review.reviewed else float("-inf")
            key = (day, stamp)
            known = latest.get(review.outcome_id)
            if known is None or key >= known[0]:
                latest[review.outcome_id] = (key, review)
    return {outcome_id: review for outcome_id, (_, review) in latest.items()}


def latest_statuses(summaries: Iterable[Summary]) -> dict[str, ReviewInfo]:
    """Each outcome's latest review found in the summaries."""
    return latest_reviews((summary.date, summary.reviews) for summary in summaries)


def build_rows(summaries: Sequence[Summary]) -> list[Row]:
    """One row per outcome with its latest status, sorted by date (none last), then committee."""
    latest = latest_statuses(summaries)
    rows: list[Row] = []
    for summary in summaries:
        themes = {theme.id: theme for theme in summary.themes}
        for outcome in summary.outcomes:
            theme = themes.get(outcome.theme_id)
            review = latest.get(outcome.id)
            rows.append(
                Row(
                    committee=summary.committee,
                    meeting_date=summary.date,
                    section=theme.section_title if theme else "",
                    theme=theme.title if theme else "",
                    theme_ref=theme.ref if theme else "",
                    kind=outcome.kind,
                    text=outcome.text,
                    owner=outcome.owner,
                    date=outcome.due,
                    status=review.status if review else "",
                    status_comment=review.comment if review else "",
                    outcome_id=outcome.id,
                    session_state=summary.state,
                    path=summary.path,
                )
            )
    rows.sort(key=_row_order)
    return rows


def _row_order(row: Row) -> tuple[bool, date, str, date, tuple[int, ...]]:
    ref = tuple(int(part) for part in row.theme_ref.split(".") if part.isdigit())
    return (
        row.date is None,
        row.date or date.min,
        row.committee.casefold(),
        row.meeting_date,
        ref,
    )


def collect(
    paths: Iterable[Path],
    anonymize: bool = False,
    progress: IO[str] | None = None,
    parallel: bool | None = None,
    cache: bool | None = None,
    progress_label: str = PROGRESS_LABEL,
) -> Register:
    """Read every session under `paths` into the register; unreadable files are listed, not fatal.

    `progress`: where to count files read, if it is a terminal and reading takes a while;
    `parallel`: worker processes (None: when there are many files and it is safe);
    `cache`: the per-folder cache (None: FACILITATOR_CACHE, default on).
    """
    found = scan(paths, anonymize, progress, parallel, cache, progress_label)
    return Register(build_rows(found.summaries), found)


# -- filters ------------------------------------------------------------------------------


def parse_kinds(text: str | None) -> frozenset[OutcomeKind]:
    """Kinds from `--kind`: comma-separated, English or Danish, or `all`; None gives the default."""
    if text is None or not text.strip():
        return DEFAULT_KINDS
    kinds: set[OutcomeKind] = set()
    for part in text.split(","):
        name = "-".join(part.strip().casefold().split())
        if not name:
            continue
        if name in ("all", "alle"):
            return frozenset(OUTCOME_KINDS)
        if name not in KIND_NAMES:
            raise ValueError(
                f'unknown kind "{part.strip()}": use decision, agreement, action, question or all '
                "(beslutning, aftale, handling, spørgsmål, alle)"
            )
        kinds.add(KIND_NAMES[name])
    if not kinds:
        raise ValueError(f'no kind in "{text}"')
    return frozenset(kinds)


def matcher(criteria: RowFilter, today: date) -> Callable[[Row], bool]:
    """A predicate for the rows that pass the filter."""
    needle = criteria.committee.casefold().strip()

    def passes(row: Row) -> bool:
        if row.kind not in criteria.kinds:
            return False
        if needle and needle not in row.committee.casefold():
            return False
        if criteria.open and not row.is_open:
            return False
        if criteria.overdue and not row.is_overdue(today):
            return False
        if criteria.since is not None and row.meeting_date < criteria.since:
            return False
        return not criteria.states or row.session_state in criteria.states

    return passes


def select(rows: Iterable[Row], criteria: RowFilter, today: date | None = None) -> list[Row]:
    """The rows that pass the filter, in their order."""
    return list(filter(matcher(criteria, today or date.today()), rows))


def default_progress() -> IO[str]:
    """Where the reading counter goes: stderr (shown only when it is a terminal)."""
    return sys.stderr


# -- labels -------------------------------------------------------------------------------

KIND_LABELS: dict[str, dict[str, str]] = {
    "da": {
        "decision": "beslutning",
        "agreement": "aftale",
        "action": "handling",
        "question": "spørgsmål",
    },
    "en": {
        "decision": "decision",
        "agreement": "agreement",
        "action": "action",
        "question": "question",
    },
}
STATUS_LABELS: dict[str, dict[str, str]] = {
    "da": {
        "": "åben",
        "done": "udført",
        "in-progress": "i gang",
        "not-started": "ikke påbegyndt",
        "dropped": "droppet",
    },
    "en": {
        "": "open",
        "done": "done",
        "in-progress": "in progress",
        "not-started": "not started",
        "dropped": "dropped",
    },
}
STATE_LABELS: dict[str, dict[str, str]] = {
    "da": {"in-progress": "i gang", "ended": "afsluttet", "approved": "godkendt"},
    "en": {"in-progress": "in progress", "ended": "ended", "approved": "approved"},
}


def status_code(status: str) -> str:
    """The status as the data formats write it: "open" for an outcome not reviewed yet."""
    return status or "open"
