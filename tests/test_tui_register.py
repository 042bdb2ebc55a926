"""The agreements register screen: rows from saved sessions, filter, sort, open, CSV."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from pathlib import Path

from support import CET, drawn, on_top, top, type_text, wall
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, Select, Static

from facilitator.agenda import Agenda
from facilitator.session import Session
from facilitator.store import save_session
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.register import FILTER_DELAY, RegisterScreen


def save(folder: Path, agenda: Agenda, committee: str, outcomes: list[tuple[str, str]]) -> Path:
    session = Session.new(committee, agenda)
    session.started = datetime(2026, 2, 10, 9, 0, tzinfo=CET)
    session.ended = session.started + timedelta(hours=2)
    theme = session.themes[0].theme_id
    for index, (text, owner) in enumerate(outcomes):
        session.add_outcome(theme, "agreement", text, owner, date(2026, 4, 1 + index))
    path = folder / f"{committee.lower().replace(' ', '-')}.toml"
    save_session(session, path)
    return path


def visible_texts(screen: RegisterScreen) -> list[str]:
    table = screen.query_one("#rows", DataTable)
    column = [spec.key.value for spec in table.columns.values()].index("text")
    return [str(table.get_row_at(i)[column]) for i in range(table.row_count)]


def count_label(screen: RegisterScreen) -> str:
    return str(screen.query_one("#register-count", Label).render())


async def open_register(pilot: Pilot[None]) -> RegisterScreen:
    await pilot.app.workers.wait_for_complete()
    await pilot.press("g")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, RegisterScreen)
    return screen


async def test_register_shows_rows_and_filters_as_you_type(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    save(tmp_path, sample_agenda, "LMU Nord", [("Skærmbilleder gemmes i sagen", "Mia")])
    save(
        tmp_path,
        sample_agenda,
        "LMU Syd",
        [("Guiden på intranettet", "Bo"), ("Kontaktliste til politiet", "Mia")],
    )
    (tmp_path / "broken.toml").write_text("schema = 1\ncommittee = [", encoding="utf-8")
    app = FacilitatorApp(sessions_dir=tmp_path, wall=wall)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_register(pilot)
        assert sorted(visible_texts(screen)) == [
            "Guiden på intranettet",
            "Kontaktliste til politiet",
            "Skærmbilleder gemmes i sagen",
        ]
        assert "3 of 3 rows" in count_label(screen)
        problems = screen.query_one("#register-problems", Static)
        assert problems.display and "1 file(s) could not be read" in str(problems.render())
        # Typing in the filter: letters go to the filter, not to the keys.
        await pilot.press("slash")
        await type_text(pilot, "mia")
        await pilot.pause(FILTER_DELAY + 0.2)
        assert sorted(visible_texts(screen)) == [
            "Kontaktliste til politiet",
            "Skærmbilleder gemmes i sagen",
        ]
        assert "2 of 3 rows" in count_label(screen)
        await pilot.press("space", *"SYD")
        await pilot.pause(FILTER_DELAY + 0.2)
        assert visible_texts(screen) == ["Kontaktliste til politiet"]
        # The highlighted row in full, under the table.
        detail = str(screen.query_one("#register-detail", Static).render())
        assert "LMU Syd" in detail and "Kontaktliste til politiet" in detail and "Mia" in detail
        # escape leaves the filter (the filter stays); a second escape goes back home.
        await pilot.press("escape")
        assert screen.query_one("#rows", DataTable).has_focus
        assert visible_texts(screen) == ["Kontaktliste til politiet"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(top(app), HomeScreen)


async def test_register_sorts_and_shows_open_only(tmp_path: Path, sample_agenda: Agenda) -> None:
    save(tmp_path, sample_agenda, "LMU Nord", [("Bbb", "Mia"), ("Aaa", "Zed"), ("Ccc", "Bo")])
    app = FacilitatorApp(sessions_dir=tmp_path, wall=wall)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_register(pilot)
        assert visible_texts(screen) == ["Bbb", "Aaa", "Ccc"]  # by date
        for _ in range(3):  # date -> status -> state -> committee ...
            await pilot.press("s")
        while screen.sort_key != "text":
            await pilot.press("s")
        assert visible_texts(screen) == ["Aaa", "Bbb", "Ccc"]
        assert "sorted by text" in count_label(screen)
        await pilot.press("o")
        assert screen.open_only
        assert len(visible_texts(screen)) == 3  # nothing reviewed yet: all open


async def test_register_exports_the_rows_shown_to_csv(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    save(tmp_path, sample_agenda, "LMU Nord", [("Skærmbilleder gemmes", "Mia"), ("Andet", "Bo")])
    app = FacilitatorApp(sessions_dir=tmp_path, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_register(pilot)
        await pilot.press("slash", *"skærm", "enter")
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        from facilitator.tui.modals.export_done import ExportDone

        done = app.screen
        assert isinstance(done, ExportDone)
        target = tmp_path / "agreements-2026-03-02.csv"
        assert done.paths == [target]
        assert str(target.resolve()) in str(done.query_one("#export-files", Static).render())
        raw = target.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8-sig")
        lines = text.splitlines()
        records = list(csv.reader(lines, delimiter=";"))
        assert records[0][:6] == ["Date", "Committee", "Kind", "Text", "Owner", "Status"]
        assert len(lines) == 2
        assert records[1][:6] == [
            "2026-04-01",
            "LMU Nord",
            "Agreement",
            "Skærmbilleder gemmes",
            "Mia",
            "Open",
        ]
        await pilot.press("enter")
        await pilot.pause()
        assert on_top(app, screen)


async def test_register_opens_the_minutes_of_a_row(tmp_path: Path, sample_agenda: Agenda) -> None:
    from facilitator.tui.screens.minutes import MinutesScreen

    path = save(tmp_path, sample_agenda, "LMU Nord", [("Skærmbilleder gemmes", "Mia")])
    app = FacilitatorApp(sessions_dir=tmp_path, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_register(pilot)
        await pilot.press("enter")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, MinutesScreen)
        assert review.path == path
        assert review.session.committee == "LMU Nord"
        await pilot.press("escape")
        await pilot.pause()
        assert on_top(app, screen)


async def test_register_leaves_exports_beside_sessions_out(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    path = save(tmp_path, sample_agenda, "LMU Nord", [("Skærmbilleder gemmes", "Mia")])
    copy = path.with_name(path.stem + ".export.toml")
    copy.write_bytes(path.read_bytes())
    app = FacilitatorApp(sessions_dir=tmp_path, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_register(pilot)
        assert [entry.row.path for entry in screen.entries] == [path]


async def test_register_shows_brackets_as_typed(tmp_path: Path, sample_agenda: Agenda) -> None:
    save(tmp_path, sample_agenda, "LMU [Nord]", [("Se [bilag 1] og [/]", "[Mia]")])
    app = FacilitatorApp(sessions_dir=tmp_path, wall=wall)
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await open_register(pilot)
        assert "Se [bilag 1] og [/]" in drawn(app) and "LMU [Nord]" in drawn(app)
        await pilot.press("slash")
        await type_text(pilot, "[mia]")
        await pilot.pause(FILTER_DELAY + 0.2)
        assert visible_texts(screen) == ["Se [bilag 1] og [/]"]
        assert "[Mia]" in drawn(app)


def save_many(folder: Path, agenda: Agenda) -> None:
    """Two home-care units, one typed as its roster alias; every kind; one row overdue."""
    ørsted = Session.new("LMU Hjemmeplejen Ørsted", agenda)
    ørsted.started = datetime(2026, 1, 10, 9, 0, tzinfo=CET)
    ørsted.ended = ørsted.started + timedelta(hours=2)
    theme = ørsted.themes[0].theme_id
    ørsted.add_outcome(theme, "agreement", "Skærmbilleder gemmes i sagen", "Mia", date(2026, 2, 1))
    ørsted.add_outcome(theme, "action", "Tjekliste til nye", "Bo", date(2026, 5, 1))
    ørsted.add_outcome(theme, "decision", "Guiden hvert år")
    ørsted.add_outcome(theme, "question", "Hvem er DPO?")
    save_session(ørsted, folder / "oersted.toml")
    grenaa = Session.new("Hjemmeplejen Grenaa", agenda)
    grenaa.started = datetime(2026, 2, 10, 9, 0, tzinfo=CET)
    grenaa.ended = grenaa.started + timedelta(hours=2)
    grenaa.add_outcome(
        grenaa.themes[0].theme_id, "agreement", "Profiler er private", "Ida", date(2026, 6, 1)
    )
    save_session(grenaa, folder / "grenaa.toml")
    (folder / "committees.toml").write_text(
        'schema = 1\n[[committees]]\nname = "LMU Hjemmeplejen Grenaa"\n'
        'aliases = ["Hjemmeplejen Grenaa"]\n[[committees]]\nname = "LMU Hjemmeplejen Ørsted"\n',
        encoding="utf-8",
    )


async def test_register_marks_overdue_rows_and_filters_by_field(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    save_many(tmp_path, sample_agenda)
    app = FacilitatorApp(sessions_dir=tmp_path, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_register(pilot)
        # The command line's default: agreements and actions, not decisions or open questions.
        assert sorted(visible_texts(screen)) == [
            "Profiler er private",
            "Skærmbilleder gemmes i sagen",
            "Tjekliste til nye",
        ]
        assert not screen.problems  # the roster is not a broken session
        # The overdue row says so in words, and in red.
        table = screen.query_one("#rows", DataTable)
        keys = [column.key.value for column in table.columns.values()]
        late = visible_texts(screen).index("Skærmbilleder gemmes i sagen")
        status = table.get_row_at(late)[keys.index("status")]
        assert str(status) == "Overdue" and "red" in str(status.spans[0].style)
        assert "1 overdue" in count_label(screen)
        # Full committee names at 100 columns; the alias under its roster name.
        shown = drawn(app)
        assert "LMU Hjemmeplejen Ørsted" in shown and "LMU Hjemmeplejen Grenaa" in shown
        await pilot.press("f")
        await pilot.pause()
        assert visible_texts(screen) == ["Skærmbilleder gemmes i sagen"]
        assert "☑ overdue only (f)" in shown or "☑ overdue only (f)" in drawn(app)
        await pilot.press("f", "k")
        await pilot.pause()
        assert len(visible_texts(screen)) == 5  # all kinds
        screen.query_one("#committee", Select).value = "LMU Hjemmeplejen Grenaa"
        await pilot.pause()
        assert visible_texts(screen) == ["Profiler er private"]
        screen.query_one("#committee", Select).clear()
        await pilot.pause()
        screen.query_one("#filter", Input).value = '"hjemmeplejen grenaa"'
        await pilot.pause(FILTER_DELAY + 0.2)
        assert visible_texts(screen) == ["Profiler er private"]
        screen.query_one("#filter", Input).value = '"hjemmeplejen gren"'  # whole words
        await pilot.pause(FILTER_DELAY + 0.2)
        assert visible_texts(screen) == []


async def test_register_exports_under_danish_names_on_danish_screens(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    from facilitator.i18n import set_language
    from facilitator.tui.modals.export_done import ExportDone

    save_many(tmp_path, sample_agenda)
    set_language("da")
    try:
        app = FacilitatorApp(sessions_dir=tmp_path, wall=wall)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await open_register(pilot)
            assert "Overskredet" in drawn(app)
            await pilot.press("slash", *"forsinket", "enter")
            await pilot.pause()
            assert visible_texts(screen) == ["Skærmbilleder gemmes i sagen"]
            await pilot.press("x")
            await app.workers.wait_for_complete()
            await pilot.pause()
            done = app.screen
            assert isinstance(done, ExportDone)
            assert done.paths == [tmp_path / "aftaler-2026-03-02.csv"]
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("l")  # the highlighted row's committee's local guidelines
            await app.workers.wait_for_complete()
            await pilot.pause()
            done = app.screen
            assert isinstance(done, ExportDone)
            stem = "retningslinjer-lmu-hjemmeplejen-oersted-2026-03-02"
            assert done.paths == [tmp_path / f"{stem}.md", tmp_path / f"{stem}.docx"]
            text = (tmp_path / f"{stem}.md").read_text(encoding="utf-8")
            assert text.startswith("# Lokale retningslinjer for sociale medier – LMU Hjemmeplejen")
            assert "Profiler er private" not in text  # the other unit's agreement
    finally:
        set_language("en")


async def test_the_minutes_screen_writes_the_committees_guidelines(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    from facilitator.tui.modals.export_done import ExportDone

    save_many(tmp_path, sample_agenda)
    app = FacilitatorApp(sessions_dir=tmp_path, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_register(pilot)
        screen.query_one("#committee", Select).value = "LMU Hjemmeplejen Grenaa"
        await pilot.pause()
        await pilot.press("enter")  # the minutes of the row's meeting
        await pilot.pause()
        await pilot.press("l")
        await app.workers.wait_for_complete()
        await pilot.pause()
        done = app.screen
        assert isinstance(done, ExportDone)
        # The meeting was typed as the alias; the guidelines carry the roster's name.
        stem = "guidelines-lmu-hjemmeplejen-grenaa-2026-03-02"
        assert done.paths == [tmp_path / f"{stem}.md", tmp_path / f"{stem}.docx"]
        text = (tmp_path / f"{stem}.md").read_text(encoding="utf-8")
        assert text.startswith("# Local guidelines for social media – LMU Hjemmeplejen Grenaa")
        assert "Profiler er private" in text and "Skærmbilleder" not in text
