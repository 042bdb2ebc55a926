"""Benchmark: CPU and disk writes of a meeting nobody touches, against a bare 4 Hz clock app.

Each program runs in a private tmux server at 100x30. Once its first frame shows and it has
settled, its CPU time (user + system, from /proc/<pid>/stat) is read over a window, and the
session file is watched for replacements (each atomic save is a new inode). Scenarios: the
meeting paused, running, and running with 1,000 outcomes; the baseline runs interleaved with
them. Medians and their spread are printed with the ratio and the target.

    .venv/bin/python benchmarks/bench_idle.py [--rounds 3] [--window 10] [--check]
"""

from __future__ import annotations

import argparse
import math
import os
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from facilitator.agenda import load_agenda
from facilitator.session import Session
from facilitator.store import new_session_path, save_session

# The tmux helper is shared with the end-to-end tests.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from support.tmux import HEIGHT, WIDTH, Tmux, benchmark_env
from support.tmux import program as facilitator_command

HERE = Path(__file__).resolve().parent
AGENDA = HERE.parent / "agendas" / "sociale-medier.toml"
CPU_TARGET = 1.5
COMMITTEE = "Benchmark Udvalg"
TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass
class Scenario:
    """One measured program and what it does once up."""

    name: str
    command: list[str]
    expect: str
    keys: tuple[str, ...] = ()
    session: Path | None = None
    cpu: list[float] = field(default_factory=list)  # percent of one core
    saves: list[int] = field(default_factory=list)
    written: list[float] = field(default_factory=list)  # kB per second


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def make_session(folder: Path, outcomes: int) -> Path:
    """A meeting on the built-in guide with some outcomes, saved as the program saves it."""
    session = Session.new(COMMITTEE, load_agenda(AGENDA))
    themes = [record.theme_id for record in session.themes]
    for index in range(outcomes):
        session.add_outcome(
            themes[index % len(themes)], "agreement", f"Aftale nummer {index}", "Mia"
        )
    path = new_session_path(folder, session)
    save_session(session, path)
    return path


def measure(tmux: Tmux, scenario: Scenario, window: float, name: str) -> None:
    """Start, wait for the first frame, press the keys, settle, then measure over `window`."""
    shell = "exec " + shlex.join(scenario.command)
    tmux.run("new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", str(HEIGHT), shell)
    deadline = time.monotonic() + 30
    while scenario.expect not in tmux.run("capture-pane", "-p", "-t", name, check=False):
        if time.monotonic() > deadline:
            raise RuntimeError(f"{scenario.name}: {scenario.expect!r} never showed")
        time.sleep(0.05)
    pid = int(tmux.run("list-panes", "-t", name, "-F", "#{pane_pid}").split()[0])
    for pressed in scenario.keys:
        tmux.run("send-keys", "-t", name, pressed)
    time.sleep(3.0)  # first saves, lazy imports and the first layout are not idling
    before = cpu_seconds(pid)
    saves, written, last = 0, 0, None
    end = time.monotonic() + window
    while time.monotonic() < end:
        if scenario.session is not None:
            try:
                status = scenario.session.stat()
                key = (status.st_ino, status.st_mtime_ns)
                if last is not None and key != last:
                    saves += 1
                    written += status.st_size
                last = key
            except FileNotFoundError:
                pass
        time.sleep(0.05)
    used = cpu_seconds(pid) - before
    scenario.cpu.append(100 * used / window)
    scenario.saves.append(saves)
    scenario.written.append(written / 1000 / window)
    tmux.run("send-keys", "-t", name, "C-q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        time.sleep(0.05)
    tmux.run("kill-session", "-t", name, check=False)


def spread(values: list[float], digits: int = 2) -> str:
    return f"{min(values):.{digits}f}-{max(values):.{digits}f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds of each")
    parser.add_argument("--window", type=float, default=10.0, help="seconds measured each time")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if shutil.which("tmux") is None or not Path("/proc/self/stat").exists():
        print("bench_idle: needs tmux and /proc (Linux)", file=sys.stderr)
        return 2
    tmux = Tmux(benchmark_env())
    with tempfile.TemporaryDirectory(prefix="facilitator-idle-") as folder:
        work = Path(folder)
        small_dir, big_dir = work / "small", work / "big"
        small = make_session(small_dir, 0)
        big = make_session(big_dir, 1000)
        program = facilitator_command()
        baseline = Scenario(
            "bare 4 Hz clock app",
            [sys.executable, str(HERE / "bare_clock_app.py")],
            "bare clock app ready",
        )
        scenarios = [
            Scenario("paused", [*program, "resume", str(small)], COMMITTEE, session=small),
            Scenario("running", [*program, "resume", str(small)], COMMITTEE, ("Space",), small),
            Scenario(
                "running, 1,000 outcomes",
                [*program, "resume", str(big)],
                COMMITTEE,
                ("Space",),
                big,
            ),
        ]
        tmux.start("idle", ["cat"], 20, 5)  # keeps the server up between runs
        try:
            for round_number in range(args.rounds):
                for index, scenario in enumerate(scenarios):
                    pair = [baseline, scenario] if round_number % 2 == 0 else [scenario, baseline]
                    for which, item in enumerate(pair):
                        measure(tmux, item, args.window, f"r{round_number}s{index}p{which}")
        finally:
            tmux.kill_server()

    bare = statistics.median(baseline.cpu)
    print(f"{args.rounds} rounds, {args.window:.0f} s windows, interleaved; medians (spread):")
    print(f"baseline, {baseline.name}: {bare:.2f}% CPU ({spread(baseline.cpu)})")
    missed = False
    for scenario in scenarios:
        cpu = statistics.median(scenario.cpu)
        ratio = cpu / bare if bare else float("inf")
        # A checkpoint of the clock every 30 s is allowed; a save every few seconds is not.
        allowed = math.ceil(args.window / 30)
        missed |= ratio > CPU_TARGET or max(scenario.saves) > allowed
        print(
            f"{scenario.name}: {cpu:.2f}% CPU ({spread(scenario.cpu)}), ratio {ratio:.2f}x "
            f"(target <= {CPU_TARGET}x); saves in the window {statistics.median(scenario.saves):.0f}"
            f" ({min(scenario.saves)}-{max(scenario.saves)}), "
            f"{statistics.median(scenario.written):.1f} kB/s written "
            f"(target: a checkpoint every 30 s at most)"
        )
    print("targets: " + ("MISSED" if missed else "met"))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
