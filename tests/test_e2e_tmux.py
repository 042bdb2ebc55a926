"""End to end in a real terminal: the installed program in tmux, killed with SIGKILL, resumed.

tmux runs on a private socket (see `support.tmux`), so no other tmux server is touched. The
program draws on stderr, so its output is never redirected.
"""

from __future__ import annotations

import os
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
    # Wait for each field to show what was typed: on a busy machine the text and the tab can
    # reach the program in one read and count as a paste.
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
