"""`facilitator agreements` and `facilitator coverage` from the command line: output and exits."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from support import CET

from facilitator import store
from facilitator.agenda import Agenda
from facilitator.cli import main
from facilitator.followup import set_review, start_followup
from facilitator.session import Participant, Session

PAST = date(2020, 1, 1)
FUTURE = date(2099, 1, 1)


def meeting(agenda: Agenda, committee: str, day: date) -> Session:
    session = Session.new(committee, agenda)
    session.started = datetime.combine(day, time(14, 0), CET)
    session.ended = session.started + timedelta(hours=2)
    session.participants = [
        Participant("Birthe Ørsted", "leader", "management"),
        Participant("Åge Kjær", "amr", "employees"),
    ]
    return session


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No language or folder from the developer's shell; the cache is tested elsewhere."""
    monkeypatch.delenv("FACILITATOR_LANG", raising=False)
    monkeypatch.delenv("FACILITATOR_SESSIONS_DIR", raising=False)
    monkeypatch.setenv("FACILITATOR_CACHE", "0")
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def sessions(tmp_path: Path, sample_agenda: Agenda) -> Path:
    """Two committees' meetings, one followed up."""
    folder = tmp_path / "sessions"
    north = meeting(sample_agenda, "LMU Børneby Nord", date(2025, 11, 3))
    topic = north.themes[0].theme_id
    late = north.add_outcome(topic, "agreement", "Skærmbilleder gemmes i sagen", "Åge Kjær", PAST)
    north.add_outcome(topic, "action", "Tjekliste til nye", "Birthe Ørsted", FUTURE)
    done = north.add_outcome(topic, "action", "Guiden på intranettet", "Åge Kjær", PAST)
    north.add_outcome(topic, "decision", "Fast punkt hvert år")
    store.save_session(north, store.new_session_path(folder, north))
    followup = start_followup(north, [])
    followup.started = datetime.combine(date(2026, 1, 12), time(9, 0), CET)
    set_review(followup, done.id, "done", "Lagt op")
    set_review(followup, late.id, "in-progress", "Mangler én sag")
    store.save_session(followup, store.new_session_path(folder, followup))
    south = meeting(sample_agenda, "Lokaludvalg Ældreplejen Syd", date(2026, 2, 2))
    south.add_outcome(south.themes[1].theme_id, "agreement", 'Svar aldrig på "opslag" | ', "")
    store.save_session(south, store.new_session_path(folder, south))
    return folder


@pytest.fixture
def messy(sessions: Path) -> Path:
    """The sessions with a broken, a foreign and a newer file, and a lock and a temp file."""
    good = next(sessions.glob("*.toml"))
    (sessions / "broken.toml").write_text("schema = 1\n[[themes]\n", encoding="utf-8")
    (sessions / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    newer = good.read_text("utf-8").replace("schema = 1", "schema = 7", 1)
    (sessions / "fremtid.toml").write_text(newer, encoding="utf-8")
    (sessions / f"{good.name}.lock").write_text("123 host", encoding="utf-8")
    (sessions / f".{good.name}.abc123.tmp").write_text("halv", encoding="utf-8")
    return sessions


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def as_json(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    code, out, err = run(capsys, *argv, "--format", "json")
    assert (code, err) == (0, "")
    data: list[dict[str, object]] = json.loads(out)
    return data


# -- paths and exit codes ---------------------------------------------------------------------


def test_the_sessions_folder_is_the_default(
    capsys: pytest.CaptureFixture[str], sessions: Path
) -> None:
    code, out, err = run(capsys, "agreements")
    assert (code, err) == (0, "")
    assert "Skærmbilleder" in out and "Udvalg" in out


def test_sessions_dir_option_and_variable(
    capsys: pytest.CaptureFixture[str], sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    moved = sessions.rename(sessions.parent / "andet")
    assert len(as_json(capsys, "agreements", "--sessions-dir", str(moved))) == 4
    monkeypatch.setenv("FACILITATOR_SESSIONS_DIR", str(moved))
    assert len(as_json(capsys, "agreements")) == 4


def test_no_sessions_folder_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "agreements")
    assert code == 2 and out == ""
    assert err.startswith("facilitator: sessions: no sessions folder")
    assert err.count("\n") == 1


@pytest.mark.parametrize("command", ["agreements", "coverage"])
def test_a_missing_path_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], sessions: Path, command: str
) -> None:
    code, out, err = run(capsys, command, str(sessions), "ikke-her.toml")
    assert (code, out) == (2, "")
    assert err == "facilitator: ikke-her.toml: no such file or folder\n"


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--since", "i forgårs"], '"i forgårs"'),
        (["--since", "31.2.2026"], '"31.2.2026"'),
        (["--kind", "aftale,ting"], '"ting"'),
        (["--delimiter", "ab"], '"ab"'),
    ],
)
def test_bad_values_are_usage_errors_naming_the_value(
    capsys: pytest.CaptureFixture[str], sessions: Path, argv: list[str], named: str
) -> None:
    code, out, err = run(capsys, "agreements", *argv)
    assert (code, out) == (2, "")
    assert named in err and err.count("\n") == 1


@pytest.mark.parametrize("command", ["agreements", "coverage"])
def test_unreadable_files_are_named_and_the_rest_listed(
    capsys: pytest.CaptureFixture[str], messy: Path, command: str
) -> None:
    code, out, err = run(capsys, command, "--format", "json")
    assert code == 0
    assert len(json.loads(out)) == (4 if command == "agreements" else 2)
    lines = err.splitlines()
    assert len(lines) == 4
    # The last line counts what was skipped, so a long run shows it was not everything.
    assert re.fullmatch(r"3 files skipped \(could not be read\); \d+ meetings? read", lines.pop())
    assert all(line.endswith(", skipped") for line in lines)
    named = sorted(line.split(":")[0] for line in lines)
    assert named == sorted(
        str(Path("sessions") / n) for n in ("broken.toml", "fremtid.toml", "pyproject.toml")
    )
    assert any("newer facilitator" in line for line in lines)
    code, _, _ = run(capsys, command, "--strict")
    assert code == 1


def test_strict_with_nothing_wrong_exits_0(
    capsys: pytest.CaptureFixture[str], sessions: Path
) -> None:
    assert run(capsys, "agreements", "--strict")[0] == 0


# -- filters ----------------------------------------------------------------------------------


def texts(data: list[dict[str, object]]) -> set[object]:
    return {row["text"] for row in data}


def test_filters_on_the_command_line(capsys: pytest.CaptureFixture[str], sessions: Path) -> None:
    everything = as_json(capsys, "agreements", "--kind", "all")
    assert len(everything) == 5
    assert texts(as_json(capsys, "agreements", "--kind", "beslutning")) == {"Fast punkt hvert år"}
    assert texts(as_json(capsys, "agreements", "--committee", "ÆLDRE")) == {
        'Svar aldrig på "opslag" |'
    }
    assert texts(as_json(capsys, "agreements", "--open")) == {
        "Skærmbilleder gemmes i sagen",
        "Tjekliste til nye",
        'Svar aldrig på "opslag" |',
    }
    assert texts(as_json(capsys, "agreements", "--overdue")) == {"Skærmbilleder gemmes i sagen"}
    assert texts(as_json(capsys, "agreements", "--since", "1.2.2026")) == {
        'Svar aldrig på "opslag" |'
    }


def test_json_rows_carry_the_latest_status(
    capsys: pytest.CaptureFixture[str], sessions: Path
) -> None:
    rows = {row["text"]: row for row in as_json(capsys, "agreements")}
    late = rows["Skærmbilleder gemmes i sagen"]
    assert late["status"] == "in-progress"
    assert late["status_comment"] == "Mangler én sag"
    assert late["overdue"] is True
    assert late["date"] == "2020-01-01"
    assert late["meeting_date"] == "2025-11-03"
    assert late["theme_ref"] == "1.1"
    assert late["session_state"] == "ended"
    assert Path(str(late["path"])).exists()
    assert rows["Guiden på intranettet"]["status"] == "done"
    assert rows["Tjekliste til nye"]["status"] == "open"


# -- formats ----------------------------------------------------------------------------------


def test_table_fits_80_columns_and_marks_overdue(
    capsys: pytest.CaptureFixture[str], sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "agreements")
    assert code == 0
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert lines[0].split()[:3] == ["Dato", "Udvalg", "Tekst"]
    assert any(line.startswith("!") and "2020-01-01" in line for line in lines)
    assert "! forsinket" in out
    assert "4 rækker fra 3 møder" in out


def test_one_row_from_one_meeting_is_said_in_the_singular(
    capsys: pytest.CaptureFixture[str], sessions: Path
) -> None:
    south = next(f for f in sessions.glob("*.toml") if "Syd" in f.read_text("utf-8"))
    only = (str(south),)
    assert "1 række fra 1 møde\n" in run(capsys, "agreements", *only)[1]
    assert "1 row from 1 meeting\n" in run(capsys, "agreements", *only, "--lang", "en")[1]
    assert "4 rows from 3 meetings" in run(capsys, "agreements", "--lang", "en")[1]


def test_english_labels_with_lang_or_the_variable(
    capsys: pytest.CaptureFixture[str], sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "agreements", "--lang", "en")[1].split()[:3] == ["Date", "Committee", "Text"]
    monkeypatch.setenv("FACILITATOR_LANG", "en")
    assert "In progress" in run(capsys, "agreements")[1]
    assert "Udvalg" in run(capsys, "agreements", "--lang", "da")[1]


def test_csv_opens_in_danish_excel(
    capsysbinary: pytest.CaptureFixture[bytes], sessions: Path
) -> None:
    assert main(["agreements", "--format", "csv"]) == 0
    raw = capsysbinary.readouterr().out
    assert raw.startswith(b'\xef\xbb\xbf"Dato";"Udvalg";')
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[:6] == ["Dato", "Udvalg", "Type", "Tekst", "Ansvarlig", "Status"]
    by_text = {row[3]: dict(zip(header, row, strict=True)) for row in body}
    late = by_text["Skærmbilleder gemmes i sagen"]
    assert (late["Udvalg"], late["Ansvarlig"], late["Status"]) == (
        "LMU Børneby Nord",
        "Åge Kjær",
        "I gang",
    )
    assert late["Dato"] == "2020-01-01" and late["Forsinket"] == "ja"
    assert late["ID"].startswith("#")
    assert 'Svar aldrig på "opslag" |' in by_text


def test_csv_with_commas(capsysbinary: pytest.CaptureFixture[bytes], sessions: Path) -> None:
    assert main(["agreements", "--format", "csv", "--delimiter", ","]) == 0
    text = capsysbinary.readouterr().out.decode("utf-8-sig")
    assert text.startswith('"Dato","Udvalg",')
    assert len(next(csv.reader(io.StringIO(text)))) == 14


def test_markdown_escapes_what_people_typed(
    capsys: pytest.CaptureFixture[str], sessions: Path
) -> None:
    code, out, _ = run(capsys, "agreements", "--format", "md")
    assert code == 0
    assert out.startswith("| ")
    assert 'opslag" &#124;' in out
    assert all(
        line.count(" | ") == out.splitlines()[0].count(" | ") for line in out.splitlines()[:6]
    )


def test_toml_parses_back(capsys: pytest.CaptureFixture[str], sessions: Path) -> None:
    code, out, _ = run(capsys, "agreements", "--format", "toml")
    assert code == 0
    rows = tomllib.loads(out)["rows"]
    assert len(rows) == 4
    by_text = {row["text"]: row for row in rows}
    assert by_text["Skærmbilleder gemmes i sagen"]["date"] == date(2020, 1, 1)
    assert by_text['Svar aldrig på "opslag" |']["owner"] == ""
    assert "date" not in by_text['Svar aldrig på "opslag" |']  # TOML has no null


def test_anonymize_replaces_names_by_roles(
    capsys: pytest.CaptureFixture[str], sessions: Path
) -> None:
    plain = run(capsys, "agreements", "--format", "csv")[1]
    assert "Åge Kjær" in plain and "Birthe Ørsted" in plain
    code, out, _ = run(capsys, "agreements", "--format", "csv", "--anonymize")
    assert code == 0
    assert "Åge" not in out and "Birthe" not in out
    assert "Arbejdsmiljørepræsentant" in out or "AMR" in out


def test_coverage_formats(capsys: pytest.CaptureFixture[str], sessions: Path) -> None:
    code, out, err = run(capsys, "coverage")
    assert (code, err) == (0, "")
    header = out.splitlines()[0].split()
    assert header[0] == "Udvalg" and "Status" in header and "Seneste" in header
    assert "LMU Børneby Nord" in out and "1/1 ✓" in out
    data = json.loads(run(capsys, "coverage", "--format", "json")[1])
    assert [item["sessions"] for item in data] == [2, 1]
    assert tomllib.loads(run(capsys, "coverage", "--format", "toml")[1])["committees"]
    assert "| Udvalg |" in run(capsys, "coverage", "--format", "md")[1]
    assert run(capsys, "coverage", "--format", "csv")[1].startswith('\ufeff"Udvalg";')


# -- the real program -------------------------------------------------------------------------


def test_the_installed_program_writes_utf8_json(sessions: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "facilitator", "agreements", str(sessions), "--format", "json"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C"},
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout.decode("utf-8"))
    assert "Skærmbilleder gemmes i sagen" in {row["text"] for row in rows}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_csv_back(
    capsysbinary: pytest.CaptureFixture[bytes], sessions: Path, tmp_path: Path
) -> None:
    assert main(["agreements", "--kind", "all", "--format", "csv"]) == 0
    source = tmp_path / "aftaler.csv"
    source.write_bytes(capsysbinary.readouterr().out)
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    # The import options a person picks in Calc's dialog: ; separated, " quoted, UTF-8.
    convert = ["soffice", profile, "--headless", "--convert-to"]
    subprocess.run(
        [*convert, "xlsx", "--infilter=CSV:59,34,76,1", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    back = tmp_path / "back"
    subprocess.run(
        [
            *convert,
            "csv:Text - txt - csv (StarCalc):59,34,76,1",
            "--outdir",
            str(back),
            str(tmp_path / "aftaler.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    original = list(
        csv.reader(io.StringIO(source.read_text("utf-8-sig"), newline=""), delimiter=";")
    )
    again = (back / "aftaler.csv").read_text("utf-8-sig")
    assert list(csv.reader(io.StringIO(again, newline=""), delimiter=";")) == original
    assert "Åge Kjær" in again and "Børneby" in again


def test_state_filter_keeps_only_meetings_in_that_state(tmp_path: Path) -> None:
    from facilitator.catalog import resolve_agenda
    from facilitator.session import Session, now
    from facilitator.store import new_session_path, save_session

    agenda = resolve_agenda("sociale-medier")
    for committee, ended in (("LMU Nord", True), ("LMU Syd", False)):
        session = Session.new(committee, agenda)
        session.add_outcome(session.current_theme, "agreement", f"Aftale i {committee}")
        if ended:
            session.ended = now()
        save_session(session, new_session_path(tmp_path, session))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "facilitator",
            "agreements",
            str(tmp_path),
            "--state",
            "ended",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    committees = {row["committee"] for row in json.loads(result.stdout)}
    assert committees == {"LMU Nord"}
    bad = subprocess.run(
        [sys.executable, "-m", "facilitator", "agreements", str(tmp_path), "--state", "done"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
