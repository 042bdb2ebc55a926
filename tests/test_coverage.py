"""Coverage: which committees have been through which parts of the guide."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from support import CET

from facilitator import store
from facilitator.agenda import Agenda
from facilitator.commands.coverage import coverage_table
from facilitator.coverage import CommitteeCoverage, committee_coverage
from facilitator.followup import set_review, start_followup
from facilitator.register.rows import collect
from facilitator.session import Session
from facilitator.tabular import render

TODAY = date(2026, 6, 1)


def meeting(agenda: Agenda, committee: str, day: date) -> Session:
    session = Session.new(committee, agenda)
    session.started = datetime.combine(day, time(14, 0), CET)
    session.ended = session.started + timedelta(hours=2)
    return session


@pytest.fixture
def folder(tmp_path: Path, sample_agenda: Agenda, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Alpha: a first meeting and a follow-up (spelt differently); Beta: an empty start."""
    monkeypatch.setenv("FACILITATOR_CACHE", "0")
    first = meeting(sample_agenda, "LMU Alpha", date(2026, 1, 10))
    first.record("hvad-er-chikane").notes = "Vi talte om grænsen."
    first.record("risikosituationer").state = "done"
    first.record("kraenkelsestyper").state = "skipped"
    first.add_outcome("lokale-temaer", "decision", "Fast punkt")
    late = first.add_outcome("lokale-temaer", "agreement", "Forsinket", due=date(2026, 2, 1))
    done = first.add_outcome("lokale-temaer", "action", "Klaret", due=date(2026, 2, 1))
    first.add_outcome("lokale-temaer", "agreement", "Senere", due=date(2026, 12, 1))
    first.add_outcome("lokale-temaer", "question", "Åbent spørgsmål")
    first.record("minimumsforpligtelser-medarbejdere").presented = True
    # Done but never presented: an obligation counts only when presented.
    first.record("minimumsforpligtelser-ledere").state = "done"
    store.save_session(first, store.new_session_path(tmp_path, first))

    second = start_followup(first, [])
    second.committee = "lmu  ALPHA"
    second.started = datetime.combine(date(2026, 3, 10), time(14, 0), CET)
    set_review(second, done.id, "done")
    set_review(second, late.id, "in-progress")
    second.record("kraevede-handlinger").presented = True
    second.record("lokal-opfoelgning").notes = "Næste møde i maj."
    store.save_session(second, store.new_session_path(tmp_path, second))

    beta = meeting(sample_agenda, "LMU Beta", date(2026, 5, 1))
    beta.ended = None
    store.save_session(beta, store.new_session_path(tmp_path, beta))
    return tmp_path


def items_of(folder: Path) -> dict[str, CommitteeCoverage]:
    register = collect([folder])
    found = committee_coverage(register.scan.summaries, register.rows, TODAY)
    return {item.committee.casefold().replace(" ", ""): item for item in found}


def test_committees_are_grouped_whatever_the_spelling(folder: Path) -> None:
    items = items_of(folder)
    assert set(items) == {"lmualpha", "lmubeta"}
    alpha = items["lmualpha"]
    assert alpha.committee == "lmu  ALPHA"  # the spelling of the latest meeting
    assert alpha.sessions == 2
    assert alpha.latest_meeting == date(2026, 3, 10)
    assert alpha.agenda_id == "sociale-medier"


def test_sections_count_themes_been_through(folder: Path) -> None:
    alpha = items_of(folder)["lmualpha"]
    counts = {
        s.id: (s.themes_done, s.themes_total, s.obligations_presented, s.obligations_total)
        for s in alpha.sections
    }
    assert counts == {
        "definition": (1, 1, 0, 0),  # notes
        "forebyggelse": (2, 3, 0, 0),  # done, outcomes; the skipped one is not
        "haandtering": (1, 9, 1, 2),  # one obligation presented, the other only "done"
        "opfoelgning": (2, 2, 1, 1),  # both in the follow-up meeting
    }
    assert [s.complete for s in alpha.sections] == [True, False, False, True]
    assert (alpha.themes_done, alpha.themes_total) == (6, 15)
    assert (alpha.obligations_presented, alpha.obligations_total) == (2, 3)
    assert not alpha.complete
    # The follow-up's review theme is not a part of the guide.
    assert "opfoelgning-tidligere" not in {s.id for s in alpha.sections}


def test_open_and_overdue_count_agreements_and_actions(folder: Path) -> None:
    alpha, beta = items_of(folder)["lmualpha"], items_of(folder)["lmubeta"]
    assert (alpha.open, alpha.overdue) == (2, 1)  # "Forsinket" (in progress) and "Senere"
    assert (beta.open, beta.overdue, beta.sessions, beta.themes_done) == (0, 0, 1, 0)


def test_the_table_marks_complete_sections(folder: Path) -> None:
    items = list(items_of(folder).values())
    table = coverage_table(items, "da")
    text = render(table, "table", width=100)
    lines = text.splitlines()
    assert lines[0].split()[:4] == ["Udvalg", "Møder", "Seneste", "1"]
    alpha = next(line for line in lines if "ALPHA" in line)
    assert "1/1 ✓" in alpha and "2/3" in alpha and "1/9" in alpha and "2/2 ✓" in alpha
    assert "1 Definition · 2 Forebyggelse · 3 Håndtering · 4 Opfølgning" in text
    assert all(len(line) <= 100 for line in lines)
    narrow = render(table, "table", width=80).splitlines()
    assert all(len(line) <= 80 for line in narrow)
    assert "Udvalg" in narrow[0] and "4" in narrow[0].split()


def test_csv_cells_are_not_dates_to_excel(folder: Path) -> None:
    text = render(coverage_table(list(items_of(folder).values()), "da"), "csv")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:5] == ["Udvalg", "Dagsorden", "Møder", "Seneste møde", "1 Definition"]
    alpha = next(row for row in rows if row[0] == "lmu  ALPHA")
    assert alpha[4:8] == ["1 af 1", "2 af 3", "1 af 9", "2 af 2"]
    assert alpha[-2:] == ["2", "1"]


def test_json_and_toml_carry_every_theme(folder: Path) -> None:
    table = coverage_table(list(items_of(folder).values()), "en")
    data = json.loads(render(table, "json"))
    alpha = next(item for item in data if item["committee"] == "lmu  ALPHA")
    assert alpha["latest_meeting"] == "2026-03-10"
    assert alpha["sessions"] == 2
    assert (alpha["open"], alpha["overdue"]) == (2, 1)
    handling = alpha["sections"][2]
    assert handling["id"] == "haandtering"
    assert handling["obligations_presented"] == 1
    assert {t["id"]: t["covered"] for t in handling["themes"]}["minimumsforpligtelser-ledere"] is (
        False
    )
    parsed = tomllib.loads(render(table, "toml"))
    assert [c["committee"] for c in parsed["committees"]] == [c["committee"] for c in data]
    assert parsed["committees"][0]["latest_meeting"] == date.fromisoformat(
        data[0]["latest_meeting"]
    )


def test_english_headers() -> None:
    table = coverage_table([], "en")
    assert render(table, "table", width=80) == "No meetings found.\n"
    assert render(table, "csv").startswith(
        '\ufeff"Committee";"Agenda";"Meetings";"Latest meeting";'
    )


def test_two_agendas_get_an_agenda_column(folder: Path, sample_agenda: Agenda) -> None:
    other = Agenda(
        id="trivsel", title="Trivsel", language="da", sections=(sample_agenda.sections[0],)
    )
    session = meeting(other, "LMU Alpha", date(2026, 4, 1))
    session.record("hvad-er-chikane").state = "done"
    store.save_session(session, store.new_session_path(folder, session))
    register = collect([folder])
    items = committee_coverage(register.scan.summaries, register.rows, TODAY)
    assert [(i.committee, i.agenda_id) for i in items] == [
        ("lmu  ALPHA", "sociale-medier"),
        ("LMU Alpha", "trivsel"),
        ("LMU Beta", "sociale-medier"),
    ]
    text = render(coverage_table(items, "da"), "table", width=140)
    assert text.splitlines()[0].split()[:2] == ["Udvalg", "Dagsorden"]
    assert "5 Definition" in text  # the other agenda's section gets its own column
