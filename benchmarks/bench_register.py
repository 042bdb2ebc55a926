"""Benchmark: `facilitator agreements --format json` over many sessions against a bare TOML parse.

The baseline is the floor any reader of these files pays: a loop in one process that reads the
same session files the program finds and parses each with tomllib, nothing more. The CPU time of
every process of a run (workers included) is compared with it: the first run (which builds the
cache) and a run with FACILITATOR_CACHE=0 must stay within 1.1x its CPU, and, with workers, take
clearly less wall time than it (both cores at work). The same loop spread over the program's
workers is shown too, for what the pool itself costs; the warm run reads the cache instead of
parsing and is shown for scale. Runs are subprocesses, interleaved round by round; each ratio is
taken against the loop of its own round, and the median and the range are printed.

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
TARGET_RATIO = 1.1
# Wall time against the one-process loop when workers read: both cores must be at work.
WALL_TARGET = 0.75


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
    if which in ("loop", "pool-loop"):
        return [sys.executable, __file__, f"--{which}", str(folder)], env
    if which == "no-cache":
        env["FACILITATOR_CACHE"] = "0"
    return agreements, env


def measure(which: str, folder: Path) -> tuple[float, float, int]:
    """Wall time and CPU time (all processes) of one run, and the peak memory (KiB) of its largest."""
    if which == "first":
        for anonymize in (False, True):
            cache_path(folder, anonymize).unlink(missing_ok=True)
    argv, env = command(which, folder)
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        subprocess.run(argv, stdout=sink, env=env, check=True)
    elapsed = time.perf_counter() - started
    # This process runs one command only (see main), so the children's figures are its own;
    # they cover worker processes too, once they have been waited for.
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


MODES = {
    "loop": "tomllib loop, one process (baseline)",
    "pool-loop": "tomllib loop, the program's workers",
    "first": "agreements, first run (builds the cache)",
    "no-cache": "agreements, FACILITATOR_CACHE=0",
    "warm": "agreements, cache warm",
}
COLD = ("first", "no-cache")


def main(argv: list[str] | None = None) -> int:
    """Print the median times, their spread, the ratios and the peak memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=10_000, help="sessions (default 10000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each (default 3)")
    parser.add_argument("--one", choices=tuple(MODES), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--loop", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--pool-loop", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.loop:
        _parse_chunk(store.find_session_files([args.loop]))
        return 0
    if args.pool_loop:
        baseline(args.pool_loop)
        return 0
    if args.one:
        took, cpu, peak_kib = measure(args.one, args.folder)
        print(f"{took} {cpu} {peak_kib}")
        return 0
    folder = sessions_folder(args.count)
    files = list(folder.rglob("*.toml"))
    size = sum(p.stat().st_size for p in files)
    results: dict[str, list[tuple[float, float, int]]] = {mode: [] for mode in MODES}
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
            took_text, cpu_text, peak_text = out.stdout.split()
            results[mode].append((float(took_text), float(cpu_text), int(peak_text)))
    _files, workers, method = plan(folder)
    how = "serially" if method == "serial" else f"by {workers} {method} workers"
    print(f"{len(files)} session files, {size / 1e6:.0f} MB, in {folder}; {os.cpu_count()} CPUs")
    print(f"the program reads {how}; medians of {args.runs} interleaved runs, (min-max)")
    print(
        f"{'':44} {'wall':>7} {'(range)':<13} {'CPU':>7} {'(range)':<13}"
        f" {'CPU ratio (range)':<19} {'wall ratio':>10}  peak"
    )
    loop = results["loop"]

    def line(mode: str) -> tuple[float, float]:
        walls = [w for w, _, _ in results[mode]]
        cpus = [c for _, c, _ in results[mode]]
        # Each run against the loop of its own round: the spread of the ratio itself.
        ratios = [c / base[1] for (_, c, _), base in zip(results[mode], loop, strict=True)]
        wall_ratios = [w / base[0] for (w, _, _), base in zip(results[mode], loop, strict=True)]
        cpu_ratio, wall_ratio = statistics.median(ratios), statistics.median(wall_ratios)
        peak = max(m for _, _, m in results[mode]) / 1024
        print(
            f"  {MODES[mode]:<42} {statistics.median(walls):6.2f}s ({min(walls):5.2f}-{max(walls):5.2f})"
            f" {statistics.median(cpus):6.2f}s ({min(cpus):5.2f}-{max(cpus):5.2f})"
            f" {cpu_ratio:5.2f}x ({min(ratios):.2f}-{max(ratios):.2f})"
            f" {wall_ratio:9.2f}x {peak:5.0f} MiB"
        )
        return cpu_ratio, wall_ratio

    print("cold: every file parsed")
    line("loop")
    line("pool-loop")
    cold = [line(mode) for mode in COLD]
    print("warm: the cache is read instead of the files (not a parse; shown for scale)")
    line("warm")
    worst_cpu = max(cpu for cpu, _ in cold)
    worst_wall = max(wall for _, wall in cold)
    # With two cores or more the first run must take clearly less wall time than one core.
    wall_ok = method == "serial" or worst_wall <= WALL_TARGET
    ok = worst_cpu <= TARGET_RATIO and wall_ok
    print(
        f"slowest cold run: {worst_cpu:.2f}x the loop's CPU (target <= {TARGET_RATIO}x), "
        f"{worst_wall:.2f}x its wall time (target <= {WALL_TARGET}x with workers): "
        f"{'ok' if ok else 'TOO SLOW'}"
    )
    print("peak memory: the largest single process of a run (the main process or a worker)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
