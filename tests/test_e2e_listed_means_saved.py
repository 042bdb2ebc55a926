"""Listed on screen means saved, on a busy laptop: an outcome that shows is in the file.

A session of 1,000 outcomes (the save takes tens of milliseconds), two processes burning the
processor beside it, and five times: capture an agreement, SIGKILL the program the moment the
agreement shows in the list, and read the file. Every one of the five must be there.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from support.tmux import Tmux, program
from test_e2e_tmux import tmux, wait_until_gone

from facilitator.agenda import load_agenda
from facilitator.session import Session
from facilitator.store import load_session, save_session

__all__ = ["tmux"]  # the fixture, shared with the other tmux tests

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

AGENDA = Path(__file__).resolve().parent.parent / "agendas" / "sociale-medier.toml"
ROUNDS = 5


def big_session(folder: Path) -> Path:
    """A meeting with 1,000 outcomes on the themes after the first, which is current."""
    session = Session.new("LMU Tusind", load_agenda(AGENDA))
    later = [record.theme_id for record in session.themes[1:]]
    for number in range(1000):
        session.add_outcome(
            later[number % len(later)],
            "agreement",
            f"Aftale nummer {number} om arbejdsgange og dokumentation af chikane",
            "Mia Østergaard",
            date(2026, 5, 1),
        )
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / "2026-03-12-lmu-tusind-sociale-medier.toml"
    save_session(session, path)
    return path


class Burners:
    """Two processes that keep both processors of a small laptop busy, held while not needed."""

    def __init__(self) -> None:
        self.processes = [
            subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)
        ]

    def hold(self) -> None:
        """Stop burning (SIGSTOP), so what the test does not measure goes at normal speed."""
        for process in self.processes:
            process.send_signal(signal.SIGSTOP)

    def burn(self) -> None:
        """Burn again (SIGCONT)."""
        for process in self.processes:
            process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        for process in self.processes:
            process.kill()
            process.wait()


@pytest.fixture
def busy() -> Iterator[Burners]:
    """Two processes burning both processors (held with `hold`, resumed with `burn`)."""
    burners = Burners()
    try:
        yield burners
    finally:
        burners.stop()


def test_an_agreement_listed_is_in_the_file_even_when_killed_at_once(
    tmux: Tmux, tmp_path: Path, busy: Burners
) -> None:
    path = big_session(tmp_path / "sessions")
    for round_ in range(ROUNDS):
        text = f"Runde {round_}: skærmbilleder gemmes i sagen"
        name = f"round{round_}"
        # The program starts and reads the 1,000 outcomes at normal speed (the start is not
        # what this test is about, and under two burners it took most of a minute); from the
        # capture to the kill both processors are busy.
        busy.hold()
        tmux.start(name, [*program(), "resume", str(path)])
        tmux.wait_for(name, "LMU Tusind", timeout=60)
        busy.burn()
        tmux.keys(name, "a")
        tmux.wait_for(name, "Aftale ·", timeout=30)  # the dialog has the focus
        tmux.type(name, text)
        tmux.keys(name, "Enter")
        # The moment it is listed, the program dies: nothing may still be on its way.
        tmux.wait_for(name, f"Aftale: {text}", timeout=30)
        pid = tmux.pane_pid(name)
        os.kill(pid, signal.SIGKILL)
        wait_until_gone(pid)
        session = load_session(path)
        saved = [outcome.text for outcome in session.themes[0].outcomes]
        assert saved[-1:] == [text], f"round {round_}: listed but not in the file: {saved}"
        assert len(session.outcomes()) == 1001 + round_, "an earlier outcome was lost"
    assert len(load_session(path).outcomes()) == 1000 + ROUNDS
