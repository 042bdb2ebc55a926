"""Finding agendas: built-in guides, a local ./agendas folder, ids and paths."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from facilitator.agenda import Agenda, AgendaError, load_agenda
from facilitator.catalog import (
    DEFAULT_AGENDA_ID,
    builtin_dir,
    find_agendas,
    locate_agenda,
    peek_id,
    resolve_agenda,
)

FILES = Path(__file__).resolve().parent / "test_agenda_files"
GOOD = FILES / "good"
BAD = FILES / "bad"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in an empty folder, as a user in their own directory would."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_builtin_dir_holds_both_guides() -> None:
    folder = builtin_dir()
    assert folder.is_dir()
    assert (folder / "sociale-medier.toml").is_file()
    assert (folder / "social-media.toml").is_file()


def test_the_default_agenda_is_the_danish_guide(in_tmp: Path) -> None:
    assert DEFAULT_AGENDA_ID == "sociale-medier"
    agenda = resolve_agenda(None)
    assert (agenda.id, agenda.language) == ("sociale-medier", "da")
    assert resolve_agenda("") == agenda


@pytest.mark.parametrize(("name", "language"), [("sociale-medier", "da"), ("social-media", "en")])
def test_resolve_a_builtin_by_id(in_tmp: Path, name: str, language: str) -> None:
    agenda = resolve_agenda(name)
    assert (agenda.id, agenda.language) == (name, language)


def test_resolve_by_path(in_tmp: Path) -> None:
    path = GOOD / "vesterhavet-threats.toml"
    assert resolve_agenda(str(path)).id == "vesterhavet-threats"
    shutil.copy(path, in_tmp / "trusler")  # no .toml suffix, but the file exists
    assert resolve_agenda("trusler").id == "vesterhavet-threats"
    shutil.copy(path, in_tmp / "kopi.toml")
    assert resolve_agenda("kopi.toml").id == "vesterhavet-threats"


def test_resolve_a_missing_file_says_file_not_found(in_tmp: Path) -> None:
    with pytest.raises(AgendaError) as caught:
        resolve_agenda("mangler.toml")
    assert caught.value.problems == ["mangler.toml: file not found"]
    with pytest.raises(AgendaError) as caught:
        resolve_agenda("mappe/mangler")
    assert caught.value.problems == ["mappe/mangler: file not found"]


def test_resolve_a_bad_file_gives_its_problems(in_tmp: Path) -> None:
    with pytest.raises(AgendaError) as caught:
        resolve_agenda(str(BAD / "bad-language.toml"))
    assert caught.value.problems == [
        f'{BAD / "bad-language.toml"}:4:1: "language" must be "da" or "en", got "dansk"'
    ]


def test_unknown_id_names_the_known_ids(in_tmp: Path) -> None:
    with pytest.raises(AgendaError) as caught:
        resolve_agenda("sociale-medie")
    assert caught.value.problems == [
        "sociale-medie: no agenda file or agenda id of that name"
        " (known ids: social-media, sociale-medier)"
    ]


def test_unknown_id_also_names_local_ids(in_tmp: Path) -> None:
    (in_tmp / "agendas").mkdir()
    shutil.copy(GOOD / "skovly-boernehus.toml", in_tmp / "agendas")
    shutil.copy(BAD / "bad-kind.toml", in_tmp / "agendas")
    with pytest.raises(AgendaError) as caught:
        resolve_agenda("ukendt")
    assert caught.value.problems == [
        "ukendt: no agenda file or agenda id of that name"
        " (known ids: skovly-foraeldregrupper, social-media, sociale-medier)"
    ]


def test_resolve_a_local_agenda_by_id(in_tmp: Path) -> None:
    (in_tmp / "agendas").mkdir()
    shutil.copy(GOOD / "solbjerg-digital-chikane.toml", in_tmp / "agendas" / "anything.toml")
    assert resolve_agenda("solbjerg-digital-chikane").title.startswith("Digital chikane")


def test_resolve_from_another_local_folder(tmp_path: Path) -> None:
    shutil.copy(GOOD / "skovly-boernehus.toml", tmp_path)
    agenda = resolve_agenda("skovly-foraeldregrupper", local_dir=tmp_path)
    assert agenda.id == "skovly-foraeldregrupper"


def test_a_local_agenda_takes_precedence_over_a_builtin_with_the_same_id(in_tmp: Path) -> None:
    # HR replaces the built-in guide's proposed wording with the approved one by dropping a
    # file with the same id into ./agendas; `run sociale-medier` must then use it.
    (in_tmp / "agendas").mkdir()
    local = in_tmp / "agendas" / "vores-udgave.toml"
    text = (builtin_dir() / "sociale-medier.toml").read_text(encoding="utf-8")
    local.write_text(text.replace("timebox = 20", "timebox = 25", 1), encoding="utf-8")
    builtin = load_agenda(builtin_dir() / "sociale-medier.toml")
    assert resolve_agenda("sociale-medier") == load_agenda(local)
    assert resolve_agenda("sociale-medier").minutes == builtin.minutes + 5
    assert resolve_agenda(str(builtin_dir() / "sociale-medier.toml")) == builtin
    entries = {(e.origin, e.agenda.id): e for e in find_agendas() if e.agenda is not None}
    assert entries["built-in", "sociale-medier"].shadowed_by == Path("agendas/vores-udgave.toml")
    assert entries["local", "sociale-medier"].used
    assert not entries["built-in", "sociale-medier"].used
    assert entries["built-in", "social-media"].used


def test_of_two_local_files_with_one_id_the_first_by_name_wins(in_tmp: Path) -> None:
    folder = in_tmp / "agendas"
    folder.mkdir()
    shutil.copy(GOOD / "skovly-boernehus.toml", folder / "b.toml")
    text = (GOOD / "skovly-boernehus.toml").read_text(encoding="utf-8")
    (folder / "a.toml").write_text(text.replace("timebox = ", "timebox = 1", 1), encoding="utf-8")
    used = resolve_agenda("skovly-foraeldregrupper")
    assert used == load_agenda(folder / "a.toml")
    (loser,) = [e for e in find_agendas() if e.shadowed_by is not None]
    assert (loser.path.name, loser.shadowed_by) == ("b.toml", Path("agendas/a.toml"))


def test_find_agendas_built_ins_first_then_local_sorted_by_file(in_tmp: Path) -> None:
    folder = in_tmp / "agendas"
    folder.mkdir()
    shutil.copy(GOOD / "vesterhavet-threats.toml", folder / "b.toml")
    shutil.copy(GOOD / "skovly-boernehus.toml", folder / "a.toml")
    shutil.copy(GOOD / "skovly-boernehus.toml", folder / ".hidden.toml")
    (folder / "readme.md").write_text("# not an agenda\n")
    entries = find_agendas()
    assert [(entry.origin, entry.path.name) for entry in entries] == [
        ("built-in", "social-media.toml"),
        ("built-in", "sociale-medier.toml"),
        ("local", "a.toml"),
        ("local", "b.toml"),
    ]
    assert all(entry.agenda is not None and not entry.problems for entry in entries)


def test_find_agendas_keeps_an_invalid_file_with_its_problems(in_tmp: Path) -> None:
    folder = in_tmp / "agendas"
    folder.mkdir()
    shutil.copy(BAD / "timeboxes.toml", folder)
    (entry,) = [entry for entry in find_agendas() if entry.origin == "local"]
    assert entry.agenda is None
    assert len(entry.problems) == 6
    assert entry.problems[0].startswith(f"{Path('agendas') / 'timeboxes.toml'}:13:1: ")


def test_find_agendas_without_a_local_folder(in_tmp: Path) -> None:
    assert {entry.origin for entry in find_agendas()} == {"built-in"}
    assert {entry.origin for entry in find_agendas(in_tmp / "nowhere")} == {"built-in"}


def test_the_builtin_folder_is_not_listed_twice() -> None:
    entries = find_agendas(builtin_dir())
    assert [entry.origin for entry in entries] == ["built-in", "built-in"]


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The agenda files read in full, by name, in the order they were read."""
    import facilitator.catalog as catalog

    read: list[str] = []

    def counting(path: Path | str) -> Agenda:
        read.append(Path(path).name)
        return load_agenda(path)

    monkeypatch.setattr(catalog, "load_agenda", counting)
    return read


def test_finding_one_id_reads_no_agenda_file_of_another_id(in_tmp: Path, loads: list[str]) -> None:
    # HR's folder holds a broken draft, a file that is not TOML at all and a huge one: asking
    # for another id reads none of them in full and reports nothing about them.
    folder = in_tmp / "agendas"
    folder.mkdir()
    shutil.copy(BAD / "bad-kind.toml", folder / "a-kladde.toml")
    (folder / "b-noter.toml").write_text("Husk: tag kage med [fredag]\n", encoding="utf-8")
    big = (GOOD / "vesterhavet-threats.toml").read_text(encoding="utf-8")
    (folder / "c-stor.toml").write_text(big + "\n# fyld\n" * 1_200_000, encoding="utf-8")
    shutil.copy(GOOD / "skovly-boernehus.toml", folder / "d-skovly.toml")
    assert resolve_agenda("skovly-foraeldregrupper").id == "skovly-foraeldregrupper"
    assert loads == ["d-skovly.toml"]
    loads.clear()
    assert resolve_agenda("social-media").language == "en"
    assert loads == ["social-media.toml"]
    loads.clear()
    # The files after the one that wins are not even looked at.
    shutil.copy(GOOD / "skovly-boernehus.toml", folder / "0-skovly.toml")
    assert resolve_agenda("skovly-foraeldregrupper").id == "skovly-foraeldregrupper"
    assert loads == ["0-skovly.toml"]


SMALL = """schema = 1
title = "Lille"
language = "da"
description = '''{description}'''
id = "lille"

[[sections]]
id = "a"
title = "A"

[[sections.themes]]
id = "t"
title = "T"
timebox = 5
"""


def test_a_file_whose_head_does_not_say_its_id_is_read_to_be_sure(
    in_tmp: Path, loads: list[str]
) -> None:
    # A description with a line that starts with "[" before the id: the lines before it do
    # not parse alone, so the file is read in full rather than passed over.
    folder = in_tmp / "agendas"
    folder.mkdir()
    (folder / "a.toml").write_text(SMALL.format(description="\n[Se bilag 1]\n"), "utf-8")
    assert resolve_agenda("lille").description.strip() == "[Se bilag 1]"
    assert loads == ["a.toml"]


def test_an_id_after_a_very_long_description_is_still_found(in_tmp: Path) -> None:
    folder = in_tmp / "agendas"
    folder.mkdir()
    long = "Meget lang indledning.\n" * 2000  # 46,000 characters, past the head
    (folder / "a.toml").write_text(SMALL.format(description=long), "utf-8")
    assert resolve_agenda("lille").description.startswith("Meget lang")


def test_a_broken_local_file_with_the_id_leaves_the_builtin_in_use(in_tmp: Path) -> None:
    # As `facilitator agendas` shows it: a file that does not load shadows nothing.
    folder = in_tmp / "agendas"
    folder.mkdir()
    text = (builtin_dir() / "social-media.toml").read_text(encoding="utf-8")
    (folder / "ours.toml").write_text(text.replace("timebox = ", "timebox = -", 1), "utf-8")
    assert resolve_agenda("social-media") == load_agenda(builtin_dir() / "social-media.toml")
    assert all(entry.shadowed_by is None for entry in find_agendas())


def test_locate_gives_the_file_of_the_agenda(in_tmp: Path) -> None:
    folder = in_tmp / "agendas"
    folder.mkdir()
    shutil.copy(GOOD / "skovly-boernehus.toml", folder / "skovly.toml")
    assert locate_agenda("skovly-foraeldregrupper")[0] == Path("agendas/skovly.toml")
    assert locate_agenda(None)[0] == builtin_dir() / "sociale-medier.toml"
    path, agenda = locate_agenda(str(GOOD / "skovly-boernehus.toml"))
    assert (path, agenda.id) == (GOOD / "skovly-boernehus.toml", "skovly-foraeldregrupper")


def test_peek_id_reads_the_id_from_the_head(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('schema = 1\nid = "a-b"\n[[sections]]\nid = "x"\n')
    (tmp_path / "none.toml").write_text('schema = 1\n[[sections]]\nid = "x"\n')
    (tmp_path / "junk.toml").write_text("Husk kage\n")
    (tmp_path / "folder.toml").mkdir()
    assert peek_id(tmp_path / "a.toml") == "a-b"
    assert peek_id(tmp_path / "none.toml") == ""
    assert peek_id(tmp_path / "junk.toml") == ""
    assert peek_id(tmp_path / "folder.toml") == ""
    assert peek_id(tmp_path / "missing.toml") == ""


def test_a_broken_local_file_with_the_id_is_named_for_the_meeting_to_say_so(
    in_tmp: Path,
) -> None:
    """`run --committee` opens the meeting on the built-in guide; the chair who edited the
    broken copy hears of it (a toast), instead of meeting on the wrong text in silence."""
    from facilitator.commands.meeting import _passed_over

    folder = in_tmp / "agendas"
    folder.mkdir()
    text = (builtin_dir() / "social-media.toml").read_text(encoding="utf-8")
    (folder / "ours.toml").write_text(text.replace("timebox = ", "timebox = -", 1), "utf-8")
    (folder / "other.toml").write_text("schema = 1\nid = 'another'\n[[broken\n", "utf-8")
    passed_over: list[Path] = []
    used = locate_agenda("social-media", passed_over=passed_over)[0]
    assert used == builtin_dir() / "social-media.toml"
    assert passed_over == [Path("agendas/ours.toml")]  # not other.toml: it says another id
    assert _passed_over(passed_over, used) == (
        "agendas/ours.toml: not a valid agenda, so the built-in guide is used "
        "(facilitator validate says why)"
    )
    named: list[Path] = []
    locate_agenda(str(builtin_dir() / "social-media.toml"), passed_over=named)
    assert named == []  # named by path: nothing else is looked at
    assert _passed_over([], locate_agenda("sociale-medier")[0]) == ""
