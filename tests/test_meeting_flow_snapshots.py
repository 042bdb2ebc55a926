"""Snapshots of the chair's meeting (issue 10) at 80x24, 100x30 and 200x50, frozen fake clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from support import START, FakeTime, Typed, make_meeting, press_keys
from test_tui_snapshots import FIRST, meeting_under_way, no_blinking
from textual.pilot import Pilot

from facilitator.i18n import set_language

SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def many_outcomes(tmp_path: Path, count: int) -> tuple[Any, FakeTime]:
    time = FakeTime()
    session = meeting_under_way(time)
    for number in range(4, count + 1):
        outcome = session.add_outcome(FIRST, "decision", f"Decision number {number}")
        outcome.id = f"b{number:011d}"
        outcome.created = START + timedelta(minutes=number)
    return make_meeting(tmp_path / "sessions", time, session).app, time


def settled(
    time: FakeTime, seconds: float, *keys: str | Typed
) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("space")
        time.advance(seconds)
        pilot.app.screen.tick()  # type: ignore[attr-defined]
        await press_keys(pilot, *keys)
        await pilot.pause(0.4)  # the outcome list is fitted once laid out
        no_blinking(pilot)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize(
    "size",
    [
        pytest.param((80, 24), id="80x24"),
        pytest.param((100, 30), id="100x30"),
        pytest.param((200, 50), id="200x50"),
    ],
)
def test_fourteen_outcomes_show_the_newest(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    app, time = many_outcomes(tmp_path, 14)
    assert snap_compare(app, terminal_size=size, run_before=settled(time, 5 * 60))


@pytest.mark.parametrize(
    "size", [pytest.param((80, 24), id="80x24"), pytest.param((100, 30), id="100x30")]
)
def test_set_aside_dialog(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    app, time = many_outcomes(tmp_path, 3)
    keys = ("s", Typed("HR deltager"), "tab")
    assert snap_compare(app, terminal_size=size, run_before=settled(time, 60, *keys))


def ended_with_leftovers(folder: Path) -> None:
    """An ended meeting on disk: one theme postponed, one never reached, one agreement."""
    from support import CET, sample_agenda, sample_participants

    from facilitator.session import Session
    from facilitator.store import save_session

    session = Session.new("Lokaludvalg Børneby Nord", sample_agenda())
    session.started = START.astimezone(CET) - timedelta(days=14)
    session.participants = sample_participants()
    for record in session.themes:
        record.state, record.seconds = "done", 300.0
    postponed, never = session.themes[1], session.themes[4]
    postponed.state, postponed.reason = "postponed", "HR deltager næste gang"
    never.state, never.seconds = "pending", 0.0
    session.add_outcome(session.themes[0].theme_id, "agreement", "Kontaktliste opdateres", "Mia")
    session.ended = session.started + timedelta(hours=2)
    folder.mkdir(parents=True, exist_ok=True)
    save_session(session, folder / "2026-02-16-lokaludvalg.toml")


@pytest.mark.parametrize(
    "size", [pytest.param((80, 24), id="80x24"), pytest.param((100, 30), id="100x30")]
)
def test_followup_form(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    from facilitator.tui.app import FacilitatorApp

    folder = tmp_path / "sessions"
    ended_with_leftovers(folder)
    time = FakeTime()
    app = FacilitatorApp(sessions_dir=folder, wall=time.wall, monotonic=time.monotonic)

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        # The carried themes, at the bottom of the form.
        pilot.app.screen.query_one("#setup-form").scroll_end(animate=False, immediate=True)
        no_blinking(pilot)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
