"""Benchmark: `facilitator agreements --format json` over many sessions against a bare TOML parse.

The baseline is the floor any reader of these files pays, measured on equal terms: the same
session files the program finds, parsed with tomllib by the same number of worker processes,
started the same way, in chunks of the same size (or serially where the program reads
serially). Cold runs (no cache: the first run, which builds it, and FACILITATOR_CACHE=0) are
compared with it; the warm run, which reads the cache instead of parsing, is reported apart.
Each runs as a subprocess, a few times; the median, the range, the ratio to the baseline
(target: at most 1.5x) and the peak memory are printed.

    .venv/bin/python benchmarks/bench_register.py [--count 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import time
import tomllib
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from facilitator import store
from facilitator.portable import pool_context
from facilitator.register import reading
from facilitator.register.cache import cache_path

HERE = Path(__file__).resolve().parent
TARGET_RATIO = 1.5


def _parse_chunk(paths: list[Path]) -> int:
    for path in paths:
        tomllib.loads(path.read_bytes().decode("utf-8"))
    return len(paths)


def plan(folder: Path) -> tuple[list[Path], int, str]:
    """The files the program reads, and how: worker count and start method (1, "serial")."""
    files = store.find_session_files([folder])
    workers = min(reading._workers(), 8)
    context = pool_context()
    if len(files) >= reading.PARALLEL_MIN_FILES and workers > 1 and context is not None:
        return files, workers, context.get_start_method()
    return files, 1, "serial"


def baseline(folder: Path) -> None:
    """Parse the program's files with tomllib only, with the program's parallelism."""
    files, workers, method = plan(folder)
    if method == "serial":
        _parse_chunk(files)
        return
    size = reading.CHUNK_FILES
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for future in as_completed([pool.submit(_parse_chunk, chunk) for chunk in chunks]):
            future.result()


def sessions_folder(count: int) -> Path:
    """The generated sessions, kept under /tmp by count so reruns skip the generation."""
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"facilitator-bench-sessions-{count}"
    done = folder / ".complete"
    if not done.exists():
        sys.path.insert(0, str(HERE.parent / "tests"))  # the generator the tests use too
        from support.generate import generate

        print(f"generating {count} sessions in {folder} ...", file=sys.stderr)
        started = time.perf_counter()
        generate(folder, count)
        done.write_text(str(count))
        print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return folder


def command(which: str, folder: Path) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of one measured run."""
    agreements = [
        sys.executable,
        "-m",
        "facilitator",
        "agreements",
        str(folder),
        "--format",
        "json",
    ]
    env = dict(os.environ)
    if which == "baseline":
        return [sys.executable, __file__, "--baseline", str(folder)], env
    if which == "no-cache":
        env["FACILITATOR_CACHE"] = "0"
    return agreements, env


def measure(which: str, folder: Path) -> tuple[float, int]:
    """Wall time of one run and the peak resident memory (KiB) of its largest process."""
    if which == "first":
        for anonymize in (False, True):
            cache_path(folder, anonymize).unlink(missing_ok=True)
    argv, env = command(which, folder)
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        subprocess.run(argv, stdout=sink, env=env, check=True)
    elapsed = time.perf_counter() - started
    # This process runs one command only (see main), so the children's maximum is its own;
    # it covers worker processes too, once they have been waited for.
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


MODES = {
    "baseline": "tomllib parse only (baseline)",
    "first": "agreements, first run (builds the cache)",
    "no-cache": "agreements, FACILITATOR_CACHE=0",
    "warm": "agreements, cache warm",
}
COLD = ("first", "no-cache")


def main(argv: list[str] | None = None) -> int:
    """Print the median times, the ratios and the peak memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=10_000, help="sessions (default 10000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each (default 3)")
    parser.add_argument("--one", choices=tuple(MODES), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--baseline", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.baseline:
        baseline(args.baseline)
        return 0
    if args.one:
        took, peak_kib = measure(args.one, args.folder)
        print(f"{took} {peak_kib}")
        return 0
    folder = sessions_folder(args.count)
    files = list(folder.rglob("*.toml"))
    size = sum(p.stat().st_size for p in files)
    results: dict[str, list[tuple[float, int]]] = {mode: [] for mode in MODES}
    for _ in range(args.runs):
        # Round robin, so a busy moment of the machine hurts every mode alike; "warm" follows
        # "first", which has just built the cache.
        for mode in MODES:
            out = subprocess.run(
                [sys.executable, __file__, "--one", mode, "--folder", str(folder)],
                capture_output=True,
                text=True,
                check=True,
            )
            took_text, peak_text = out.stdout.split()
            results[mode].append((float(took_text), int(peak_text)))
    base = statistics.median(t for t, _ in results["baseline"])
    _files, workers, method = plan(folder)
    how = "serially" if method == "serial" else f"by {workers} {method} workers"
    print(f"{len(files)} session files, {size / 1e6:.0f} MB, in {folder}; {os.cpu_count()} CPUs")
    print(f"program and baseline both read {how}")
    print(f"median of {args.runs} runs{'':32}time  (range)          ratio   peak memory")

    def line(mode: str) -> float:
        times = [t for t, _ in results[mode]]
        median = statistics.median(times)
        peak = max(m for _, m in results[mode]) / 1024
        spread = f"({min(times):.2f}-{max(times):.2f})"
        print(
            f"  {MODES[mode]:<44} {median:6.2f} s {spread:<15} {median / base:5.2f}x"
            f"  {peak:6.0f} MiB"
        )
        return median / base

    print("cold: every file parsed")
    line("baseline")
    worst = max(line(mode) for mode in COLD)
    print("warm: the cache is read instead of the files (not a parse; shown for scale)")
    line("warm")
    verdict = "ok" if worst <= TARGET_RATIO else "TOO SLOW"
    print(f"slowest cold run: {worst:.2f}x the baseline (target <= {TARGET_RATIO}x): {verdict}")
    print("peak memory: the largest single process of a run (the main process or a worker)")
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
