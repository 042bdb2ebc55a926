"""Local guidelines, the calendar and coverage with a roster, from a folder of meetings."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from pathlib import Path

import docx
import icalendar
import pytest
from support import CET

from facilitator import store
from facilitator.agenda import Agenda
from facilitator.cli import main
from facilitator.coverage_report import coverage_document
from facilitator.document import to_html, to_markdown
from facilitator.docx_writer import to_docx
from facilitator.followup import set_review, start_followup
from facilitator.guidelines import GuidelinesError, collect_guidelines, guidelines_document
from facilitator.hr_queries import canonical_rows, coverage
from facilitator.ical import calendar_rows, to_ics, uid
from facilitator.register.reading import ScanOptions
from facilitator.register.rows import collect
from facilitator.roster import ROSTER_NAME, find_roster
from facilitator.session import Session

TODAY = date(2026, 6, 1)
ROSTER = """\
schema = 1

[[committees]]
name = "LMU Børneby Nord"
aliases = ["Børneby Nord"]

[[committees]]
name = "LMU Skole Øst"
unit = "Skoler"

[[committees]]
name = "LMU Naturskolen"
"""


def meeting(agenda: Agenda, committee: str, day: date) -> Session:
    session = Session.new(committee, agenda)
    session.started = datetime.combine(day, time(14, 0), CET)
    session.ended = session.started + timedelta(hours=2)
    return session


@pytest.fixture
def folder(tmp_path: Path, sample_agenda: Agenda, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Børneby Nord meets twice (the second time typed as its alias), Skole Øst once."""
    monkeypatch.setenv("FACILITATOR_CACHE", "0")
    first = meeting(sample_agenda, "LMU Børneby Nord", date(2026, 1, 10))
    first.record("minimumsforpligtelser-medarbejdere").presented = True
    kept = first.add_outcome("lokale-retningslinjer", "agreement", "Ingen borgere som venner")
    kept.id = "aaaaaaaaaaa1"
    dropped = first.add_outcome("lokale-retningslinjer", "agreement", "Profilen er privat")
    dropped.id = "aaaaaaaaaaa2"
    first.add_outcome("lokale-retningslinjer", "decision", "Guiden tages op hvert år")
    action = first.add_outcome(
        "dokumentation", "action", "Skabelon til skærmbilleder", "Mia", date(2026, 8, 1)
    )
    action.id = "aaaaaaaaaaa3"
    first.add_outcome("dokumentation", "question", "Hvem er DPO?")
    first.approve("Anne Formand", datetime(2026, 1, 20, 9, 0, tzinfo=CET))
    store.save_session(first, store.new_session_path(tmp_path, first))

    second = start_followup(first, [], sample_agenda)
    second.committee = "Børneby Nord"
    second.started = datetime.combine(date(2026, 3, 10), time(14, 0), CET)
    set_review(second, dropped.id, "dropped")
    agreed = second.add_outcome(
        "lokale-retningslinjer",
        "agreement",
        "Vi svarer aldrig på opslag",
        "Leder",
        date(2026, 9, 1),
    )
    agreed.id = "aaaaaaaaaaa4"
    store.save_session(second, store.new_session_path(tmp_path, second))

    other = meeting(sample_agenda, "LMU Skole Øst", date(2026, 2, 1))
    theirs = other.add_outcome(
        "lokale-retningslinjer", "agreement", "Skolens egen regel", "Per", date(2026, 5, 1)
    )
    theirs.id = "bbbbbbbbbbb1"
    store.save_session(other, store.new_session_path(tmp_path, other))
    (tmp_path / ROSTER_NAME).write_text(ROSTER, encoding="utf-8")
    return tmp_path


def test_guidelines_hold_the_agreements_in_force_of_one_committee(folder: Path) -> None:
    register = collect([folder])
    roster = find_roster(None, [folder])
    found = collect_guidelines(register.scan.summaries, "børneby nord", roster)
    assert found.committee == "LMU Børneby Nord"
    assert [m.day for m in found.meetings] == [date(2026, 1, 10), date(2026, 3, 10)]
    texts = [item.text for theme in found.themes for item in theme.in_force]
    # The dropped agreement is out; the other committee's agreement is not here.
    assert texts == [
        "Ingen borgere som venner",
        "Guiden tages op hvert år",
        "Vi svarer aldrig på opslag",
    ]
    assert [theme.title for theme in found.themes] == [
        "Lokale retningslinjer for brug af sociale medier"
    ]
    assert [item.made for item in found.themes[0].in_force] == [
        date(2026, 1, 10),
        date(2026, 1, 10),
        date(2026, 3, 10),
    ]
    assert [(title, item.text) for title, item in found.in_progress] == [
        ("Dokumentation", "Skabelon til skærmbilleder")
    ]
    markdown = to_markdown(guidelines_document(found, "da", TODAY))
    assert markdown.startswith("# Lokale retningslinjer for sociale medier – LMU Børneby Nord\n")
    assert "**Dato:** 1. juni 2026\n" in markdown  # as typed: mid-line, «1.» starts no list
    assert "Møde 10. januar 2026 *(godkendt af Anne Formand 20. januar 2026)*" in markdown
    assert "## Rammen: guidens minimumsforpligtelser" in markdown
    assert "> - Tag straks skærmbilleder" in markdown
    assert "*(aftalt 10. januar 2026)*" in markdown
    assert "## Under udarbejdelse" in markdown
    assert "Skolens egen regel" not in markdown
    assert "Profilen er privat" not in markdown
    assert "Hvem er DPO?" not in markdown


def test_guidelines_for_a_committee_that_never_met_name_those_found(folder: Path) -> None:
    register = collect([folder])
    with pytest.raises(GuidelinesError, match="LMU Skole Øst"):
        collect_guidelines(register.scan.summaries, "LMU Naturskolen", None)


def test_guidelines_in_html_and_word(folder: Path) -> None:
    register = collect([folder])
    found = collect_guidelines(register.scan.summaries, "LMU Skole Øst", None)
    doc = guidelines_document(found, "en", TODAY)
    page = to_html(doc)
    assert "<h1>Local guidelines for social media – LMU Skole Øst</h1>" in page
    assert "<script" not in page and "http" not in page
    word = docx.Document(io.BytesIO(to_docx(doc)))
    texts = [p.text for p in word.paragraphs]
    assert texts[0] == "Local guidelines for social media – LMU Skole Øst"
    assert (
        "Skolens egen regel (agreed 1 February 2026, responsible: Per, follow-up 1 May 2026)"
        in texts
    )
    headings = [
        p.text
        for p in word.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert headings[:3] == [
        "Basis",
        "The frame: the guide's minimum obligations",
        "Minimumsforpligtelser for medarbejdere",  # the guide is quoted in its own language
    ]
    assert len(word.tables) == 0


def test_text_typed_by_people_cannot_change_the_documents(
    sample_agenda: Agenda, tmp_path: Path
) -> None:
    session = meeting(sample_agenda, "LMU <b>X</b>", date(2026, 1, 10))
    session.add_outcome("lokale-retningslinjer", "agreement", "# Ikke en overskrift\n- [link](x)")
    store.save_session(session, store.new_session_path(tmp_path, session))
    register = collect([tmp_path], ScanOptions(cache=False))
    found = collect_guidelines(register.scan.summaries, "LMU <b>X</b>", None)
    doc = guidelines_document(found, "da", TODAY)
    assert "<b>" not in to_html(doc)
    assert "\n# Ikke" not in to_markdown(doc)
    assert "&#35; Ikke en overskrift - &#91;link&#93;(x)" in to_markdown(doc)


def test_the_calendar_has_one_event_per_open_dated_agreement_or_action(folder: Path) -> None:
    register = collect([folder])
    roster = find_roster(None, [folder])
    rows = calendar_rows(canonical_rows(register.rows, roster))
    assert sorted(row.outcome_id for row in rows) == [
        "aaaaaaaaaaa3",
        "aaaaaaaaaaa4",
        "bbbbbbbbbbb1",
    ]
    first = icalendar.Calendar.from_ical(to_ics(rows, "da"))
    again = icalendar.Calendar.from_ical(to_ics(rows, "da"))
    events = first.walk("VEVENT")
    assert len(events) == 3
    # Stable: a second export has the same UIDs, so Outlook updates instead of duplicating.
    assert [e["uid"] for e in events] == [e["uid"] for e in again.walk("VEVENT")]
    assert uid(rows[0]) == f"{rows[0].outcome_id}@facilitator.invalid"
    event = next(e for e in events if str(e["uid"]).startswith("aaaaaaaaaaa4"))
    assert str(event["summary"]) == "Vi svarer aldrig på opslag"
    assert event.decoded("dtstart") == date(2026, 9, 1)
    assert event.decoded("dtend") == date(2026, 9, 2)
    description = str(event["description"])
    assert "Udvalg: LMU Børneby Nord" in description  # the alias under its roster name
    assert "Lokale retningslinjer for brug af sociale medier" in description.split("\n")[1]
    assert "Ansvarlig: Leder" in description
    assert "Møde: 2026-03-10" in description
    assert [r.outcome_id for r in calendar_rows(rows, owner="mia")] == ["aaaaaaaaaaa3"]


def test_coverage_with_a_roster_lists_who_never_met_and_counts_aliases_once(folder: Path) -> None:
    register = collect([folder])
    roster = find_roster(None, [folder])
    items = coverage(register, roster, TODAY)
    assert [(i.committee, i.sessions, i.started) for i in items] == [
        ("LMU Børneby Nord", 2, True),
        ("LMU Naturskolen", 0, False),
        ("LMU Skole Øst", 1, True),
    ]
    nord = items[0]
    assert nord.next_review == date(2027, 3, 10) and not nord.review_overdue
    assert items[2].unit == "Skoler"
    page = to_markdown(coverage_document(items, "da", TODAY))
    line = next(line for line in page.splitlines() if "Naturskolen" in line)
    cells = [cell.strip() for cell in line.strip("|").split("|")]
    assert cells == ["LMU Naturskolen", "", "", "", "", "", "", "ikke startet", "", ""]
    assert "2 af 3 udvalg er gået i gang" in page
    assert "Anne" not in page and "Mia" not in page  # no people on the hovedudvalg's page


def test_a_committee_missing_from_the_roster_is_unknown(
    folder: Path, sample_agenda: Agenda
) -> None:
    typo = meeting(sample_agenda, "LMU Skole Oest", date(2026, 4, 1))
    store.save_session(typo, store.new_session_path(folder, typo))
    items = coverage(collect([folder]), find_roster(None, [folder]), TODAY)
    unknown = [i.committee for i in items if i.on_roster is False]
    assert unknown == ["LMU Skole Oest"]


def test_the_cli_writes_guidelines_calendar_and_coverage(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["guidelines", str(folder), "--committee", "Børneby Nord"]) == 0
    out = capsys.readouterr()
    assert "# Lokale retningslinjer for sociale medier – LMU Børneby Nord" in out.out
    assert "committees.toml" not in out.err  # the roster is not a broken session
    target = tmp_path / "frister.ics"
    assert main(["calendar", str(folder), "--committee", "Børneby Nord", "-o", str(target)]) == 0
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) == 2
    word = tmp_path / "status.docx"
    assert main(["coverage", str(folder), "--format", "docx", "-o", str(word)]) == 0
    table = docx.Document(str(word)).tables[0]
    assert [row.cells[0].text for row in table.rows][1:] == [
        "LMU Børneby Nord",
        "LMU Naturskolen",
        "LMU Skole Øst",
    ]
    capsys.readouterr()
    assert main(["agreements", str(folder), "--committee", "Børneby Nord", "--format", "csv"]) == 0
    csv_text = capsys.readouterr().out
    assert "LMU Skole Øst" not in csv_text
    assert csv_text.count("LMU Børneby Nord") == 4  # the alias's row under the roster name


def test_a_broken_roster_is_a_usage_error_with_its_position(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / ROSTER_NAME).write_text("schema = 1\n[[committees]]\nnavn = 'x'\n", encoding="utf-8")
    assert main(["coverage", str(folder)]) == 2
    err = capsys.readouterr().err
    assert f'{folder / ROSTER_NAME}:3:1: committee 1: unknown key "navn"' in err


def test_word_needs_a_file_and_a_real_template(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["guidelines", str(folder), "--committee", "LMU Skole Øst", "--format", "docx"]) == 2
    )
    bad = tmp_path / "bad.docx"
    bad.write_text("not a zip", encoding="utf-8")
    code = main(
        [
            "guidelines",
            str(folder),
            "--committee",
            "LMU Skole Øst",
            "--format",
            "docx",
            "-o",
            str(tmp_path / "x.docx"),
            "--template",
            str(bad),
        ]
    )
    assert code == 2
    assert "bad.docx: is not a Word document" in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()
