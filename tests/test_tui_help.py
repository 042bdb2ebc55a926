"""The help screen: every key of the screen below it and of the whole program."""

from __future__ import annotations

import re
from pathlib import Path

from rich.console import Console
from support import top, wall
from textual.widgets import Static

from facilitator.agenda import Agenda
from facilitator.i18n import set_language
from facilitator.session import Session
from facilitator.tui.app import FacilitatorApp, StartMeeting
from facilitator.tui.screens.help import HelpScreen, collect_rows
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.meeting import MeetingScreen


def help_text(screen: HelpScreen) -> str:
    """The help as a person reads it: plain text, two columns."""
    console = Console(width=96, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(screen.query_one("#help-keys-table", Static).content)
    return console.export_text()


def key_line(text: str, key: str) -> str:
    """The line whose key column is exactly `key` (or starts `key / ...`)."""
    pattern = re.compile(rf"^{re.escape(key)}( / \S+)*\s{{2,}}\S", re.MULTILINE)
    match = pattern.search(text)
    assert match, f"no line for {key!r} in:\n{text}"
    end = text.find("\n", match.start())
    return text[match.start() : end]


async def test_help_lists_every_key_of_the_meeting_screen(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    session = Session.new("LMU Nord", sample_agenda)
    start = StartMeeting(session, tmp_path / "meeting.toml")
    app = FacilitatorApp(sessions_dir=tmp_path, start=start, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(top(app), MeetingScreen)
        await pilot.press("f1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        text = help_text(screen)
        assert "Start or pause the meeting clock" in key_line(text, "space")
        assert "End the meeting" in key_line(text, "ctrl+e")
        assert "Next theme" in key_line(text, "n")
        assert "+ / =" in text and "Re-plan" in key_line(text, "r")
        # Hidden keys are there too, and the program-wide ones in their own group.
        assert "Bell" in key_line(text, "b")
        assert text.index("This screen") < text.index("Everywhere")
        assert "Leave; everything is saved" in key_line(text, "ctrl+q")
        assert "Every key of this screen" in key_line(text, "f1")
        assert "Next field" in key_line(text, "tab")
        # What the agenda's marks and the clock's phases mean.
        assert "✓ dealt with" in text and "▶ current" in text and "↷ skipped" in text
        assert "OVERTIME" in text
        # Keys that do nothing on this theme are dimmed, and the help says what that means.
        rows = {tuple(row.keys): row for row in collect_rows(screen.target)}
        assert not rows[("m",)].available and rows[("space",)].available
        assert "Dimmed keys work only where they apply" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(top(app), MeetingScreen)
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(top(app), MeetingScreen)


async def test_help_on_the_home_screen(tmp_path: Path) -> None:
    app = FacilitatorApp(sessions_dir=tmp_path, wall=wall)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(top(app), HomeScreen)
        await pilot.press("f1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        text = help_text(screen)
        assert "New meeting" in key_line(text, "n")
        assert "Agreements register" in key_line(text, "g")
        assert "Reload" in key_line(text, "r")
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(top(app), HomeScreen)


async def test_language_chosen_after_the_screens_are_imported(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    # This module imported the whole TUI at the top, in English; Danish is chosen only now.
    set_language("da")
    session = Session.new("LMU Nord", sample_agenda)
    app = FacilitatorApp(sessions_dir=tmp_path, start=StartMeeting(session, tmp_path / "m.toml"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = top(app)
        assert isinstance(screen, MeetingScreen)
        footer = {binding.id: binding.description for _key, binding in screen._bindings}
        assert footer["decision"] == "Beslutning" and footer["toggle_clock"] == "Start/pause"
        # The hint under the outcomes is made from the same bindings, key and word.
        outcomes = screen.query_one("#outcomes", Static).render()
        assert str(outcomes) == (
            "Intet endnu: d beslutning · a aftale · t handling · o åbent spørgsmål"
        )
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        text = help_text(help_screen)
        assert "Tilføj en beslutning til det aktuelle tema" in key_line(text, "d")
        assert "d a t o noterer en beslutning" in text
        assert "escape, f1 eller q lukker" in str(
            help_screen.query_one("#help-close", Static).render()
        )
