"""The new-meeting form: required committee, planned length, participants, start and back."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from support import on_top, top, type_text, until, wall
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Select, Static

from facilitator.agenda import Agenda
from facilitator.standing import AGENDA_ID, STANDING_MINUTES
from facilitator.store import load_session
from facilitator.tui.app import FacilitatorApp, StartSetup
from facilitator.tui.screens.meeting import MeetingScreen
from facilitator.tui.screens.setup import SetupScreen
from facilitator.tui.screens.setup_fields import parse_planned
from facilitator.tui.widgets.participant_row import ParticipantRow


def message(screen: SetupScreen, field: str) -> str:
    widget = screen.query_one(f"#{field}-message", Static)
    return str(widget.render()) if widget.display else ""


async def replace_text(pilot: Pilot[None], selector: str, text: str) -> None:
    """Click into a field, clear it and type, as a person would."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    await pilot.press("home", "ctrl+k", *text)


def toml_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.toml")) if folder.exists() else []


async def test_setup_refuses_a_missing_committee(tmp_path: Path, sample_agenda: Agenda) -> None:
    app = FacilitatorApp(sessions_dir=tmp_path, start=StartSetup(sample_agenda), wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        assert screen.query_one("#committee", Input).has_focus
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert on_top(app, screen)
        assert "required" in message(screen, "committee")
        assert screen.query_one("#committee", Input).has_focus
        assert toml_files(tmp_path) == []
        await type_text(pilot, "LMU")
        assert message(screen, "committee") == ""


def test_planned_length_is_a_whole_number_from_1_to_1440() -> None:
    assert parse_planned("90") == (90, "")
    for bad in ("", "0", "1441", "-5", "1.5", "abc"):
        minutes, error = parse_planned(bad)
        assert minutes is None and error


async def test_a_sessions_folder_made_from_the_form_is_private(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    folder = tmp_path / "udvalg" / "sessions"
    old_umask = os.umask(0o022)  # the usual umask: folders come out 0755 unless made private
    try:
        app = FacilitatorApp(sessions_dir=folder, start=StartSetup(sample_agenda), wall=wall)
        async with app.run_test(size=(100, 30)) as pilot:
            await replace_text(pilot, "#committee", "LMU Nord")
            await pilot.press("ctrl+s")
            await pilot.pause()
            meeting = app.screen
            assert isinstance(meeting, MeetingScreen)
            assert app.flush()
    finally:
        os.umask(old_umask)
    for made in (tmp_path / "udvalg", folder):
        assert stat.S_IMODE(made.stat().st_mode) == 0o700
    assert stat.S_IMODE(meeting.path.stat().st_mode) == 0o600


async def test_setup_scales_the_timeboxes_and_creates_the_session(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    start = StartSetup(sample_agenda, committee="LMU Børneby Nord")
    app = FacilitatorApp(sessions_dir=tmp_path, start=start, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        planned = screen.query_one("#planned", Input)
        assert planned.value == str(sample_agenda.minutes)
        assert "As the agenda plans it" in message(screen, "planned")
        await replace_text(pilot, "#planned", "2000")
        assert "1440" in message(screen, "planned")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert on_top(app, screen)  # refused on the spot
        await replace_text(pilot, "#planned", "60")
        assert "scaled to 60 minutes" in message(screen, "planned")
        await replace_text(pilot, "#place", "Mødelokale 2")
        await replace_text(pilot, "#chair", "Anne")
        await pilot.press("ctrl+s")
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        # The MED standing items come on top of the paper's 60 minutes (the form says so).
        assert meeting.session.timebox_minutes == 60 + STANDING_MINUTES
        assert app.flush()
        files = toml_files(tmp_path)
        assert files == [meeting.path]
        stored = load_session(meeting.path)
        assert stored.committee == "LMU Børneby Nord"
        assert stored.place == "Mødelokale 2" and stored.chair == "Anne"
        assert stored.planned_minutes == 60 + STANDING_MINUTES
        paper = [record for record in stored.themes if record.origin != "standing"]
        assert sum(record.timebox for record in paper) == 60
        # The meeting replaced the form: nothing to go back to but the start.
        assert not any(isinstance(s, SetupScreen) for s in app.screen_stack)


async def test_participants_are_prefilled_added_and_removed(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    start = StartSetup(
        sample_agenda,
        committee="LMU Syd",
        participants=[("Anne", "leder"), ("Mia", "tr"), ("Bo", "amr")],
    )
    app = FacilitatorApp(sessions_dir=tmp_path, start=start, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        rows = list(screen.query(ParticipantRow))
        assert [row.query_one(".p-name", Input).value for row in rows] == ["Anne", "Mia", "Bo"]
        assert rows[0].query_one(".p-side", Select).value == "management"
        assert rows[1].query_one(".p-side", Select).value == "employees"
        # Bo goes: cursor into his row, ctrl+r.
        rows[2].focus_name()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert len(screen.query(ParticipantRow)) == 2
        # A new row: the cursor lands in its name; the role decides the side.
        await pilot.press("ctrl+n")
        await pilot.pause()
        new = list(screen.query(ParticipantRow))[-1]
        assert new.query_one(".p-name", Input).has_focus
        await type_text(pilot, "Lis")
        new.query_one(".p-role", Select).value = "secretary"
        await pilot.pause()
        assert new.query_one(".p-side", Select).value == ""  # a secretary sits on no side
        # Mia sent apologies.
        rows[1].query_one(".p-present", Checkbox).value = False
        await pilot.press("ctrl+s")
        await pilot.pause()
        meeting = top(app)
        assert isinstance(meeting, MeetingScreen)
        people = {(p.name, p.role, p.side, p.present) for p in meeting.session.participants}
        assert people == {
            ("Anne", "leader", "management", True),
            ("Mia", "tr", "employees", False),
            ("Lis", "secretary", "", True),
        }


async def test_escape_goes_back_home_asking_when_something_was_typed(tmp_path: Path) -> None:
    from facilitator.tui.modals.confirm import Confirm
    from facilitator.tui.screens.home import HomeScreen

    app = FacilitatorApp(sessions_dir=tmp_path, wall=wall)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("n")
        await until(pilot, lambda: isinstance(top(app), SetupScreen))
        await type_text(pilot, "LMU")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(top(app), Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(top(app), SetupScreen)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(top(app), HomeScreen)


async def test_escape_on_the_first_screen_leaves_the_program(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    app = FacilitatorApp(sessions_dir=tmp_path, start=StartSetup(sample_agenda), wall=wall)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app._exit


async def test_choosing_a_plan_starts_a_meeting_on_its_themes(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    app = FacilitatorApp(sessions_dir=tmp_path, start=StartSetup(sample_agenda), wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = top(app)
        assert isinstance(screen, SetupScreen)
        plan = screen.query_one("#plan", Select)
        # The built-in guide opens on its whole-guide plan, at the agenda's length.
        assert plan.value == "hele-guiden"
        assert screen.query_one("#planned", Input).value == str(sample_agenda.minutes)
        plan.focus()
        await pilot.press("enter", "up", "up", "enter")
        await pilot.pause()
        assert plan.value == "foerste-moede"
        assert screen.query_one("#planned", Input).value == "60"
        assert message(screen, "plan") == "9 theme(s) wait for the next meeting."
        assert message(screen, "planned").startswith("Timeboxes scaled to 60 minutes: 1 Def")
        await replace_text(pilot, "#committee", "Lokaludvalget for Børneby Nord")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(top(app), MeetingScreen)
        assert app.flush()
        (path,) = toml_files(tmp_path)
    session = load_session(path)
    paper = [r for r in session.themes if r.origin != "standing"]
    taken = [r.theme_id for r in paper if r.state != "postponed"]
    assert taken == list(sample_agenda.plan("foerste-moede").themes)
    assert sum(r.timebox for r in paper if r.theme_id in taken) == 60
    assert session.planned_minutes == 60 + STANDING_MINUTES
    assert session.current_theme == AGENDA_ID  # the standing items open the meeting


async def test_a_planned_length_too_short_for_the_themes_says_so(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    app = FacilitatorApp(sessions_dir=tmp_path, start=StartSetup(sample_agenda))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = top(app)
        assert isinstance(screen, SetupScreen)
        await replace_text(pilot, "#planned", "10")
        await pilot.pause()
        # Fifteen themes need at least a minute each: "scaled to 10 minutes" would be untrue.
        text = message(screen, "planned")
        assert text.startswith("Too short: the themes need at least ")
        total = int(text.split("at least ")[1].split(" ")[0])
        assert total > 10
        assert screen.query_one("#planned-message").has_class("-error")
