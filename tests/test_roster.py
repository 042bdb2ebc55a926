"""The committees roster: checked like an agenda, aliases counted under the roster's name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from facilitator.roster import ROSTER_NAME, RosterError, find_roster, load_roster, parse_roster

GOOD = """\
schema = 1

[[committees]]
name = "LMU Børneby Nord"
aliases = ["Børneby Nord", "Lokaludvalg Børneby Nord"]
unit = "Børn og Familie"
next_review = 2027-03-01

[[committees]]
name = "LMU Jobcenter"
"""


def problems(text: str) -> list[str]:
    with pytest.raises(RosterError) as caught:
        parse_roster(text.encode(), "committees.toml")
    return caught.value.problems


def test_a_roster_maps_every_spelling_to_its_name() -> None:
    roster = parse_roster(GOOD.encode(), "committees.toml")
    assert roster.canonical("børneby  NORD") == "LMU Børneby Nord"
    assert roster.canonical("Lokaludvalg Børneby Nord") == "LMU Børneby Nord"
    assert roster.canonical("lmu jobcenter") == "LMU Jobcenter"
    assert roster.canonical("LMU Jobcentret") == "LMU Jobcentret"  # a typo stays visible
    assert not roster.knows("LMU Jobcentret")
    first = roster.committees[0]
    assert first.unit == "Børn og Familie"
    assert first.next_review == date(2027, 3, 1)


def test_every_problem_is_named_with_its_line_and_column() -> None:
    found = problems(
        """\
schema = 1

[[committees]]
name = "LMU A"
alias = ["A"]

[[committees]]
name = ""
next_review = "snart"

[[committees]]
name = "LMU B"
aliases = ["lmu a"]
"""
    )
    assert found == [
        'committees.toml:5:1: committee 1: unknown key "alias" (expected name, aliases, unit, '
        "next_review)",
        'committees.toml:8:1: committee 2: "name" must be text, got ""',
        'committees.toml:9:1: committee 2: "next_review" must be a date such as 2027-03-01, '
        'got "snart"',
        'committees.toml:13:12: "lmu a" is already a name or alias of "LMU A"',
    ]


def test_schema_and_committees_are_required() -> None:
    assert problems('title = "x"\n') == [
        'committees.toml:1:1: unknown key "title" (expected schema, committees)',
        'committees.toml: missing required key "schema" (write schema = 1 at the top)',
        'committees.toml: missing "[[committees]]": list at least one committee',
    ]
    assert problems("schema = 2\n[[committees]]\nname = 'A'\n") == [
        'committees.toml:1:1: "schema" must be 1, got 2'
    ]


def test_a_toml_syntax_error_has_its_position() -> None:
    (message,) = problems('schema = 1\n[[committees]]\nname = "A\n')
    assert message.startswith("committees.toml:3:")
    assert "TOML syntax error" in message


def test_the_roster_in_the_sessions_folder_is_found(tmp_path: Path) -> None:
    assert find_roster(None, [tmp_path]) is None
    (tmp_path / ROSTER_NAME).write_text(GOOD, encoding="utf-8")
    roster = find_roster(None, [tmp_path])
    assert roster is not None and roster.knows("Børneby Nord")
    other = tmp_path / "other.toml"
    other.write_text('schema = 1\n[[committees]]\nname = "LMU X"\n', encoding="utf-8")
    given = find_roster(other, [tmp_path])
    assert given is not None and [c.name for c in given.committees] == ["LMU X"]


def test_a_missing_roster_file_is_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(RosterError) as caught:
        load_roster(tmp_path / "nope.toml")
    assert caught.value.problems == [f"{tmp_path / 'nope.toml'}: file not found"]


def test_validate_checks_a_roster_by_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from facilitator.cli import main

    roster = tmp_path / ROSTER_NAME
    roster.write_text(GOOD, encoding="utf-8")
    assert main(["validate", str(roster)]) == 0
    roster.write_text('schema = 1\n[[committees]]\nnam = "x"\n', encoding="utf-8")
    assert main(["validate", str(roster)]) == 2
    assert f'{roster}:3:1: committee 1: unknown key "nam"' in capsys.readouterr().err
