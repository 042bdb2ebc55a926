"""Benchmark: from ctrl+e to the minutes on screen, and from an edit to its row, in tmux.

A meeting with 100 outcomes on the built-in guide is resumed in a private tmux server. Once
its screen has settled, ctrl+e ends it; the script polls `tmux capture-pane` every 5 ms and
notes when the review screen's header shows, and when the minutes' first heading shows
(rendered, not the "preparing" line). Then `k` changes the kind of the highlighted outcome,
and the time until the table shows the new kind is noted. The baseline, measured in the same
run and interleaved: a bare Textual app that pushes a screen with one line on a key, and
changes that line on another key. Medians with their range, next to the targets: the minutes
within 0.3 s of ctrl+e, an edit within 0.1 s.

    .venv/bin/python benchmarks/bench_review.py [--runs 5] [--warmup 1] [--check]
"""

from __future__ import annotations

import argparse
import random
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from support.tmux import HEIGHT, WIDTH, Tmux, benchmark_env
from support.tmux import program as facilitator_command

from facilitator.catalog import resolve_agenda
from facilitator.session import OUTCOME_KINDS, Participant, Session, now
from facilitator.store import new_session_path, save_session

HERE = Path(__file__).resolve().parent
MINUTES_TARGET_MS = 300.0
EDIT_TARGET_MS = 100.0
POLL = 0.005
SETTLE = 1.5
# A meeting ends minutes after it opens; by then the review screen's modules are imported
# (facilitator.tui.preload, a second after the meeting screen is up).
MEETING_SECONDS = 3.0
OUTCOMES = 100
COMMITTEE = "Bench LMU"
WORDS = [
    "chikane",
    "skærmbillede",
    "leder",
    "medarbejder",
    "opslag",
    "kommentar",
    "borger",
    "politiet",
    "tjekliste",
    "møde",
    "aftale",
    "handling",
    "kollega",
    "trussel",
    "sag",
    "rådgivning",
]


@dataclass
class Timings:
    """One program's measured steps, in milliseconds."""

    name: str
    header_ms: list[float] = field(default_factory=list)
    minutes_ms: list[float] = field(default_factory=list)
    edit_ms: list[float] = field(default_factory=list)


def build_session() -> Session:
    """A meeting under way: every theme dealt with, 100 outcomes of every kind, no gaps."""
    rng = random.Random(2026)
    session = Session.new(COMMITTEE, resolve_agenda(None), planned_minutes=120)
    start = now() - timedelta(minutes=90)
    session.created = session.planned_start = session.started = start
    session.place = "Mødelokale 2"
    session.chair = "Anne Æbelø"
    session.secretary = "Søren Ågård"
    session.participants = [
        Participant("Anne Æbelø", "leader", "management"),
        Participant("Søren Ågård", "secretary", "management"),
        Participant("Mia Østergaard", "tr", "employees"),
        Participant("Jens Kjær", "amr", "employees"),
    ]
    for index in range(OUTCOMES):
        record = session.themes[index % len(session.themes)]
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 22))).capitalize()
        due = date(2027, 1, 1) + timedelta(days=index) if index % 3 == 0 else None
        owner = rng.choice(("", "Mia Østergaard", "Jens Kjær", "Søren"))
        session.add_outcome(record.theme_id, OUTCOME_KINDS[index % 4], text, owner, due)
    for record in session.themes:
        record.state, record.seconds, record.presented = "done", 120.0, True
    session.current_theme = session.themes[-1].theme_id
    session.themes[-1].state = "active"
    if session.uncovered():
        raise RuntimeError("bench_review: the sample meeting has gaps; ctrl+e would ask first")
    return session


def wait_for(tmux: Tmux, name: str, check: object, started: float) -> float:
    """Poll the pane until `check(screen)` holds; milliseconds since `started`."""
    deadline = time.monotonic() + 30
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux.run("capture-pane", "-p", "-t", name, check=False)
        if check(screen):  # type: ignore[operator]
            return (time.monotonic() - started) * 1000
        time.sleep(POLL)
    raise RuntimeError(f"{name}: did not show within 30 s; the screen:\n{screen}")


@dataclass
class Steps:
    """What one program shows at each step, and how its time is kept."""

    timings: Timings
    opened: str  # on the meeting screen
    header: str  # the review screen's header
    minutes: str  # the minutes themselves (for the bare app, its one line)
    edited: Callable[[str], Callable[[str], bool]]  # from the settled screen: "the edit shows"


def time_review(tmux: Tmux, name: str, steps: Steps, record: bool) -> None:
    """ctrl+e and then k in the program running in `name`, timed; then it is stopped."""
    wait_for(tmux, name, lambda s: steps.opened in s, time.monotonic())
    time.sleep(MEETING_SECONDS)
    started = time.monotonic()
    tmux.run("send-keys", "-t", name, "C-e")
    header = wait_for(tmux, name, lambda s: steps.header in s, started)
    minutes = wait_for(tmux, name, lambda s: steps.minutes in s, started)
    time.sleep(SETTLE)
    shows_edit = steps.edited(tmux.screen(name))
    started = time.monotonic()
    tmux.run("send-keys", "-t", name, "k")
    edit = wait_for(tmux, name, shows_edit, started)
    if record:
        steps.timings.header_ms.append(header)
        steps.timings.minutes_ms.append(minutes)
        steps.timings.edit_ms.append(edit)
    tmux.run("send-keys", "-t", name, "C-q")
    time.sleep(0.5)
    tmux.run("kill-session", "-t", name, check=False)


def first_row_changed(screen: str) -> Callable[[str], bool]:
    """The first row is a decision; `k` makes it an agreement, and that row is gone."""
    row = next(line for line in screen.splitlines() if line.strip(" │").startswith("1 "))
    return lambda shown: row not in shown.splitlines()


def measure_facilitator(tmux: Tmux, timings: Timings, folder: Path, run: int, record: bool) -> None:
    sessions = folder / f"sessions-{run}"
    sessions.mkdir()
    session = build_session()
    path = new_session_path(sessions, session)
    save_session(session, path)
    name = f"facilitator{run}"
    tmux.start_shell(
        name,
        f"FACILITATOR_SESSIONS_DIR={shlex.quote(str(sessions))} "
        f"exec {shlex.join([*facilitator_command(), 'resume', str(path)])}",
    )
    referat = f"Referat · {COMMITTEE}", f"Referat – {COMMITTEE}"
    time_review(tmux, name, Steps(timings, COMMITTEE, *referat, first_row_changed), record)


def measure_bare(tmux: Tmux, timings: Timings, run: int, record: bool) -> None:
    name = f"bare{run}"
    tmux.start(name, [sys.executable, str(HERE / "bare_review_app.py")])
    line = "bare minutes 0"
    steps = Steps(timings, "bare meeting", line, line, lambda _screen: lambda s: "minutes 1" in s)
    time_review(tmux, name, steps, record)


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} ms ({min(values):.0f}-{max(values):.0f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs of each program")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured runs of each first")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("bench_review: tmux is not installed", file=sys.stderr)
        return 2
    tmux = Tmux(benchmark_env(), prefix="facilitator-bench")
    ours, bare = Timings("facilitator"), Timings("bare Textual app")
    with tempfile.TemporaryDirectory(prefix="facilitator-bench-") as folder:
        tmux.start("idle", ["cat"], 20, 5)  # keeps the server up between runs
        try:
            for run in range(max(1, args.warmup) + args.runs):
                recorded = run >= max(1, args.warmup)
                if run % 2 == 0:
                    measure_facilitator(tmux, ours, Path(folder), run, recorded)
                    measure_bare(tmux, bare, run, recorded)
                else:
                    measure_bare(tmux, bare, run, recorded)
                    measure_facilitator(tmux, ours, Path(folder), run, recorded)
        finally:
            tmux.kill_server()
    print(f"{args.runs} runs each, interleaved, {WIDTH}x{HEIGHT}, {OUTCOMES} outcomes; medians:")
    print(f"ctrl+e to the review screen's header: facilitator {summary(ours.header_ms)}")
    print(
        f"ctrl+e to the minutes: facilitator {summary(ours.minutes_ms)}, "
        f"bare app's screen {summary(bare.minutes_ms)} (target <= {MINUTES_TARGET_MS:.0f} ms)"
    )
    print(
        f"edit (k) to its row: facilitator {summary(ours.edit_ms)}, "
        f"bare app's line {summary(bare.edit_ms)} (target <= {EDIT_TARGET_MS:.0f} ms)"
    )
    missed = (
        statistics.median(ours.minutes_ms) > MINUTES_TARGET_MS
        or statistics.median(ours.edit_ms) > EDIT_TARGET_MS
    )
    print("targets: " + ("MISSED" if missed else "met"))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
