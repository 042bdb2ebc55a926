"""The command line as a user meets it: `python -m facilitator` in a fresh process."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator import __version__
from facilitator.cli import main

ROOT = Path(__file__).resolve().parent.parent
FILES = Path(__file__).resolve().parent / "test_agenda_files"
GOOD = FILES / "good"
BAD = FILES / "bad"
SUBCOMMANDS = [
    "run",
    "resume",
    "followup",
    "agendas",
    "validate",
    "export",
    "agreements",
    "coverage",
]


def facilitator(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the program as a user would, with none of the user's settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACILITATOR_")}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "facilitator", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd or ROOT,
        timeout=60,
        check=False,
    )


def one_line(text: str) -> str:
    assert text.endswith("\n") and text.count("\n") == 1, repr(text)
    return text.rstrip("\n")


# -- version and help ----------------------------------------------------------------------


def test_version() -> None:
    result = facilitator("--version")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"facilitator {__version__}\n",
        "",
    )


def test_help_names_every_subcommand() -> None:
    result = facilitator("--help")
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.startswith("usage: facilitator")
    for name in SUBCOMMANDS:
        assert re.search(rf"^\s+{name}\s+\S", result.stdout, re.MULTILINE), name
    for option in ("--sessions-dir", "--lang", "--version"):
        assert option in result.stdout


def test_help_of_each_subcommand_says_what_it_does(capsys: pytest.CaptureFixture[str]) -> None:
    # In-process: the listing above already proves the installed command starts.
    for name in SUBCOMMANDS:
        with pytest.raises(SystemExit) as done:
            main([name, "--help"])
        assert done.value.code == 0, name
        usage, _, rest = capsys.readouterr().out.partition("\n\n")
        assert usage.startswith(f"usage: facilitator {name}")
        description = rest.split("\n\n")[0].strip()
        assert description and not description.startswith("options:"), name


def test_help_of_run_names_its_options() -> None:
    out = facilitator("run", "--help").stdout
    for option in ("--committee", "--planned", "--participant", "--sessions-dir", "--lang"):
        assert option in out


# -- usage errors: one line on stderr, exit 2 ----------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["bogus"], ["invalid choice: 'bogus'", "facilitator --help"]),
        (["--bogus"], ["unrecognized arguments: --bogus"]),
        (["validate", "--bogus", "x.toml"], ["unrecognized arguments: --bogus"]),
        (["run", "--planned", "abc"], ["--planned", '"abc" is not a whole number of minutes']),
        (["run", "--planned", "0"], ["--planned", "out of range (1 to 1440)"]),
        (["run", "--planned", "90.5"], ["--planned", '"90.5"']),
        (["run", "--planned"], ["--planned", "expected one argument"]),
        (["--lang", "de", "agendas"], ["--lang", "invalid choice: 'de'"]),
        (["validate"], ["validate", "required: FILE"]),
        (["followup"], ["followup", "required: SESSION"]),
        (["export", "--format", "pdf", "x.toml"], ["--format", "invalid choice: 'pdf'"]),
        (["agreements", "--format", "xlsx"], ["--format", "invalid choice: 'xlsx'"]),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_usage_errors_are_one_line_and_exit_2(args: list[str], words: list[str]) -> None:
    result = facilitator(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    line = one_line(result.stderr)
    assert line.startswith("facilitator")
    for word in words:
        assert word in line


# -- validate ------------------------------------------------------------------------------


def test_validate_prints_ok_per_file() -> None:
    files = [str(path) for path in sorted(GOOD.glob("*.toml"))]
    result = facilitator("validate", *files)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [f"{name}: ok" for name in files]


def test_validate_names_files_as_given(tmp_path: Path) -> None:
    shutil.copy(GOOD / "skovly-boernehus.toml", tmp_path / "min dagsorden.toml")
    result = facilitator("validate", "min dagsorden.toml", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "min dagsorden.toml: ok\n")


@pytest.mark.parametrize("flag", ["--quiet", "-q"])
def test_validate_quiet_prints_nothing(flag: str) -> None:
    result = facilitator("validate", flag, str(GOOD / "vesterhavet-threats.toml"))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_validate_a_mix_of_good_and_bad() -> None:
    good = str(GOOD / "solbjerg-digital-chikane.toml")
    bad = str(BAD / "bad-kind.toml")
    missing = str(BAD / "no-such-file.toml")
    result = facilitator(
        "validate", good, bad, missing, str(ROOT / "agendas" / "social-media.toml")
    )
    assert result.returncode == 2
    assert result.stdout.splitlines() == [
        f"{good}: ok",
        f"{ROOT / 'agendas' / 'social-media.toml'}: ok",
    ]
    assert result.stderr.splitlines() == [
        f'{bad}:13:1: section "a", theme "t": "kind" must be "discussion" or "obligation",'
        ' got "forpligtelse"',
        f"{missing}: file not found",
    ]


def test_validate_quiet_still_reports_problems() -> None:
    bad = str(BAD / "schema-2.toml")
    result = facilitator("validate", "-q", bad)
    assert (result.returncode, result.stdout) == (2, "")
    assert one_line(result.stderr).startswith(f"{bad}:1:1: schema 2 is not known")


def test_validate_every_bad_file_without_a_traceback() -> None:
    files = sorted(BAD.glob("*.toml"))
    result = facilitator("validate", *map(str, files))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) >= len(files)
    # Each line names its file first; every file is named.
    assert {line.split(":", 1)[0] for line in lines} == {str(path) for path in files}


def test_validate_a_directory_and_a_binary(tmp_path: Path) -> None:
    binary = tmp_path / "billede.toml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = facilitator("validate", str(tmp_path), str(binary))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{tmp_path}: is a folder, not a file",
        f"{binary}: not a text file (it contains NUL bytes); expected TOML",
    ]


# -- agendas -------------------------------------------------------------------------------


def rows(out: str) -> list[list[str]]:
    lines = out.splitlines()
    assert re.split(r"\s{2,}", lines[0].strip()) == ["ID", "LANG", "THEMES", "MIN", "TITLE"]
    # Lines indented under an agenda list its plans.
    return [re.split(r"\s{2,}", line.strip()) for line in lines[1:] if not line.startswith(" ")]


def test_agendas_lists_the_builtins(tmp_path: Path) -> None:
    result = facilitator("agendas", cwd=tmp_path)  # no ./agendas here
    assert (result.returncode, result.stderr) == (0, "")
    listed = {row[0]: row for row in rows(result.stdout)}
    assert set(listed) == {"sociale-medier", "social-media"}
    assert listed["sociale-medier"][1:4] == ["da", "15", "150"]
    assert listed["social-media"][1:4] == ["en", "15", "150"]
    assert listed["sociale-medier"][4].startswith("Sociale medier")
    assert listed["social-media"][4].startswith("Social media")
    assert all(row[-1] == "(built-in)" for row in listed.values())


def test_agendas_lists_the_local_folder_and_names_a_broken_file(tmp_path: Path) -> None:
    local = tmp_path / "agendas"
    local.mkdir()
    shutil.copy(GOOD / "solbjerg-digital-chikane.toml", local)
    shutil.copy(GOOD / "vesterhavet-threats.toml", local)
    shutil.copy(BAD / "timeboxes.toml", local / "i-gang.toml")
    (local / "noter.txt").write_text("not an agenda\n")
    result = facilitator("agendas", cwd=tmp_path)
    assert result.returncode == 0
    listed = {row[0]: row for row in rows(result.stdout)}
    assert set(listed) == {
        "sociale-medier",
        "social-media",
        "solbjerg-digital-chikane",
        "vesterhavet-threats",
    }
    assert listed["solbjerg-digital-chikane"][1:] == [
        "da",
        "5",
        "65",
        "Digital chikane – dialog i lokaludvalget",
        "(agendas/solbjerg-digital-chikane.toml)",
    ]
    assert listed["vesterhavet-threats"][1:4] == ["en", "4", "40"]
    line = one_line(result.stderr)
    assert line.startswith("agendas/i-gang.toml: skipped, not a valid agenda (")
    assert "timebox must be a whole number" in line


def test_agendas_lists_the_plans_under_their_agenda(tmp_path: Path) -> None:
    lines = facilitator("agendas", cwd=tmp_path).stdout.splitlines()
    danish = next(i for i, line in enumerate(lines) if line.startswith("sociale-medier "))
    assert lines[danish + 1].split() == [
        "plans:",
        "foerste-moede",
        "(60",
        "min),",
        "andet-moede",
        "(60",
        "min),",
        "hele-guiden",
        "(150",
        "min)",
    ]


def test_agendas_says_which_file_of_an_id_is_used_and_which_is_shadowed(tmp_path: Path) -> None:
    local = tmp_path / "agendas"
    local.mkdir()
    text = (ROOT / "agendas" / "sociale-medier.toml").read_text(encoding="utf-8")
    (local / "godkendt.toml").write_text(text.replace("timebox = 20", "timebox = 25", 1))
    result = facilitator("agendas", cwd=tmp_path)
    danish = [row for row in rows(result.stdout) if row[0] == "sociale-medier"]
    assert [(row[3], row[-1]) for row in danish] == [
        ("150", "(built-in; not used: agendas/godkendt.toml has the same id)"),
        ("155", "(agendas/godkendt.toml; used instead of the built-in)"),
    ]


def test_agendas_built_ins_come_first(tmp_path: Path) -> None:
    local = tmp_path / "agendas"
    local.mkdir()
    shutil.copy(GOOD / "skovly-boernehus.toml", local)
    ids = [row[0] for row in rows(facilitator("agendas", cwd=tmp_path).stdout)]
    assert ids[-1] == "skovly-foraeldregrupper"
    assert set(ids[:2]) == {"sociale-medier", "social-media"}


def test_agendas_with_another_folder(tmp_path: Path) -> None:
    folder = tmp_path / "fælles"
    folder.mkdir()
    shutil.copy(GOOD / "skovly-boernehus.toml", folder)
    result = facilitator("agendas", "--dir", str(folder))
    assert result.returncode == 0
    assert "skovly-foraeldregrupper" in [row[0] for row in rows(result.stdout)]


def test_agendas_in_the_checkout_does_not_list_the_builtins_twice() -> None:
    result = facilitator("agendas", cwd=ROOT)
    ids = [row[0] for row in rows(result.stdout)]
    assert sorted(ids) == ["social-media", "sociale-medier"]


@pytest.mark.parametrize("command", [["run", "--committee", "LMU Nord"], []])
def test_without_a_terminal_the_meeting_screen_does_not_start(
    tmp_path: Path, command: list[str]
) -> None:
    # Before, it read end-of-file from /dev/null forever, one core busy and nothing shown.
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACILITATOR_")}
    result = subprocess.run(
        [sys.executable, "-m", "facilitator", "--sessions-dir", str(tmp_path), *command],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "needs a terminal" in one_line(result.stderr)
    assert list(tmp_path.iterdir()) == []
