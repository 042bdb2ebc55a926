"""Reading many session files into summaries: per-folder cache, worker processes, duplicates."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from facilitator import store
from facilitator.portable import pool_context
from facilitator.register import cache
from facilitator.register.lean import summarize_text
from facilitator.register.summary import Problem, Summary, summarize
from facilitator.roster import is_roster_file
from facilitator.safe_toml import decode_text, read_limited

# Below this many files a pool of processes costs more than it saves.
PARALLEL_MIN_FILES = 400
CHUNK_FILES = 50

# Told how many files of how many have been read, now and then while reading.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ScanOptions:
    """How to read: anonymised, with worker processes, with the cache, telling progress."""

    anonymize: bool = False
    parallel: bool | None = None  # None: when there are many files and it is safe
    cache: bool | None = None  # None: FACILITATOR_CACHE (default on)
    progress: Progress | None = None


@dataclass
class Scan:
    """Every session summary found, the files that could not be read, and duplicate copies."""

    summaries: list[Summary] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    duplicates: list[tuple[Path, Path]] = field(default_factory=list)  # (skipped, kept)


def _read_one(path: Path, anonymize: bool) -> Summary | Problem:
    if not anonymize:
        # One parse and only the register's keys; any doubt, and the careful reader below
        # reads the file again to name each problem with its line.
        try:
            mtime_ns = path.stat().st_mtime_ns
            quick = summarize_text(decode_text(read_limited(path), str(path)), path, mtime_ns)
        except Exception:  # every failure is reported by the careful reader
            quick = None
        if quick is not None:
            return quick
    try:
        mtime_ns = path.stat().st_mtime_ns
        session = store.load_session(path)
    except store.StoreError as error:
        return Problem(path, error.summary())
    except OSError as error:
        return Problem(path, f"{path}: cannot read the file: {error.strerror or error}")
    try:
        if anonymize:
            from facilitator.anonymize import anonymize_session
            from facilitator.followup import earlier_participants

            # A follow-up's review comments may name the earlier meeting's people.
            session = anonymize_session(session, earlier_participants(session, path))
        return summarize(session, path, mtime_ns)
    except Exception as error:  # one odd file must not end HR's whole run
        # Named and counted like any damaged file, never silently dropped.
        return Problem(path, f"{path}: could not be summarised ({type(error).__name__}: {error})")


def _read_chunk(paths: list[Path], anonymize: bool) -> list[Summary | Problem]:
    with _without_collection():
        return [_read_one(path, anonymize) for path in paths]


@contextlib.contextmanager
def _without_collection() -> Iterator[None]:
    """The garbage collector off while reading: summaries pile up by the thousand and each
    full collection walks them all again, yet nothing read here makes a reference cycle."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def read_files(files: Sequence[Path], options: ScanOptions) -> list[Summary | Problem]:
    """Summaries of the files in order; a pool of processes when there are many and cores to spare.

    Parsing TOML is pure Python and bound by the CPU, so threads would not help.
    """
    anonymize, parallel = options.anonymize, options.parallel
    total = len(files)

    def tell(done: int) -> None:
        if options.progress is not None:
            options.progress(done, total)

    workers = min(_workers(), 8)
    # fork on Linux when it is safe, spawn on Windows and macOS, or serial (see pool_context).
    context = pool_context()
    if parallel is None:
        parallel = len(files) >= PARALLEL_MIN_FILES and workers > 1
    if not parallel or context is None:
        flat: list[Summary | Problem] = []
        with _without_collection():
            for path in files:
                flat.append(_read_one(path, anonymize))
                if len(flat) % CHUNK_FILES == 0:
                    tell(len(flat))
        return flat
    chunks = [list(files[i : i + CHUNK_FILES]) for i in range(0, len(files), CHUNK_FILES)]
    results: list[list[Summary | Problem]] = [[] for _ in chunks]
    done = 0
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {
            pool.submit(_read_chunk, chunk, anonymize): index for index, chunk in enumerate(chunks)
        }
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            done += len(results[futures[future]])
            tell(done)
    return [item for chunk in results for item in chunk]


def scan(paths: Iterable[Path], options: ScanOptions | None = None) -> Scan:
    """Read every session file under `paths`; unreadable files become problems, copies are dropped.

    Each folder keeps a cache of what its files held (see `cache.SummaryCache`), so a second run
    reads only the files that changed.
    """
    options = options or ScanOptions()
    anonymize = options.anonymize
    use_cache = cache.cache_enabled() if options.cache is None else options.cache
    caches: dict[Path, cache.SummaryCache] = {}

    def cache_of(folder: Path, whole: bool) -> cache.SummaryCache | None:
        if not use_cache:
            return None
        key = _absolute(folder)
        if key not in caches:
            caches[key] = cache.SummaryCache.load(folder, anonymize)
        caches[key].whole |= whole
        return caches[key]

    work: list[tuple[Path, cache.SummaryCache | None]] = []
    for root in map(Path, paths):
        if root.is_dir():
            folder_cache = cache_of(root, whole=True)
            found_files = store.find_session_files([root])
            work += [
                (path, folder_cache)
                for path in found_files
                # The roster lies beside the sessions: it is not a meeting, nor a broken one.
                if not path.name.endswith(store.EXPORT_SUFFIX) and not is_roster_file(path)
            ]
        else:
            # A file named on its own uses its folder's cache (the TUI passes files).
            work.append((root, cache_of(root.parent, whole=False)))
    entries: list[tuple[Path, cache.SummaryCache | None]] = []
    items: list[Summary | Problem | None] = []
    keys: list[cache.Key | None] = []
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
        key = cache.file_key(info)
        entries.append((path, folder_cache))
        keys.append(key)
        items.append(folder_cache.get(path, key) if folder_cache is not None else None)
        if items[-1] is None:
            misses.append(len(items) - 1)
    read = read_files([entries[i][0] for i in misses], options)
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
