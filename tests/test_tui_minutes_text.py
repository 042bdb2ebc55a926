"""The review screen's minutes and outcome table on a long meeting: drawn at once, the rest
following, and a correction redrawing only what changed."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from support import CET, drawn, until
from textual.pilot import Pilot
from textual.widgets import DataTable

from facilitator.agenda import Agenda
from facilitator.session import OUTCOME_KINDS, Session
from facilitator.store import save_session
from facilitator.tui.app import FacilitatorApp, StartMeeting
from facilitator.tui.screens.minutes import MinutesScreen
from facilitator.tui.widgets.minutes_text import MinutesText, sections

OUTCOMES = 100


def long_meeting(folder: Path, agenda: Agenda) -> tuple[Session, Path]:
    session = Session.new("LMU Nord", agenda)
    session.chair = "Anne Æbelø"
    session.started = datetime(2026, 3, 2, 14, 0, tzinfo=CET)
    session.ended = session.started + timedelta(hours=2)
    for index in range(OUTCOMES):
        record = session.themes[index % len(session.themes)]
        due = date(2026, 4, 1) + timedelta(days=index) if index % 3 == 0 else None
        text = f"Udfald nummer {index + 1} om skærmbilleder og [bold]opslag[/] på sociale medier"
        session.add_outcome(record.theme_id, OUTCOME_KINDS[index % 4], text, "Mia", due)
    session.add_outcome(session.themes[-1].theme_id, "decision", "Det allersidste udfald")
    path = folder / "2026-03-02-lmu-nord-sociale-medier.toml"
    save_session(session, path)
    return session, path


def review_app(folder: Path, agenda: Agenda) -> tuple[FacilitatorApp, Session, Path]:
    """The app on an ended 101-outcome meeting: it opens on the review screen."""
    session, path = long_meeting(folder, agenda)
    return FacilitatorApp(sessions_dir=folder, start=StartMeeting(session, path)), session, path


async def review(pilot: Pilot[None]) -> tuple[MinutesScreen, MinutesText]:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MinutesScreen)
    return screen, screen.query_one(MinutesText)


async def rendered(pilot: Pilot[None], minutes: MinutesText) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert minutes.rendered


def test_the_minutes_are_cut_before_each_heading_and_nowhere_else() -> None:
    source = "# Referat\n\n**Udvalg:** LMU\n\n## 1. Definition\n\n\\# ikke en overskrift\n\n### 1.1 Tema\n"
    assert sections(source) == [
        "# Referat\n\n**Udvalg:** LMU",
        "## 1. Definition\n\n\\# ikke en overskrift",
        "### 1.1 Tema",
    ]
    assert sections("Ingen overskrift\n") == ["Ingen overskrift"]


async def test_a_long_meetings_minutes_show_at_once_and_whole(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    app, _session, _path = review_app(tmp_path, sample_agenda)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, minutes = await review(pilot)
        # The first screenful is up with the screen: a heading, drawn, not Markdown source.
        shown = drawn(app)
        assert "Referat – LMU Nord" in shown
        assert "# Referat" not in shown
        assert screen.query_one("#outcomes", DataTable).row_count == OUTCOMES + 1
        await rendered(pilot, minutes)
        # The whole meeting, to scroll to; typed brackets are text, not markup.
        assert minutes.virtual_size.height > 2 * OUTCOMES
        assert "Det allersidste udfald" in minutes.text
        assert "Udfald nummer 100 om skærmbilleder og [bold]opslag[/] på" in minutes.text
        last = minutes.text.splitlines()[-1].strip()
        minutes.focus()
        await pilot.press("end")
        await until(pilot, lambda: last in drawn(app))  # the scroll may be animated


async def test_a_correction_redraws_its_row_and_the_minutes_keeping_the_cursor(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    app, session, path = review_app(tmp_path, sample_agenda)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, minutes = await review(pilot)
        await rendered(pilot, minutes)
        table = screen.query_one("#outcomes", DataTable)
        await pilot.press("down", "down")
        third = session.outcomes()[2][1]
        assert (table.cursor_row, third.kind) == (2, "action")
        await pilot.press("k")  # action becomes an open question
        await pilot.pause()
        assert third.kind == "question"
        assert table.cursor_row == 2
        assert table.row_count == OUTCOMES + 1
        assert str(table.get_row_at(2)[1]) != "Action"
        await rendered(pilot, minutes)
        assert "Spørgsmål" in minutes.source or "spørgsmål" in minutes.source
        assert app.flush()
        assert path.with_suffix(".md").read_text(encoding="utf-8") == minutes.source
