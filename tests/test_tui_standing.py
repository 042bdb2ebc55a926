"""The meeting screen with the MED standing items: each is one line of the agenda panel."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import fresh_session, make_meeting, text_of

from facilitator.standing import add_standing_items


def agenda_lines(meeting: object) -> list[str]:
    screen = meeting.app.screen  # type: ignore[attr-defined]
    return [line.rstrip() for line in text_of(screen.query_one("#agenda-lines")).splitlines()]


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 45)])
async def test_each_standing_item_is_one_numbered_line(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    session = fresh_session()
    add_standing_items(session)
    meeting = make_meeting(tmp_path / "sessions", session=session)
    async with meeting.app.run_test(size=size) as pilot:
        await pilot.pause()
        meeting.app.screen.tick()  # type: ignore[attr-defined]
        await pilot.pause()
        lines = agenda_lines(meeting)
        for word in ("Godkendelse af d", "Meddelelser", "Eventuelt", "Næste møde"):
            assert len([line for line in lines if word in line]) == 1, (word, lines)
        # The current item: numbered like a section, marked like a theme, with its timebox.
        assert lines[0].startswith("▶ 1 Godkendelse af d") and lines[0].endswith(" 2")
        assert next(line for line in lines if "Eventuelt" in line).split() == [
            "8",
            "Eventuelt",
            "5",
        ]
        # The paper's sections still head their themes.
        assert "4 Definition" in lines[3] and "Hvad er chikane" in lines[4]
        await pilot.press("n")
        await pilot.pause()
        lines = agenda_lines(meeting)
        assert lines[1].startswith("▶ 2 Godkendelse af r") and lines[1].endswith(" 3")
        assert lines[0].startswith("  1 Godkendelse af d")
