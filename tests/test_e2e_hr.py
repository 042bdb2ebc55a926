"""End to end for HR in a real terminal: two committees agree local guidelines, HR collects them.

Two meetings run in tmux (private socket), one committee typed as its roster alias; then the
installed program writes the guidelines (Markdown and Word), the coverage with the roster and
the calendar, and each file is read back with the library a user's program would use.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import docx
import icalendar
import pytest
from support.tmux import Tmux, program
from test_e2e_tmux import tmux  # noqa: F401 - the fixture is used by name

pytestmark = [pytest.mark.tmux]

# The theme's title as far as it stays on one line of the theme panel at 100 columns.
THEME = "Lokale retningslinjer for brug af"
STEPS_TO_THEME = 15  # the 13th theme of the built-in guide, after three standing items
TAB_SETTLE = 0.6  # on a loaded machine a tab right after typing can be lost
ROSTER = """\
schema = 1

[[committees]]
name = "LMU Børneby Nord"
aliases = ["Børneby Nord"]

[[committees]]
name = "LMU Skole Øst"

[[committees]]
name = "LMU Naturskolen"
"""


def hold_meeting(server: Tmux, name: str, committee: str, agreement: str) -> None:
    """Run a meeting, go to the local-guidelines theme, capture a dated agreement, leave."""
    server.start(name, [*program(), "run", "--committee", committee])
    server.wait_for(name, committee)
    server.keys(name, "space")
    for _ in range(STEPS_TO_THEME):
        server.keys(name, "n")
    server.wait_for(name, THEME)
    server.keys(name, "a")
    server.wait_for(name, "Aftale ·")
    # Each field shows what was typed before tab moves on: on a busy machine keys typed in one
    # burst can otherwise reach the dialog as one paste.
    server.type(name, agreement)
    server.wait_for(name, agreement)
    server.keys(name, "Tab")
    time.sleep(TAB_SETTLE)
    server.type(name, "Leder Lund")
    server.wait_for(name, "Leder Lund")
    server.keys(name, "Tab")
    time.sleep(TAB_SETTLE)
    server.type(name, "+30d")
    server.wait_for(name, "→")
    server.keys(name, "Enter")
    server.wait_for(name, f"Aftale: {agreement}")
    server.keys(name, "C-q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and name in server.run("ls", check=False):
        time.sleep(0.05)
    assert name not in server.run("ls", check=False), "ctrl+q did not end the program"


def cli(sessions: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*program(), "--sessions-dir", str(sessions), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )


def test_two_committees_agree_and_hr_collects_their_guidelines(
    tmux: Tmux,  # noqa: F811 - the fixture
    tmp_path: Path,
) -> None:
    sessions = tmp_path / "sessions"
    sessions.mkdir(mode=0o700)
    (sessions / "committees.toml").write_text(ROSTER, encoding="utf-8")
    hold_meeting(tmux, "nord", "Børneby Nord", "Ingen borgere som venner på Facebook")
    hold_meeting(tmux, "oest", "LMU Skole Øst", "Elevers opslag tages op med forældrene")

    markdown = cli(sessions, "guidelines", "--committee", "LMU Børneby Nord")
    assert markdown.returncode == 0, markdown.stderr
    assert "# Lokale retningslinjer for sociale medier – LMU Børneby Nord" in markdown.stdout
    assert "Ingen borgere som venner på Facebook" in markdown.stdout
    assert "Elevers opslag" not in markdown.stdout  # only its own
    assert "committees.toml" not in markdown.stderr  # the roster is not a broken session

    word = tmp_path / "retningslinjer.docx"
    result = cli(
        sessions, "guidelines", "--committee", "Børneby Nord", "--format", "docx", "-o", str(word)
    )
    assert result.returncode == 0, result.stderr
    paragraphs = [p.text for p in docx.Document(str(word)).paragraphs]
    assert paragraphs[0] == "Lokale retningslinjer for sociale medier – LMU Børneby Nord"
    assert any("Ingen borgere som venner på Facebook" in text for text in paragraphs)

    coverage = cli(sessions, "coverage", "--format", "json")
    assert coverage.returncode == 0, coverage.stderr
    committees = {item["committee"]: item for item in json.loads(coverage.stdout)}
    assert sorted(committees) == ["LMU Børneby Nord", "LMU Naturskolen", "LMU Skole Øst"]
    assert committees["LMU Børneby Nord"]["sessions"] == 1  # the alias, under its roster name
    assert committees["LMU Naturskolen"]["started"] is False
    table = cli(sessions, "coverage")
    assert "ikke startet" in table.stdout

    ics = tmp_path / "frister.ics"
    result = cli(sessions, "calendar", "-o", str(ics))
    assert result.returncode == 0, result.stderr
    events = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert sorted(str(event["summary"]) for event in events) == [
        "Elevers opslag tages op med forældrene",
        "Ingen borgere som venner på Facebook",
    ]
    assert all("Udvalg: LMU " in str(event["description"]) for event in events)
