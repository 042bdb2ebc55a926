"""End to end in a real terminal: the installed program in tmux, killed with SIGKILL, resumed.

tmux runs on a private socket (`tmux -L <unique>`), so no other tmux server is touched. The
program draws on stderr, so its output is never redirected.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.store import load_session

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

WIDTH, HEIGHT = 100, 30
COMMITTEE = "Lokaludvalg E2E"
THEME = "Hvad er chikane"  # the first theme of the built-in Danish guide
AGREEMENT = "Skærmbilleder gemmes i sagen"
DECISION = "Guiden tages op hvert år"
KEY_GAP = 0.15  # tmux types faster than a person; let focus moves land between keys


def program() -> list[str]:
    """The installed command: the venv's console script, else the one on PATH, else -m."""
    beside = Path(sys.executable).with_name("facilitator")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("facilitator")
    if found:
        return [found]
    return [sys.executable, "-m", "facilitator"]


class Tmux:
    """A private tmux server with one window per started command."""

    def __init__(self, env: dict[str, str]) -> None:
        self.socket = f"facilitator-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.env = env
        self.socket_path: Path | None = None

    def run(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            env=self.env,
            check=False,
            timeout=20,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def start(self, name: str, command: list[str]) -> None:
        """Run the command in a new detached session; exec, so the pane's pid is the program."""
        shell = "exec " + shlex.join(command)
        self.run("new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", str(HEIGHT), shell)
        if self.socket_path is None:
            found = self.run("display-message", "-p", "#{socket_path}", check=False).strip()
            self.socket_path = Path(found) if found else None

    def screen(self, name: str) -> str:
        return self.run("capture-pane", "-p", "-t", name, check=False)

    def wait_for(self, name: str, *texts: str, timeout: float = 20.0) -> str:
        """Poll the pane until every text shows; fail with the last screen otherwise."""
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen(name)
            if all(text in shown for text in texts):
                return shown
            time.sleep(0.05)
        raise AssertionError(f"{texts!r} did not show within {timeout} s; the screen:\n{shown}")

    def keys(self, name: str, *keys: str) -> None:
        """Press named keys (Tab, Enter, C-q...) one at a time."""
        for key in keys:
            self.run("send-keys", "-t", name, key)
            time.sleep(KEY_GAP)

    def type(self, name: str, text: str) -> None:
        """Type literal text."""
        self.run("send-keys", "-t", name, "-l", text)
        time.sleep(KEY_GAP)

    def pane_pid(self, name: str) -> int:
        return int(self.run("list-panes", "-t", name, "-F", "#{pane_pid}").split()[0])

    def kill_server(self) -> None:
        """Stop the private server and remove its socket file (tmux leaves it behind)."""
        self.run("kill-server", check=False)
        if self.socket_path is not None and self.socket_path.name == self.socket:
            self.socket_path.unlink(missing_ok=True)


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    env = dict(os.environ)
    env.update(
        FACILITATOR_SESSIONS_DIR=str(tmp_path / "sessions"),
        TERM="xterm-256color",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
    )
    env.pop("TMUX", None)  # not nested in whatever tmux the test runner may sit in
    env.pop("FACILITATOR_LANG", None)
    server = Tmux(env)
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
    shown = tmux.wait_for("resumed", THEME, AGREEMENT, DECISION, COMMITTEE)
    assert "Mia Østergaard" in shown
    tmux.keys("resumed", "C-q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "resumed" in tmux.run("ls", check=False):
        time.sleep(0.05)
    assert "resumed" not in tmux.run("ls", check=False), "ctrl+q did not end the program"
    assert not path.with_name(path.name + ".lock").exists()
    assert [o.text for o in load_session(path).themes[0].outcomes] == [AGREEMENT, DECISION]
