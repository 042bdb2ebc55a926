"""End to end in a real terminal: the installed program in tmux, killed with SIGKILL, resumed.

tmux runs on a private socket (see `support.tmux`), so no other tmux server is touched. The
program draws on stderr, so its output is never redirected.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.tmux import Tmux, program, terminal_env

from facilitator.store import load_session

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

COMMITTEE = "Lokaludvalg E2E"
THEME = "Hvad er chikane"  # the first theme of the built-in Danish guide
AGREEMENT = "Skærmbilleder gemmes i sagen"
DECISION = "Guiden tages op hvert år"


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    server = Tmux(terminal_env(tmp_path / "sessions"))
    try:
        yield server
    finally:
        server.kill_server()


def wait_until_gone(pid: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    raise AssertionError(f"process {pid} is still there")


def test_outcomes_survive_sigkill_and_resume_shows_them(tmux: Tmux, tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    run = [*program(), "run", "--committee", COMMITTEE, "--participant", "Mia Østergaard:tr"]
    tmux.start("meeting", run)
    tmux.wait_for("meeting", THEME, COMMITTEE)

    tmux.keys("meeting", "space")  # start the clock
    tmux.keys("meeting", "a")
    tmux.wait_for("meeting", "Aftale ·")  # the dialog's title: it is open and has the focus
    # Typed as a person does, waiting for each field (test_text_and_tabs_in_one_burst sends all
    # at once).
    tmux.type("meeting", AGREEMENT)
    tmux.wait_for("meeting", AGREEMENT)
    tmux.keys("meeting", "Tab")
    tmux.type("meeting", "Mia Østergaard")
    tmux.wait_for("meeting", "Mia Østergaard")
    tmux.keys("meeting", "Tab")
    tmux.type("meeting", "+14d")
    tmux.wait_for("meeting", "→")  # the date is understood
    tmux.keys("meeting", "Enter")
    tmux.wait_for("meeting", f"Aftale: {AGREEMENT}")

    tmux.keys("meeting", "d")
    tmux.wait_for("meeting", "Beslutning ·")
    tmux.type("meeting", DECISION)
    tmux.keys("meeting", "Enter")
    tmux.wait_for("meeting", f"Beslutning: {DECISION}", f"Aftale: {AGREEMENT}")

    # Killed the moment the decision shows: no chance to save on the way out.
    pid = tmux.pane_pid("meeting")
    os.kill(pid, signal.SIGKILL)
    wait_until_gone(pid)

    [path] = sorted(sessions.glob("*.toml"))
    session = load_session(path)
    first = session.themes[0]
    assert [(o.kind, o.text, o.owner) for o in first.outcomes] == [
        ("agreement", AGREEMENT, "Mia Østergaard"),
        ("decision", DECISION, ""),
    ]
    assert first.outcomes[0].due is not None
    assert session.ended is None
    minutes = path.with_suffix(".md").read_text("utf-8")
    assert AGREEMENT in minutes
    assert DECISION in minutes

    # Resume in a fresh terminal: the stale lock of the killed program must not stop it.
    tmux.start("resumed", [*program(), "resume"])
    # The owner too; at 80 columns the name may wrap after "Mia".
    tmux.wait_for("resumed", THEME, AGREEMENT, DECISION, COMMITTEE, "— Mia")
    tmux.keys("resumed", "C-q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "resumed" in tmux.run("ls", check=False):
        time.sleep(0.05)
    assert "resumed" not in tmux.run("ls", check=False), "ctrl+q did not end the program"
    assert not path.with_name(path.name + ".lock").exists()
    assert [o.text for o in load_session(path).themes[0].outcomes] == [AGREEMENT, DECISION]


# -- the chair's meeting (issue 10) ---------------------------------------------------------


def test_n_five_times_keeps_the_projected_end(tmux: Tmux, tmp_path: Path) -> None:
    tmux.start("meeting", [*program(), "run", "--committee", COMMITTEE])
    tmux.wait_for("meeting", THEME, COMMITTEE)
    tmux.keys("meeting", "space")
    tmux.wait_for("meeting", "tilbage")
    for _ in range(5):
        tmux.keys("meeting", "n")
        time.sleep(0.45)  # five presses in about three seconds
    shown = tmux.wait_for("meeting", "Krænkelsestyper")
    top = shown.splitlines()[0]
    drift = int(top.rsplit("(", 1)[1].split(")", 1)[0])
    assert abs(drift) <= 2, top
    tmux.keys("meeting", "C-q")


def add_decisions(tmux: Tmux, count: int) -> None:
    for number in range(1, count + 1):
        tmux.keys("meeting", "d")
        tmux.wait_for("meeting", "Beslutning ·")
        tmux.type("meeting", f"Punkt nummer {number}")
        tmux.wait_for("meeting", f"Punkt nummer {number}")
        tmux.keys("meeting", "Enter")
        tmux.wait_for("meeting", f"Beslutning: Punkt nummer {number}")


@pytest.mark.parametrize(("width", "height", "count"), [(100, 30, 14), (80, 24, 3)])
def test_the_newest_outcome_is_on_screen(
    tmux: Tmux, tmp_path: Path, width: int, height: int, count: int
) -> None:
    tmux.start("meeting", [*program(), "run", "--committee", COMMITTEE], width, height)
    tmux.wait_for("meeting", COMMITTEE)
    tmux.keys("meeting", "space")
    add_decisions(tmux, count)
    time.sleep(0.5)
    shown = tmux.wait_for("meeting", f"Beslutning: Punkt nummer {count}")
    if count == 14:
        assert "flere ↑" in shown  # the earlier ones are counted, not silently hidden
    tmux.keys("meeting", "C-q")


def test_escape_with_typed_text_keeps_it(tmux: Tmux, tmp_path: Path) -> None:
    tmux.start("meeting", [*program(), "run", "--committee", COMMITTEE])
    tmux.wait_for("meeting", COMMITTEE)
    tmux.keys("meeting", "a")
    tmux.wait_for("meeting", "Aftale ·")
    tmux.type("meeting", AGREEMENT)
    tmux.wait_for("meeting", AGREEMENT)
    tmux.keys("meeting", "Escape")
    tmux.wait_for("meeting", "Kassér det, du har skrevet?")
    tmux.keys("meeting", "Escape")
    shown = tmux.wait_for("meeting", "Aftale ·", AGREEMENT)
    assert "Kassér det" not in shown
    tmux.keys("meeting", "Enter")
    tmux.wait_for("meeting", f"Aftale: {AGREEMENT}")
    tmux.keys("meeting", "C-q")


def test_a_followup_carries_a_never_reached_theme(tmux: Tmux, tmp_path: Path) -> None:
    from datetime import datetime, timedelta, timezone

    from facilitator.catalog import resolve_agenda
    from facilitator.session import Session
    from facilitator.store import new_session_path, save_session

    sessions = tmp_path / "sessions"
    sessions.mkdir()
    earlier = Session.new(COMMITTEE, resolve_agenda(None))
    earlier.started = datetime(2026, 3, 2, 14, 0, tzinfo=timezone(timedelta(hours=1)))
    earlier.ended = earlier.started + timedelta(hours=2)
    for record in earlier.themes:
        record.state, record.seconds = "done", 600.0
    never = earlier.themes[3]
    never.state, never.seconds = "pending", 0.0
    earlier.add_outcome(earlier.themes[0].theme_id, "action", "Lav en tjekliste", "Søren")
    path = new_session_path(sessions, earlier)
    save_session(earlier, path)
    title = earlier.theme(never.theme_id).title

    tmux.start("followup", [*program(), "followup", str(path)])
    tmux.wait_for("followup", "Godkendelse af dagsorden")
    # The MED standing items open the meeting; the review comes after them.
    tmux.keys("followup", "n", "n", "n")
    tmux.wait_for("followup", "Opfølgning på tidligere aftaler", "Lav en tjekliste")
    tmux.keys("followup", "space", "1")  # the only earlier outcome: done
    tmux.wait_for("followup", "Udført")
    tmux.keys("followup", "C-q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "followup" in tmux.run("ls", check=False):
        time.sleep(0.05)
    [followup] = [p for p in sessions.glob("*.toml") if p != path]
    session = load_session(followup)
    assert session.record(never.theme_id).origin == "carried"
    minutes = followup.with_suffix(".md").read_text("utf-8")
    assert title in minutes and "Overført fra mødet den 2. marts 2026 (ikke nået)" in minutes
    # Its number follows the MED standing items before it.
    heading = re.search(r"^## \d+\. Opfølgning på tidligere aftaler$", minutes, re.MULTILINE)
    assert heading is not None, minutes
    review = minutes[heading.end() :].split("\n## ")[0]
    assert "Ikke behandlet" not in review


def test_text_and_tabs_in_one_burst_fill_each_field(tmux: Tmux, tmp_path: Path) -> None:
    # One send-keys: every key reaches the program before it has handled the first.
    tmux.start("meeting", [*program(), "run", "--committee", COMMITTEE])
    tmux.wait_for("meeting", COMMITTEE)
    tmux.keys("meeting", "t")
    tmux.wait_for("meeting", "Handling ·")
    tmux.run("send-keys", "-t", "meeting", "Ring til Bo", "Tab", "Mia", "Tab", "1.3.2027", "Enter")
    tmux.wait_for("meeting", "Handling: Ring til Bo", "— Mia")
    tmux.keys("meeting", "C-q")
    [path] = sorted((tmp_path / "sessions").glob("*.toml"))
    [outcome] = load_session(path).themes[0].outcomes
    assert (outcome.text, outcome.owner, str(outcome.due)) == ("Ring til Bo", "Mia", "2027-03-01")
