"""Pilot tests, fake clock: theme states, items added on the spot, the outcome list, dialogs that
keep work, attendance, and the smaller points of the chair's trial (issue 10)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support import Meeting, make_meeting, text_of, type_text
from textual.pilot import Pilot
from textual.widgets import Input, SelectionList, TextArea

from facilitator.i18n import set_language
from facilitator.session import Session
from facilitator.store import load_session

SIZE = (100, 30)
SMALL = (80, 24)
FIRST = "hvad-er-chikane"
SECOND = "risikosituationer"


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


@pytest.fixture
def meeting(tmp_path: Path) -> Meeting:
    return make_meeting(tmp_path / "sessions")


async def advance(meeting: Meeting, pilot: Pilot[None], seconds: float) -> None:
    meeting.time.advance(seconds)
    meeting.app.screen.tick()  # type: ignore[attr-defined]
    await pilot.pause()


def name(meeting: Meeting) -> str:
    return type(meeting.app.screen).__name__


def saved(meeting: Meeting) -> Session:
    assert meeting.app.flush(5)
    return load_session(meeting.path)


# -- theme states -------------------------------------------------------------------------


async def test_n_five_times_keeps_the_projected_end(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        for _ in range(5):
            await advance(meeting, pilot, 0.6)
            await pilot.press("n")
        assert all(r.state == "pending" for r in meeting.session.themes[:5])
        _planned, _projected, drift = meeting.app.screen.clock.ends()  # type: ignore[attr-defined]
        assert abs(drift) <= 2


async def test_s_postpones_the_current_theme_with_a_reason(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await advance(meeting, pilot, 120)
        await pilot.press("s")
        assert name(meeting) == "SetAsideDialog"
        await pilot.press("enter")  # no reason: refused
        assert name(meeting) == "SetAsideDialog"
        await type_text(pilot, "HR deltager")
        await pilot.press("enter")
        assert name(meeting) == "MeetingScreen"
        record = saved(meeting).record(FIRST)
        assert (record.state, record.reason) == ("postponed", "HR deltager")
        assert meeting.session.current_theme == SECOND
        assert "»" in "".join(
            line
            for line in text_of(meeting.app.screen.query_one("#agenda-lines")).splitlines()
            if "Hvad er" in line
        )


async def test_s_can_skip_instead(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "s", "tab")
        await type_text(pilot, "Dækket")
        await pilot.press("enter")
        assert name(meeting) == "MeetingScreen"
        assert meeting.session.record(FIRST).state == "skipped"


async def test_i_adds_an_item_after_the_current_theme(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        assert name(meeting) == "AddItemDialog"
        await type_text(pilot, "Eventuelt")
        await pilot.press("tab", "backspace")
        await type_text(pilot, "7")
        await pilot.press("enter")
        assert name(meeting) == "MeetingScreen"
        on_disk = saved(meeting)
        assert on_disk.themes[1].theme_id == "eventuelt"
        assert (on_disk.themes[1].timebox, on_disk.themes[1].origin) == (7, "added")
        await pilot.press("n")
        assert text_of(meeting.app.screen.query_one("#theme-title")) == "Eventuelt"


# -- outcomes -----------------------------------------------------------------------------


async def add_outcomes(meeting: Meeting, pilot: Pilot[None], count: int) -> None:
    for number in range(1, count + 1):
        await pilot.press("d")
        await type_text(pilot, f"Beslutning {number}")
        await pilot.press("enter")


@pytest.mark.parametrize(("size", "count"), [(SIZE, 14), (SMALL, 3)])
async def test_the_newest_outcome_is_always_on_screen(
    meeting: Meeting, size: tuple[int, int], count: int
) -> None:
    async with meeting.app.run_test(size=size) as pilot:
        await add_outcomes(meeting, pilot, count)
        await pilot.pause(0.3)  # the list is fitted once laid out
        box = meeting.app.screen.query_one("#outcomes")
        newest = meeting.app.screen.query_one(f"#outcome-{count - 1}")
        assert newest.display and newest.region.height > 0
        assert newest.region.bottom <= box.region.bottom
        assert f"Beslutning {count}" in text_of(newest)
        hidden = sum(1 for w in meeting.app.screen.query(".outcome") if not w.display)
        if count == 14:
            assert hidden > 0  # 14 do not fit at 100x30: the title says how many are above
            assert f"+{hidden} more" in str(box.border_title)


async def test_u_asks_naming_the_outcome(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await add_outcomes(meeting, pilot, 2)
        await pilot.press("u")
        assert name(meeting) == "Confirm"
        assert "Beslutning 2" in text_of(meeting.app.screen.query_one("#confirm-detail"))
        await pilot.press("escape")
        assert len(meeting.session.current.outcomes) == 2
        await pilot.press("u", "y")
        assert [o.text for o in saved(meeting).record(FIRST).outcomes] == ["Beslutning 1"]


# -- dialogs that keep work ---------------------------------------------------------------


async def test_escape_with_typed_text_asks_and_keeps_it(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await type_text(pilot, "Gem skærmbilleder")
        await pilot.press("escape")
        assert name(meeting) == "KeepOrDiscard"
        await pilot.press("escape")  # keep editing
        assert name(meeting) == "OutcomeDialog"
        assert meeting.app.screen.query_one("#outcome-text", Input).value == "Gem skærmbilleder"
        await pilot.press("escape", "d")
        assert name(meeting) == "MeetingScreen"
        assert meeting.session.current.outcomes == []
        await pilot.press("a", "escape")  # nothing typed: no question
        assert name(meeting) == "MeetingScreen"


async def test_a_past_date_is_said_not_silently_accepted(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "tab", "tab")
        await type_text(pilot, "1.2.2026")
        hint = text_of(meeting.app.screen.query_one("#date-hint"))
        assert "past" in hint
        placeholder = meeting.app.screen.query_one("#outcome-date", Input).placeholder
        assert "+2w" in placeholder


# -- notes and keys -----------------------------------------------------------------------


async def test_tab_never_moves_into_the_notes(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab", "n")
        notes = meeting.app.screen.query_one("#notes", TextArea)
        assert not notes.has_focus and notes.text == ""
        assert meeting.session.current_theme == SECOND


async def test_the_bell_state_shows_on_screen(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        right = meeting.app.screen.query_one("#topbar-right")
        assert "bell off" in text_of(right)  # the test app runs without the bell
        await pilot.press("b")
        assert "bell on" in text_of(right)


async def test_ctrl_c_says_how_to_quit_in_the_interface_language(tmp_path: Path) -> None:
    set_language("da")
    try:
        meeting = make_meeting(tmp_path / "sessions")
        async with meeting.app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.press("ctrl+c")
            await pilot.pause()
            messages = [n.message for n in meeting.app._notifications]
            assert any("ctrl+q" in m and "afslut" in m.lower() for m in messages), messages
    finally:
        set_language("en")


# -- attendance ---------------------------------------------------------------------------


async def test_toggling_back_restores_attendance(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await advance(meeting, pilot, 600)
        await pilot.press("w")
        await pilot.press("space", "space")  # a misclick, undone
        await pilot.press("escape")
        anne = saved(meeting).participants[0]
        assert (anne.present, anne.arrived, anne.left) == (True, None, None)


async def test_people_added_before_the_start_are_not_late(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("w", "tab")
        await type_text(pilot, "Lars Holm:guest")
        await pilot.press("enter", "escape")
        lars = saved(meeting).participants[-1]
        assert (lars.name, lars.arrived, lars.side) == ("Lars Holm", None, "")


async def test_tab_keeps_the_text_when_nobody_is_listed(tmp_path: Path) -> None:
    from support import fresh_session as sample_session

    session = sample_session()
    session.participants = []
    meeting = make_meeting(tmp_path / "sessions", session=session)
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await type_text(pilot, "Mia")
        await pilot.press("tab", "tab")
        assert meeting.app.screen.query_one("#attendance-new", Input).value == "Mia"


async def test_present_and_absent_differ_without_colour(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        options = meeting.app.screen.query_one(SelectionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert "absent" in prompts[-1] and "absent" not in prompts[0]


# -- sizes ----------------------------------------------------------------------------------


async def test_the_replan_dialog_keeps_its_apply_line_at_80x24(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SMALL) as pilot:
        await pilot.press("space")
        await advance(meeting, pilot, 25 * 60)  # late: every theme to do gets less
        await pilot.press("r")
        await pilot.pause()
        assert name(meeting) == "ReplanDialog"
        keys = meeting.app.screen.query_one("#replan-keys")
        assert "enter apply" in text_of(keys)
        # On screen, not cut off below the dialog's border.
        assert 0 < keys.region.bottom <= SMALL[1] - 1
        assert keys.region.height == 1


@pytest.mark.parametrize(("size", "rows"), [((100, 30), 3), ((200, 50), 8), ((240, 70), 10)])
async def test_the_clock_grows_with_the_terminal(
    meeting: Meeting, size: tuple[int, int], rows: int
) -> None:
    async with meeting.app.run_test(size=size) as pilot:
        await pilot.pause()
        clock = meeting.app.screen.query_one("#clock")
        shown = [w for w in clock.query("#clock-digits, #clock-big") if w.display]
        assert len(shown) == 1
        assert shown[0].region.height == rows


def test_outcome_letters_go_on_after_z() -> None:
    from facilitator.tui.widgets.outcome_list import outcome_letter

    assert [outcome_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        *("A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA")
    ]


async def test_the_next_meeting_is_typed_on_its_standing_item(tmp_path: Path) -> None:
    from support import fresh_session

    from facilitator.standing import NEXT_MEETING_ID, add_standing_items

    session = fresh_session()
    add_standing_items(session)
    meeting = make_meeting(tmp_path / "sessions", session=session)
    async with meeting.app.run_test(size=SIZE) as pilot:
        screen = meeting.app.screen
        assert not screen.check_action("next_meeting", ())  # only on «Next meeting»
        screen.goto(NEXT_MEETING_ID)  # type: ignore[attr-defined]
        await pilot.pause()
        assert "not set yet" in text_of(screen.query_one("#theme-prompts"))
        await pilot.press("f")
        await pilot.pause()
        assert name(meeting) == "NextMeetingDialog"
        meeting.app.screen.query_one("#next-date", Input).value = "9.6.2026"
        meeting.app.screen.query_one("#next-time", Input).value = "14-16"
        meeting.app.screen.query_one("#next-place", Input).value = "Mødelokale 2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert name(meeting) == "MeetingScreen"
        shown = text_of(screen.query_one("#theme-prompts"))
        # As the minutes will print it, in the agenda's language.
        assert "9. juni 2026, kl. 14.00–16.00, Mødelokale 2" in shown
        kept = saved(meeting)
        assert (kept.next_meeting_place, kept.next_meeting_date) == (
            "Mødelokale 2",
            date(2026, 6, 9),
        )
