"""Leaving while saves fail: no freeze, nothing lost without saying so, and a way out."""

from __future__ import annotations

import time
from pathlib import Path

from support import FakeTime, Meeting, fresh_session, make_meeting, text_of, type_text
from textual.pilot import Pilot
from textual.widgets import Input, Static

from facilitator.store import load_session, new_session_path, save_session
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.modals.unsaved import UnsavedOnQuit
from facilitator.tui.screens.meeting import MeetingScreen

SIZE = (100, 30)
FIRST_TEXT = "Skærmbilleder gemmes i sagen"
SECOND_TEXT = "Guiden tages op hvert år"


async def capture(pilot: Pilot[None], key: str, text: str) -> None:
    await pilot.press(key)
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


def break_the_disk(meeting: Meeting) -> None:
    """From now on every save fails: the session file's name is taken by a folder."""
    meeting.path.unlink()
    meeting.path.mkdir()


def outcomes_shown(meeting: Meeting) -> str:
    lines = meeting.app.screen.query("#outcomes .outcome").results(Static)
    return "\n".join(text_of(line) for line in lines if line.display)


async def test_a_failed_capture_says_so_and_quitting_offers_a_way_out(
    tmp_path: Path,
) -> None:
    meeting = make_meeting(tmp_path / "sessions")
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await capture(pilot, "a", FIRST_TEXT)
        assert [o.text for o in load_session(meeting.path).themes[0].outcomes] == [FIRST_TEXT]

        break_the_disk(meeting)
        await capture(pilot, "d", SECOND_TEXT)
        listed = outcomes_shown(meeting)
        # Listed, but plainly marked: it is not on disk.
        assert SECOND_TEXT in listed
        assert "not saved" in listed.split(SECOND_TEXT)[1]
        assert "not saved" not in listed.split(SECOND_TEXT)[0]

        started = time.monotonic()
        await pilot.press("ctrl+q")
        await pilot.pause()
        # The saver never waits for the screen, so the answer comes at once (it froze ~17 s).
        assert time.monotonic() - started < 5
        dialog = meeting.app.screen
        assert isinstance(dialog, UnsavedOnQuit)
        shown = "\n".join(text_of(widget) for widget in dialog.query(Static))
        assert SECOND_TEXT in shown
        assert "quit and lose 1 change" in shown

        # Retrying against the same broken disk fails again, and says so again.
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(meeting.app.screen, UnsavedOnQuit)

        rescue = tmp_path / "usb" / "rescued.toml"
        rescue.parent.mkdir()
        await pilot.press("s")
        await pilot.pause()
        field = meeting.app.screen.query_one(Input)
        field.value = str(rescue)
        await pilot.press("enter")
        await pilot.pause()
    assert meeting.app.return_code in (None, 0)
    copy = load_session(rescue)
    assert [o.text for o in copy.themes[0].outcomes] == [FIRST_TEXT, SECOND_TEXT]
    assert not meeting.path.with_name(meeting.path.name + ".lock").exists()


async def test_quit_and_lose_names_what_is_lost(tmp_path: Path) -> None:
    meeting = make_meeting(tmp_path / "sessions")
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        break_the_disk(meeting)
        await capture(pilot, "t", SECOND_TEXT)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(meeting.app.screen, UnsavedOnQuit)
        await pilot.press("q")
        await pilot.pause()
    # The command line prints these after the screen is gone, and exits 1.
    assert meeting.app.lost_changes == [f"Action: {SECOND_TEXT}"]
    assert meeting.app.return_code == 1


async def test_quit_with_everything_saved_just_leaves(tmp_path: Path) -> None:
    meeting = make_meeting(tmp_path / "sessions")
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await capture(pilot, "a", FIRST_TEXT)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert meeting.app.lost_changes == []
    assert meeting.app.return_code in (None, 0)
    assert not meeting.path.with_name(meeting.path.name + ".lock").exists()


def lock_of(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


async def test_quitting_while_a_meeting_is_still_being_opened_leaves_cleanly(
    tmp_path: Path,
) -> None:
    # ctrl+q pressed right after enter (or a SIGTERM): the meeting screen is not built yet,
    # and Textual builds nothing once the app leaves. It ended with a traceback.
    time = FakeTime()
    session = fresh_session(time)
    path = new_session_path(tmp_path, session)
    save_session(session, path)
    app = FacilitatorApp(tmp_path, monotonic=time.monotonic, wall=time.wall, bell=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_meeting(load_session(path), path)
        await app.action_quit()
    assert app.return_code == 0
    assert not lock_of(path).exists()
    assert load_session(path).committee == session.committee


async def test_notes_typed_just_before_the_program_leaves_are_saved(tmp_path: Path) -> None:
    # Leaving other than by ctrl+q (a dialog's answer, the end of a run) within the half
    # second before notes are written: they were lost.
    meeting = make_meeting(tmp_path)
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e", *"Husk kaffe")
        meeting.app.exit()
    assert load_session(meeting.path).themes[0].notes == "Husk kaffe"
    assert not lock_of(meeting.path).exists()


async def test_a_meeting_opened_in_place_of_the_first_screen_is_shown(tmp_path: Path) -> None:
    # The first screen cannot be switched away: Textual's stack was left empty and the
    # scheduled first save ended the program with ScreenStackError.
    first = make_meeting(tmp_path)
    second = fresh_session(first.time)
    second.committee = "Hovedudvalget"
    second_path = new_session_path(tmp_path, second)
    async with first.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first.app.open_meeting(second, second_path, replace=True)
        await pilot.pause()
        screen = first.app.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.path == second_path
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert first.app.return_code == 0
    assert load_session(second_path).committee == "Hovedudvalget"
    assert not lock_of(second_path).exists()
    assert not lock_of(first.path).exists()


async def test_the_first_save_does_not_lock_a_meeting_again_once_it_is_released(
    tmp_path: Path,
) -> None:
    # The first save waits for the first frame; a meeting released before then (left at
    # once) was locked again by it, and stayed locked until the program ended.
    time = FakeTime()
    session = fresh_session(time)
    path = new_session_path(tmp_path, session)
    save_session(session, path)
    app = FacilitatorApp(tmp_path, monotonic=time.monotonic, wall=time.wall, bell=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_meeting(load_session(path), path)
        app.release(path)
        await pilot.pause()
        await pilot.pause()
        assert not lock_of(path).exists()
        assert path not in app.meetings
