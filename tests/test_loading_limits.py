"""The loading boundary: every text of a session or agenda capped, every number and date in range.

Each refused value gives one `FILE:LINE:COL: message` line naming the key; the value at the
limit itself still loads, so the caps are where the messages say they are.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hostile.make_hostile import base_session

from facilitator.agenda import AgendaError, load_agenda
from facilitator.codec import session_to_data
from facilitator.store import StoreError, load_session

CET = timezone(timedelta(hours=1))
Edit = Callable[[dict[str, Any]], Any]


def first_theme(data: dict[str, Any]) -> dict[str, Any]:
    return data["themes"][0]  # type: ignore[no-any-return]


def first_outcome(data: dict[str, Any]) -> dict[str, Any]:
    return data["themes"][0]["outcomes"][0]  # type: ignore[no-any-return]


def first_review(data: dict[str, Any]) -> dict[str, Any]:
    return data["reviews"][0]  # type: ignore[no-any-return]


def first_participant(data: dict[str, Any]) -> dict[str, Any]:
    return data["participants"][0]  # type: ignore[no-any-return]


def write(tmp_path: Path, edit: Edit) -> Path:
    data = session_to_data(base_session())
    edit(data)
    path = tmp_path / "møde.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(StoreError) as refused:
        load_session(path)
    return refused.value.problems


def assert_one_problem_at_a_position(path: Path, pattern: str) -> None:
    problems = problems_of(path)
    assert len(problems) == 1, problems
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: ", problems[0]), problems[0]
    assert re.search(pattern, problems[0]), problems[0]


# (where, how to set it, its cap): one-line texts 500 characters, the others 100,000.
TEXTS: list[tuple[str, Callable[[dict[str, Any], str], Any], int]] = [
    ("committee", lambda d, v: d.update(committee=v), 500),
    ("place", lambda d, v: d.update(place=v), 500),
    ("chair", lambda d, v: d.update(chair=v), 500),
    ("secretary", lambda d, v: d.update(secretary=v), 500),
    ("approved_by", lambda d, v: d.update(approved_by=v), 500),
    ("formand", lambda d, v: d.update(formand=v), 500),
    ("naestformand", lambda d, v: d.update(naestformand=v), 500),
    ("vice_approved_by", lambda d, v: d.update(vice_approved_by=v), 500),
    ("next_meeting_time", lambda d, v: d.update(next_meeting_time=v), 500),
    ("next_meeting_place", lambda d, v: d.update(next_meeting_place=v), 500),
    ("participants[1].name", lambda d, v: first_participant(d).update(name=v), 500),
    ("participants[1].note", lambda d, v: first_participant(d).update(note=v), 100_000),
    ("themes[1].notes", lambda d, v: first_theme(d).update(notes=v), 100_000),
    ("themes[1].uncovered_reason", lambda d, v: first_theme(d).update(uncovered_reason=v), 100_000),
    ("themes[1].reason", lambda d, v: first_theme(d).update(reason=v), 100_000),
    ("themes[1].carried_reason", lambda d, v: first_theme(d).update(carried_reason=v), 100_000),
    ("themes[1].outcomes[1].text", lambda d, v: first_outcome(d).update(text=v), 100_000),
    ("themes[1].outcomes[1].owner", lambda d, v: first_outcome(d).update(owner=v), 500),
    ("reviews[1].text", lambda d, v: first_review(d).update(text=v), 100_000),
    ("reviews[1].owner", lambda d, v: first_review(d).update(owner=v), 500),
    ("reviews[1].theme_title", lambda d, v: first_review(d).update(theme_title=v), 500),
    ("reviews[1].comment", lambda d, v: first_review(d).update(comment=v), 100_000),
]


@pytest.mark.parametrize(("where", "put", "cap"), TEXTS, ids=[text[0] for text in TEXTS])
def test_every_text_is_capped(
    tmp_path: Path, where: str, put: Callable[[dict[str, Any], str], Any], cap: int
) -> None:
    at_cap = write(tmp_path, lambda d: put(d, "x" * cap))
    load_session(at_cap)
    over = write(tmp_path, lambda d: put(d, "x" * (cap + 1)))
    assert_one_problem_at_a_position(
        over, rf'"{re.escape(where)}" is {cap + 1:,} characters long; at most {cap:,} are allowed'
    )


def test_texts_in_the_agenda_snapshot_are_capped_as_in_an_agenda_file(tmp_path: Path) -> None:
    def theme(data: dict[str, Any]) -> dict[str, Any]:
        return data["agenda"]["sections"][0]["themes"][0]  # type: ignore[no-any-return]

    path = write(tmp_path, lambda d: theme(d).update(title="T" * 501))
    assert_one_problem_at_a_position(path, r'"title" is 501 characters long; at most 500')
    path = write(tmp_path, lambda d: theme(d).update(prompts=["p" * 2001]))
    assert_one_problem_at_a_position(path, r'"prompts" item 1 is 2,001 characters long')
    path = write(tmp_path, lambda d: d["agenda"]["sections"][0].update(title="S" * 501))
    assert_one_problem_at_a_position(path, r'"title" is 501 characters long')


OLD = datetime(1899, 12, 31, 23, 0, tzinfo=CET)
LATE = datetime(2101, 1, 1, 0, 0, tzinfo=CET)

DATES: list[tuple[str, Edit]] = [
    ("created", lambda d: d.update(created=OLD)),
    ("started", lambda d: d.update(started=LATE)),
    ("ended", lambda d: d.update(ended=OLD)),
    ("planned_start", lambda d: d.update(planned_start=LATE)),
    ("approved_at", lambda d: d.update(approved_at=OLD)),
    ("running_since", lambda d: d.update(running_since=LATE)),
    ("next_meeting_date", lambda d: d.update(next_meeting_date=date(2101, 1, 1))),
    ("themes[1].carried_from", lambda d: first_theme(d).update(carried_from=date(1899, 1, 1))),
    ("themes[1].outcomes[1].date", lambda d: first_outcome(d).update(date=date(2101, 1, 1))),
    ("themes[1].outcomes[1].created", lambda d: first_outcome(d).update(created=OLD)),
    ("participants[1].arrived", lambda d: first_participant(d).update(arrived=LATE)),
    ("participants[1].left", lambda d: first_participant(d).update(left=OLD)),
    ("reviews[1].date", lambda d: first_review(d).update(date=date(1899, 12, 31))),
    ("reviews[1].meeting_date", lambda d: first_review(d).update(meeting_date=date(2101, 1, 1))),
    ("reviews[1].reviewed", lambda d: first_review(d).update(reviewed=LATE)),
]


@pytest.mark.parametrize(("where", "edit"), DATES, ids=[item[0] for item in DATES])
def test_every_date_is_between_1900_and_2100(tmp_path: Path, where: str, edit: Edit) -> None:
    path = write(tmp_path, edit)
    assert_one_problem_at_a_position(
        path, rf'"{re.escape(where)}" must be in the years 1900 to 2100'
    )


def test_the_first_and_last_years_load(tmp_path: Path) -> None:
    first = datetime(1900, 1, 1, 0, 0, tzinfo=CET)
    last = datetime(2100, 12, 31, 23, 0, tzinfo=CET)
    load_session(write(tmp_path, lambda d: d.update(created=first, planned_start=last)))


@pytest.mark.parametrize(
    "seconds", [math.nan, math.inf, -math.inf, -0.5, 1_000_000.5, 1e308], ids=repr
)
def test_durations_are_finite_and_from_0_to_a_million_seconds(
    tmp_path: Path, seconds: float
) -> None:
    path = write(tmp_path, lambda d: first_theme(d).update(seconds=seconds))
    assert_one_problem_at_a_position(
        path, r'"themes\[1\]\.seconds" must be from 0 to 1e\+06 seconds'
    )


def test_a_million_seconds_loads(tmp_path: Path) -> None:
    path = write(tmp_path, lambda d: first_theme(d).update(seconds=1_000_000.0))
    assert load_session(path).themes[0].seconds == 1_000_000.0


@pytest.mark.parametrize("minutes", [0, -1, 481, 2**63 - 1])
def test_a_timebox_is_from_1_to_480_minutes(tmp_path: Path, minutes: int) -> None:
    path = write(tmp_path, lambda d: first_theme(d).update(timebox=minutes))
    assert_one_problem_at_a_position(path, r'"themes\[1\]\.timebox" must be from 1 to 480')


@pytest.mark.parametrize("minutes", [0, -5, 1441, 10**30])
def test_planned_minutes_are_from_1_to_1440(tmp_path: Path, minutes: int) -> None:
    path = write(tmp_path, lambda d: d.update(planned_minutes=minutes))
    assert_one_problem_at_a_position(path, r'"planned_minutes" must be from 1 to 1440')


def test_the_limits_of_timebox_and_planned_minutes_load(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["themes"][0]["timebox"] = 480
        data["themes"][1]["timebox"] = 1
        data["planned_minutes"] = 1440

    session = load_session(write(tmp_path, edit))
    assert [session.themes[0].timebox, session.themes[1].timebox] == [480, 1]
    assert session.planned_minutes == 1440


def test_duplicate_outcome_ids_are_refused_naming_both(tmp_path: Path) -> None:
    def twice(data: dict[str, Any]) -> None:
        data["themes"][2]["outcomes"].append(dict(first_outcome(data)))

    path = write(tmp_path, twice)
    assert_one_problem_at_a_position(
        path,
        r'duplicate outcome id "aaaaaaaaaaaa" \(also in themes\[1\]\.outcomes\[1\]\)',
    )


def test_every_problem_of_a_file_is_reported_in_file_order(tmp_path: Path) -> None:
    def broken(data: dict[str, Any]) -> None:
        data["committee"] = "L" * 501
        first_theme(data)["seconds"] = math.nan
        first_review(data)["meeting_date"] = date(1, 1, 1)

    problems = problems_of(write(tmp_path, broken))
    assert len(problems) == 3
    lines = [int(problem.split(":")[1]) for problem in problems]
    assert lines == sorted(lines)


# -- agendas ------------------------------------------------------------------------------

HOSTILE_AGENDAS = Path(__file__).resolve().parent / "hostile" / "agendas"
# Each over-long agenda text: the key the problem names, its length and its cap.
LONG_AGENDAS = {
    "type-long-title.toml": ('"title"', 10_000, 500),
    "type-long-section-title.toml": ('section "del-1": "title"', 501, 500),
    "type-long-theme-title.toml": ('theme "tema-a": "title"', 501, 500),
    "type-long-theme-id.toml": ('"id"', 501, 500),
    "type-long-plan-title.toml": ('plan "kort": "title"', 501, 500),
    "type-long-version.toml": ('"version"', 502, 500),
    "type-long-source.toml": ('"source"', 2_001, 2_000),
    "type-long-prompt.toml": ('"prompts" item 1', 50_000, 2_000),
    "type-long-prompt-2001.toml": ('"prompts" item 2', 2_001, 2_000),
    "type-long-description.toml": ('theme "tema-a": "description"', 100_001, 100_000),
}


def test_every_long_agenda_file_is_listed() -> None:
    assert set(LONG_AGENDAS) == {path.name for path in HOSTILE_AGENDAS.glob("type-long-*")}


@pytest.mark.parametrize("name", sorted(LONG_AGENDAS))
def test_agenda_texts_over_their_cap_are_refused_at_their_line(name: str) -> None:
    path = HOSTILE_AGENDAS / name
    key, length, cap = LONG_AGENDAS[name]
    with pytest.raises(AgendaError) as refused:
        load_agenda(path)
    assert len(refused.value.problems) == 1
    problem = refused.value.problems[0]
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: ", problem), problem
    assert f"{key} is {length:,} characters long; at most {cap:,} are allowed" in problem


def test_agenda_texts_at_their_cap_load(tmp_path: Path) -> None:
    from hostile.make_hostile import base_agenda

    data = base_agenda()
    data.update(title="T" * 500, version="v" * 500, source="s" * 2000, description="d" * 100_000)
    data["sections"][0]["title"] = "S" * 500
    data["sections"][0]["themes"][0]["prompts"] = ["p" * 2000]
    path = tmp_path / "lang.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    agenda = load_agenda(path)
    assert len(agenda.title) == 500
    assert len(agenda.themes[0].prompts[0]) == 2000


def test_what_the_program_plans_stays_within_what_it_loads(tmp_path: Path) -> None:
    # A two-theme agenda planned for a whole day: scaling gave a theme 1,200 minutes, which
    # the loader (and a follow-up's snapshot of a carried theme) refuses.
    from hostile.make_hostile import base_agenda

    from facilitator.agenda import parse_agenda
    from facilitator.clock import MeetingClock
    from facilitator.session import Session
    from facilitator.store import save_session

    agenda = parse_agenda(tomli_w.dumps(base_agenda()).encode(), "lille.toml")
    session = Session.new("LMU", agenda, planned_minutes=1440)
    assert max(record.timebox for record in session.themes) == 480
    clock = MeetingClock(session)
    clock.apply_replan(clock.propose_replan())
    assert max(record.timebox for record in session.themes) <= 480
    path = tmp_path / "dag.toml"
    save_session(session, path)
    assert load_session(path).planned_minutes == 1440


def test_a_valid_file_is_not_lexed_for_positions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Positions are for problem lines only: lexing every valid file again cost HR's register
    # as much time as parsing it (75 against 40 ms a session on the busy test machine).
    from facilitator import toml_positions

    lexed: list[int] = []
    original = toml_positions._Lexer.run

    def counting(self: Any) -> Any:
        lexed.append(1)
        return original(self)

    monkeypatch.setattr(toml_positions._Lexer, "run", counting)
    good = write(tmp_path, lambda d: None)
    load_session(good)
    assert lexed == []
    bad = write(tmp_path, lambda d: d.update(planned_minutes=0))
    assert_one_problem_at_a_position(bad, r'"planned_minutes" must be from 1 to 1440')
    assert lexed == [1]
