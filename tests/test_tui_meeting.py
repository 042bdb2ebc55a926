"""Pilot tests of the meeting screen: clock, outcomes, notes, re-plan, attendance and the end."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from support import (
    CET,
    START,
    Meeting,
    fresh_session,
    make_meeting,
    text_of,
    type_text,
    until,
)
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Digits, Input, SelectionList, TextArea

from facilitator.session import REVIEW_THEME_ID, Session
from facilitator.store import load_session
from facilitator.tui.modals.replan_dialog import ReplanDialog
from facilitator.tui.screens.meeting import MeetingScreen

FIRST = "hvad-er-chikane"  # 20 minutes
SECOND = "risikosituationer"  # 10 minutes
OBLIGATION = "minimumsforpligtelser-medarbejdere"  # the fifth theme, 5 minutes
AGENDA_MINUTES = 150
SIZE = (100, 30)
SMALL = (80, 24)


@pytest.fixture
def meeting(tmp_path: Path) -> Meeting:
    """A new sample meeting on the built-in guide, driven by a fake clock."""
    return make_meeting(tmp_path / "sessions")


def saved(meeting: Meeting) -> Session:
    """The session as it is on disk once the queued saves are written."""
    assert meeting.app.flush(5)
    return load_session(meeting.path)


def screen(meeting: Meeting) -> Screen[object]:
    """The screen on top (the meeting screen, a dialog, help...)."""
    return meeting.app.screen


def meeting_screen(meeting: Meeting) -> MeetingScreen:
    """The meeting screen, which must be on top."""
    shown = meeting.app.screen
    assert isinstance(shown, MeetingScreen), shown
    return shown


def clock_digits(meeting: Meeting) -> str:
    return meeting.app.screen.query_one("#clock-digits", Digits).value


def clock_status(meeting: Meeting) -> str:
    return text_of(meeting.app.screen.query_one("#clock-status"))


def clock_classes(meeting: Meeting) -> set[str]:
    return set(meeting.app.screen.query_one("#clock").classes)


def outcomes_text(meeting: Meeting) -> str:
    """The outcome lines the meeting screen shows, one per line."""
    lines = meeting.app.screen.query("#outcomes .outcome")
    return "\n".join(text_of(line) for line in lines if line.display)


def agenda_lines(meeting: Meeting) -> list[str]:
    text = text_of(meeting.app.screen.query_one("#agenda-lines"))
    return [line.rstrip() for line in text.splitlines()]


def agenda_line(meeting: Meeting, title_start: str) -> str:
    matches = [line for line in agenda_lines(meeting) if title_start in line]
    assert len(matches) == 1, (title_start, agenda_lines(meeting))
    return matches[0]


async def advance(meeting: Meeting, pilot: Pilot[None], seconds: float) -> None:
    """Let fake time pass, then redraw as the next tick would (no waiting on real timers)."""
    meeting.time.advance(seconds)
    meeting_screen(meeting).tick()
    await pilot.pause()


async def settle(meeting: Meeting, pilot: Pilot[None]) -> None:
    """Wait for the first layout, then redraw as a tick would (the agenda needs its width)."""
    await pilot.pause()
    meeting_screen(meeting).tick()
    await pilot.pause()


async def capture(pilot: Pilot[None], key: str, text: str, owner: str = "", due: str = "") -> None:
    """Fill the outcome dialog as a secretary would: text, tab, owner, tab, date, enter."""
    await pilot.press(key)
    await type_text(pilot, text)
    await pilot.press("tab")
    await type_text(pilot, owner)
    await pilot.press("tab")
    await type_text(pilot, due)
    await pilot.press("enter")
    await pilot.pause()


def dialog_name(meeting: Meeting) -> str:
    return type(meeting.app.screen).__name__


# -- start: focus and the clock ---------------------------------------------------------------


async def test_nothing_has_focus_at_start_so_letters_reach_the_screen(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert dialog_name(meeting) == "MeetingScreen"
        assert meeting.app.focused is None
        assert not any(w.has_focus for w in screen(meeting).query("Input, TextArea"))
        await pilot.press("n")
        assert meeting.session.current_theme == SECOND
        await pilot.press("space")
        assert meeting_screen(meeting).clock.running


async def test_clock_counts_down_from_the_fake_clock(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await settle(meeting, pilot)
        assert meeting.session.timebox_minutes == AGENDA_MINUTES
        assert clock_digits(meeting) == "20:00"
        assert "-paused" in clock_classes(meeting)
        assert clock_status(meeting) == "Paused: space starts the clock"
        assert agenda_line(meeting, "Hvad er chikane").endswith("20")

        await pilot.press("space")
        assert meeting.session.started == START
        await advance(meeting, pilot, 65)
        assert clock_digits(meeting) == "18:55"
        assert clock_status(meeting) == "left of the timebox"
        assert "-running" in clock_classes(meeting)
        assert agenda_line(meeting, "Hvad er chikane").endswith("1/20")
        top = text_of(screen(meeting).query_one("#topbar-right"))
        assert top.startswith("now 13:01")
        assert "end 15:30 → 15:30 (0)" in top

        await advance(meeting, pilot, 9 * 60 + 30)  # 10:35 used: rounds to 11 minutes
        assert clock_digits(meeting) == "09:25"
        assert agenda_line(meeting, "Hvad er chikane").endswith("11/20")
        # The session's record follows the clock, never a count of ticks.
        assert meeting_screen(meeting).clock.used() == pytest.approx(635)


async def test_pause_stops_the_clock(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await advance(meeting, pilot, 60)
        await pilot.press("space")  # pause
        assert not meeting_screen(meeting).clock.running
        await advance(meeting, pilot, 15 * 60)
        assert clock_digits(meeting) == "19:00"
        assert clock_status(meeting) == "Paused"
        assert "-paused" in clock_classes(meeting)
        assert meeting.session.current.seconds == pytest.approx(60)
        # The projected end moves on while paused: the meeting is now 15 minutes late.
        top = text_of(screen(meeting).query_one("#topbar-right"))
        assert "(+15)" in top
        assert screen(meeting).query_one("#topbar-right").has_class("-late")

        await pilot.press("space")  # resume
        await advance(meeting, pilot, 30)
        assert clock_digits(meeting) == "18:30"
        await pilot.press("space")  # pausing commits the running span to the file
        assert saved(meeting).current.seconds == pytest.approx(90)


async def test_warning_phase_two_minutes_before_the_end(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await advance(meeting, pilot, 20 * 60 - 121)
        assert clock_digits(meeting) == "02:01"
        assert "-running" in clock_classes(meeting)
        await advance(meeting, pilot, 2)
        assert clock_digits(meeting) == "01:59"
        assert "-warning" in clock_classes(meeting)
        assert "-running" not in clock_classes(meeting)
        assert clock_status(meeting) == "Nearly out of time"


async def test_warning_phase_is_a_fifth_of_a_short_timebox(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press(*["minus"] * 17)  # 20 -> 3 minutes: the warning starts at 36 s
        assert meeting.session.current.timebox == 3
        await pilot.press("space")
        await advance(meeting, pilot, 180 - 37)
        assert "-running" in clock_classes(meeting)
        await advance(meeting, pilot, 2)
        assert clock_digits(meeting) == "00:35"
        assert "-warning" in clock_classes(meeting)


async def test_overtime_counts_up_and_says_so(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        rang: list[bool] = []
        meeting.app.bell = lambda: rang.append(True)  # type: ignore[method-assign]
        meeting.app.bell_enabled = True
        await pilot.press("space")
        await advance(meeting, pilot, 20 * 60 + 75)
        assert clock_digits(meeting) == "+01:15"
        assert clock_status(meeting) == "OVERTIME"
        assert "-overtime" in clock_classes(meeting)
        assert agenda_line(meeting, "Hvad er chikane").endswith("21/20!")
        assert rang == [True]
        await advance(meeting, pilot, 60)
        assert rang == [True]  # once per theme, not every tick
        assert clock_digits(meeting) == "+02:15"
        # The meeting is now projected to end late by the overtime.
        assert "(+2)" in text_of(screen(meeting).query_one("#topbar-right"))

        await pilot.press("space")
        assert clock_status(meeting) == "OVERTIME (paused)"
        assert "-overtime" in clock_classes(meeting)


async def test_bell_can_be_switched_off(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        rang: list[bool] = []
        meeting.app.bell = lambda: rang.append(True)  # type: ignore[method-assign]
        meeting.app.bell_enabled = True
        await pilot.press("b")
        assert meeting.app.bell_enabled is False
        await pilot.press("space")
        await advance(meeting, pilot, 21 * 60)
        assert "-overtime" in clock_classes(meeting)
        assert rang == []


async def test_plus_and_minus_change_the_timebox(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("plus", "plus")
        assert meeting.session.current.timebox == 22
        assert clock_digits(meeting) == "22:00"
        await pilot.press("minus")
        assert meeting.session.current.timebox == 21
        assert agenda_line(meeting, "Hvad er chikane").endswith("21")
        # The agenda's own timebox is untouched: the change belongs to this meeting.
        assert meeting.session.theme(FIRST).timebox == 20
        assert saved(meeting).record(FIRST).timebox == 21
        await pilot.press(*["minus"] * 30)
        assert meeting.session.current.timebox == 1  # never below one minute


# -- outcomes ---------------------------------------------------------------------------------


async def test_every_outcome_kind_through_the_dialog(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await capture(pilot, "d", "Guiden tages op hvert år i LMU")
        await capture(pilot, "a", "Skærmbilleder gemmes i sagen", "Mia Østergaard", "+14d")
        await capture(pilot, "t", "Lav en tjekliste", "Søren", "1.3.2026")
        await capture(pilot, "o", "Hvem kontakter politiet om aftenen?", "", "+2w")
        assert dialog_name(meeting) == "MeetingScreen"

        got = [(o.kind, o.text, o.owner, o.due) for o in meeting.session.current.outcomes]
        assert got == [
            ("decision", "Guiden tages op hvert år i LMU", "", None),
            ("agreement", "Skærmbilleder gemmes i sagen", "Mia Østergaard", date(2026, 3, 26)),
            ("action", "Lav en tjekliste", "Søren", date(2026, 3, 1)),
            ("question", "Hvem kontakter politiet om aftenen?", "", date(2026, 3, 26)),
        ]
        shown = outcomes_text(meeting)
        assert "A Decision: Guiden tages op hvert år i LMU" in shown
        assert "Mia Østergaard · 26 Mar 2026" in shown
        assert "D Open question: Hvem kontakter politiet" in shown
        # Outcome ids are random: they must never appear on the meeting screen.
        for outcome in meeting.session.current.outcomes:
            assert outcome.id not in shown
        on_disk = saved(meeting).record(FIRST).outcomes
        assert [(o.kind, o.text, o.owner, o.due) for o in on_disk] == got


async def test_impossible_date_is_refused_and_nothing_is_lost(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await type_text(pilot, "Risici skrives ind i APV")
        await pilot.press("tab")
        await type_text(pilot, "Jens")
        await pilot.press("tab")
        await type_text(pilot, "31.2.2026")
        dialog = screen(meeting)
        hint = dialog.query_one("#date-hint")
        assert hint.has_class("-error")
        assert text_of(hint) == "That day is not in the calendar."
        await pilot.press("enter")
        # Refused on the spot: the dialog stays, every field as it was, the date in focus.
        assert screen(meeting) is dialog
        assert dialog.query_one("#outcome-text", Input).value == "Risici skrives ind i APV"
        assert dialog.query_one("#outcome-owner", Input).value == "Jens"
        assert dialog.query_one("#outcome-date", Input).value == "31.2.2026"
        assert dialog.query_one("#outcome-date", Input).has_focus
        assert meeting.session.current.outcomes == []

        await pilot.press(*["backspace"] * 9)
        await type_text(pilot, "28.2.2026")
        assert text_of(hint) == "→ 28 Feb 2026 · in the past: is that right?"
        assert not hint.has_class("-error")
        await pilot.press("enter")
        assert dialog_name(meeting) == "MeetingScreen"
        [outcome] = meeting.session.current.outcomes
        assert (outcome.text, outcome.owner, outcome.due) == (
            "Risici skrives ind i APV",
            "Jens",
            date(2026, 2, 28),
        )
        assert saved(meeting).record(FIRST).outcomes[0].due == date(2026, 2, 28)


async def test_nonsense_date_and_missing_text_are_refused(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "tab", "tab")
        await type_text(pilot, "næste fredag")
        dialog = screen(meeting)
        assert "Not a date" in text_of(dialog.query_one("#date-hint"))
        await pilot.press("enter")
        # The text is checked first: the focus goes where the problem is.
        assert screen(meeting) is dialog
        assert "Write the text first" in text_of(dialog.query_one("#text-error"))
        assert dialog.query_one("#outcome-text", Input).has_focus
        await type_text(pilot, "Opdatér kontaktlisten")
        assert text_of(dialog.query_one("#text-error")) == ""
        await pilot.press("enter")
        assert screen(meeting) is dialog
        assert dialog.query_one("#outcome-date", Input).has_focus
        assert meeting.session.current.outcomes == []
        await pilot.press("escape")  # typed text: the dialog asks before throwing it away
        assert dialog_name(meeting) == "KeepOrDiscard"
        await pilot.press("d")
        assert dialog_name(meeting) == "MeetingScreen"
        assert meeting.session.current.outcomes == []


async def test_u_removes_the_last_outcome(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await capture(pilot, "d", "Første")
        await capture(pilot, "d", "Anden")
        await pilot.press("u", "y")  # it asks first, naming the outcome
        assert [o.text for o in meeting.session.current.outcomes] == ["Første"]
        assert [o.text for o in saved(meeting).record(FIRST).outcomes] == ["Første"]


# -- navigation -------------------------------------------------------------------------------


async def test_next_and_previous_theme(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await advance(meeting, pilot, 5 * 60)
        await pilot.press("n")
        assert meeting.session.current_theme == SECOND
        assert meeting.session.record(FIRST).state == "done"
        assert text_of(screen(meeting).query_one("#theme-title")) == "Risikosituationer"
        assert screen(meeting).query_one("#main").border_title == "2 Forebyggelse"
        assert clock_digits(meeting) == "10:00"
        await advance(meeting, pilot, 60)
        assert clock_digits(meeting) == "09:00"
        assert agenda_line(meeting, "Hvad er chikane").endswith("5/20")
        assert agenda_line(meeting, "Risikosituationer").endswith("1/10")

        await pilot.press("p")
        assert meeting.session.current_theme == FIRST
        assert clock_digits(meeting) == "15:00"  # the first theme keeps its five minutes
        await pilot.press("p")  # already on the first theme: nothing happens
        assert meeting.session.current_theme == FIRST
        on_disk = saved(meeting)
        assert on_disk.current_theme == FIRST
        assert on_disk.record(FIRST).seconds == pytest.approx(300)
        assert on_disk.record(SECOND).seconds == pytest.approx(60)


async def test_n_on_the_last_theme_stays_there(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        count = len(meeting.session.themes)
        await pilot.press(*["n"] * (count + 2))
        assert meeting.session.current_theme == meeting.session.themes[-1].theme_id
        # Before the clock has started, stepping through leaves the themes untouched.
        assert meeting.session.record(SECOND).state == "pending"
        assert text_of(screen(meeting).query_one("#theme-title")) == "Lokal opfølgning"
        # Said once, however often n is pressed again while the toast is showing.
        toasts = [n.message for n in meeting.app._notifications]
        assert toasts == ["This is the last theme. ctrl+e ends the meeting."]


# -- re-plan ----------------------------------------------------------------------------------


async def test_replan_fits_the_themes_left_to_the_planned_end(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await advance(meeting, pilot, 40 * 60)  # 20 minutes over on the first theme
        assert "(+20)" in text_of(screen(meeting).query_one("#topbar-right"))
        before = {r.theme_id: r.timebox for r in meeting.session.themes}
        await pilot.press("r")
        dialog = screen(meeting)
        assert dialog_name(meeting) == "ReplanDialog"
        assert text_of(dialog.query_one("#replan-summary")) == (
            "110 minutes are left for 14 themes."
        )
        table = text_of(dialog.query_one("VerticalScroll Static"))
        assert "Risikosituationer" in table
        assert "Lokal opfølgning" in table
        assert "Hvad er chikane" not in table  # the current theme keeps its timebox
        assert isinstance(dialog, ReplanDialog)
        proposal = dialog.proposal
        await pilot.press("enter")
        assert dialog_name(meeting) == "MeetingScreen"

        after = {r.theme_id: r.timebox for r in meeting.session.themes}
        assert after[FIRST] == before[FIRST] == 20
        rest = [tid for tid in after if tid != FIRST]
        assert sum(after[tid] for tid in rest) == proposal.budget_minutes == 110
        assert after[SECOND] < before[SECOND]
        assert all(after[tid] >= 1 for tid in rest)
        assert "end 15:30 → 15:30 (0)" in text_of(screen(meeting).query_one("#topbar-right"))
        on_disk = saved(meeting)
        assert {r.theme_id: r.timebox for r in on_disk.themes} == after


async def test_replan_escape_keeps_the_plan(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await advance(meeting, pilot, 30 * 60)
        before = [r.timebox for r in meeting.session.themes]
        await pilot.press("r", "escape")
        assert dialog_name(meeting) == "MeetingScreen"
        assert [r.timebox for r in meeting.session.themes] == before


# -- notes ------------------------------------------------------------------------------------


async def test_notes_are_written_saved_and_left_with_escape(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        notes = screen(meeting).query_one("#notes", TextArea)
        assert notes.has_focus
        # While writing, letters are text, not commands (n would go to the next theme).
        await type_text(pilot, "Jobcentret og borgerservice er mest udsatte. Det er nyt.")
        assert meeting.session.current_theme == FIRST
        # Saved within a second or two without leaving the notes.
        await pilot.pause(1.2)
        assert saved(meeting).record(FIRST).notes == (
            "Jobcentret og borgerservice er mest udsatte. Det er nyt."
        )
        await type_text(pilot, " Mere")
        await pilot.press("escape")
        assert meeting.app.focused is None
        assert meeting.session.record(FIRST).notes.endswith("Det er nyt. Mere")
        # Single-letter keys work again.
        await pilot.press("n")
        assert meeting.session.current_theme == SECOND
        assert notes.text == ""
        await pilot.press("p")
        assert notes.text.endswith("Mere")
        await pilot.pause(1.2)
        assert saved(meeting).record(FIRST).notes.endswith("Det er nyt. Mere")


async def test_notes_reach_the_file_without_leaving_them(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await type_text(pilot, "Linje et")
        await pilot.press("enter")
        await type_text(pilot, "Linje to")
        await pilot.pause(1.2)
        # No flush and no escape: what a crash would leave on disk.
        assert load_session(meeting.path).record(FIRST).notes == "Linje et\nLinje to"
        assert "Linje to" in meeting.path.with_suffix(".md").read_text("utf-8")


# -- obligations and attendance ---------------------------------------------------------------


async def test_m_marks_an_obligation_presented(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("m")  # a discussion theme: m does nothing
        assert not meeting.session.current.presented
        await pilot.press(*["n"] * 4)
        assert meeting.session.current_theme == OBLIGATION
        kind = screen(meeting).query_one("#theme-kind")
        assert kind.has_class("-obligation")
        assert "m: not presented" in text_of(kind)
        await pilot.press("m")
        assert meeting.session.record(OBLIGATION).presented
        assert "✓ presented" in text_of(kind)
        assert saved(meeting).record(OBLIGATION).presented
        await pilot.press("m")  # undo
        assert not meeting.session.current.presented


async def test_attendance_records_a_late_arrival(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await advance(meeting, pilot, 7 * 60)
        await pilot.press("w")
        dialog = screen(meeting)
        assert dialog_name(meeting) == "AttendanceDialog"
        selections = dialog.query_one(SelectionList)
        assert selections.has_focus
        assert [str(p) for p in selections.selected] == ["0", "1", "2", "3"]  # Ida is absent
        for _ in range(10):
            if selections.highlighted == 4:
                break
            await pilot.press("down")
        assert selections.highlighted == 4
        await pilot.press("space")
        await pilot.press("escape")
        assert dialog_name(meeting) == "MeetingScreen"
        ida = meeting.session.participants[4]
        assert ida.name == "Ida Berg"
        assert ida.present
        assert ida.arrived == datetime(2026, 3, 12, 13, 7, tzinfo=CET)
        on_disk = saved(meeting).participants[4]
        assert (on_disk.present, on_disk.arrived) == (True, ida.arrived)


async def test_the_attendance_hint_is_whole_in_danish_at_80_columns(meeting: Meeting) -> None:
    from support import drawn

    from facilitator.i18n import set_language

    set_language("da")
    try:
        async with meeting.app.run_test(size=SMALL) as pilot:
            await pilot.press("w")
            await pilot.pause()
            shown = " ".join(drawn(meeting.app).split())
            # It was cut at the dialog's edge: «… enter i feltet nedenfor tilføj».
            assert "tilføjer en person" in shown
    finally:
        set_language("en")


async def test_attendance_adds_a_new_participant(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await advance(meeting, pilot, 12 * 60)
        await pilot.press("w", "tab")
        await type_text(pilot, "Lars Holm:gæst")
        await pilot.press("enter", "escape")
        lars = meeting.session.participants[-1]
        assert (lars.name, lars.role, lars.present) == ("Lars Holm", "guest", True)
        assert lars.arrived == START + timedelta(minutes=12)
        assert saved(meeting).participants[-1].name == "Lars Holm"


# -- palette and help -------------------------------------------------------------------------


async def test_palette_jumps_to_a_theme(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await advance(meeting, pilot, 60)
        await pilot.press("ctrl+p")
        await type_text(pilot, "Krisehj")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert dialog_name(meeting) == "MeetingScreen"
        assert meeting.session.current_theme == "krisehjaelp"
        assert text_of(screen(meeting).query_one("#theme-title")) == "Krisehjælp"
        assert saved(meeting).current_theme == "krisehjaelp"
        # Jumping decides nothing: the themes jumped over are still to do.
        assert meeting.session.record(FIRST).state == "done"
        assert meeting.session.record(SECOND).state == "pending"
        await advance(meeting, pilot, 0)
        assert agenda_line(meeting, "Hvad er chikane").lstrip().startswith("✓")
        assert "↷" not in agenda_line(meeting, "Risikosituationer")
        assert agenda_line(meeting, "Krisehjælp").lstrip().startswith("▶")


async def test_f1_opens_help_for_the_meeting_screen(meeting: Meeting) -> None:
    pytest.importorskip("facilitator.tui.screens.help")
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        assert dialog_name(meeting) == "HelpScreen"
        table = text_of(screen(meeting).query_one("#help-keys-table")).lower()
        for words in ("pause the meeting clock", "decision", "re-plan", "attendance", "notes"):
            assert words in table
        await pilot.press("escape")
        assert dialog_name(meeting) == "MeetingScreen"
        assert meeting.app.focused is None
        await pilot.press("n")
        assert meeting.session.current_theme == SECOND


# -- the small terminal ----------------------------------------------------------------------


async def test_80x24_shows_a_compact_clock_and_everything_works(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        page = screen(meeting)
        assert page.has_class("-short")
        assert not page.query_one("#clock-digits").display
        compact = page.query_one("#clock-compact")
        assert compact.display
        assert text_of(compact) == "20:00"
        await pilot.press("space")
        await advance(meeting, pilot, 21 * 60 + 5)
        assert text_of(compact) == "+01:05"
        assert "-overtime" in clock_classes(meeting)
        await capture(pilot, "a", "Skærmbilleder gemmes", "Mia", "+14d")
        assert meeting.session.current.outcomes[0].due == date(2026, 3, 26)
        # Every region is on screen at 80x24.
        for selector in ("#theme-title", "#clock", "#outcomes", "#notes", "#agenda"):
            region = page.query_one(selector).region
            assert region.height > 0, selector
            assert region.bottom <= 24 and region.right <= 80, selector


# -- a follow-up meeting: reviewing the earlier meeting's outcomes ----------------------------


def followup_meeting(folder: Path) -> Meeting:
    """A follow-up of an ended sample meeting with an agreement, an action and a question."""
    from facilitator.followup import prepare_followup
    from facilitator.store import new_session_path, save_session

    earlier = fresh_session(session_id="0123456789ab")
    earlier.started = START - timedelta(days=90)
    earlier.ended = earlier.started + timedelta(minutes=100)
    captured = [
        ("decision", "Guiden tages op hvert år", "", None),
        ("agreement", "Skærmbilleder gemmes i sagen", "Mia", date(2026, 1, 9)),
        ("action", "Lav en tjekliste", "Søren", date(2026, 2, 1)),
        ("question", "Hvem ringer til politiet?", "", None),
    ]
    for index, (kind, text, owner, due) in enumerate(captured):
        outcome = earlier.add_outcome(FIRST, kind, text, owner, due)  # type: ignore[arg-type]
        outcome.id = f"e{index:011d}"
    earlier_path = new_session_path(folder, earlier)
    save_session(earlier, earlier_path)
    session = prepare_followup(earlier_path, [folder])
    session.id = "f0110w0up000"
    session.created = START
    # The opening standing items (agenda, earlier minutes, news) are behind the chair.
    session.current_theme = REVIEW_THEME_ID
    return make_meeting(folder, session=session)


async def test_followup_review_keys_set_status_and_comment(tmp_path: Path) -> None:
    meeting = followup_meeting(tmp_path / "sessions")
    session = meeting.session
    assert session.current_theme == REVIEW_THEME_ID
    assert [r.text for r in session.reviews] == [
        "Skærmbilleder gemmes i sagen",
        "Lav en tjekliste",
        "Hvem ringer til politiet?",
    ]
    async with meeting.app.run_test(size=SIZE) as pilot:
        await settle(meeting, pilot)
        prompts = screen(meeting).query_one("#theme-prompts")
        assert "▶ [Not reviewed] Agreement: Skærmbilleder gemmes i sagen" in text_of(prompts)
        await pilot.press("1")  # done; the selection moves on to the next item
        await pilot.press("2")  # in progress
        await pilot.press("up", "c")
        assert dialog_name(meeting) == "TextPrompt"
        await type_text(pilot, "Tjeklisten er halvt færdig")
        await pilot.press("enter")
        assert dialog_name(meeting) == "MeetingScreen"
        await pilot.press("down", "4")  # the question is dropped
        shown = text_of(prompts)
        assert "[Done] Agreement: Skærmbilleder gemmes i sagen" in shown
        assert "[In progress] Action: Lav en tjekliste" in shown
        assert "Comment: Tjeklisten er halvt færdig" in shown
        assert "[Dropped] Open question" in shown

        await pilot.press("n")  # on an ordinary theme, 1-4 and c do nothing
        await pilot.press("3", "c")
        assert dialog_name(meeting) == "MeetingScreen"
        assert session.reviews[0].status == "done"

    on_disk = load_session(meeting.path)
    assert [(r.status, r.comment) for r in on_disk.reviews] == [
        ("done", ""),
        ("in-progress", "Tjeklisten er halvt færdig"),
        ("dropped", ""),
    ]
    assert all(r.reviewed is not None for r in on_disk.reviews)


# -- the end ----------------------------------------------------------------------------------


async def test_end_without_gaps_goes_straight_to_review(tmp_path: Path) -> None:
    meeting = make_meeting(tmp_path / "sessions")
    for record in meeting.session.themes:
        if meeting.session.theme(record.theme_id).is_obligation:
            record.presented = True
        else:
            record.notes = "Drøftet."
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await advance(meeting, pilot, 60)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert dialog_name(meeting) != "CoverageCheck"
        assert meeting.session.ended == START + timedelta(minutes=1)
        assert dialog_name(meeting) == "MinutesScreen"
    assert load_session(meeting.path).ended == START + timedelta(minutes=1)


async def test_coverage_check_escape_goes_back_and_keeps_the_reasons(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        assert dialog_name(meeting) == "CoverageCheck"
        await type_text(pilot, "Udsat")
        await pilot.press("escape")
        assert dialog_name(meeting) == "MeetingScreen"
        assert meeting.session.ended is None
        assert meeting.session.record(FIRST).uncovered_reason == "Udsat"
        assert saved(meeting).record(FIRST).uncovered_reason == "Udsat"
        await pilot.press("ctrl+e")
        field = screen(meeting).query_one(f"#reason-{FIRST}", Input)
        assert field.value == "Udsat"


async def test_whole_meeting_then_everything_is_in_the_file(tmp_path: Path) -> None:
    """The meeting from start to end; the saved TOML holds every change made on the way."""
    meeting = make_meeting(tmp_path / "sessions")
    session = meeting.session
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await advance(meeting, pilot, 3 * 60)
        await pilot.press("w")
        selections = screen(meeting).query_one(SelectionList)
        for _ in range(10):
            if selections.highlighted == 4:
                break
            await pilot.press("down")
        await pilot.press("space", "escape")

        # Theme 1: two outcomes, notes, one more minute, then overtime.
        await capture(pilot, "d", "Chikane er gentagen, uønsket adfærd")
        await capture(pilot, "a", "Skærmbilleder gemmes i sagen", "Mia Østergaard", "+14d")
        await pilot.press("e")
        await type_text(pilot, "Grænsen mellem kritik og chikane.")
        await pilot.press("escape")
        await pilot.press("plus")
        await advance(meeting, pilot, 19 * 60)

        # Theme 2: an action and an open question; then re-plan.
        await pilot.press("n")
        await capture(pilot, "t", "Lav en tjekliste", "Søren", "1.4.2026")
        await capture(pilot, "o", "Hvem kontakter politiet om aftenen?")
        await advance(meeting, pilot, 12 * 60)
        await pilot.press("minus")
        agenda_timeboxes = {r.theme_id: r.timebox for r in session.themes}
        await pilot.press("r", "enter")
        replanned = {r.theme_id: r.timebox for r in session.themes}
        # 13:34 now, the second theme over its time, 15:30 planned: 116 minutes for 13 themes.
        still_to_come = [tid for tid in replanned if tid not in (FIRST, SECOND)]
        assert sum(replanned[tid] for tid in still_to_come) == 116
        assert sum(agenda_timeboxes[tid] for tid in still_to_come) == 120

        # The first obligation is presented; the rest is left.
        await pilot.press("n", "n", "n")
        assert session.current_theme == OBLIGATION
        await pilot.press("m")
        await advance(meeting, pilot, 4 * 60)

        await pilot.press("ctrl+e")
        check = screen(meeting)
        assert dialog_name(meeting) == "CoverageCheck"
        listed = [text_of(label) for label in check.query(".theme")]
        assert "Krænkelsestyper" in listed
        assert "Minimumsforpligtelser for ledere" in listed
        assert "Risikosituationer" not in listed  # it has outcomes
        assert "Minimumsforpligtelser for medarbejdere" not in listed  # presented
        assert "Hvad er chikane på sociale medier?" not in listed
        first_uncovered = session.uncovered()[0].theme_id
        assert first_uncovered == "kraenkelsestyper"
        await type_text(pilot, "Tages op på næste møde")
        await pilot.press("tab")
        await type_text(pilot, "Ikke nået")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert session.ended == START + timedelta(minutes=3 + 19 + 12 + 4)
        assert dialog_name(meeting) == "MinutesScreen"

    on_disk = load_session(meeting.path)
    assert on_disk.ended == session.ended
    assert on_disk.started == START
    ida = on_disk.participants[4]
    assert (ida.present, ida.arrived) == (True, START + timedelta(minutes=3))
    first = on_disk.record(FIRST)
    assert [(o.kind, o.text, o.owner, o.due) for o in first.outcomes] == [
        ("decision", "Chikane er gentagen, uønsket adfærd", "", None),
        ("agreement", "Skærmbilleder gemmes i sagen", "Mia Østergaard", date(2026, 3, 26)),
    ]
    assert first.notes == "Grænsen mellem kritik og chikane."
    assert first.timebox == 21
    assert first.seconds == pytest.approx(22 * 60)
    assert first.state == "done"
    second = on_disk.record(SECOND)
    assert [(o.kind, o.text, o.owner, o.due) for o in second.outcomes] == [
        ("action", "Lav en tjekliste", "Søren", date(2026, 4, 1)),
        ("question", "Hvem kontakter politiet om aftenen?", "", None),
    ]
    assert second.timebox == 9
    assert second.seconds == pytest.approx(12 * 60)
    assert {r.theme_id: r.timebox for r in on_disk.themes} == replanned
    assert on_disk.record(OBLIGATION).presented
    assert on_disk.record(OBLIGATION).seconds == pytest.approx(4 * 60)
    assert on_disk.record("kraenkelsestyper").uncovered_reason == "Tages op på næste møde"
    assert on_disk.record("lokale-temaer").uncovered_reason == "Ikke nået"
    # The Markdown minutes beside it carry the outcomes too.
    minutes = meeting.path.with_suffix(".md").read_text("utf-8")
    for text in ("Skærmbilleder gemmes i sagen", "Lav en tjekliste", "Ikke nået"):
        assert text in minutes


async def test_resumed_session_opens_where_it_was(tmp_path: Path) -> None:
    session = fresh_session()
    session.started = START
    session.current_theme = SECOND
    session.record(FIRST).state = "done"
    session.record(FIRST).seconds = 1300.0
    session.record(SECOND).state = "active"
    session.record(SECOND).seconds = 125.0
    session.add_outcome(SECOND, "decision", "Besluttet før nedbruddet")
    meeting = make_meeting(tmp_path / "sessions", session=session)
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert text_of(screen(meeting).query_one("#theme-title")) == "Risikosituationer"
        assert clock_digits(meeting) == "07:55"
        assert not meeting_screen(meeting).clock.running  # a resumed meeting waits for space
        assert "Besluttet før nedbruddet" in outcomes_text(meeting)
        # The panel is drawn again at its final width a frame after the first.
        await until(pilot, lambda: "Hvad er chikane" in "".join(agenda_lines(meeting)))
        assert agenda_line(meeting, "Hvad er chikane").endswith("22/20!")


# -- known bugs, reported to the lead: each test passes once the bug is fixed -----------------


async def test_notes_typed_just_before_ctrl_q_are_saved(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await type_text(pilot, "Vigtig note")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert load_session(meeting.path).record(FIRST).notes == "Vigtig note"


async def test_ctrl_q_with_a_dialog_open_keeps_the_running_time(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        meeting.time.advance(100)
        await pilot.press("a", "ctrl+q")
        await pilot.pause()
    assert load_session(meeting.path).record(FIRST).seconds == pytest.approx(100)


@pytest.mark.parametrize("size", [(100, 30), (120, 40)])
async def test_questions_get_room_on_a_tall_terminal(tmp_path: Path, size: tuple[int, int]) -> None:
    meeting = make_meeting(tmp_path / "sessions")
    async with meeting.app.run_test(size=size) as pilot:
        await pilot.pause()
        page = screen(meeting)
        assert page.query_one("#theme-body").region.height >= 6
        assert page.query_one("#capture").region.bottom <= page.query_one("#main").region.bottom


async def test_obligation_title_is_readable_at_80x24(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SMALL) as pilot:
        await pilot.press(*["n"] * 4)
        page = screen(meeting)
        assert meeting.session.current_theme == OBLIGATION
        assert page.query_one("#theme-title").region.height <= 2


async def test_coverage_check_shows_its_keys_at_80x24(meeting: Meeting) -> None:
    async with meeting.app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+e")
        check = screen(meeting)
        inner = check.query_one("CoverageCheck > Vertical").content_region
        keys = check.query_one("#coverage-keys").region
        intro = check.query_one("#coverage-intro").region
        assert inner.contains_region(keys)
        assert intro.right <= inner.right
