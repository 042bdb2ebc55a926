"""SVG snapshots of the key screens at 80x24 and 120x40, on a frozen fake clock.

Synchronous on purpose: `snap_compare` runs its own event loop. Update the baselines with
`pytest tests/test_tui_snapshots.py --snapshot-update` and look at every changed SVG.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from support import START, FakeTime, Typed, fresh_session, make_meeting, press_keys
from textual.pilot import Pilot
from textual.widgets import Input

from facilitator.session import OutcomeKind, Session
from facilitator.store import new_session_path, save_session
from facilitator.tui.screens.meeting import MeetingScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
FIRST = "hvad-er-chikane"

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[Any]], Awaitable[None]]


def meeting_under_way(time: FakeTime) -> Session:
    """The sample meeting with outcomes and notes on the first theme; fixed ids and times."""
    session = fresh_session(time)
    created = START + timedelta(minutes=4)
    captured: list[tuple[OutcomeKind, str, str, date | None]] = [
        ("decision", "Guiden tages op hvert år i LMU", "", None),
        ("agreement", "Skærmbilleder gemmes i sagen", "Mia Østergaard", date(2026, 12, 9)),
        ("action", "Lav en tjekliste til nye medarbejdere", "Søren Ågård", date(2026, 4, 1)),
    ]
    for index, (kind, text, owner, due) in enumerate(captured):
        outcome = session.add_outcome(FIRST, kind, text, owner, due)
        outcome.id = f"a{index:011d}"
        outcome.created = created + timedelta(minutes=index)
    session.set_notes(FIRST, "Grænsen mellem kritik og chikane.\nSærligt jobcentret er udsat.")
    return session


def no_blinking(pilot: Pilot[Any]) -> None:
    """A blinking cursor would make the picture depend on when it was taken."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


def clock_at(time: FakeTime, seconds: float, *keys: str | Typed) -> RunBefore:
    """Start the clock, let `seconds` pass on the fake clock, press keys, redraw."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("space")
        time.advance(seconds)
        screen = pilot.app.screen
        assert isinstance(screen, MeetingScreen)
        screen.tick()
        await press_keys(pilot, *keys)
        await pilot.pause()
        if hasattr(pilot.app.screen, "tick"):
            screen = pilot.app.screen
        assert isinstance(screen, MeetingScreen)
        screen.tick()
        no_blinking(pilot)
        await pilot.pause()

    return run_before


def meeting_app(tmp_path: Path) -> tuple[Any, FakeTime]:
    time = FakeTime()
    meeting = make_meeting(tmp_path / "sessions", time, meeting_under_way(time))
    return meeting.app, time


# -- the meeting screen -----------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_meeting_running(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    app, time = meeting_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=clock_at(time, 7 * 60 + 30))


def test_meeting_running_100x30(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """The size of the sketch in DESIGN.md."""
    app, time = meeting_app(tmp_path)
    assert snap_compare(app, terminal_size=(100, 30), run_before=clock_at(time, 7 * 60 + 30))


@pytest.mark.parametrize("size", SIZES)
def test_meeting_warning(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    app, time = meeting_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=clock_at(time, 19 * 60))


@pytest.mark.parametrize("size", SIZES)
def test_meeting_overtime(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    app, time = meeting_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=clock_at(time, 23 * 60 + 5))


@pytest.mark.parametrize("size", SIZES)
def test_meeting_obligation_theme(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    app, time = meeting_app(tmp_path)
    run_before = clock_at(time, 60, "n", "n", "n", "n")
    assert snap_compare(app, terminal_size=size, run_before=run_before)


# -- dialogs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_outcome_dialog(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    app, time = meeting_app(tmp_path)
    keys: list[str | Typed] = [
        "a",
        Typed("Risici skrives ind i APV'en"),
        "tab",
        Typed("Jens Kjær"),
        "tab",
        Typed("+14d"),
    ]
    assert snap_compare(app, terminal_size=size, run_before=clock_at(time, 5 * 60, *keys))


@pytest.mark.parametrize("size", SIZES)
def test_outcome_dialog_refuses_a_bad_date(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    app, time = meeting_app(tmp_path)
    keys: list[str | Typed] = [
        "t",
        Typed("Opdatér kontaktlisten"),
        "tab",
        "tab",
        Typed("31.2.2026"),
        "enter",
    ]
    assert snap_compare(app, terminal_size=size, run_before=clock_at(time, 5 * 60, *keys))


@pytest.mark.parametrize("size", SIZES)
def test_coverage_check(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    app, time = meeting_app(tmp_path)
    keys: list[str | Typed] = ["ctrl+e", Typed("Udsat til næste møde")]
    assert snap_compare(app, terminal_size=size, run_before=clock_at(time, 25 * 60, *keys))


@pytest.mark.parametrize("size", SIZES)
def test_replan_dialog(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    app, time = meeting_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=clock_at(time, 40 * 60, "r"))


# -- home and minutes --------------------------------------------------------------------------


def _finished(session: Session, minutes: int) -> Session:
    assert session.started is not None
    for record in session.themes[:4]:
        record.state = "done"
        record.seconds = record.timebox * 60.0
    session.record("risikosituationer").notes = "Jobcentret og borgerservice er mest udsatte."
    session.record("lokale-temaer").uncovered_reason = "Tages op på næste møde"
    session.current_theme = session.themes[3].theme_id
    session.ended = session.started + timedelta(minutes=minutes)
    return session


def _session_files(folder: Path) -> list[Path]:
    """Three meetings of three committees: one under way, one ended, one approved."""
    paths = []
    specs = [
        ("Lokaludvalg Børneby Nord", date(2026, 3, 12), "in-progress"),
        ("LMU Ældreplejen Syd", date(2026, 2, 24), "ended"),
        ("Lokaludvalg Jobcenter", date(2026, 1, 15), "approved"),
    ]
    for number, (committee, day, state) in enumerate(specs):
        time = FakeTime(start=START.replace(year=day.year, month=day.month, day=day.day))
        session = meeting_under_way(time)
        session.id = f"5e55{number:08d}"
        session.committee = committee
        session.started = time.wall()
        if state != "in-progress":
            _finished(session, 95)
        if state == "approved":
            session.approve("Anne Æbelø", at=time.wall() + timedelta(days=7))
        path = new_session_path(folder, session)
        save_session(session, path)
        mtime = time.wall().timestamp()
        os.utime(path, (mtime, mtime))
        paths.append(path)
    return paths


@pytest.mark.parametrize("size", SIZES)
def test_home(
    snap_compare: SnapCompare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: Any
) -> None:
    from facilitator.tui.app import FacilitatorApp, StartHome

    # The home screen shows the sessions folder: a relative name keeps tmp_path out of it.
    monkeypatch.chdir(tmp_path)
    folder = Path("sessions")
    _session_files(folder)
    time = FakeTime()
    app = FacilitatorApp(folder, StartHome(), time.monotonic, time.wall, bell=False)

    async def run_before(pilot: Pilot[Any]) -> None:
        for _ in range(100):
            await pilot.pause(0.02)
            if getattr(pilot.app.screen, "loaded", False):
                break
        assert getattr(pilot.app.screen, "loaded", False), "the session list never loaded"
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_minutes(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    time = FakeTime()
    session = meeting_under_way(time)
    session.started = START
    session.add_outcome(
        "risikosituationer", "agreement", "Risici skrives ind i APV'en", "Jens", date(2026, 5, 1)
    ).id = "b00000000001"
    for outcome in session.outcomes():
        outcome[1].created = START + timedelta(minutes=30)
    _finished(session, 95)
    meeting = make_meeting(tmp_path / "sessions", time, session)

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause(0.3)  # the Markdown minutes render in the background

    assert snap_compare(meeting.app, terminal_size=size, run_before=run_before)
