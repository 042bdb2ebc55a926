"""A private tmux server for the end-to-end tests and the benchmarks that drive the program.

Every server runs on its own socket (`tmux -L <unique>`), so no other tmux server, and no
other test running beside it under xdist, is touched.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

WIDTH, HEIGHT = 100, 30
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


def terminal_env(sessions: Path) -> dict[str, str]:
    """The environment of a program in tmux: a UTF-8 xterm, its own sessions folder, no nesting."""
    env = dict(os.environ)
    env.update(
        FACILITATOR_SESSIONS_DIR=str(sessions),
        TERM="xterm-256color",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
    )
    env.pop("TMUX", None)  # not nested in whatever tmux the test runner may sit in
    env.pop("FACILITATOR_LANG", None)
    return env


def benchmark_env() -> dict[str, str]:
    """The environment of the programs a benchmark measures: a UTF-8 xterm, not nested.

    PYTHONDONTWRITEBYTECODE (set on this build machine) is dropped: with it every run would
    compile the package from source, which no installed copy does (pip writes the bytecode on
    install, a checkout's first run writes it). A benchmark's warm-up runs write it here.
    """
    ignored = ("TMUX", "FACILITATOR_LANG", "PYTHONDONTWRITEBYTECODE")
    env = {key: value for key, value in os.environ.items() if key not in ignored}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    return env


class Tmux:
    """A private tmux server with one session per started command."""

    def __init__(self, env: dict[str, str], prefix: str = "facilitator-test") -> None:
        self.socket = f"{prefix}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.env = env
        self.socket_path: Path | None = None

    def run(self, *args: str, check: bool = True) -> str:
        """A tmux command on this server; its output."""
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            env=self.env,
            check=False,
            timeout=20,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def start(
        self, name: str, command: list[str], width: int = WIDTH, height: int = HEIGHT
    ) -> None:
        """Run the command in a new detached session; exec, so the pane's pid is the program."""
        self.start_shell(name, "exec " + shlex.join(command), width, height)

    def start_shell(self, name: str, shell: str, width: int = WIDTH, height: int = HEIGHT) -> None:
        """Run a shell line in a new detached session."""
        self.run("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), shell)
        if self.socket_path is None:
            found = self.run("display-message", "-p", "#{socket_path}", check=False).strip()
            self.socket_path = Path(found) if found else None

    def screen(self, name: str) -> str:
        """What the pane shows now."""
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
        """The pid of the program in the pane."""
        return int(self.run("list-panes", "-t", name, "-F", "#{pane_pid}").split()[0])

    def kill_server(self) -> None:
        """Stop the private server and remove its socket file (tmux leaves it behind)."""
        self.run("kill-server", check=False)
        if self.socket_path is not None and self.socket_path.name == self.socket:
            self.socket_path.unlink(missing_ok=True)
