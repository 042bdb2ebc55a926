"""The new-meeting form reads the agenda files once, and never on the UI thread."""

from __future__ import annotations

import shutil
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from support import top, type_text, until, wall
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static
from textual.widgets._select import SelectCurrent

from facilitator import catalog
from facilitator.agenda import Agenda, load_agenda
from facilitator.catalog import builtin_dir
from facilitator.tui.app import FacilitatorApp, StartSetup
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.setup import SetupScreen

GUIDE = builtin_dir() / "sociale-medier.toml"


def agendas_folder(root: Path, count: int) -> Path:
    """./agendas as an HR consultant's: many local papers, one broken, and the approved
    wording of the built-in guide under its own id."""
    folder = root / "agendas"
    folder.mkdir()
    text = GUIDE.read_text(encoding="utf-8")
    for number in range(count):
        paper = text.replace('id = "sociale-medier"', f'id = "papir-{number:02}"', 1)
        paper = paper.replace('title = "', f'title = "Papir {number:02}: ', 1)
        (folder / f"papir-{number:02}.toml").write_text(paper, encoding="utf-8")
    (folder / "kladde.toml").write_text('schema = 1\nid = "kladde"\ntitle = [\n', "utf-8")
    approved = text.replace("timebox = 20", "timebox = 25", 1)
    (folder / "vores-udgave.toml").write_text(approved, encoding="utf-8")
    return folder


class Reads:
    """Every agenda file read in full, and whether it was read on the UI thread."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.files: Counter[str] = Counter()
        self.on_ui_thread: list[str] = []
        self.hold = threading.Event()
        self.hold.set()
        self.held: tuple[str, ...] = ()
        load = catalog.load_agenda  # type: ignore[attr-defined]

        def counting(path: Path | str) -> Agenda:
            name = Path(path).name
            self.files[name] += 1
            if threading.current_thread() is threading.main_thread():
                self.on_ui_thread.append(name)
            if name.startswith(self.held):
                self.hold.wait(10)  # a slow shared drive
            return load(path)

        monkeypatch.setattr(catalog, "load_agenda", counting)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Reads:
    return Reads(monkeypatch)


def info(setup: SetupScreen) -> str:
    return str(setup.query_one("#agenda-info", Static).render())


def shown_agenda(setup: SetupScreen) -> str:
    """The agenda row as the user reads it."""
    current = setup.query_one("#agenda", Select).query_one(SelectCurrent)
    return str(current.query_one("#label", Static).render())


def read_all(setup: SetupScreen) -> Callable[[], bool]:
    """Whether the form has read every agenda file (the broken one is named)."""
    return lambda: "could not be loaded" in info(setup)


async def open_form(pilot: Pilot[None]) -> SetupScreen:
    await pilot.press("n")
    await until(pilot, lambda: isinstance(top(pilot.app), SetupScreen))
    setup = top(pilot.app)
    assert isinstance(setup, SetupScreen)
    return setup


async def test_n_reads_every_agenda_file_once_and_none_on_the_ui_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads: Reads
) -> None:
    agendas_folder(tmp_path, 30)
    monkeypatch.chdir(tmp_path)
    builtin_minutes = load_agenda(GUIDE).minutes
    reads.files.clear()
    reads.on_ui_thread.clear()
    app = FacilitatorApp(sessions_dir=tmp_path / "sessions", wall=wall)
    every = {path.name for path in builtin_dir().glob("*.toml")}
    every |= {path.name for path in (tmp_path / "agendas").glob("*.toml")}
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        for opening in (1, 2):
            setup = await open_form(pilot)
            await until(pilot, read_all(setup))
            # Each file once per opening of the form: a file changed meanwhile is seen.
            assert reads.files == Counter(dict.fromkeys(every, opening))
            assert reads.on_ui_thread == []
            assert "1 agenda file(s) could not be loaded" in info(setup)
            # The approved wording in ./agendas replaces the built-in guide, as `run` has it.
            assert setup.agenda.minutes == builtin_minutes + 5
            assert shown_agenda(setup).endswith("(local: vores-udgave.toml)")
            # 30 papers, the approved guide and the English one.
            assert len(setup.choice.agendas) == 32
            assert not setup.changed  # the list filling in is not something the user typed
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(top(app), HomeScreen))


async def test_the_form_opens_and_takes_typing_while_a_slow_folder_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads: Reads
) -> None:
    agendas_folder(tmp_path, 5)
    monkeypatch.chdir(tmp_path)
    reads.held = ("papir-",)
    reads.hold.clear()
    app = FacilitatorApp(sessions_dir=tmp_path / "sessions", wall=wall)
    async with app.run_test(size=(80, 24)) as pilot:
        try:
            setup = await open_form(pilot)
            await type_text(pilot, "LMU Nord")
            assert setup.query_one("#committee", Input).value == "LMU Nord"
            assert "could not be loaded" not in info(setup)  # still reading
            assert setup.agenda.id == "sociale-medier"
        finally:
            reads.hold.set()
        await until(pilot, lambda: "1 agenda file(s) could not be loaded" in info(setup))
        assert setup.query_one("#committee", Input).value == "LMU Nord"
        assert setup.agenda.id == "sociale-medier"
        assert reads.on_ui_thread == []


async def test_the_form_of_run_does_not_read_its_agenda_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads: Reads
) -> None:
    monkeypatch.chdir(tmp_path)
    english = builtin_dir() / "social-media.toml"
    path, agenda = catalog.locate_agenda("social-media")
    assert path == english
    reads.files.clear()
    start = StartSetup(agenda, agenda_path=path)
    app = FacilitatorApp(sessions_dir=tmp_path / "sessions", start=start, wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        setup = top(app)
        assert isinstance(setup, SetupScreen)
        assert reads.files == Counter({"sociale-medier.toml": 1})
        assert setup.agenda is agenda
        assert shown_agenda(setup) == f"{agenda.title} (built-in)"


async def test_the_guide_the_home_screen_found_is_not_read_again_by_the_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads: Reads
) -> None:
    # The default guide found by the home screen is not read again by the form.
    folder = tmp_path / "agendas"
    folder.mkdir()
    shutil.copy(builtin_dir() / "social-media.toml", folder / "english.toml")
    monkeypatch.chdir(tmp_path)
    app = FacilitatorApp(sessions_dir=tmp_path / "sessions", wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        setup = await open_form(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert reads.files == Counter(
            {"sociale-medier.toml": 1, "social-media.toml": 1, "english.toml": 1}
        )
        assert setup.agenda.id == "sociale-medier"


async def test_an_agendas_folder_that_cannot_be_listed_is_said_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import facilitator.tui.screens.setup as setup_module

    def refused(*args: object, **kwargs: object) -> list[object]:
        raise PermissionError(13, "Permission denied", "agendas")

    monkeypatch.setattr(setup_module, "find_agendas", refused)
    monkeypatch.chdir(tmp_path)
    app = FacilitatorApp(sessions_dir=tmp_path / "sessions", wall=wall)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        setup = await open_form(pilot)
        await until(pilot, lambda: "could not all be read" in info(setup))
        assert "Permission denied" in info(setup)
        assert setup.agenda.id == "sociale-medier"  # the form still works on the default guide
