"""`facilitator export`: formats, files, refusals, privacy warnings, and no Textual on the way."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from facilitator import codec
from facilitator.cli import main
from facilitator.minutes import render_markdown
from facilitator.minutes_html import render_html
from facilitator.store import load_session, save_session

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "referat.toml"
NAMES = ("Mette Kjær Holm", "Anders Bruun", "Lars Dahl", "Birgitte Vestergaard")


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    """The example meeting saved as the program saves it: session file and .md beside it."""
    path = tmp_path / "sessions" / "2026-03-12-lokaludvalget-for-jobcenter-nord-sociale-medier.toml"
    path.parent.mkdir()
    save_session(load_session(EXAMPLE), path)
    return path


def export(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["export", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_markdown_to_stdout(capsys: pytest.CaptureFixture[str], session_file: Path) -> None:
    code, out, err = export(capsys, session_file)
    assert (code, err) == (0, "")
    assert out == render_markdown(load_session(session_file))


def test_html_to_a_file(
    capsys: pytest.CaptureFixture[str], session_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "referat.html"
    target.parent.mkdir()
    code, out, err = export(capsys, session_file, "--format", "html", "-o", target)
    assert (code, out, err) == (0, "", "")
    assert target.read_text(encoding="utf-8") == render_html(load_session(session_file))
    assert os.listdir(target.parent) == ["referat.html"]  # no temporary file left behind


def test_toml_round_trips(
    capsys: pytest.CaptureFixture[str], session_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "copy.toml"
    assert export(capsys, session_file, "--format", "toml", "-o", target)[0] == 0
    copied = codec.session_from_data(tomllib.loads(target.read_text(encoding="utf-8")))
    assert copied == load_session(session_file)


def test_anonymized_export_names_nobody(
    capsys: pytest.CaptureFixture[str], session_file: Path
) -> None:
    for fmt in ("md", "html", "toml"):
        code, out, _ = export(capsys, session_file, "--format", fmt, "--anonymize")
        assert code == 0
        for name in NAMES:
            assert name not in out, (fmt, name)
    assert "Mette Kjær Holm" in session_file.read_text(encoding="utf-8")  # the file is untouched


def test_an_export_is_private_even_over_a_readable_file(
    capsys: pytest.CaptureFixture[str], session_file: Path, tmp_path: Path
) -> None:
    # Minutes of a harassment dialogue: private until someone decides to send them.
    target = tmp_path / "referat.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    assert export(capsys, session_file, "-o", target)[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# Referat – ")
    assert target.stat().st_mode & 0o777 == 0o600


def _one_line_error(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("facilitator: ")
    return err


def test_refuses_to_overwrite_the_session_file(
    capsys: pytest.CaptureFixture[str], session_file: Path
) -> None:
    before = session_file.read_bytes()
    spellings = [session_file, session_file.parent / ".." / "sessions" / session_file.name]
    link = session_file.parent / "link.toml"
    link.symlink_to(session_file)
    spellings.append(link)
    for target in spellings:
        code, out, err = export(capsys, session_file, "--format", "toml", "-o", target)
        assert code == 2 and out == ""
        assert "is the session file itself" in _one_line_error(err)
    assert session_file.read_bytes() == before


def test_refuses_the_minutes_and_lock_beside_the_session(
    capsys: pytest.CaptureFixture[str], session_file: Path
) -> None:
    minutes = session_file.with_suffix(".md")
    before = minutes.read_bytes()
    code, _, err = export(capsys, session_file, "--format", "html", "-o", minutes)
    assert code == 2 and "rewrites at every save" in _one_line_error(err)
    assert minutes.read_bytes() == before
    lock = session_file.with_name(session_file.name + ".lock")
    code, _, err = export(capsys, session_file, "-o", lock)
    assert code == 2 and "lock file" in _one_line_error(err)
    assert not lock.exists()


def test_missing_output_folder_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], session_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "nowhere" / "referat.md"
    code, out, err = export(capsys, session_file, "-o", target)
    assert (code, out) == (2, "")
    assert (
        _one_line_error(err)
        == f"facilitator: {target}: the folder {target.parent} does not exist\n"
    )
    assert not target.parent.exists()


def test_output_that_is_a_folder_gets_the_export_name(
    capsys: pytest.CaptureFixture[str], session_file: Path, tmp_path: Path
) -> None:
    code, out, err = export(capsys, session_file, "--format", "html", "-o", tmp_path)
    assert (code, out, err) == (0, "", "")
    written = tmp_path / f"{session_file.stem}.export.html"
    assert written.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_unreadable_sessions_are_one_line_naming_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.toml"
    code, out, err = export(capsys, missing)
    assert (code, out) == (2, "")
    assert _one_line_error(err).startswith(f"facilitator: {missing}: ")
    broken = tmp_path / "broken.toml"
    broken.write_text("schema = 1\ncommittee = [\n", encoding="utf-8")
    code, _, err = export(capsys, broken, "--format", "html")
    assert code == 2 and _one_line_error(err).startswith(f"facilitator: {broken}")
    agenda = ROOT / "agendas" / "sociale-medier.toml"
    code, _, err = export(capsys, agenda)
    assert code == 2 and "not a facilitator session" in _one_line_error(err)


def test_privacy_warnings_go_to_stderr_and_the_export_still_happens(
    capsys: pytest.CaptureFixture[str], session_file: Path, tmp_path: Path
) -> None:
    session = load_session(session_file)
    session.set_notes("dokumentation", "Borgeren 010190-1234 skrev fra a@b.dk")
    session.add_outcome("anmeldelse", "action", "Ring til politiet", "tlf. 86 12 34 56")
    save_session(session, session_file)
    target = tmp_path / "referat.html"
    code, out, err = export(capsys, session_file, "--format", "html", "-o", target)
    assert (code, out) == (0, "")
    assert target.exists()
    lines = err.splitlines()
    assert len(lines) == 3 and all(line.startswith("warning: ") for line in lines)
    assert lines[0] == (
        'warning: tema "Dokumentation" (6.3), noter: ligner et CPR-nummer (0101xx-xxxx); '
        "henvis til sagsnummeret i stedet"
    )
    assert "010190-1234" not in err and "12 34 56" not in err
    code = main(["--lang", "en", "export", str(session_file)])
    english = capsys.readouterr().err.splitlines()
    assert code == 0 and english[0].startswith(
        'warning: theme "Dokumentation" (6.3), notes: looks like'
    )


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=60,
        check=False,
    )


def test_cli_export_never_imports_textual_or_rich(session_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "referat.html"
    result = _run(
        "-X", "importtime", "-m", "facilitator", "export", str(session_file),
        "--format", "html", "-o", str(target), "--anonymize",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    imported = {
        line.split("|")[-1].strip().split(".")[0]
        for line in result.stderr.decode().splitlines()
        if line.startswith("import time:")
    }
    assert "facilitator" in imported and "markdown_it" in imported
    assert not imported & {"textual", "rich"}


def test_modules_do_not_import_textual_or_rich() -> None:
    modules = [
        "facilitator.markdown_escape",
        "facilitator.minutes",
        "facilitator.minutes_html",
        "facilitator.privacy",
        "facilitator.anonymize",
        "facilitator.commands.export",
    ]
    code = (
        f"import importlib, sys\nfor m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "assert not bad, bad\n"
    )
    result = _run("-c", code)
    assert result.returncode == 0, result.stderr.decode()


def test_stdout_is_utf8_whatever_the_locale(session_file: Path) -> None:
    result = _run(
        "-m", "facilitator", "export", str(session_file),
        env={"PYTHONIOENCODING": "ascii", "LC_ALL": "C", "LANG": "C"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    assert "Mødeleder" in result.stdout.decode("utf-8")


def test_session_folder_copied_elsewhere_still_exports(
    capsys: pytest.CaptureFixture[str], session_file: Path, tmp_path: Path
) -> None:
    """A session mailed or put on a shared drive is self-contained: no agenda file needed."""
    moved = tmp_path / "mail" / session_file.name
    moved.parent.mkdir()
    shutil.copy(session_file, moved)
    code, out, _ = export(capsys, moved)
    assert code == 0 and out.startswith("# Referat – Lokaludvalget for Jobcenter Nord")
