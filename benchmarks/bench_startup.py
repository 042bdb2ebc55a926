"""Benchmark: launch to first visible frame of `facilitator run`, against a bare Textual app.

Both programs run in the same tmux server (a private socket), interleaved, after a warm-up.
The pane's shell writes a start timestamp (`date +%s%N > start; exec ...`) and this script
polls `tmux capture-pane` every 5 ms until the expected text shows: that moment, minus the
start, is the time to the first visible frame. Once the screen has settled, the resident
memory (VmRSS, and the peak VmHWM) of each program is read from /proc/<pid>/status. The
medians are printed next to each other with their ratio and the target.

    .venv/bin/python benchmarks/bench_startup.py [--runs 7] [--warmup 2] [--check]
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

# The tmux helper is shared with the end-to-end tests.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from support.tmux import HEIGHT, WIDTH, Tmux, benchmark_env
from support.tmux import program as facilitator_command

HERE = Path(__file__).resolve().parent
FRAME_TARGET = 1.2
MEMORY_TARGET = 1.5
POLL = 0.005
SETTLE = 1.0  # seconds after the first frame before memory is read
COMMITTEE = "Benchmark Udvalg"


@dataclass
class Program:
    """One measured program: how to start it and what its first frame shows."""

    name: str
    command: list[str]
    expect: str
    frames_ms: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    hwm_mb: list[float] = field(default_factory=list)


def memory_mb(pid: int) -> tuple[float, float]:
    """VmRSS and VmHWM of a process, in MB (1,000,000 bytes)."""
    values: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) * 1024 / 1e6
    return values["VmRSS"], values["VmHWM"]


def measure(tmux: Tmux, program: Program, work: Path, run: int, record: bool) -> None:
    """Start the program in a fresh tmux session, time its first frame, read its memory."""
    stamp = work / f"start-{run}-{program.name.replace(' ', '-')}"
    sessions = work / f"sessions-{run}"
    shell = (
        f"FACILITATOR_SESSIONS_DIR={shlex.quote(str(sessions))} "
        f"date +%s%N > {shlex.quote(str(stamp))}; exec {shlex.join(program.command)}"
    )
    name = f"run{run}"
    tmux.run("new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", str(HEIGHT), shell)
    deadline = time.monotonic() + 30
    seen_ns = 0
    while time.monotonic() < deadline:
        screen = tmux.run("capture-pane", "-p", "-t", name, check=False)
        if program.expect in screen:
            seen_ns = time.time_ns()
            break
        time.sleep(POLL)
    if not seen_ns:
        tmux.run("kill-session", "-t", name, check=False)
        raise RuntimeError(f"{program.name}: {program.expect!r} never showed")
    started_ns = int(stamp.read_text().strip())
    pid = int(tmux.run("list-panes", "-t", name, "-F", "#{pane_pid}").split()[0])
    time.sleep(SETTLE)
    rss, hwm = memory_mb(pid)
    if record:
        program.frames_ms.append((seen_ns - started_ns) / 1e6)
        program.rss_mb.append(rss)
        program.hwm_mb.append(hwm)
    tmux.run("send-keys", "-t", name, "C-q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        time.sleep(0.02)
    tmux.run("kill-session", "-t", name, check=False)


def spread(values: list[float], unit: str, digits: int = 0) -> str:
    return f"{min(values):.{digits}f}-{max(values):.{digits}f} {unit}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs of each program")
    parser.add_argument(
        "--warmup", type=int, default=2, help="unmeasured runs of each first (at least 1)"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    args.warmup = max(1, args.warmup)
    if shutil.which("tmux") is None:
        print("bench_startup: tmux is not installed", file=sys.stderr)
        return 2

    programs = [
        Program(
            "facilitator", [*facilitator_command(), "run", "--committee", COMMITTEE], COMMITTEE
        ),
        Program(
            "bare Textual app", [sys.executable, str(HERE / "bare_app.py")], "bare Textual app"
        ),
    ]
    tmux = Tmux(benchmark_env())
    with tempfile.TemporaryDirectory(prefix="facilitator-bench-") as folder:
        work = Path(folder)
        tmux.start("idle", ["cat"], 20, 5)  # keeps the server up between runs
        try:
            for run in range(args.warmup + args.runs):
                # Interleaved, and the order swapped every round, so drift hits both alike.
                order = programs if run % 2 == 0 else programs[::-1]
                for program in order:
                    measure(tmux, program, work, run, record=run >= args.warmup)
        finally:
            tmux.kill_server()

    ours, bare = programs
    frame = statistics.median(ours.frames_ms), statistics.median(bare.frames_ms)
    rss = statistics.median(ours.rss_mb), statistics.median(bare.rss_mb)
    hwm = statistics.median(ours.hwm_mb), statistics.median(bare.hwm_mb)
    frame_ratio, rss_ratio, hwm_ratio = frame[0] / frame[1], rss[0] / rss[1], hwm[0] / hwm[1]
    print(f"{args.runs} runs each after {args.warmup} warm-up, interleaved; medians:")
    print(
        f"first frame: facilitator {frame[0]:.0f} ms, bare Textual app {frame[1]:.0f} ms, "
        f"ratio {frame_ratio:.2f}x (target <= {FRAME_TARGET}x)"
    )
    print(
        f"memory: facilitator {rss[0]:.1f} MB, bare {rss[1]:.1f} MB, "
        f"ratio {rss_ratio:.2f}x (target <= {MEMORY_TARGET}x)"
    )
    print(
        f"peak memory (VmHWM): facilitator {hwm[0]:.1f} MB, bare {hwm[1]:.1f} MB, "
        f"ratio {hwm_ratio:.2f}x"
    )
    print(
        f"  ranges: facilitator {spread(ours.frames_ms, 'ms')}, "
        f"bare {spread(bare.frames_ms, 'ms')}; "
        f"RSS facilitator {spread(ours.rss_mb, 'MB', 1)}, bare {spread(bare.rss_mb, 'MB', 1)}"
    )
    missed = frame_ratio > FRAME_TARGET or rss_ratio > MEMORY_TARGET
    print("targets: " + ("MISSED" if missed else "met"))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
