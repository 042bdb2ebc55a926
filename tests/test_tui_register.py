"""The agreements register screen: rows from saved sessions, filter, sort, open, CSV."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from support import CET, drawn, on_top, top, wall
from textual.pilot import Pilot
from textual.widgets import DataTable, Label, Static

from facilitator.agenda import Agenda
from facilitator.session import Session
from facilitator.store import save_session
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.register import COLUMNS, FILTER_DELAY, RegisterScreen, layout


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
        await pilot.press("slash", *"mia")
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
        assert lines[0].startswith("Date;Committee;Kind;Text;Owner;Status")
        assert len(lines) == 2
        assert lines[1].startswith("2026-04-01;LMU Nord;Agreement;Skærmbilleder gemmes;Mia;Open")
        await pilot.press("enter")
        await pilot.pause()
        assert on_top(app, screen)


async def test_register_opens_the_minutes_of_a_row(tmp_path: Path, sample_agenda: Agenda) -> None:
    from facilitator.tui.screens.review import ReviewScreen

    path = save(tmp_path, sample_agenda, "LMU Nord", [("Skærmbilleder gemmes", "Mia")])
    app = FacilitatorApp(sessions_dir=tmp_path, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_register(pilot)
        await pilot.press("enter")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
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
        await pilot.press("slash", *"[mia]")
        await pilot.pause(FILTER_DELAY + 0.2)
        assert visible_texts(screen) == ["Se [bilag 1] og [/]"]
        assert "[Mia]" in drawn(app)


def test_layout_gives_the_text_room_and_drops_the_least_needed_columns() -> None:
    natural = [24, 10, 4, 10, 80, 18, 10, 14, 9]  # committee … text … minutes state

    def keys(width: int) -> list[str]:
        return [COLUMNS[index].key for index, _width in layout(natural, width)]

    def text_width(width: int) -> int:
        return dict(layout(natural, width))[4]

    assert keys(200) == [spec.key for spec in COLUMNS]
    assert keys(78) == ["committee", "text", "owner", "date", "status"]
    assert "kind" in keys(118) and "state" not in keys(118)
    for width in (78, 98, 118, 158, 200):
        widths = layout(natural, width)
        assert sum(w + 2 for _i, w in widths) + 4 <= width
        assert text_width(width) >= min(80, width // 3) or width < 90
