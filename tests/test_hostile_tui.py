"""Hostile sessions on screen: resumed, listed and searched, nothing reaches the terminal raw."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from support import FakeTime, text_of
from textual.widgets import DataTable, Static

from facilitator.store import StoreError, load_session
from facilitator.tui.app import FacilitatorApp, StartMeeting
from facilitator.tui.modals.read_only import ReadOnlyView
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.meeting import MeetingScreen

HOSTILE = Path(__file__).resolve().parent / "hostile" / "sessions"
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)


def _loadable() -> list[Path]:
    found = []
    for path in sorted(HOSTILE.glob("*.toml")):
        try:
            load_session(path)
        except StoreError:
            continue
        found.append(path)
    return found


LOADABLE = _loadable()


def screen_texts(app: FacilitatorApp) -> list[str]:
    return [text_of(widget) for widget in app.screen.query(Static)]


def test_hostile_texts_that_load_are_the_control_and_markup_files() -> None:
    names = {path.name.split("-")[0] for path in LOADABLE}
    assert {"ctrl", "markup"} <= names


# A sample: one app per file costs tens of seconds on a busy machine; every other file that
# loads goes through the same loading boundary, checked by test_hostile.py.
SAMPLE = ["ctrl-clear-in-notes.toml", "ctrl-osc52-outcome.toml", "markup-close-tag-theme.toml"]


@pytest.mark.parametrize("name", SAMPLE)
async def test_resume_a_hostile_session(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    shutil.copyfile(HOSTILE / name, path)
    session = load_session(path)
    time = FakeTime()
    app = FacilitatorApp(
        tmp_path, start=StartMeeting(session, path), monotonic=time.monotonic, wall=time.wall
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        for text in screen_texts(app):
            assert not UNSAFE.search(text), text
        # The palette lists every theme by its title: "[/]" stays text.
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        for char in "tema":
            await pilot.press(char)
        await pilot.pause(0.3)
        await pilot.press("escape")
        await pilot.press("n")
        await pilot.pause()
        for text in screen_texts(app):
            assert not UNSAFE.search(text), text
    load_session(path)  # saved again through the boundary, still a session


async def test_palette_shows_markup_in_a_theme_title_as_written(tmp_path: Path) -> None:
    path = tmp_path / "udkast.toml"
    shutil.copyfile(HOSTILE / "markup-udkast-theme.toml", path)
    session = load_session(path)
    session.current_theme = session.agenda.themes[1].id
    time = FakeTime()
    app = FacilitatorApp(
        tmp_path, start=StartMeeting(session, path), monotonic=time.monotonic, wall=time.wall
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        for char in "udkast":
            await pilot.press(char)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert session.current_theme == session.agenda.themes[0].id
        assert session.agenda.themes[0].title == "[Udkast] Hvad er chikane?"


async def test_home_lists_a_newer_session_marked_and_opens_it_read_only(tmp_path: Path) -> None:
    newer = tmp_path / "2026-03-12-lmu-sociale-medier.toml"
    shutil.copyfile(HOSTILE / "schema-quoted-99.toml", newer)
    newer.with_suffix(".md").write_text("# Referat\n\nFra en nyere version.\n", encoding="utf-8")
    shutil.copyfile(HOSTILE / "ctrl-title-committee.toml", tmp_path / "ctrl.toml")
    before = newer.read_bytes()
    app = FacilitatorApp(sessions_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(50):
            await pilot.pause(0.1)
            home = app.screen
            if isinstance(home, HomeScreen) and home.loaded:
                break
        assert isinstance(home, HomeScreen)
        table = home.query_one("#sessions", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert ["Newer version" in row[3] for row in rows].count(True) == 1
        for row in rows:
            assert not any(UNSAFE.search(cell) for cell in row), row
        index = next(i for i, row in enumerate(rows) if "Newer version" in row[3])
        table.move_cursor(row=index)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReadOnlyView)
        assert "Fra en nyere version." in text_of(app.screen.query_one("#read-only-body"))
        await pilot.press("escape")
        await pilot.pause()
    assert newer.read_bytes() == before
    assert not (tmp_path / (newer.name + ".lock")).exists()
