"""The presenter view: follows a session file written by another program, never writes it."""

from __future__ import annotations

import io
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console
from support import CET, COMMITTEE, fresh_session
from textual.widgets import Static

from facilitator.agenda import Agenda
from facilitator.catalog import resolve_agenda
from facilitator.clock import MeetingClock
from facilitator.follow import MeetingFinder, SessionFollower, signature
from facilitator.i18n import set_language
from facilitator.session import Session
from facilitator.store import new_session_path, save_session
from facilitator.tui.present.app import PresenterApp
from facilitator.tui.present.lists import HangingList
from facilitator.tui.present.screen import PresenterScreen
from facilitator.tui.widgets.big_digits import BigDigits, fit_scale, pixel_width, render_lines

T0 = datetime(2026, 3, 12, 13, 0, tzinfo=CET)


class Wall:
    """The presenter's wall clock, and the meeting's monotonic clock kept in step with it."""

    def __init__(self) -> None:
        self.elapsed = 0.0

    def __call__(self) -> datetime:
        return T0 + timedelta(seconds=self.elapsed)

    def monotonic(self) -> float:
        return 500.0 + self.elapsed


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


@pytest.fixture
def wall() -> Wall:
    return Wall()


class Meeting:
    """The meeting program's side: a session, its clock, and saving it as the store does."""

    def __init__(self, folder: Path, agenda: Agenda, wall: Wall) -> None:
        self.session = Session.new(COMMITTEE, agenda)
        self.session.planned_start = T0
        self.path = new_session_path(folder, self.session)
        self.clock = MeetingClock(self.session, monotonic=wall.monotonic, wall=wall)
        self.save()

    def save(self) -> None:
        self.clock.checkpoint()
        save_session(self.session, self.path)
        # Each save is a new file by rename; make sure the follower can tell even when two
        # saves fall in the same filesystem timestamp tick.
        stamp = self.path.stat().st_mtime_ns + 1_000_000
        os.utime(self.path, ns=(stamp, stamp))


@pytest.fixture
def meeting(tmp_path: Path, sample_agenda: Agenda, wall: Wall) -> Meeting:
    return Meeting(tmp_path, sample_agenda, wall)


def text_of(app: PresenterApp, selector: str) -> str:
    """A widget's content as plain text, laid out 100 columns wide."""
    widget = app.screen.query_one(selector)
    if isinstance(widget, HangingList):
        return "\n".join(line.plain for line in widget.lines(100))
    assert isinstance(widget, Static)
    console = Console(width=100, file=io.StringIO(), record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


async def settle(app: PresenterApp, pilot: object) -> None:
    """One look at the file, and the screen redrawn from it."""
    screen = app.screen
    assert isinstance(screen, PresenterScreen)
    screen.poll()
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


# -- the digits -----------------------------------------------------------------------------


def test_big_digits_fill_a_projector_and_stay_readable_at_80_columns() -> None:
    assert pixel_width("12:34") == 17
    assert fit_scale("12:34", 156, 22) == 8  # 136 columns, 20 rows on a 160x45 terminal
    assert fit_scale("12:34", 78, 7) == 2
    lines = render_lines("12:34", 2)
    assert len(lines) == 5
    assert {len(line) for line in lines} == {34}


def test_digits_that_do_not_fit_fall_back_to_plain_text() -> None:
    assert fit_scale("12:34", 10, 2) == 0
    assert render_lines("12:34", 0) == ["12:34"]


def test_overtime_has_its_plus_sign_in_the_big_digits() -> None:
    plus = render_lines("+01:00", 1)
    minus_free = render_lines("01:00", 1)
    assert len(plus[0]) > len(minus_free[0])
    assert "█" in "".join(line[:3] for line in plus)


# -- following the file ---------------------------------------------------------------------


def test_the_follower_reads_each_new_version_and_nothing_else(meeting: Meeting) -> None:
    follower = SessionFollower(meeting.path)
    first = follower.poll()
    assert first is not None and first.session is not None
    assert follower.poll() is None  # unchanged: not read again
    meeting.clock.next()
    meeting.save()
    second = follower.poll()
    assert second is not None and second.session is not None
    assert second.session.current_theme == meeting.session.current_theme


def test_a_briefly_missing_file_is_reported_and_then_read_again(meeting: Meeting) -> None:
    follower = SessionFollower(meeting.path)
    assert follower.poll() is not None
    hidden = meeting.path.with_suffix(".away")
    meeting.path.rename(hidden)
    gone = follower.poll()
    assert gone is not None and gone.session is None and gone.problem == "missing"
    hidden.rename(meeting.path)
    back = follower.poll()
    assert back is not None and back.session is not None


def test_a_damaged_file_is_named_and_the_follower_keeps_trying(meeting: Meeting) -> None:
    follower = SessionFollower(meeting.path)
    assert follower.poll() is not None
    good = meeting.path.read_bytes()
    meeting.path.write_bytes(b"schema = [")
    broken = follower.poll()
    assert broken is not None and broken.session is None and str(meeting.path) in broken.problem
    meeting.path.write_bytes(good)
    again = follower.poll()
    assert again is not None and again.session is not None


# -- the screen -----------------------------------------------------------------------------


async def test_the_room_sees_the_theme_its_questions_and_the_time_left(
    meeting: Meeting, wall: Wall
) -> None:
    meeting.clock.start()
    wall.elapsed = 90
    meeting.save()
    wall.elapsed = 100  # ten seconds since the last save: the view computes them
    app = PresenterApp(meeting.path.parent, meeting.path, wall=wall)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        assert COMMITTEE in text_of(app, "#present-committee")
        assert "1.1 Hvad er chikane" in text_of(app, "#present-theme")
        assert app.screen.query_one("#present-digits", BigDigits).text == "18:20"
        theme = meeting.session.theme(meeting.session.current_theme)
        prompts = text_of(app, "#present-prompts")
        assert theme.prompts[0][:40] in prompts.replace("\n", " ")
        assert app.screen.query_one("#present-prompts").region.height > 0
        assert "of 20 min" in text_of(app, "#present-phase")


async def test_next_theme_and_a_new_agreement_follow_the_file(meeting: Meeting, wall: Wall) -> None:
    meeting.clock.start()
    app = PresenterApp(meeting.path.parent, meeting.path, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        wall.elapsed = 120
        meeting.clock.next()
        theme = meeting.session.current_theme
        meeting.session.add_outcome(theme, "agreement", "Skærmbilleder [/] gemmes", "Mia")
        meeting.session.add_outcome(theme, "decision", "Risici skrives ind i APV'en")
        meeting.save()
        await settle(app, pilot)
        assert "2.1 Risikosituationer" in text_of(app, "#present-theme")
        joined = text_of(app, "#present-outcomes")
        # Newest first, and text from the file is shown as typed, never read as markup.
        assert joined.index("Risici") < joined.index("Skærmbilleder [/] gemmes")


async def test_between_themes_the_room_sees_the_agenda(meeting: Meeting, wall: Wall) -> None:
    app = PresenterApp(meeting.path.parent, meeting.path, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert screen.has_class("-between")
        assert screen.query_one("#present-agenda").display
        assert not screen.query_one("#present-body").display
        meeting.clock.start()
        meeting.save()
        await settle(app, pilot)
        assert not screen.has_class("-between")
        assert screen.query_one("#present-body").display


async def test_warning_and_overtime_are_said_in_words(meeting: Meeting, wall: Wall) -> None:
    meeting.clock.start()
    wall.elapsed = 19 * 60 + 30
    meeting.save()
    app = PresenterApp(meeting.path.parent, meeting.path, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert "Nearly out of time" in text_of(app, "#present-phase")
        assert app.screen.has_class("-warning")
        wall.elapsed = 23 * 60 + 10  # no save: the view's own clock runs on
        app.screen.tick()  # type: ignore[attr-defined]
        await pilot.pause()
        assert "OVERTIME +3 min" in text_of(app, "#present-phase")
        assert app.screen.query_one("#present-digits", BigDigits).text == "+03:10"
        assert app.screen.has_class("-overtime")


async def test_the_end_of_the_meeting_stays_on_screen(meeting: Meeting, wall: Wall) -> None:
    meeting.clock.start()
    app = PresenterApp(meeting.path.parent, meeting.path, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        wall.elapsed = 45 * 60
        meeting.clock.pause()
        meeting.session.ended = wall().replace(microsecond=0)
        meeting.save()
        await settle(app, pilot)
        assert "The meeting has ended at 13:45" in text_of(app, "#present-message")
        assert app.screen.query_one("#present-digits", BigDigits).text == "13:45"
        assert app.is_running


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "The meeting ended at 23:45 on 12 Mar 2026"),
        ("da", "Mødet sluttede kl. 23.45 den 12. marts 2026"),
    ],
)
async def test_an_end_on_another_day_than_today_gives_its_date(
    meeting: Meeting, wall: Wall, language: str, said: str
) -> None:
    """The view left on overnight, or opened the next morning: a bare «23.45» would be today's."""
    set_language(language)
    meeting.clock.start()
    wall.elapsed = 10 * 3600 + 45 * 60  # 13.00 + 10 h 45 min: 23.45
    meeting.clock.pause()
    meeting.session.ended = wall().replace(microsecond=0)
    meeting.save()
    app = PresenterApp(meeting.path.parent, meeting.path, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert "23.45" in text_of(app, "#present-message").replace(":", ".")
        assert " on " not in text_of(app, "#present-message")
        assert " den " not in text_of(app, "#present-message")
        wall.elapsed += 20 * 60  # past midnight
        app.screen.tick()  # type: ignore[attr-defined]
        await pilot.pause()
        assert said in text_of(app, "#present-message")


async def test_it_waits_for_a_meeting_to_start(
    tmp_path: Path, sample_agenda: Agenda, wall: Wall
) -> None:
    app = PresenterApp(tmp_path, None, wall=wall)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "Waiting for a meeting to start" in text_of(app, "#present-message")
        Meeting(tmp_path, sample_agenda, wall)
        await settle(app, pilot)
        assert "1.1 Hvad er chikane" in text_of(app, "#present-theme")


async def test_the_view_never_writes_or_locks_the_file(meeting: Meeting, wall: Wall) -> None:
    before = signature(meeting.path)
    files_before = sorted(p.name for p in meeting.path.parent.iterdir())
    app = PresenterApp(meeting.path.parent, meeting.path, wall=wall)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for key in ("space", "n", "a", "d", "e", "plus", "minus", "ctrl+e", "r", "u"):
            await pilot.press(key)
        await settle(app, pilot)
        assert sorted(p.name for p in meeting.path.parent.iterdir()) == files_before
    assert signature(meeting.path) == before


async def test_f1_explains_the_view_and_ctrl_q_closes_it(meeting: Meeting, wall: Wall) -> None:
    app = PresenterApp(meeting.path.parent, meeting.path, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_text_from_the_file_cannot_steer_the_terminal(
    tmp_path: Path, sample_agenda: Agenda, wall: Wall
) -> None:
    session = fresh_session()
    session.committee = "LMU \x1b]52;c;aGk=\x07Nord\x1b[2J"
    path = new_session_path(tmp_path, session)
    save_session(session, path)
    app = PresenterApp(tmp_path, path, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        shown = text_of(app, "#present-committee")
        assert "\x1b" not in shown and "\x07" not in shown
        assert "LMU" in shown and "Nord" in shown


def test_an_idle_view_reads_nothing(meeting: Meeting, tmp_path: Path) -> None:
    follower = SessionFollower(meeting.path)
    assert follower.changed()
    follower.poll()
    assert not follower.changed()  # one stat says so: no read, no thread
    finder = MeetingFinder(tmp_path / "empty", every=5.0)
    (tmp_path / "empty").mkdir()
    assert finder.due(100.0)
    assert finder.look(100.0) is None
    assert not finder.due(101.0)
    assert finder.due(105.0)  # a shared drive may not update the folder's time: look anyway


@pytest.mark.parametrize(
    "size", [(80, 24), (100, 30), (200, 50)], ids=["80x24", "100x30", "200x50"]
)
@pytest.mark.parametrize("agenda_id", ["sociale-medier", "social-media"])
async def test_a_long_title_gives_way_to_the_time_in_the_top_bar(
    tmp_path: Path, wall: Wall, size: tuple[int, int], agenda_id: str
) -> None:
    """On a projector the time is read across the room; the title may be cut, never the time."""
    committee = "Lokaludvalget for Børn, Unge og Familier i Børneby Nord"
    session = Session.new(committee, resolve_agenda(agenda_id, tmp_path / "none"))
    session.planned_start = T0
    path = new_session_path(tmp_path, session)
    save_session(session, path)
    app = PresenterApp(tmp_path, path, wall=wall)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        title = app.screen.query_one("#present-committee")
        clock = app.screen.query_one("#present-time")
        time_text = text_of(app, "#present-time").strip()
        assert "at 13:00" in time_text and "planned end" in time_text
        assert clock.render_line(0).text.strip() == time_text
        assert clock.region.right <= size[0]
        # A gap, so the title's last word does not read as part of the time.
        assert clock.region.x - title.region.right >= 2
        shown = title.render_line(0).text.rstrip()
        whole = f"{committee} · {session.agenda.title}"
        if len(whole) <= title.region.width:
            assert shown == whole
        else:
            assert shown.endswith("…") and whole.startswith(shown[:-1])


def test_a_standing_item_is_one_numbered_line_as_in_the_minutes() -> None:
    """«1 Godkendelse af dagsorden» on the projector, not «1 …» over «1.1 …» again."""
    from facilitator.live import LiveClock
    from facilitator.standing import add_standing_items
    from facilitator.tui.present import view

    session = fresh_session()
    add_standing_items(session)
    assert view.where(session) == ("", "1 Godkendelse af dagsorden")
    rows, current = view.agenda_rows(LiveClock(session, T0))
    titles = [title.plain for _mark, title, _time in rows]
    assert titles[:4] == [
        "1 Godkendelse af dagsorden",
        "2 Godkendelse af referat fra sidste møde",
        "3 Meddelelser",
        "4 Definition",
    ]
    assert titles[-1] == "10 Næste møde" and current == 0
    assert rows[0][2].plain == "0/2 min"
    session.current_theme = session.themes[3].theme_id  # the paper's first theme
    assert view.where(session) == ("4 Definition", "4.1 Hvad er chikane på sociale medier?")
