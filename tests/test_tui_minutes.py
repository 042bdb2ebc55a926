"""The review screen: correct and delete outcomes, approve, export, privacy warnings."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import docx
from support import CET, drawn, on_top, top, type_text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, Static

from facilitator.agenda import Agenda
from facilitator.cli import main
from facilitator.session import Session
from facilitator.store import load_session, save_session
from facilitator.tui.app import FacilitatorApp, StartMeeting
from facilitator.tui.modals.confirm import Confirm
from facilitator.tui.modals.export_done import ExportDone
from facilitator.tui.modals.outcome_dialog import OutcomeDialog
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.minutes import MinutesScreen
from facilitator.tui.widgets.minutes_text import MinutesText
from facilitator.workspace import Workspace

NOW = datetime(2026, 3, 2, 16, 30, tzinfo=CET)


def wall() -> datetime:
    return NOW


def ended_session(folder: Path, agenda: Agenda, note: str = "") -> tuple[Session, Path]:
    session = Session.new("LMU Nord", agenda)
    session.chair = "Anne Æbelø"
    session.started = datetime(2026, 3, 2, 14, 0, tzinfo=CET)
    session.ended = session.started + timedelta(hours=2)
    first = session.themes[0].theme_id
    session.add_outcome(first, "agreement", "Skærmbilleder gemmes i sagen", "Mia", date(2026, 4, 1))
    session.add_outcome(first, "decision", "Guiden tages op hvert år")
    if note:
        session.set_notes(first, note)
    path = folder / "2026-03-02-lmu-nord-sociale-medier.toml"
    save_session(session, path)
    return session, path


def table_texts(screen: MinutesScreen) -> list[str]:
    table = screen.query_one("#outcomes", DataTable)
    return [str(table.get_row_at(i)[3]) for i in range(table.row_count)]


async def opened(pilot: Pilot[None]) -> MinutesScreen:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MinutesScreen)
    return screen


async def test_review_edits_and_deletes_outcomes(tmp_path: Path, sample_agenda: Agenda) -> None:
    session, path = ended_session(tmp_path, sample_agenda)
    app = FacilitatorApp(sessions_dir=tmp_path, start=StartMeeting(session, path), wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        assert table_texts(screen) == ["Skærmbilleder gemmes i sagen", "Guiden tages op hvert år"]
        assert "Skærmbilleder gemmes i sagen" in screen.query_one(MinutesText).source
        # enter on the first row: the dialog, filled in; change the owner, save.
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, OutcomeDialog)
        assert dialog.query_one("#outcome-text", Input).value == "Skærmbilleder gemmes i sagen"
        assert dialog.query_one("#outcome-date", Input).value == "2026-04-01"
        dialog.query_one("#outcome-owner", Input).focus()
        await pilot.press("home", "ctrl+k", *"Jens", "enter")
        await pilot.pause()
        assert on_top(app, screen)
        assert session.outcomes()[0][1].owner == "Jens"
        assert "Jens" in screen.query_one(MinutesText).source
        assert app.flush()
        assert load_session(path).outcomes()[0][1].owner == "Jens"
        assert "Jens" in path.with_suffix(".md").read_text(encoding="utf-8")
        # x on the second row asks first; n keeps it, y deletes it.
        await pilot.press("down", "x")
        await pilot.pause()
        assert isinstance(top(app), Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert len(table_texts(screen)) == 2
        await pilot.press("delete", "y")
        await pilot.pause()
        assert table_texts(screen) == ["Skærmbilleder gemmes i sagen"]
        assert "Guiden tages op" not in screen.query_one(MinutesText).source
        assert app.flush()
        assert [o.text for _r, o in load_session(path).outcomes()] == [
            "Skærmbilleder gemmes i sagen"
        ]


async def test_review_approves_the_minutes(tmp_path: Path, sample_agenda: Agenda) -> None:
    session, path = ended_session(tmp_path, sample_agenda)
    app = FacilitatorApp(sessions_dir=tmp_path, start=StartMeeting(session, path), wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        assert "draft" in str(screen.query_one("#minutes-state", Label).render())
        await pilot.press("g")
        await pilot.pause()
        prompt = app.screen.query_one(Input)
        assert prompt.value == "Anne Æbelø"  # the chair by default
        await pilot.press("enter")
        await pilot.pause()
        # Then the næstformand, from the other side.
        await type_text(pilot, "Mia Østergaard")
        await pilot.press("enter")
        await pilot.pause()
        assert on_top(app, screen)
        state = str(screen.query_one("#minutes-state", Label).render())
        assert "Approved by Anne Æbelø · Mia Østergaard" in state
        assert app.flush()
        stored = load_session(path)
        assert stored.minutes_status == "approved" and stored.approved_by == "Anne Æbelø"
        assert stored.vice_approved_by == "Mia Østergaard"
        assert stored.approved_at == NOW == stored.vice_approved_at


def export_path(path: Path, fmt: str) -> Path:
    """Where the screens and `facilitator export -o FOLDER` put an export."""
    return Workspace(path.parent).export_target(path, fmt)


async def test_review_exports_markdown_html_and_toml(tmp_path: Path, sample_agenda: Agenda) -> None:
    session, path = ended_session(tmp_path, sample_agenda)
    app = FacilitatorApp(sessions_dir=tmp_path, start=StartMeeting(session, path), wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        # A correction first, so the exports must carry it.
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("end", *" straks", "enter")
        await pilot.pause()
        written: list[Path] = []
        for key, fmt in (("m", "md"), ("h", "html"), ("t", "toml"), ("w", "docx")):
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            done = app.screen
            assert isinstance(done, ExportDone)
            target = export_path(path, fmt)
            assert done.paths == [target]
            assert str(target.resolve()) in str(done.query_one("#export-files", Static).render())
            await pilot.press("escape")
            await pilot.pause()
            assert on_top(app, screen)
            written.append(target)
        md, html, toml, word = written
        assert word.name == path.stem + ".export.docx"
        paragraphs = [p.text for p in docx.Document(str(word)).paragraphs]
        assert "Referat – LMU Nord" in paragraphs
        assert word.stat().st_mode & 0o777 == 0o600
        written.remove(word)
        # Never the .md the program rewrites at every save: that would be replaced unseen.
        assert md.name == path.stem + ".export.md" and md != path.with_suffix(".md")
        assert html.name == path.stem + ".export.html"
        assert toml.name == path.stem + ".export.toml" and toml != path
        for target in written:
            assert "Skærmbilleder gemmes i sagen straks" in target.read_text(encoding="utf-8")
            assert target.stat().st_mode & 0o777 == 0o600
        assert load_session(toml).outcomes()[0][1].text == "Skærmbilleder gemmes i sagen straks"
        assert "<html" in html.read_text(encoding="utf-8").lower()
    # The command line, asked to export into the session's folder, picks the same files.
    for target, fmt in zip(written, ("md", "html", "toml"), strict=True):
        before = target.read_bytes()
        target.unlink()
        assert main(["export", str(path), "--format", fmt, "-o", str(path.parent)]) == 0
        assert target.read_bytes() == before


async def test_review_warns_about_personal_data_before_export(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    session, path = ended_session(tmp_path, sample_agenda, note="Skriv til mia@example.dk")
    app = FacilitatorApp(sessions_dir=tmp_path, start=StartMeeting(session, path), wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        assert screen.query_one("#privacy").display
        warnings = str(screen.query_one("#privacy-list", Static).render())
        assert "e-mail" in warnings.lower()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(top(app), Confirm)
        await pilot.press("escape")
        await pilot.pause()
        assert on_top(app, screen)
        assert not export_path(path, "html").exists()
        await pilot.press("h", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(top(app), ExportDone)
        assert export_path(path, "html").exists()


async def test_review_without_a_screen_below_goes_home(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    session, path = ended_session(tmp_path, sample_agenda)
    app = FacilitatorApp(sessions_dir=tmp_path, start=StartMeeting(session, path), wall=wall)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(top(app), HomeScreen)


async def test_text_with_brackets_shows_as_typed(tmp_path: Path, sample_agenda: Agenda) -> None:
    session, path = ended_session(tmp_path, sample_agenda)
    session.add_outcome(session.themes[0].theme_id, "action", "Se [bilag 1] og [/] [b]her", "[Mia]")
    save_session(session, path)
    app = FacilitatorApp(sessions_dir=tmp_path, start=StartMeeting(session, path), wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        screen.query_one("#outcomes", DataTable).move_cursor(row=2)
        await pilot.pause()
        assert "Se [bilag 1] og [/] [b]her" in drawn(app)
        assert "[Mia]" in drawn(app)


async def test_a_correction_types_on_and_the_table_header_stays_in_line(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    session, path = ended_session(tmp_path, sample_agenda)
    app = FacilitatorApp(sessions_dir=tmp_path, start=StartMeeting(session, path), wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("down", "enter")  # the decision
        await pilot.pause()
        # Typed on at the end: the first key does not replace the whole text.
        await type_text(pilot, " og i LMU")
        await pilot.press("enter")
        await pilot.pause()
        assert table_texts(screen)[1] == "Guiden tages op hvert år og i LMU"
        table = screen.query_one("#outcomes", DataTable)
        # As drawn: each heading starts where its column's cells start, after the refill.
        header = table.render_line(0).text
        first_row = table.render_line(1).text
        for index in (1, 2, 4):
            heading = str(table.ordered_columns[index].label)
            cell = str(table.get_row_at(0)[index])
            assert header.index(heading) == first_row.index(cell), (header, first_row)


async def test_n_types_the_next_meeting_into_the_minutes(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    from facilitator.standing import add_standing_items
    from facilitator.tui.modals.keep_or_discard import KeepOrDiscard
    from facilitator.tui.modals.next_meeting import NextMeetingDialog

    session, path = ended_session(tmp_path, sample_agenda)
    add_standing_items(session)
    app = FacilitatorApp(sessions_dir=tmp_path, start=StartMeeting(session, path), wall=wall)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        assert "n Next meeting" in drawn(app)  # in the footer at 80 columns
        await pilot.press("n")
        await pilot.pause()
        dialog = top(app)
        assert isinstance(dialog, NextMeetingDialog)
        await type_text(pilot, "31.2.2026")
        await pilot.pause()
        assert "not in the calendar" in drawn(app)
        await pilot.press("enter")  # refused: the date stays to be corrected
        await pilot.pause()
        assert top(app) is dialog
        await pilot.press("ctrl+u", *"+4w", "tab", *"kl 14-16", "tab", *"Mødelokale 2")
        await pilot.pause()
        assert "30 March 2026" in drawn(app) and "14.00–16.00" in drawn(app)
        # escape with typed text asks; keeping goes back to the fields as they were.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(top(app), KeepOrDiscard)
        await pilot.press("k")
        await pilot.pause()
        assert top(app) is dialog
        await pilot.press("enter")
        await pilot.pause()
        assert on_top(app, screen)
        assert "**Næste møde:** 30. marts 2026, kl. 14.00–16.00, Mødelokale 2" in (
            screen.query_one(MinutesText).source
        )
        assert app.flush()
        stored = load_session(path)
        assert (stored.next_meeting_date, stored.next_meeting_time) == (
            date(2026, 3, 30),
            "14.00–16.00",
        )
        assert stored.next_meeting_place == "Mødelokale 2"
        # Opened again, the dialog shows what is stored, in a form it reads back.
        await pilot.press("n")
        await pilot.pause()
        assert top(app).query_one("#next-date", Input).value == "30.3.2026"
        await pilot.press("escape")
        await pilot.pause()
        assert on_top(app, screen)
