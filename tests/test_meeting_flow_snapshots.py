"""Snapshots of the chair's meeting (issue 10) at 80x24, 100x30 and 200x50, frozen fake clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from support import START, FakeTime, make_meeting
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


def settled(time: FakeTime, seconds: float, *keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("space")
        time.advance(seconds)
        pilot.app.screen.tick()  # type: ignore[attr-defined]
        if keys:
            await pilot.press(*keys)
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
    keys = ("s", *"HR deltager", "tab")
    assert snap_compare(app, terminal_size=size, run_before=settled(time, 60, *keys))
