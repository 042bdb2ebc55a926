"""The core stays plain Python: nothing outside facilitator/tui/ loads textual or rich."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import facilitator

PACKAGE = Path(facilitator.__file__).resolve().parent
UI_LIBRARIES = ("textual", "rich")


def core_files() -> list[Path]:
    """Every module of the package outside tui/, found anew on each run."""
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if "tui" not in path.relative_to(PACKAGE).parts[:1] and "__pycache__" not in path.parts
    )


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def fresh_interpreter(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=PACKAGE.parent,
    )


def test_the_core_is_found() -> None:
    names = {module_name(path) for path in core_files()}
    assert {"facilitator", "facilitator.agenda", "facilitator.cli", "facilitator.dates"} <= names
    assert not any(name.startswith("facilitator.tui") for name in names)
    assert "facilitator.__main__" in names


def imported_libraries(tree: ast.AST) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id)
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names = [node.args[0].value]
        else:
            continue
        found += [(name, node.lineno) for name in names]
    return found


@pytest.mark.parametrize(
    "path", core_files(), ids=lambda path: str(path.relative_to(PACKAGE.parent))
)
def test_core_module_does_not_import_the_ui_libraries(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for name, line in imported_libraries(tree):
        top = name.split(".")[0]
        assert top not in UI_LIBRARIES, f"{path}:{line} imports {name}"


def test_the_ast_check_sees_imports_inside_functions() -> None:
    tree = ast.parse(
        "def f():\n    from rich.text import Text\n    import textual.app\n"
        "    importlib.import_module('textual.widgets')\n"
    )
    assert [name for name, _ in imported_libraries(tree)] == [
        "rich.text",
        "textual.app",
        "textual.widgets",
    ]


def test_importing_every_core_module_loads_no_ui_library() -> None:
    names = sorted(module_name(path) for path in core_files() if path.name != "__main__.py")
    result = fresh_interpreter(
        f"""
        import importlib, json, sys
        for name in {names!r}:
            importlib.import_module(name)
        print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {UI_LIBRARIES!r})))
        """
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_validate_and_agendas_run_without_the_ui(tmp_path: Path) -> None:
    agendas = PACKAGE.parent / "agendas"
    result = fresh_interpreter(
        f"""
        import contextlib, io, json, sys
        from facilitator.cli import main
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            codes = [
                main(["validate", {str(agendas / "sociale-medier.toml")!r}]),
                main(["validate", "-q", {str(agendas / "social-media.toml")!r}]),
                main(["validate", {str(tmp_path / "missing.toml")!r}]),
                main(["agendas", "--dir", {str(tmp_path)!r}]),
            ]
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in {UI_LIBRARIES!r})
        print(json.dumps({{"codes": codes, "loaded": loaded}}))
        """
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report == {"codes": [0, 0, 2, 0], "loaded": []}


def test_hr_commands_run_without_the_ui(tmp_path: Path) -> None:
    from facilitator.catalog import resolve_agenda
    from facilitator.session import Session
    from facilitator.store import new_session_path, save_session

    session = Session.new("LMU Børneby Nord", resolve_agenda("sociale-medier"))
    session.add_outcome(session.current_theme, "agreement", "Skærmbilleder gemmes i sagen", "Mia")
    path = new_session_path(tmp_path, session)
    save_session(session, path)
    result = fresh_interpreter(
        f"""
        import contextlib, io, json, sys
        from facilitator.cli import main
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            codes = [
                main(["agreements", {str(tmp_path)!r}, "--format", "json"]),
                main(["coverage", {str(tmp_path)!r}]),
                main(["export", {str(path)!r}, "--format", "html", "-o", {str(tmp_path / "x.html")!r}]),
            ]
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in {UI_LIBRARIES!r})
        print(json.dumps({{"codes": codes, "loaded": loaded, "agreed": "Skærmbilleder" in out.getvalue()}}))
        """
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"codes": [0, 0, 0], "loaded": [], "agreed": True}
    assert "Skærmbilleder gemmes i sagen" in (tmp_path / "x.html").read_text(encoding="utf-8")


# What the first frame of a meeting does not need: loading it first would slow every start.
NOT_BEFORE_THE_FIRST_FRAME = (
    "facilitator.minutes",
    "facilitator.minutes_docx",
    "facilitator.minutes_html",
    "facilitator.register",
    "facilitator.ical",
    "facilitator.tui.screens.minutes",
    "facilitator.tui.screens.register",
    "facilitator.tui.modals",
    "facilitator.tui.widgets.minutes_text",
    "markdown_it",
    "rich.markdown",
    "docx",
    "icalendar",
    "multiprocessing",  # HR's register starts workers; a meeting does not
    "importlib.resources",  # the built-in agendas are found beside the package
)


def test_a_meeting_starts_without_loading_what_its_first_frame_does_not_need(
    tmp_path: Path,
) -> None:
    # `facilitator run` up to its first frame, headless; the modules loaded by then are listed.
    result = fresh_interpreter(
        f"""
        import json, sys
        import textual.app
        from facilitator.tui import terminal
        terminal.missing_terminal = lambda: None  # no terminal here; headless below
        real_run = textual.app.App.run
        loaded = []

        def run(self, *args, **kwargs):
            async def first_frame(pilot):
                loaded.extend(sys.modules)
                await pilot.exit(0)

            return real_run(self, headless=True, auto_pilot=first_frame, size=(100, 30))

        textual.app.App.run = run
        from facilitator.cli import main
        code = main(["run", "--committee", "LMU Test", "--sessions-dir", {str(tmp_path)!r}])
        print(json.dumps({{"code": code, "loaded": loaded}}))
        """
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["code"] == 0
    assert "facilitator.tui.screens.meeting" in report["loaded"]  # the probe saw the meeting
    early = [
        name
        for name in report["loaded"]
        if any(name == slow or name.startswith(slow + ".") for slow in NOT_BEFORE_THE_FIRST_FRAME)
    ]
    assert early == []
