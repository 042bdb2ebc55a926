"""The agreements register: rows, latest statuses, filters, unreadable files, cache, workers."""

from __future__ import annotations

import io
import json
import os
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from support import CET
from support.generate import generate

from facilitator import __version__, store
from facilitator.agenda import Agenda
from facilitator.commands.agreements import parse_kinds
from facilitator.commands.progress import TerminalProgress
from facilitator.followup import set_review, start_followup
from facilitator.register import cache as register_cache
from facilitator.register.cache import cache_path
from facilitator.register.filters import RowFilter, select
from facilitator.register.reading import ScanOptions, scan
from facilitator.register.rows import Row, collect
from facilitator.session import Participant, Session

TODAY = date(2026, 6, 1)


def meeting(agenda: Agenda, committee: str, day: date, ended: bool = True) -> Session:
    """A meeting on `day` at 14:00 with two participants."""
    session = Session.new(committee, agenda)
    session.started = datetime.combine(day, time(14, 0), CET)
    session.created = session.started - timedelta(days=3)
    session.participants = [
        Participant("Mia Østergaard", "leader", "management"),
        Participant("Søren Ågård", "tr", "employees"),
    ]
    if ended:
        session.ended = session.started + timedelta(hours=2)
    return session


def save(folder: Path, session: Session) -> Path:
    """Save through the store, as the program does."""
    path = store.new_session_path(folder, session)
    store.save_session(session, path)
    return path


def theme_id(session: Session, section: int, theme: int) -> str:
    return session.agenda.sections[section - 1].themes[theme - 1].id


def by_text(rows: list[Row]) -> dict[str, Row]:
    return {row.text: row for row in rows}


@pytest.fixture(autouse=True)
def no_cache_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read files unless they test the cache; the cache tests turn it on."""
    monkeypatch.setenv("FACILITATOR_CACHE", "0")


# -- rows -----------------------------------------------------------------------------------


def test_a_row_carries_where_the_outcome_comes_from(tmp_path: Path, sample_agenda: Agenda) -> None:
    session = meeting(sample_agenda, "LMU Børneby Nord", date(2026, 3, 2))
    documentation = theme_id(session, 3, 3)
    session.add_outcome(documentation, "agreement", "Skærmbilleder gemmes", "Mia", date(2026, 4, 1))
    path = save(tmp_path, session)

    found = collect([tmp_path])

    assert found.problems == []
    (row,) = found.rows
    assert row.committee == "LMU Børneby Nord"
    assert row.meeting_date == date(2026, 3, 2)
    assert row.section == "Håndtering"
    assert row.theme == session.theme(documentation).title
    assert str(row.theme_ref) == "3.3"
    assert (row.kind, row.text, row.owner, row.date) == (
        "agreement",
        "Skærmbilleder gemmes",
        "Mia",
        date(2026, 4, 1),
    )
    assert (row.status, row.status_comment) == ("", "")
    assert row.session_state == "ended"
    assert row.path == path
    assert row.outcome_id == session.record(documentation).outcomes[0].id


def test_every_session_state_is_listed(tmp_path: Path, sample_agenda: Agenda) -> None:
    states = {}
    for index, (ended, approved) in enumerate([(False, False), (True, False), (True, True)]):
        session = meeting(sample_agenda, f"Udvalg {index}", date(2026, 3, 2), ended=ended)
        if approved:
            session.approve("Mia")
        session.add_outcome(theme_id(session, 1, 1), "action", f"Handling {index}")
        save(tmp_path, session)
        states[f"Handling {index}"] = session.state
    rows = collect([tmp_path]).rows
    assert {row.text: row.session_state for row in rows} == states
    assert set(states.values()) == {"in-progress", "ended", "approved"}
    only = select(rows, RowFilter(states=frozenset({"in-progress"})), TODAY)
    assert [row.text for row in only] == ["Handling 0"]


def test_rows_sort_by_date_then_committee_with_no_date_last(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    plan = [
        ("LMU b", None),
        ("lmu A", date(2026, 5, 1)),
        ("LMU c", date(2026, 4, 1)),
        ("LMU B", date(2026, 5, 1)),
        ("LMU a", None),
    ]
    for number, (committee, due) in enumerate(plan):
        session = meeting(sample_agenda, committee, date(2026, 3, 1) + timedelta(days=number))
        session.add_outcome(theme_id(session, 1, 1), "action", f"{committee} {due}", due=due)
        save(tmp_path, session)
    rows = collect([tmp_path]).rows
    assert [(row.committee, row.date) for row in rows] == [
        ("LMU c", date(2026, 4, 1)),
        ("lmu A", date(2026, 5, 1)),
        ("LMU B", date(2026, 5, 1)),
        ("LMU a", None),
        ("LMU b", None),
    ]


# -- follow-ups: the latest status wins -----------------------------------------------------


def test_a_chain_of_three_meetings_shows_the_latest_status(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    first = meeting(sample_agenda, "LMU Jobcenter", date(2026, 1, 10))
    topic = theme_id(first, 2, 1)
    agreement = first.add_outcome(topic, "agreement", "A: skærmbilleder", "Mia", date(2026, 2, 1))
    action = first.add_outcome(topic, "action", "B: tjekliste", "Søren", date(2026, 2, 1))
    question = first.add_outcome(topic, "question", "Q: hvem ringer?")
    first.add_outcome(topic, "decision", "D: fast punkt")

    second = start_followup(first, [])
    second.started = datetime.combine(date(2026, 3, 10), time(14, 0), CET)
    set_review(second, agreement.id, "in-progress", "Halvvejs")
    set_review(second, action.id, "done", "Lavet")
    later = second.add_outcome(second.themes[-1].theme_id, "agreement", "C: ny aftale", "Mia")
    # Stamped long after the third meeting: the meeting's date decides, not the clock.
    for review in second.reviews:
        review.reviewed = datetime(2026, 12, 24, 12, 0, tzinfo=CET)

    third = start_followup(second, [first])
    third.started = datetime.combine(date(2026, 5, 10), time(14, 0), CET)
    reviewed = {review.outcome_id: review for review in third.reviews}
    assert set(reviewed) == {agreement.id, question.id, later.id}  # B was done
    assert (reviewed[agreement.id].status, reviewed[agreement.id].comment) == (
        "in-progress",
        "Halvvejs",
    )
    set_review(third, agreement.id, "done", "Færdig")
    set_review(third, later.id, "dropped", "Ikke aktuel")
    for review in third.reviews:
        review.reviewed = datetime(2026, 5, 10, 14, 30, tzinfo=CET)

    # Saved newest first: the order of the files must not matter.
    for session in (third, second, first):
        save(tmp_path, session)

    every = collect([tmp_path]).rows
    rows = by_text(select(every, RowFilter(), TODAY))
    assert set(rows) == {"A: skærmbilleder", "B: tjekliste", "C: ny aftale"}  # default kinds
    assert (rows["A: skærmbilleder"].status, rows["A: skærmbilleder"].status_comment) == (
        "done",
        "Færdig",
    )
    assert (rows["B: tjekliste"].status, rows["B: tjekliste"].status_comment) == ("done", "Lavet")
    assert rows["C: ny aftale"].status == "dropped"
    all_rows = by_text(every)
    assert len(every) == 5
    assert all_rows["Q: hvem ringer?"].status == ""
    assert all_rows["D: fast punkt"].status == ""


def test_a_review_without_a_status_does_not_hide_an_earlier_one(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    first = meeting(sample_agenda, "LMU Tandplejen", date(2026, 1, 10))
    outcome = first.add_outcome(theme_id(first, 1, 1), "action", "Tjek listen")
    second = start_followup(first, [])
    second.started = datetime.combine(date(2026, 2, 10), time(14, 0), CET)
    set_review(second, outcome.id, "not-started", "Ingen tid")
    third = start_followup(second, [first])
    third.started = datetime.combine(date(2026, 3, 10), time(14, 0), CET)
    third.reviews[0].status = ""  # cleared in an unfinished follow-up
    for session in (first, second, third):
        save(tmp_path, session)
    (row,) = collect([tmp_path]).rows
    assert (row.status, row.status_comment) == ("not-started", "Ingen tid")


# -- filters ---------------------------------------------------------------------------------


@pytest.fixture
def mixed_rows(tmp_path: Path, sample_agenda: Agenda) -> list[Row]:
    """Two committees, every kind, open and closed, past and future dates."""
    north = meeting(sample_agenda, "LMU Børneby Nord", date(2026, 1, 5))
    topic = theme_id(north, 1, 1)
    north.add_outcome(topic, "decision", "nord beslutning")
    late = north.add_outcome(topic, "agreement", "nord aftale forsinket", due=date(2026, 2, 1))
    done = north.add_outcome(topic, "action", "nord handling udført", due=date(2026, 2, 1))
    north.add_outcome(topic, "action", "nord handling fremtid", due=date(2026, 9, 1))
    north.add_outcome(topic, "question", "nord spørgsmål")
    south = meeting(sample_agenda, "Lokaludvalg BØRNEBY Syd", date(2026, 4, 20))
    south.add_outcome(theme_id(south, 1, 1), "agreement", "syd aftale", due=date(2026, 5, 1))
    south.add_outcome(theme_id(south, 1, 1), "action", "syd handling")
    other = meeting(sample_agenda, "LMU Jobcenter", date(2026, 5, 2))
    other.add_outcome(theme_id(other, 1, 1), "agreement", "job aftale", due=TODAY)
    followup = start_followup(north, [])
    followup.started = datetime.combine(date(2026, 3, 1), time(9, 0), CET)
    set_review(followup, done.id, "done")
    set_review(followup, late.id, "in-progress")
    dropped = next(r for r in followup.reviews if r.text == "nord handling fremtid")
    set_review(followup, dropped.outcome_id, "dropped")
    for session in (north, south, other, followup):
        save(tmp_path, session)
    return collect([tmp_path]).rows


def texts(rows: list[Row], criteria: RowFilter) -> set[str]:
    return {row.text for row in select(rows, criteria, TODAY)}


def test_the_default_shows_agreements_and_actions(mixed_rows: list[Row]) -> None:
    assert texts(mixed_rows, RowFilter()) == {
        "nord aftale forsinket",
        "nord handling udført",
        "nord handling fremtid",
        "syd aftale",
        "syd handling",
        "job aftale",
    }


def test_committee_matches_a_part_of_the_name_in_any_case(mixed_rows: list[Row]) -> None:
    assert texts(mixed_rows, RowFilter(committee="børneby syd")) == {"syd aftale", "syd handling"}
    assert {r.committee for r in select(mixed_rows, RowFilter(committee="BØRNEBY"))} == {
        "LMU Børneby Nord",
        "Lokaludvalg BØRNEBY Syd",
    }
    assert texts(mixed_rows, RowFilter(committee="ingen")) == set()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("decision", {"nord beslutning"}),
        ("beslutning", {"nord beslutning"}),
        ("Spørgsmål", {"nord spørgsmål"}),
        ("question, decision", {"nord spørgsmål", "nord beslutning"}),
        ("aftale", {"nord aftale forsinket", "syd aftale", "job aftale"}),
        ("handlinger", {"nord handling udført", "nord handling fremtid", "syd handling"}),
    ],
)
def test_kinds_in_english_or_danish(mixed_rows: list[Row], given: str, expected: set[str]) -> None:
    assert texts(mixed_rows, RowFilter(kinds=parse_kinds(given))) == expected


def test_all_kinds(mixed_rows: list[Row]) -> None:
    assert len(select(mixed_rows, RowFilter(kinds=parse_kinds("all")))) == 8
    assert parse_kinds("alle") == parse_kinds("ALL")


@pytest.mark.parametrize("bad", ["agreemnt", "aftale,foo", ",", "all!"])
def test_an_unknown_kind_is_refused_by_name(bad: str) -> None:
    with pytest.raises(ValueError, match=r"unknown kind|no kind"):
        parse_kinds(bad)


def test_open_leaves_out_done_and_dropped(mixed_rows: list[Row]) -> None:
    assert texts(mixed_rows, RowFilter(open=True)) == {
        "nord aftale forsinket",  # in progress is open
        "syd aftale",
        "syd handling",
        "job aftale",
    }


def test_overdue_is_open_and_past_its_date(mixed_rows: list[Row]) -> None:
    assert texts(mixed_rows, RowFilter(overdue=True)) == {"nord aftale forsinket", "syd aftale"}
    # "job aftale" falls due today: overdue from tomorrow, not on the day itself.
    tomorrow = select(mixed_rows, RowFilter(overdue=True), TODAY + timedelta(days=1))
    assert "job aftale" in {row.text for row in tomorrow}


def test_since_counts_the_meeting_date(mixed_rows: list[Row]) -> None:
    assert texts(mixed_rows, RowFilter(since=date(2026, 4, 20))) == {
        "syd aftale",
        "syd handling",
        "job aftale",
    }


def test_filters_combine(mixed_rows: list[Row]) -> None:
    criteria = RowFilter(committee="børneby", open=True, since=date(2026, 1, 1))
    assert texts(mixed_rows, criteria) == {"nord aftale forsinket", "syd aftale", "syd handling"}


# -- files that are not good sessions ---------------------------------------------------------


@pytest.fixture
def messy_folder(tmp_path: Path, sample_agenda: Agenda) -> Path:
    """Two good sessions (one in a subfolder) among files that are not."""
    good = meeting(sample_agenda, "LMU Godt", date(2026, 3, 1))
    good.add_outcome(theme_id(good, 1, 1), "agreement", "god aftale")
    path = save(tmp_path, good)
    sub = tmp_path / "arkiv"
    sub.mkdir()
    other = meeting(sample_agenda, "LMU Arkiv", date(2025, 3, 1))
    other.add_outcome(theme_id(other, 1, 1), "action", "gammel handling")
    save(sub, other)
    (tmp_path / "broken.toml").write_text('schema = 1\ncommittee = "x\n', encoding="utf-8")
    (tmp_path / "foreign.toml").write_text('[tool.poetry]\nname = "x"\n', encoding="utf-8")
    newer = path.read_text(encoding="utf-8").replace("schema = 1", "schema = 99", 1)
    (tmp_path / "newer.toml").write_text(newer.replace(good.id, "0" * 12), encoding="utf-8")
    # What a crashed save, a running meeting and an editor leave around: never listed.
    (tmp_path / f".{path.name}.x1y2z3.tmp").write_text("half a file", encoding="utf-8")
    (tmp_path / f"{path.name}.lock").write_text('{"pid": 1}', encoding="utf-8")
    (tmp_path / ".hidden.toml").write_text("not = 'ours'", encoding="utf-8")
    (tmp_path / (path.stem + ".export.toml")).write_text(
        path.read_text(encoding="utf-8"), encoding="utf-8"
    )
    return tmp_path


def test_unreadable_files_are_problems_and_the_rest_is_listed(messy_folder: Path) -> None:
    found = collect([messy_folder])
    assert {row.text for row in found.rows} == {"god aftale", "gammel handling"}
    problems = {problem.path.name: problem.message for problem in found.problems}
    assert set(problems) == {"broken.toml", "foreign.toml", "newer.toml"}
    for name, message in problems.items():
        assert message.startswith(str(messy_folder / name) + ":")
        assert "\n" not in message
    assert "newer facilitator" in problems["newer.toml"]
    assert "not a facilitator session" in problems["foreign.toml"]
    assert found.scan.duplicates == []


def test_a_file_named_directly_is_read_even_if_it_is_an_export(messy_folder: Path) -> None:
    export = next(messy_folder.glob("*.export.toml"))
    found = collect([export])
    assert [row.text for row in found.rows] == ["god aftale"]


def test_the_same_meeting_twice_is_listed_once(tmp_path: Path, sample_agenda: Agenda) -> None:
    session = meeting(sample_agenda, "LMU Kopi", date(2026, 3, 1))
    session.add_outcome(theme_id(session, 1, 1), "agreement", "kun én gang")
    original = save(tmp_path, session)
    copy = tmp_path / "mailet" / "kopi.toml"
    copy.parent.mkdir()
    copy.write_bytes(original.read_bytes())
    os.utime(copy, ns=(original.stat().st_mtime_ns - 10**9,) * 2)
    found = collect([tmp_path, original])  # the original named twice, too
    assert [row.text for row in found.rows] == ["kun én gang"]
    assert found.rows[0].path == original
    assert found.scan.duplicates == [(copy, original)]


# -- cache ----------------------------------------------------------------------------------


@pytest.fixture
def cached(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache on, for any number of files, and trusting files written a moment ago."""
    monkeypatch.setenv("FACILITATOR_CACHE", "1")
    monkeypatch.setattr(register_cache, "CACHE_MIN_FILES", 1)
    monkeypatch.setattr(register_cache, "RACY_NS", 0)


def generated(folder: Path, count: int) -> list[Path]:
    return generate(folder, count, seed=7)


def refuse_to_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(path: Path) -> Session:
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr(store, "load_session", fail)


@pytest.mark.usefixtures("cached")
def test_a_second_run_reads_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generated(tmp_path, 12)
    first = collect([tmp_path])
    cache_file = cache_path(tmp_path, False)
    assert cache_file.exists()
    assert oct(cache_file.stat().st_mode & 0o777) == "0o600"
    assert oct(cache_file.parent.stat().st_mode & 0o777) == "0o700"
    assert store.find_session_files([tmp_path]) == sorted(tmp_path.glob("*.toml"))
    refuse_to_read(monkeypatch)
    second = collect([tmp_path])
    assert second.rows == first.rows
    assert second.scan.summaries == first.scan.summaries


@pytest.mark.usefixtures("cached")
def test_a_save_that_died_leaves_nothing_for_long(tmp_path: Path) -> None:
    generated(tmp_path, 3)
    folder = cache_path(tmp_path, False).parent
    folder.mkdir(mode=0o700, parents=True)
    old, young = folder / ".register.old.tmp", folder / ".register.young.tmp"
    for temp in (old, young):
        temp.write_text("{", encoding="utf-8")
    os.utime(old, (1_000_000_000, 1_000_000_000))
    collect([tmp_path])
    assert sorted(p.name for p in folder.iterdir()) == [
        young.name,
        cache_path(tmp_path, False).name,
    ]


@pytest.mark.usefixtures("cached")
def test_a_changed_or_removed_file_is_seen(tmp_path: Path, sample_agenda: Agenda) -> None:
    keep = meeting(sample_agenda, "LMU Bliver", date(2026, 3, 1))
    keep.add_outcome(theme_id(keep, 1, 1), "agreement", "først")
    gone = meeting(sample_agenda, "LMU Går", date(2026, 3, 2))
    gone.add_outcome(theme_id(gone, 1, 1), "agreement", "forsvinder")
    path, gone_path = save(tmp_path, keep), save(tmp_path, gone)
    assert {row.text for row in collect([tmp_path]).rows} == {"først", "forsvinder"}
    keep.add_outcome(theme_id(keep, 1, 1), "action", "bagefter")
    store.save_session(keep, path)
    gone_path.unlink()
    assert {row.text for row in collect([tmp_path]).rows} == {"først", "bagefter"}
    entries = json.loads((cache_path(tmp_path, False)).read_text("utf-8"))["entries"]
    assert set(entries) == {path.name}


@pytest.mark.usefixtures("cached")
def test_problems_are_cached_too(messy_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = collect([messy_folder])
    refuse_to_read(monkeypatch)
    assert collect([messy_folder]).problems == first.problems


@pytest.mark.usefixtures("cached")
@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00\xff garbage",
        b"[1, 2, 3]",
        b'{"format": 1, "program": "0.0.0-other", "agendas": [], "entries": {}}',
        b'{"format": 1, "program": "%s", "agendas": "x", "entries": {}}',
    ],
)
def test_a_corrupt_cache_is_ignored_and_rewritten(tmp_path: Path, damage: bytes) -> None:
    generated(tmp_path, 5)
    expected = collect([tmp_path]).rows
    cache_file = cache_path(tmp_path, False)
    cache_file.write_bytes(damage.replace(b"%s", __version__.encode()))
    assert collect([tmp_path]).rows == expected
    assert json.loads(cache_file.read_bytes())["format"] == register_cache.CACHE_FORMAT


@pytest.mark.usefixtures("cached")
def test_a_damaged_entry_is_read_again(tmp_path: Path) -> None:
    generated(tmp_path, 4)
    expected = collect([tmp_path]).rows
    cache_file = cache_path(tmp_path, False)
    data = json.loads(cache_file.read_bytes())
    for number, entry in enumerate(data["entries"].values()):
        summary = entry[4]
        if number == 0:
            summary[2] = "not a date"
        elif number == 1:
            summary[10] = [["id", "no-such-kind", "t", "o", "", "x"]]
        elif number == 2:
            summary[7] = 99  # no such agenda
        else:
            summary[3] = 42
    cache_file.write_text(json.dumps(data), encoding="utf-8")
    assert collect([tmp_path]).rows == expected


def test_no_cache_for_a_handful_of_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACILITATOR_CACHE", "1")
    generated(tmp_path, 3)
    collect([tmp_path])
    assert not cache_path(tmp_path, False).exists()


@pytest.mark.usefixtures("cached")
def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generated(tmp_path, 3)
    monkeypatch.setenv("FACILITATOR_CACHE", "off")
    collect([tmp_path])
    assert not cache_path(tmp_path, False).exists()


@pytest.mark.usefixtures("cached")
def test_files_named_one_by_one_use_their_folders_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = generated(tmp_path, 4)
    first = collect(paths)
    assert (cache_path(tmp_path, False)).exists()
    refuse_to_read(monkeypatch)
    assert collect(paths[:2]).rows == [row for row in first.rows if row.path in paths[:2]]
    assert collect([tmp_path]).rows == first.rows  # not pruned by the partial run


@pytest.mark.usefixtures("cached")
def test_anonymized_summaries_have_their_own_cache(tmp_path: Path) -> None:
    generated(tmp_path, 4)
    plain = collect([tmp_path])
    hidden = collect([tmp_path], ScanOptions(anonymize=True))
    assert (cache_path(tmp_path, True)).exists()
    names = {p for row in plain.rows for p in [row.owner] if p}
    assert names and not names & {row.owner for row in hidden.rows}
    assert collect([tmp_path]).rows == plain.rows


@pytest.mark.usefixtures("cached")
def test_the_cache_lives_in_the_users_own_cache_folder_not_beside_the_sessions(
    tmp_path: Path,
) -> None:
    # The sessions folder may be HR's shared drive: no copy of the texts is left there.
    generated(tmp_path, 3)
    before = sorted(p.name for p in tmp_path.iterdir())
    collect([tmp_path])
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    cache_file = cache_path(tmp_path, False)
    home = Path(os.environ["XDG_CACHE_HOME"])
    assert cache_file.is_relative_to(home / "facilitator" / "register")
    assert cache_file.exists()
    assert oct(cache_file.stat().st_mode & 0o777) == "0o600"
    assert oct(cache_file.parent.stat().st_mode & 0o777) == "0o700"
    other = tmp_path / "another"
    other.mkdir()
    assert cache_path(other, False) != cache_file  # one cache per sessions folder


@pytest.mark.usefixtures("cached")
def test_a_file_rewritten_with_the_same_size_and_time_is_read_again(tmp_path: Path) -> None:
    # A restore from backup or a sync tool can rewrite a file keeping its size and mtime.
    paths = generated(tmp_path, 3)
    first = collect([tmp_path])
    target = paths[0]
    old = next(row.text for row in first.rows if row.path == target)
    new = old[::-1] if old[::-1] != old else old.upper()
    assert len(new.encode()) == len(old.encode())
    status = target.stat()
    raw = target.read_bytes()
    assert raw.count(old.encode()) >= 1
    target.write_bytes(raw.replace(old.encode(), new.encode()))
    os.utime(target, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert target.stat().st_size == status.st_size
    assert target.stat().st_mtime_ns == status.st_mtime_ns
    texts = {row.text for row in collect([tmp_path]).rows if row.path == target}
    assert new in texts and old not in texts


@pytest.mark.usefixtures("cached")
def test_a_file_changed_a_moment_ago_is_not_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(register_cache, "RACY_NS", 3600 * 10**9)
    generated(tmp_path, 3)
    collect([tmp_path])
    cache_file = cache_path(tmp_path, False)
    assert not cache_file.exists() or json.loads(cache_file.read_bytes())["entries"] == {}


# -- workers and progress ---------------------------------------------------------------------


def test_worker_processes_give_the_same_register(tmp_path: Path) -> None:
    generated(tmp_path, 30)
    serial = collect([tmp_path], ScanOptions(parallel=False))
    parallel = collect([tmp_path], ScanOptions(parallel=True))
    assert parallel.rows == serial.rows
    assert len(serial.rows) > 30


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_reading_tells_how_many_files_of_how_many_are_read(tmp_path: Path) -> None:
    generated(tmp_path, 120)
    told: list[tuple[int, int]] = []
    scan([tmp_path], ScanOptions(parallel=False, progress=lambda *counts: told.append(counts)))
    assert told == [(50, 120), (100, 120)]
    told.clear()
    scan([tmp_path], ScanOptions(parallel=True, progress=lambda *counts: told.append(counts)))
    # Chunks of 50 finish in any order; the count still ends at every file.
    assert len(told) == 3 and told[-1] == (120, 120)
    assert all(total == 120 for _, total in told)


def test_progress_is_shown_on_a_terminal_and_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("facilitator.commands.progress.PROGRESS_AFTER_SECONDS", 0.0)
    terminal = FakeTerminal()
    progress = TerminalProgress(terminal, "Reading")
    progress(50, 120)
    progress.close()
    assert terminal.getvalue() == "\rReading 50/120\r\x1b[K"
    piped = io.StringIO()
    progress = TerminalProgress(piped, "Reading")
    progress(50, 120)
    progress.close()
    assert piped.getvalue() == ""


def test_no_progress_for_a_quick_read() -> None:
    terminal = FakeTerminal()
    progress = TerminalProgress(terminal, "Reading")
    progress(50, 120)
    progress.close()
    assert terminal.getvalue() == ""
