"""The agreements register: every outcome of every session found, with its latest review status."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from facilitator import store
from facilitator.portable import pool_context
from facilitator.register_cache import CACHE_DIR as CACHE_DIR
from facilitator.register_cache import CACHE_FORMAT as CACHE_FORMAT
from facilitator.register_cache import CACHE_MIN_FILES as CACHE_MIN_FILES
from facilitator.register_cache import RACY_NS as RACY_NS
from facilitator.register_cache import SummaryCache as SummaryCache
from facilitator.register_cache import cache_enabled as cache_enabled
from facilitator.register_model import SESSION_STATES as SESSION_STATES
from facilitator.register_model import OutcomeInfo as OutcomeInfo
from facilitator.register_model import Problem as Problem
from facilitator.register_model import ReviewInfo as ReviewInfo
from facilitator.register_model import SessionState as SessionState
from facilitator.register_model import Summary as Summary
from facilitator.register_model import ThemeInfo as ThemeInfo
from facilitator.register_model import _shared
from facilitator.reviews import CLOSED_STATUSES as CLOSED_STATUSES
from facilitator.reviews import latest_reviews as latest_reviews
from facilitator.session import OUTCOME_KINDS, OutcomeKind, Session
from facilitator.store import EXPORT_SUFFIX as EXPORT_SUFFIX

Day = date  # `date` is also a field name of the dataclasses below
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
CHUNK_FILES = 50
PROGRESS_AFTER_SECONDS = 1.0
PROGRESS_LABEL = "Reading sessions"


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
    # fork on Linux when it is safe, spawn on Windows and macOS, or serial (see pool_context).
    context = pool_context()
    if parallel is None:
        parallel = len(files) >= PARALLEL_MIN_FILES and workers > 1
    parallel = parallel and context is not None
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
            # Looked up here, so that RACY_NS and CACHE_MIN_FILES can be set on this module.
            caches[key] = SummaryCache.load(
                folder, anonymize, racy_ns=RACY_NS, min_files=CACHE_MIN_FILES
            )
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


# -- rows ---------------------------------------------------------------------------------


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
