"""Told to stop in a real terminal: SIGTERM and SIGHUP save, free the lock, restore the terminal.

The program runs under a shell in a private tmux server, so that the pane outlives it and
tmux can say afterwards whether the terminal is still in the alternate screen or still reports
the mouse.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from support.tmux import HEIGHT, WIDTH, Tmux, program
from test_e2e_tmux import COMMITTEE, THEME, tmux, wait_until_gone

from facilitator.store import load_session

__all__ = ["tmux"]  # the fixture, shared with the other tmux tests

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

NOTES = "Zz noter skrevet lige før"  # no letter before the space is a key of the screen


def child_of(shell_pid: int, timeout: float = 10.0) -> int:
    """The program started by the pane's shell."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = subprocess.run(
            ["pgrep", "-P", str(shell_pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        if found:
            return int(found[0])
        time.sleep(0.05)
    raise AssertionError(f"the shell {shell_pid} started nothing")


def first_file(folder: Path, pattern: str, timeout: float = 10.0) -> Path:
    """The file the program writes shortly after its first frame."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = sorted(folder.glob(pattern))
        if found:
            return found[0]
        time.sleep(0.05)
    raise AssertionError(f"no {pattern} in {folder}")


@pytest.mark.parametrize(
    ("signum", "code"),
    [
        pytest.param(signal.SIGTERM, 143, id="SIGTERM"),
        pytest.param(getattr(signal, "SIGHUP", signal.SIGTERM), 129, id="SIGHUP"),
    ],
)
def test_a_signal_saves_frees_the_lock_and_restores_the_terminal(
    tmux: Tmux, tmp_path: Path, signum: int, code: int
) -> None:
    if code == 129 and not hasattr(signal, "SIGHUP"):
        pytest.skip("this platform has no SIGHUP")
    sessions = tmp_path / "sessions"
    run = shlex.join([*program(), "run", "--committee", COMMITTEE])
    # The shell stays after the program, so the pane can be inspected.
    tmux.run(
        "new-session", "-d", "-s", "m", "-x", str(WIDTH), "-y", str(HEIGHT),
        f"{run}; echo EXIT=$?; sleep 600",
    )  # fmt: skip
    tmux.wait_for("m", THEME, COMMITTEE)
    assert tmux.run("display-message", "-p", "-t", "m", "#{alternate_on}").strip() == "1"
    path = first_file(sessions, "*.toml")
    lock = path.with_name(path.name + ".lock")
    assert lock.exists()

    # Notes typed a moment ago, not yet written by the notes timer.
    tmux.keys("m", "e")
    time.sleep(0.5)  # focus moves on the next turn of the event loop
    tmux.type("m", NOTES[:2])
    tmux.wait_for("m", NOTES[:2])  # the notes have the focus: the rest cannot trigger keys
    tmux.type("m", NOTES[2:])
    tmux.wait_for("m", NOTES)
    pid = child_of(tmux.pane_pid("m"))
    os.kill(pid, signum)
    wait_until_gone(pid)

    tmux.wait_for("m", f"EXIT={code}")
    flags = tmux.run(
        "display-message", "-p", "-t", "m",
        "#{alternate_on} #{mouse_any_flag} #{mouse_button_flag} #{mouse_standard_flag}",
    ).split()  # fmt: skip
    assert flags == ["0", "0", "0", "0"], "still in the alternate screen or reporting the mouse"
    assert not lock.exists()
    assert load_session(path).themes[0].notes == NOTES


def test_a_terminal_that_goes_away_ends_the_program(tmux: Tmux, tmp_path: Path) -> None:
    """The terminal closes under a running meeting (a window closed, an SSH link dropped): the
    program saves, frees the lock and ends; it never lives on reading a terminal that is gone."""
    sessions = tmp_path / "sessions"
    tmux.start("m", [*program(), "run", "--committee", COMMITTEE])
    tmux.wait_for("m", THEME, COMMITTEE)
    path = first_file(sessions, "*.toml")
    lock = path.with_name(path.name + ".lock")
    pid = tmux.pane_pid("m")
    time.sleep(1.0)  # up and idle, as a meeting is most of the time
    tmux.kill_server()  # the pane's terminal goes, and with it the program's
    wait_until_gone(pid, timeout=15.0)
    assert not lock.exists()
    assert load_session(path).committee == COMMITTEE
