"""Hostile and damaged files through every command: a clear line per problem, never a traceback.

The files under tests/hostile/ are made by make_hostile.py beside them; each is one attack or
one kind of damage. Every command that reads them must exit 0, 1 or 2, print no traceback,
put no control character on the terminal, and finish quickly.
"""

from __future__ import annotations

import os
import re
import stat
import time
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.store import StoreError, load_session

HOSTILE = Path(__file__).resolve().parent / "hostile"
SESSIONS = sorted((HOSTILE / "sessions").glob("*.toml"))
AGENDAS = sorted((HOSTILE / "agendas").glob("*.toml"))
CATEGORIES = ("trace", "ctrl", "markup", "schema", "odd", "dup", "type", "missing")

# What must never reach a terminal: C0 but tab and newline, DEL, C1, bidi controls, zero
# width characters, the BOM, line and paragraph separators.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)
SECONDS = 15.0


def test_the_corpus_is_large_and_covers_every_category() -> None:
    assert len(SESSIONS) >= 60
    assert len(AGENDAS) >= 50
    for files in (SESSIONS, AGENDAS):
        for category in CATEGORIES:
            assert any(path.name.startswith(category + "-") for path in files), category


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str, float]:
    """The command in this process: exit status, stdout, stderr and seconds taken."""
    started = time.monotonic()
    try:
        code = main(list(args))
    except SystemExit as leaving:  # argparse
        code = int(leaving.code or 0)
    took = time.monotonic() - started
    out, err = capsys.readouterr()
    return code, out, err, took


def assert_safe(code: int, out: str, err: str, took: float, path: Path) -> None:
    assert code in (0, 1, 2)
    assert "Traceback" not in out + err
    assert not UNSAFE.search(out), UNSAFE.search(out)
    assert not UNSAFE.search(err), UNSAFE.search(err)
    assert took < SECONDS
    lines = err.splitlines()
    # One line per problem: each names the file (or is the program's own prefixed word).
    assert len(lines) < 100
    for line in lines:
        assert (
            str(path) in line
            or line.startswith(("facilitator: ", "warning: "))
            or re.match(r"\d+ files? skipped", line)
        ), line


@pytest.mark.parametrize("path", SESSIONS, ids=[p.name for p in SESSIONS])
def test_hostile_session_through_every_command(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        load_session(path)
        loads = True
    except StoreError:
        loads = False
    for args in (
        ("validate", str(path)),
        ("export", str(path), "--format", "md"),
        ("export", str(path), "--format", "html"),
        ("agreements", str(path), "--kind", "all"),
        ("coverage", str(path)),
    ):
        code, out, err, took = run_cli(capsys, *args)
        assert_safe(code, out, err, took, path)
        if args[0] in ("validate", "export"):
            assert code == (0 if loads else 2), (args, err)
        else:
            assert code == 0
            assert (f"{path}" in err) != loads, err  # a skipped file is named, a good one read
    if not loads:
        # resume refuses before the screen is taken over: one clear line, exit 2.
        code, out, err, took = run_cli(capsys, "resume", str(path))
        assert_safe(code, out, err, took, path)
        assert code == 2
        assert err.startswith(f"facilitator: {path}")


@pytest.mark.parametrize("path", AGENDAS, ids=[p.name for p in AGENDAS])
def test_hostile_agenda_through_validate_and_run(
    path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err, took = run_cli(capsys, "validate", str(path))
    assert_safe(code, out, err, took, path)
    valid = code == 0
    if not valid:
        assert code == 2
        assert err and all(line.startswith(str(path)) for line in err.splitlines())
    # run refuses a bad agenda before the screen: every line prefixed, exit 2.
    if not valid:
        code, out, err, took = run_cli(
            capsys, "--sessions-dir", str(tmp_path), "run", str(path), "--committee", "LMU"
        )
        assert_safe(code, out, err, took, path)
        assert code == 2
        assert all(line.startswith("facilitator: ") for line in err.splitlines())


def test_a_folder_of_good_and_hostile_sessions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from hostile.make_hostile import base_session

    from facilitator.store import save_session

    folder = tmp_path / "alle"
    folder.mkdir()
    good = []
    for number, committee in enumerate(("LMU Skole", "LMU Ældre", "HovedMED")):
        session = base_session()
        session.id = f"{number:012d}"
        session.committee = committee
        for record in session.themes:
            for outcome in record.outcomes:
                outcome.id = f"{number}{outcome.id[1:]}"
        path = folder / f"good-{number}.toml"
        save_session(session, path)
        good.append(session)
    bad = []
    for path in SESSIONS:
        try:
            load_session(path)
        except StoreError:
            (folder / path.name).write_bytes(path.read_bytes())
            bad.append(folder / path.name)
    code, out, err, _took = run_cli(
        capsys, "agreements", str(folder), "--kind", "all", "--format", "csv"
    )
    assert code == 0
    assert "Traceback" not in err
    # CSV for Excel: a byte-order mark first, CR LF line ends; nothing else of the kind.
    assert not UNSAFE.search(out.removeprefix("\ufeff").replace("\r\n", "\n") + err)
    for session in good:
        for record in session.themes:
            for outcome in record.outcomes:
                assert f"#{outcome.id}" in out
        assert session.committee in out
    skipped = [line for line in err.splitlines() if line.endswith(", skipped")]
    for path in bad:
        assert sum(line.startswith(f"{path}") for line in skipped) == 1, path
    assert f"{len(bad)} files skipped (could not be read); {len(good)} meetings read" in err
    # --strict turns the skips into exit status 1.
    code, *_ = run_cli(capsys, "agreements", str(folder), "--strict")
    assert code == 1
    code, out, err, _took = run_cli(capsys, "coverage", str(folder))
    assert code == 0
    assert all(session.committee in out for session in good)


# -- files that cannot be committed: FIFOs, devices, folders, links, giants --------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_is_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    for args in (("validate", str(fifo)), ("export", str(fifo)), ("resume", str(fifo))):
        code, _out, err, took = run_cli(capsys, *args)
        assert code == 2
        assert "named pipe (FIFO), not a regular file" in err
        assert took < SECONDS


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_a_device_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "zero.toml"
    link.symlink_to("/dev/zero")
    for args in (("validate", str(link)), ("export", str(link))):
        code, _out, err, _took = run_cli(capsys, *args)
        assert code == 2
        assert f"{link}: is a device, not a regular file" in err


def test_a_folder_and_a_giant_file_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mappe.toml"
    folder.mkdir()
    giant = tmp_path / "kæmpe.toml"
    with open(giant, "wb") as handle:
        handle.truncate(9 * 1024 * 1024)  # sparse: costs no disk
    code, _out, err, _took = run_cli(capsys, "export", str(folder))
    assert (code, err) == (2, f"facilitator: {folder}: is a folder, not a file\n")
    code, _out, err, _took = run_cli(capsys, "validate", str(giant))
    assert code == 2
    assert "larger than any facilitator file can be" in err


def test_a_lock_that_is_a_folder_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from hostile.make_hostile import base_session

    from facilitator.store import save_session

    path = tmp_path / "moede.toml"
    save_session(base_session(), path)
    (tmp_path / "moede.toml.lock").mkdir()
    os.utime(tmp_path / "moede.toml.lock", (1_000_000_000, 1_000_000_000))
    code, _out, err, _took = run_cli(capsys, "resume", str(path))
    assert code == 2
    assert err == (
        f"facilitator: {path}.lock: is a folder, not a facilitator lock; move it out of the "
        "way, then open the session again\n"
    )
    assert stat.S_ISDIR(os.stat(tmp_path / "moede.toml.lock").st_mode)  # left alone


def test_a_broken_agenda_in_run_prefixes_every_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = HOSTILE / "agendas" / "missing-theme-keys.toml"
    code, _out, err, _took = run_cli(
        capsys, "--sessions-dir", str(tmp_path), "run", str(path), "--committee", "LMU"
    )
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 3
    assert all(line.startswith(f"facilitator: {path}:") for line in lines)


def test_the_newer_schema_guard_reads_the_parsed_document(tmp_path: Path) -> None:
    from hostile.make_hostile import base_session

    from facilitator.store import NewerSessionError, save_session

    path = tmp_path / "ny.toml"
    raw = (HOSTILE / "sessions" / "schema-quoted-99.toml").read_bytes()
    path.write_bytes(raw)
    with pytest.raises(NewerSessionError):
        load_session(path)
    with pytest.raises(NewerSessionError, match="was not overwritten"):
        save_session(base_session(), path)
    assert path.read_bytes() == raw
