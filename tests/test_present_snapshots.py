"""SVG snapshots of the presenter view at 80x24 and on a projector-sized 160x45 terminal.

Synchronous on purpose: `snap_compare` runs its own event loop. Update the baselines with
`pytest tests/test_present_snapshots.py --snapshot-update` and look at every changed SVG.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from test_present import Meeting, Wall, settle
from textual.pilot import Pilot

from facilitator.agenda import Agenda
from facilitator.i18n import set_language
from facilitator.tui.present.app import PresenterApp

SnapCompare = Callable[..., bool]
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 45), id="160x45")]


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def running_meeting(folder: Path, agenda: Agenda, wall: Wall) -> Meeting:
    """Seven and a half minutes into the second theme, two outcomes captured on it."""
    meeting = Meeting(folder, agenda, wall)
    meeting.clock.start()
    wall.elapsed = 18 * 60
    meeting.clock.next()
    theme = meeting.session.current_theme
    meeting.session.add_outcome(theme, "agreement", "Skærmbilleder gemmes i sagen", "Mia")
    meeting.session.add_outcome(
        theme, "action", "Risici skrives ind i APV'en", "Jens", date(2026, 4, 1)
    )
    wall.elapsed += 7 * 60 + 30
    meeting.save()
    return meeting


def looked(app: PresenterApp) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(app, pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_presenter_running(
    snap_compare: SnapCompare, tmp_path: Path, sample_agenda: Agenda, size: tuple[int, int]
) -> None:
    wall = Wall()
    meeting = running_meeting(tmp_path, sample_agenda, wall)
    app = PresenterApp(tmp_path, meeting.path, wall=wall)
    assert snap_compare(app, terminal_size=size, run_before=looked(app))


@pytest.mark.parametrize("size", SIZES)
def test_presenter_between_themes(
    snap_compare: SnapCompare, tmp_path: Path, sample_agenda: Agenda, size: tuple[int, int]
) -> None:
    wall = Wall()
    meeting = running_meeting(tmp_path, sample_agenda, wall)
    meeting.clock.pause()
    meeting.save()
    app = PresenterApp(tmp_path, meeting.path, wall=wall)
    assert snap_compare(app, terminal_size=size, run_before=looked(app))
