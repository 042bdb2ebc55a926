"""The register's quick reader: the same summaries as the careful one, or it steps aside."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path

import pytest
from support.generate import generate

from facilitator import store
from facilitator.register import lean
from facilitator.register.lean import summarize_text
from facilitator.register.reading import ScanOptions, scan
from facilitator.register.summary import Problem, summarize
from facilitator.session import Outcome, Participant, Review, Session, ThemeRecord


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    # Follow-ups with reviews, interrupted and approved meetings, Danish texts: what HR reads.
    return generate(tmp_path_factory.mktemp("sessions"), 60, seed=15)


def test_the_quick_reader_gives_what_the_careful_one_gives(generated: list[Path]) -> None:
    for path in generated:
        careful = summarize(store.load_session(path), path, 7)
        assert summarize_text(path.read_text(encoding="utf-8"), path, 7) == careful


def test_texts_are_cleaned_as_the_careful_reader_cleans_them(generated: list[Path]) -> None:
    path = generated[0]
    text = path.read_text(encoding="utf-8")
    # A Windows line end, an escape sequence and a decomposed "å" in a note and a name.
    text = text.replace('committee = "', 'committee = "\\u001b[31ma\\u030a ', 1)
    path.write_text(text, encoding="utf-8")
    quick = summarize_text(text, path, 0)
    assert quick is not None and quick.committee.startswith("å ")
    assert quick == summarize(store.load_session(path), path, 0)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (("[[themes.outcomes]]", 'kind = "'), "wish"),
        (("[agenda]\nschema = 1", '[agenda]\nschema = "one"'), "schema"),
        (('current_theme = "', 'current_theme = "nowhere'), "current_theme"),
    ],
)
def test_a_file_wrong_where_the_register_looks_is_a_problem_with_its_line(
    tmp_path: Path, generated: list[Path], change: tuple[str, str], said: str
) -> None:
    source = next(p for p in generated if change[0] in p.read_text(encoding="utf-8"))
    path = tmp_path / source.name
    text = source.read_text(encoding="utf-8")
    if said == "wish":  # an outcome's kind, not a review's, which the register does not read
        at = text.index(change[1], text.index(change[0]))
        text = text[:at] + 'kind = "wish' + text[at + len(change[1]) :]
    else:
        text = text.replace(*change, 1)
    path.write_text(text, encoding="utf-8")
    assert summarize_text(text, path, 0) is None
    found = scan([tmp_path], ScanOptions(parallel=False, cache=False))
    assert found.summaries == []
    [problem] = found.problems
    assert isinstance(problem, Problem) and said in problem.message
    # FILE:LINE:COL, as every bad input is reported.
    assert problem.message.startswith(f"{path}:") and problem.message.split(":")[1].isdigit()


HOSTILE = sorted((Path(__file__).parent / "hostile" / "sessions").glob("*.toml"))


@pytest.mark.parametrize("path", HOSTILE, ids=[p.name for p in HOSTILE])
def test_the_quick_reader_never_lists_a_file_the_careful_one_refuses(path: Path) -> None:
    # HR must not see rows from a file that nobody can open (resume, export refuse it).
    try:
        careful = summarize(store.load_session(path), path, 0)
    except store.StoreError:
        careful = None
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return  # not decoded: the careful reader alone is asked
    quick = summarize_text(text, path, 0)
    assert quick is None or quick == careful
    read = scan([path], ScanOptions(parallel=False, cache=False)).summaries
    assert [replace(summary, mtime_ns=0) for summary in read] == ([careful] if careful else [])


@pytest.mark.parametrize(
    "edit",
    [
        # Something before the agenda's header that adds to the agenda.
        lambda text: text.replace("[[themes]]", "[agenda.extra]\nx = 1\n\n[[themes]]", 1),
        # The agenda defined twice: the whole file does not parse.
        lambda text: 'agenda = "x"\n' + text,
        # The header inside a text, and the real one after it.
        lambda text: text.replace('notes = "', 'notes = """\n[agenda]\n"""\nx = "', 1),
        # A table after the agenda.
        lambda text: text + '\n[[participants]]\nname = "Sen"\n',
        lambda text: text + "\n[[participants]]\nname = 7\n",
    ],
)
def test_a_known_agenda_is_not_parsed_again_only_when_that_is_safe(
    tmp_path: Path, generated: list[Path], edit: Callable[[str], str]
) -> None:
    source = generated[1]
    text = source.read_text(encoding="utf-8")
    assert summarize_text(text, source, 0) is not None  # its agenda is now known
    path = tmp_path / source.name
    path.write_text(edit(text), encoding="utf-8")
    try:
        careful = summarize(store.load_session(path), path, 0)
    except store.StoreError:
        careful = None
    # Stricter than the careful reader is allowed (the careful one then reads it), never laxer.
    quick = summarize_text(edit(text), path, 0)
    assert quick is None or quick == careful


@pytest.mark.parametrize(
    ("model", "known"),
    [
        (Session, lean._TOP - {"schema"}),
        (ThemeRecord, lean._RECORD - {"id"} | {"theme_id"}),
        (Outcome, lean._OUTCOME - {"date"} | {"due"}),
        (Participant, lean._PARTICIPANT),
        (Review, lean._REVIEW - {"date"} | {"due"}),
    ],
)
def test_the_quick_reader_knows_every_field_of_the_format(model: type, known: set[str]) -> None:
    # A field added to the session format must be checked here too; until it is, every file
    # that has it goes to the careful reader, and HR's first run is twice as slow.
    assert {field.name for field in fields(model)} == known
