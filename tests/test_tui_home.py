"""The home screen: the meetings in the folder, resume, open, follow up, register, new meeting."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from support import CET, sample_participants, top, until
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, SelectionList, Static

from facilitator import catalog
from facilitator.agenda import Agenda
from facilitator.session import Session
from facilitator.store import load_session, save_session
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.screens.followup_form import FollowupForm
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.meeting import MeetingScreen
from facilitator.tui.screens.register import RegisterScreen
from facilitator.tui.screens.setup import SetupScreen
from facilitator.tui.widgets.participant_row import ParticipantRow

NOW = datetime(2026, 3, 2, 14, 0, tzinfo=CET)


def wall() -> datetime:
    return NOW


def saved(folder: Path, agenda: Agenda, committee: str, day: date, ended: bool) -> Path:
    """A session on disk: started on `day`, ended or not, with one agreement."""
    session = Session.new(committee, agenda)
    session.started = datetime(day.year, day.month, day.day, 9, 0, tzinfo=CET)
    session.add_outcome(session.themes[0].theme_id, "agreement", "Vi mødes igen", "Mia")
    if ended:
        session.ended = session.started + timedelta(hours=2)
    path = folder / f"{day.isoformat()}-{committee.lower().replace(' ', '-')}.toml"
    save_session(session, path)
    return path


async def loaded(pilot: Pilot[None]) -> HomeScreen:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HomeScreen)
    return screen


def cells(screen: HomeScreen) -> list[list[str]]:
    table = screen.query_one("#sessions", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_home_lists_unfinished_first_and_resumes_one(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    saved(tmp_path, sample_agenda, "LMU Vest", date(2026, 2, 20), ended=True)
    unfinished = saved(tmp_path, sample_agenda, "LMU Nord", date(2026, 2, 10), ended=False)
    (tmp_path / "broken.toml").write_text("this is [not a session", encoding="utf-8")
    app = FacilitatorApp(sessions_dir=tmp_path, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        home = await loaded(pilot)
        rows = cells(home)
        assert len(rows) == 2  # the broken file is passed over, not a crash
        assert rows[0][1] == "LMU Nord" and rows[0][3] == "In progress"
        assert rows[1][1] == "LMU Vest" and rows[1][3] == "Ended"
        assert sample_agenda.title[:20] in rows[0][2]
        assert "resume" in str(home.query_one("#home-hint").render())
        await pilot.press("enter")
        await pilot.pause()
        meeting = top(app)
        assert isinstance(meeting, MeetingScreen)
        assert meeting.session.committee == "LMU Nord"
        assert meeting.path == unfinished
        assert unfinished in app.meetings


async def test_home_opens_the_minutes_of_a_finished_meeting(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    saved(tmp_path, sample_agenda, "LMU Vest", date(2026, 2, 20), ended=True)
    app = FacilitatorApp(sessions_dir=tmp_path, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()
        from facilitator.tui.screens.minutes import MinutesScreen

        assert isinstance(top(app), MinutesScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(top(app), HomeScreen)


async def test_home_with_an_empty_folder_says_what_to_do(tmp_path: Path) -> None:
    app = FacilitatorApp(sessions_dir=tmp_path / "none-yet", wall=wall)
    async with app.run_test(size=(80, 24)) as pilot:
        home = await loaded(pilot)
        hint = str(home.query_one("#home-empty", Static).render())
        assert "No meetings yet" in hint and "Press n" in hint
        assert not home.query_one("#sessions").display
        await pilot.press("n")
        await until(pilot, lambda: isinstance(top(app), SetupScreen))
        setup = top(app)
        assert isinstance(setup, SetupScreen)
        assert setup.agenda.id == "sociale-medier"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(top(app), HomeScreen)


async def test_follow_up_on_a_finished_meeting(tmp_path: Path, sample_agenda: Agenda) -> None:
    earlier_path = saved(tmp_path, sample_agenda, "LMU Vest", date(2026, 2, 20), ended=True)
    earlier = load_session(earlier_path)
    app = FacilitatorApp(sessions_dir=tmp_path, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FollowupForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.session.followup_of == earlier.id
        assert [review.text for review in screen.session.reviews] == ["Vi mødes igen"]
        assert screen.path != earlier_path and screen.path.parent == tmp_path
        # The first save is handed to the saver a frame after the meeting screen is up.
        await until(pilot, screen.path.exists)
        assert app.flush()


async def test_the_follow_up_form_reads_no_agenda_file_it_does_not_show(
    tmp_path: Path, sample_agenda: Agenda, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The follow-up runs its own agenda: the local agenda files are neither read nor in its way."""
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    earlier = load_session(saved(sessions, sample_agenda, "LMU Vest", date(2026, 2, 20), True))
    local = tmp_path / "agendas"
    local.mkdir()
    (local / "broken.toml").write_text("schema = [not toml", encoding="utf-8")
    (local / "folder.toml").mkdir()  # not a file: refused by the loader, a problem to report
    for number in range(5):
        (local / f"guide-{number:02}.toml").write_bytes(b"# a large file\n" * 2_000)
    monkeypatch.chdir(tmp_path)
    read: list[Path] = []
    load = catalog.load_agenda  # type: ignore[attr-defined]

    def counting(path: Path | str) -> Agenda:
        read.append(Path(path))
        return load(path)

    monkeypatch.setattr(catalog, "load_agenda", counting)
    app = FacilitatorApp(sessions_dir=sessions, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FollowupForm)
        assert read == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.session.followup_of == earlier.id
        assert read == []
        await until(pilot, screen.path.exists)
        assert app.flush()
    # The new-meeting form, which offers the agendas, does read them: what the counter sees.
    app = FacilitatorApp(sessions_dir=sessions, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(top(app), SetupScreen))
        setup = top(app)
        assert isinstance(setup, SetupScreen)
        await app.workers.wait_for_complete()  # the form reads them in the background
        await pilot.pause()
        assert {"broken.toml", "guide-00.toml"} <= {path.name for path in read}
        info = str(setup.query_one("#agenda-info", Static).render())
        assert "7 agenda file(s) could not be loaded" in info


async def test_follow_up_needs_a_finished_meeting(tmp_path: Path, sample_agenda: Agenda) -> None:
    saved(tmp_path, sample_agenda, "LMU Nord", date(2026, 2, 10), ended=False)
    app = FacilitatorApp(sessions_dir=tmp_path, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(top(app), HomeScreen)


async def test_g_opens_the_register_of_the_sessions_folder(tmp_path: Path) -> None:
    app = FacilitatorApp(sessions_dir=tmp_path, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("g")
        await pilot.pause()
        register = top(app)
        assert isinstance(register, RegisterScreen)
        assert register.paths == [tmp_path]


async def test_the_follow_up_form_asks_where_how_long_who_and_which_carried_themes(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    session = Session.new("LMU Vest", sample_agenda)
    session.started = datetime(2026, 2, 20, 9, 0, tzinfo=CET)
    session.participants = sample_participants()
    first, second, third = (record.theme_id for record in session.themes[:3])
    session.add_outcome(first, "agreement", "Vi mødes igen", "Mia")
    session.record(first).state = "done"
    session.record(second).state = "postponed"
    session.record(second).reason = "HR deltager næste gang"
    for record in session.themes[2:]:
        record.state = "done"  # dealt with: nothing else is carried but the postponed one
    session.record(third).state = "pending"  # never reached
    session.ended = session.started + timedelta(hours=2)
    save_session(session, tmp_path / "2026-02-20-lmu-vest.toml")
    app = FacilitatorApp(sessions_dir=tmp_path, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FollowupForm)
        intro = str(form.query_one("#followup-intro", Static).render())
        assert "2 Mar 2026" in intro and "20 Feb 2026" in intro
        carried = form.query_one("#carried", SelectionList)
        assert carried.option_count == 2
        assert "HR deltager næste gang" in str(carried.get_option_at_index(0).prompt)
        carried.focus()
        await pilot.press("down", "space")  # leave the never-reached theme out
        rows = list(form.query(ParticipantRow))
        assert [row.participant.name for row in rows if row.participant] == [
            p.name for p in session.participants
        ]
        rows[0].query_one(".p-present", Checkbox).value = False  # sent apologies
        form.query_one("#place", Input).value = "Mødelokale 3"
        form.query_one("#planned", Input).value = "45"
        await pilot.press("ctrl+s")
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        follow = meeting.session
        ids = [record.theme_id for record in follow.themes]
        assert second in ids and third not in ids
        assert follow.place == "Mødelokale 3"
        assert follow.planned_minutes == 45
        assert sum(record.timebox for record in follow.themes) <= 45 + len(follow.themes)
        assert not follow.participants[0].present
        assert all(p.present for p in follow.participants[1:])


async def test_a_meeting_that_ends_before_it_starts_is_listed_as_a_damaged_file(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    saved(tmp_path, sample_agenda, "LMU Vest", date(2026, 2, 20), ended=True)
    backwards = Session.new("LMU Baglæns", sample_agenda)
    backwards.started = datetime(2026, 2, 10, 14, 0, tzinfo=CET)
    backwards.ended = backwards.started - timedelta(minutes=30)  # a hand edit, a clock set back
    save_session(backwards, tmp_path / "2026-02-10-lmu-baglaens.toml")
    app = FacilitatorApp(sessions_dir=tmp_path, wall=wall)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        home = await loaded(pilot)
        rows = cells(home)
        assert [row[1] for row in rows] == ["LMU Vest", "LMU Baglæns"]
        assert rows[0][3] == "Ended" and rows[1][3] == "Damaged file"
        await pilot.press("down")
        assert "see why the file cannot be opened" in str(home.query_one("#home-hint").render())
        await pilot.press("f", "o")  # no follow-up on it, no reopening it
        await pilot.pause()
        assert top(app) is home
        await pilot.press("enter")
        await pilot.pause()
        assert top(app) is home
        [told] = [n.message for n in app._notifications]
        assert "2026-02-10-lmu-baglaens.toml:" in told and "comes before" in told
