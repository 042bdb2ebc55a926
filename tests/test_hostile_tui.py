"""Hostile sessions on screen: resumed, listed and searched, nothing reaches the terminal raw."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from support import FakeTime, drawn, text_of, type_text
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static, TextArea

from facilitator.session import REVIEW_THEME_ID, Session
from facilitator.store import StoreError, load_session
from facilitator.tui.app import FacilitatorApp, StartMeeting
from facilitator.tui.modals.read_only import ReadOnlyView
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.meeting import MeetingScreen
from facilitator.tui.screens.minutes import MinutesScreen

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


def test_hostile_texts_that_load_are_the_control_and_markup_files() -> None:
    names = {path.name.split("-")[0] for path in LOADABLE}
    assert {"ctrl", "markup"} <= names


# What each markup file must show as written (markup read as markup hides or restyles it).
SHOWN_AS_WRITTEN = {
    "markup-bold-outcome.toml": "[bold red]HUSK[/bold red] [link=x]",
    "markup-close-tag-committee.toml": "LMU [/] Nord",
    "markup-close-tag-theme.toml": "Tema [/] slut",
    "markup-notes-owner.toml": "[i]Mia[/i]",
    "markup-section-title.toml": "[/][b]Definition",
    "markup-udkast-theme.toml": "[Udkast] Hvad er chikane?",
}


def shown_texts(app: FacilitatorApp) -> list[str]:
    """Every text a widget of the current screen shows: labels, notes, table cells, border
    titles, toasts."""
    texts = []
    for widget in app.screen.query("*"):
        if isinstance(widget, Static):
            texts.append(text_of(widget))
        elif isinstance(widget, TextArea):
            texts.append(widget.text)
        elif isinstance(widget, DataTable):
            texts.extend(
                str(cell) for row in range(widget.row_count) for cell in widget.get_row_at(row)
            )
        texts.extend(str(title) for title in (widget.border_title, widget.border_subtitle) if title)
    return texts


def assert_clean(app: FacilitatorApp, where: str) -> None:
    for text in shown_texts(app):
        assert not UNSAFE.search(text), (where, text)


async def search_palette(pilot: Pilot[None], query: str, choose: bool = False) -> list[str]:
    """Type in the command palette, wait (polling, no fixed sleep) for its matches; then
    choose the first (`choose`) or close the palette."""
    await pilot.press("ctrl+p")
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    await type_text(pilot, query)
    options = palette.query_one(OptionList)
    for _ in range(200):
        await pilot.pause()
        if options.option_count:
            break
    found = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    await pilot.press("enter" if choose else "escape")
    return found


def test_every_markup_file_loads_and_is_checked_on_screen() -> None:
    assert set(SHOWN_AS_WRITTEN) == {p.name for p in LOADABLE if p.name.startswith("markup-")}


def themes_with_content(session: Session) -> list[str]:
    """The themes whose screen shows something of the file beyond the built-in guide.

    The hostile files change the first theme of the agenda (titles, prompts, its section),
    the records' notes and outcomes, and the follow-up's reviews; the other themes show only
    the guide, so visiting them would cost time and test nothing more.
    """
    wanted = {session.agenda.themes[0].id}
    wanted.update(record.theme_id for record in session.themes if record.notes or record.outcomes)
    if session.reviews:
        wanted.add(REVIEW_THEME_ID)
    return [record.theme_id for record in session.themes if record.theme_id in wanted]


# The files whose section or theme titles are hostile: the palette lists themes by them
# ("[Udkast]" has its own palette test below).
SEARCHED = {"ctrl-theme-title.toml", "markup-close-tag-theme.toml", "markup-section-title.toml"}


@pytest.mark.parametrize("name", [path.name for path in LOADABLE])
async def test_resume_a_hostile_session(name: str, tmp_path: Path) -> None:
    """Every session that loads is resumed: shown, stepped through, left with ctrl+q, clean."""
    path = tmp_path / name
    shutil.copyfile(HOSTILE / name, path)
    started = time.monotonic()
    session = load_session(path)
    clock = FakeTime()
    app = FacilitatorApp(
        tmp_path,
        start=StartMeeting(session, path),
        monotonic=clock.monotonic,
        wall=clock.wall,
        bell=False,
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        # An ended meeting resumes on its minutes, to correct and export them.
        assert isinstance(screen, MinutesScreen if session.ended else MeetingScreen)
        assert_clean(app, "resumed")
        if isinstance(screen, MeetingScreen):
            # Each theme showing the file's texts, as the palette's jump shows it.
            for theme_id in themes_with_content(session):
                screen.goto(theme_id)
                assert_clean(app, theme_id)
            screen.goto(session.agenda.themes[0].id)
            await pilot.pause()
        on_screen = drawn(app)
        assert not UNSAFE.search(on_screen)
        if name in SHOWN_AS_WRITTEN:
            assert SHOWN_AS_WRITTEN[name] in on_screen + screen.query_one(TextArea).text
        if isinstance(screen, MeetingScreen):
            await pilot.press("n")  # a key, as a chair would: the next theme, saved
            await pilot.pause()
            assert_clean(app, "after n")
        if name in SEARCHED:
            # Markup in a title stays text in the palette, and controls never show.
            matches = await search_palette(pilot, "tema")
            assert matches
            for match in matches:
                assert not UNSAFE.search(match), match
        assert app.screen is screen
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert time.monotonic() - started < 15
    assert not (tmp_path / (name + ".lock")).exists()
    # Saved again through the boundary: still a session, and clean.
    assert not UNSAFE.search(path.read_text(encoding="utf-8"))
    load_session(path)


async def test_palette_shows_markup_in_a_theme_title_as_written(tmp_path: Path) -> None:
    path = tmp_path / "udkast.toml"
    shutil.copyfile(HOSTILE / "markup-udkast-theme.toml", path)
    session = load_session(path)
    session.current_theme = session.agenda.themes[1].id
    clock = FakeTime()
    app = FacilitatorApp(
        tmp_path, start=StartMeeting(session, path), monotonic=clock.monotonic, wall=clock.wall
    )
    async with app.run_test(size=(100, 30)) as pilot:
        matches = await search_palette(pilot, "udkast", choose=True)
        assert any("[Udkast] Hvad er chikane?" in match for match in matches)
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


async def test_home_lists_the_hostile_folder_cleanly_and_refuses_each_damaged_file(
    tmp_path: Path,
) -> None:
    """The home screen over every hostile session: what it lists is clean, and opening a file
    that cannot be loaded says so in one line naming it, and stays on the home screen."""
    for source in HOSTILE.glob("*.toml"):
        shutil.copyfile(source, tmp_path / source.name)
    loadable = {path.name for path in LOADABLE}
    app = FacilitatorApp(sessions_dir=tmp_path)
    said: list[str] = []
    notify = app.notify

    def spy(message: str, **options: Any) -> None:
        said.append(message)
        notify(message, **options)

    app.notify = spy  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            await pilot.pause()
            home = app.screen
            if isinstance(home, HomeScreen) and home.loaded:
                break
        assert isinstance(home, HomeScreen) and home.loaded
        listing: HomeScreen = home
        assert_clean(app, "home")
        table = listing.query_one("#sessions", DataTable)
        refused = 0
        for row, info in enumerate(listing.infos):
            if info.path.name in loadable or info.newer_schema:
                continue
            table.move_cursor(row=row)
            listing.action_open()
            refused += 1
            assert app.screen is listing, info.path.name
            assert said[-1].startswith(str(info.path)), said[-1]
            assert "\n" not in said[-1] and not UNSAFE.search(said[-1]), said[-1]
        assert refused >= 20  # damaged files with a readable head are listed, and refused
        await pilot.pause()
        assert_clean(app, "toasts")
    assert not list(tmp_path.glob("*.lock"))
