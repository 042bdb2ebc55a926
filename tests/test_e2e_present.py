"""End to end: a meeting in one terminal, the presenter view in another, one sessions folder.

The presenter must follow the meeting within seconds, never write or lock the file, and stay
up after the meeting ends. Both programs are the installed command, in a private tmux server.
"""

from __future__ import annotations

import shlex
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.tmux import Tmux, program
from test_e2e_tmux import COMMITTEE
from test_e2e_tmux import tmux as tmux

from facilitator.follow import signature
from facilitator.store import load_session

pytestmark = [pytest.mark.tmux]

AGREEMENT = "Skærmbilleder gemmes i sagen"


def start(tmux: Tmux, name: str, size: tuple[int, int], *args: str) -> None:
    shell = "exec " + shlex.join([*program(), *args])
    tmux.run("new-session", "-d", "-s", name, "-x", str(size[0]), "-y", str(size[1]), shell)
    if tmux.socket_path is None:
        found = tmux.run("display-message", "-p", "#{socket_path}", check=False).strip()
        tmux.socket_path = Path(found) if found else None


def session_file(folder: Path) -> Path:
    files = [p for p in folder.glob("*.toml") if not p.name.endswith(".export.toml")]
    assert len(files) == 1, files
    return files[0]


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "sessions"


def test_the_presenter_follows_the_meeting_and_never_touches_its_file(
    tmux: Tmux, folder: Path
) -> None:
    # The view is up first and waits; the meeting starts after it.
    start(tmux, "room", (160, 45), "present")
    tmux.wait_for("room", "Venter på, at et møde starter", timeout=20)
    start(tmux, "chair", (100, 30), "run", "--committee", COMMITTEE)
    # A MED meeting opens on its standing items, the approval of the agenda first.
    tmux.wait_for("chair", "Godkendelse af dagsorden", timeout=20)
    started = time.monotonic()
    tmux.wait_for("room", "1 Godkendelse af dagsorden", timeout=20)
    assert time.monotonic() - started < 5, "the view took too long to find the meeting"
    assert "1.1 Godkendelse" not in tmux.screen("room")  # a standing item is one point

    tmux.keys("chair", "Space")
    tmux.wait_for("room", "af 2 min", timeout=5)
    # A standing item is one numbered line (09cd701); running, the agenda is not shown.
    assert "2 Godkendelse af referat" not in tmux.screen("room")
    moved = time.monotonic()
    tmux.keys("chair", "n")
    tmux.wait_for("room", "2 Godkendelse af referat", timeout=3 + 0.5)
    assert time.monotonic() - moved < 3

    tmux.keys("chair", "a")
    tmux.wait_for("chair", "Aftale ·", timeout=5)  # the dialog's title: it has the focus
    tmux.type("chair", AGREEMENT)
    tmux.keys("chair", "Enter")
    tmux.wait_for("chair", f"Aftale: {AGREEMENT}", timeout=5)
    captured = time.monotonic()
    tmux.wait_for("room", AGREEMENT, timeout=3 + 0.5)
    assert time.monotonic() - captured < 3

    # The meeting goes on saving: the agreement is in the file it writes.
    path = session_file(folder)
    saved = load_session(path)
    assert any(outcome.text == AGREEMENT for _, outcome in saved.outcomes())

    # The meeting ends; the view says so and stays.
    tmux.keys("chair", "C-e")
    time.sleep(1)
    tmux.keys("chair", "C-e")
    tmux.wait_for("room", "Mødet er slut kl.", timeout=5)
    tmux.keys("chair", "C-q")
    deadline = time.monotonic() + 10
    while path.with_name(path.name + ".lock").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not path.with_name(path.name + ".lock").exists()

    # With the meeting gone, nothing writes the file: the view neither changes nor locks it.
    before = signature(path)
    names = sorted(p.name for p in folder.iterdir())
    time.sleep(2.5)
    assert signature(path) == before
    assert sorted(p.name for p in folder.iterdir()) == names
    assert "Mødet er slut kl." in tmux.screen("room")
