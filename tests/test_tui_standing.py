"""The meeting screen with the MED standing items: each is one line of the agenda panel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support import fresh_session, make_meeting, text_of
from textual.widgets import Input

from facilitator.minutes import render_markdown
from facilitator.session import Session
from facilitator.standing import NEXT_MEETING_ID, add_standing_items
from facilitator.store import load_session


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
        # «10 Næste møde» starts its title in the column where «9 Evaluering…» starts its own.
        ninth = next(line for line in lines if " 9 Evaluering" in line)
        tenth = next(line for line in lines if "10 Næste møde" in line)
        assert ninth.index("Evaluering") == tenth.index("Næste møde") == 4, (ninth, tenth)
        await pilot.press("n")  # skimming ahead, the clock not running: takes nothing
        await pilot.pause()
        lines = agenda_lines(meeting)
        assert lines[1].startswith("▶ 2 Godkendelse af r") and lines[1].endswith(" 3")
        assert lines[0].startswith("  1 Godke")
        await pilot.press("space")
        meeting.time.advance(5)  # «any remarks on the minutes?», and on
        await pilot.press("n")
        await pilot.pause()
        assert agenda_lines(meeting)[1].startswith("✓ 2 Godke")


def with_the_paper_covered() -> Session:
    """A meeting with standing items whose every dialogue-paper theme has notes."""
    session = fresh_session()
    add_standing_items(session)
    for record in session.themes:
        if record.origin != "standing":
            record.notes = "Drøftet."
            record.presented = True
    return session


async def test_a_meeting_taken_through_its_standing_items_ends_without_questions(
    tmp_path: Path,
) -> None:
    meeting = make_meeting(tmp_path / "sessions", session=with_the_paper_covered())
    async with meeting.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        for _ in range(len(meeting.session.themes) - 1):
            meeting.time.advance(5)  # «any remarks?» and on: seconds, never a minute
            await pilot.press("n")
        assert meeting.session.current_theme == NEXT_MEETING_ID
        meeting.time.advance(5)  # ended on «Næste møde»: it was taken too
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert type(meeting.app.screen).__name__ == "MinutesScreen"
    assert meeting.app.flush(5)
    text = render_markdown(load_session(meeting.path))
    for line in (
        "**Beslutning:** Dagsordenen blev godkendt uden bemærkninger.",
        "**Beslutning:** Referatet blev godkendt uden bemærkninger.",
        "Ingen meddelelser.",
        "## 8. Eventuelt\n\nIntet.\n",
        "Tidspunkt for næste møde blev ikke fastsat.",
    ):
        assert line in text
    assert "Ikke nået" not in text and "Ikke behandlet" not in text


async def test_ending_before_the_closing_items_names_them_and_asks_no_reason(
    tmp_path: Path,
) -> None:
    meeting = make_meeting(tmp_path / "sessions", session=with_the_paper_covered())
    async with meeting.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        for _ in range(3):
            meeting.time.advance(5)
            await pilot.press("n")
        meeting.app.screen.goto("lokal-opfoelgning")  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        check = meeting.app.screen
        assert type(check).__name__ == "CoverageCheck"
        assert not check.query(Input)  # no reason asked for a standing item
        told = text_of(check.query_one("#coverage-standing"))
        assert "Eventuelt, Evaluering af mødet, Næste møde" in told
        # Taken at the start with nothing raised: the approvals are not listed.
        assert "Godkendelse af dagsorden" not in told
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert type(meeting.app.screen).__name__ == "MinutesScreen"
    assert meeting.app.flush(5)
    text = render_markdown(load_session(meeting.path))
    assert "## 8. Eventuelt\n\n**Ikke nået på mødet.**\n" in text
    assert "Dagsordenen blev godkendt uden bemærkninger." in text


async def test_the_standing_item_the_meeting_ends_on_too_soon_is_named_as_the_minutes_say(
    tmp_path: Path,
) -> None:
    """ctrl+e a second after coming to «Godkendelse af referat»: the ending judges it not
    reached, so the check must name it with the others, or the minutes say more than it did."""
    meeting = make_meeting(tmp_path / "sessions", session=with_the_paper_covered())
    async with meeting.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        meeting.time.advance(5)
        await pilot.press("n")  # the agenda approved; on to the minutes' approval
        meeting.time.advance(1)
        await pilot.press("ctrl+e")
        await pilot.pause()
        told = text_of(meeting.app.screen.query_one("#coverage-standing"))
        assert "Godkendelse af referat fra sidste møde, Meddelelser" in told
        await pilot.press("ctrl+e")
        await pilot.pause()
    assert meeting.app.flush(5)
    text = render_markdown(load_session(meeting.path))
    assert "## 2. Godkendelse af referat fra sidste møde\n\n**Ikke nået på mødet.**\n" in text


def _with_standing_items() -> Session:
    session = fresh_session()
    add_standing_items(session)
    return session


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
@pytest.mark.parametrize(
    "make",
    [_with_standing_items, fresh_session, with_the_paper_covered],
    ids=["standing-and-themes", "themes-only", "standing-only"],
)
async def test_the_coverage_check_has_one_blank_line_between_its_parts(
    tmp_path: Path, size: tuple[int, int], make: Callable[[], Session]
) -> None:
    session = make()
    meeting = make_meeting(tmp_path / "sessions", session=session)
    async with meeting.app.run_test(size=size) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        check = meeting.app.screen
        assert type(check).__name__ == "CoverageCheck"
        above = check.query_one(
            "#coverage-standing" if session.standing_not_reached() else "#coverage-intro"
        )
        themes = check.query(".theme")
        below = themes.first() if themes else check.query_one("#coverage-keys")
        # One blank row between the text above and the first theme (or the keys): two read
        # as a gap in the dialog, none runs the parts together.
        assert below.region.y - above.region.bottom == 1
        if not session.uncovered():
            box = check.query_one("CoverageCheck > Vertical")
            # Nothing to list: the box ends under its keys instead of standing 90% empty.
            assert box.content_region.bottom == below.region.bottom
