"""Text and tab sent in one burst (tmux send-keys, automation, a fast typist) fill each field.

Every key here is posted before the app has handled the one before (see `type_text`), so a
tab must move the focus before the keys after it are routed to a field.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support import Meeting, make_meeting, sample_agenda, type_text, wall
from textual.widgets import Input

from facilitator.store import load_session
from facilitator.tui.app import FacilitatorApp, StartSetup


@pytest.fixture
def meeting(tmp_path: Path) -> Meeting:
    return make_meeting(tmp_path / "sessions")


async def test_an_outcome_typed_in_one_burst_lands_field_by_field(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert type(meeting.app.screen).__name__ == "OutcomeDialog"
        await type_text(pilot, "Ring til Bo\tAnne Æbelø\t1.3.2027")
        fields = [field.value for field in meeting.app.screen.query(Input)]
        assert fields == ["Ring til Bo", "Anne Æbelø", "1.3.2027"]
        await pilot.press("enter")
        await pilot.pause()
    assert meeting.app.flush(5)
    [outcome] = load_session(meeting.path).themes[0].outcomes
    assert (outcome.text, outcome.owner, outcome.due) == (
        "Ring til Bo",
        "Anne Æbelø",
        date(2027, 3, 1),
    )


async def test_reasons_typed_in_one_burst_go_to_their_own_themes(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert type(meeting.app.screen).__name__ == "CoverageCheck"
        await type_text(pilot, "Udsat\tTages op i juni\tIkke nået")
        first, second, third = list(meeting.app.screen.query(Input))[:3]
        assert (first.value, second.value, third.value) == ("Udsat", "Tages op i juni", "Ikke nået")
        assert third.has_focus


async def test_the_new_meeting_form_typed_in_one_burst(tmp_path: Path) -> None:
    app = FacilitatorApp(sessions_dir=tmp_path, start=StartSetup(sample_agenda()), wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.screen.query_one("#committee", Input).has_focus
        await type_text(pilot, "LMU Nord\tMødelokale 2\t")
        form = app.screen
        assert form.query_one("#committee", Input).value == "LMU Nord"
        assert form.query_one("#place", Input).value == "Mødelokale 2"
        assert not form.query_one("#place", Input).has_focus
