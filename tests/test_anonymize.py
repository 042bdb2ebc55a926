"""Anonymised sessions: names become roles, everywhere, and the original stays as it was."""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path

import pytest

from facilitator.agenda import load_agenda
from facilitator.anonymize import anonymize_session
from facilitator.minutes import render_markdown
from facilitator.session import Participant, Review, Session
from facilitator.store import load_session

ROOT = Path(__file__).resolve().parent.parent


def _session(language: str = "da") -> Session:
    name = "sociale-medier" if language == "da" else "social-media"
    session = Session.new("LMU Nord", load_agenda(ROOT / "agendas" / f"{name}.toml"))
    session.participants = [
        Participant("Mette Kjær Holm", "leader", "management"),
        Participant("Anders Bruun", "tr", "employees"),
        Participant("Lone Madsen", "employee-representative", "employees"),
        Participant("Karim Haddad", "employee-representative", "employees"),
        Participant("Per Olsen", "employee-representative", "employees", present=False),
        Participant("Lars Dahl", "secretary", "management"),
        Participant("Lars Berg", "guest", "management"),
    ]
    session.chair = "mette kjær holm"
    session.secretary = "Lars Dahl"
    return session


def test_names_become_role_labels_numbered_when_shared() -> None:
    result = anonymize_session(_session())
    assert [p.name for p in result.participants] == [
        "Leder",
        "TR",
        "Medarbejderrepræsentant 1",
        "Medarbejderrepræsentant 2",
        "Medarbejderrepræsentant 3",
        "Referent",
        "Gæst",
    ]


def test_english_agenda_gives_english_labels() -> None:
    result = anonymize_session(_session("en"))
    assert result.participants[1].name == "Union representative"
    assert result.participants[2].name == "Employee representative 1"
    session = _session("en")
    session.add_outcome("dokumentation", "action", "x", "Someone Else")
    assert anonymize_session(session).record("dokumentation").outcomes[0].owner == "Withheld"


def test_chair_secretary_and_approver_are_mapped_case_insensitively() -> None:
    session = _session()
    session.approve("METTE KJÆR HOLM")
    result = anonymize_session(session)
    assert (result.chair, result.secretary, result.approved_by) == ("Leder", "Referent", "Leder")


def test_owners_map_by_full_name_or_unique_first_name_others_are_withheld() -> None:
    session = _session()
    owners = [
        "Anders Bruun",
        "anders",
        "Karim",
        "Lars",  # two participants called Lars: ambiguous, so withheld
        "Lars Berg",
        "Jens Hansen",
        "AMR",
        "Ledelsen",
        "Anders og Lone Madsen",
        "TR/AMR",
        "",
    ]
    for owner in owners:
        session.add_outcome("dokumentation", "action", "x", owner, date(2026, 5, 1))
    result = anonymize_session(session)
    assert [o.owner for o in result.record("dokumentation").outcomes] == [
        "TR",
        "TR",
        "Medarbejderrepræsentant 2",
        "Anonymiseret",
        "Gæst",
        "Anonymiseret",
        "AMR",
        "Ledelsen",
        "TR og Medarbejderrepræsentant 1",
        "TR/AMR",
        "",
    ]


def test_names_in_free_text_are_replaced() -> None:
    session = _session()
    session.set_notes(
        "dokumentation",
        "Anders Bruun og MADSEN: Lone Madsen foreslog, og Karim var enig. Mettes forslag blev "
        "vedtaget. Det koster 100 kr. per time, sagde Per.",
    )
    session.add_outcome("dokumentation", "agreement", "Karim Haddad laver en tjekliste")
    session.record("krisehjaelp").uncovered_reason = "Anders var syg"
    session.participants[3].note = "suppleant for Per Olsen"
    session.reviews = [Review("r", "action", "Lone tjekker APV", comment="Lars Dahl har rykket")]
    result = anonymize_session(session)
    notes = result.record("dokumentation").notes
    assert notes == (
        "TR og Medarbejderrepræsentant 1: Medarbejderrepræsentant 1 foreslog, og "
        "Medarbejderrepræsentant 2 var "
        "enig. Leders forslag blev vedtaget. Det koster 100 kr. per time, sagde "
        "Medarbejderrepræsentant 3."
    )
    assert (
        result.record("dokumentation").outcomes[0].text
        == "Medarbejderrepræsentant 2 laver en tjekliste"
    )
    assert result.record("krisehjaelp").uncovered_reason == "TR var syg"
    assert result.participants[3].note == "suppleant for Medarbejderrepræsentant 3"
    assert result.reviews[0].text == "Medarbejderrepræsentant 1 tjekker APV"
    assert result.reviews[0].comment == "Referent har rykket"


def test_a_first_name_two_participants_share_is_withheld_in_text() -> None:
    session = _session()
    session.set_notes("dokumentation", "Lars sagde ja; Lars Berg sagde nej")
    assert anonymize_session(session).record("dokumentation").notes == (
        "Anonymiseret sagde ja; Gæst sagde nej"
    )


def test_genitive_of_a_numbered_label_reads_as_a_genitive() -> None:
    session = _session()
    session.set_notes("dokumentation", "Lones forslag")
    assert anonymize_session(session).record("dokumentation").notes == (
        "Medarbejderrepræsentant 1's forslag"
    )


def test_original_session_is_untouched() -> None:
    session = _session()
    session.set_notes("dokumentation", "Anders foreslog")
    before = copy.deepcopy(session)
    anonymize_session(session)
    assert session == before


def test_anonymised_example_minutes_name_no_participant() -> None:
    session = load_session(ROOT / "docs" / "examples" / "referat.toml")
    text = render_markdown(anonymize_session(session))
    for participant in session.participants:
        for part in participant.name.split():
            assert part not in text, part
    assert "**Mødeleder:** Leder 1" in text
    assert "**Afbud:** Medarbejderrepræsentant 3  \n" in text


def test_session_without_participants() -> None:
    session = Session.new("LMU", load_agenda(ROOT / "agendas" / "sociale-medier.toml"))
    session.chair = "Mette"
    session.set_notes("dokumentation", "Mette talte")
    result = anonymize_session(session)
    assert result.chair == "Anonymiseret"
    assert result.record("dokumentation").notes == "Mette talte"


def test_names_in_any_casing_and_surnames_alone_are_replaced() -> None:
    session = _session()
    session.set_notes(
        "dokumentation",
        "anders bruun og ANDERS talte med fru Madsen, hr. HADDAD og kjær holm; karim var enig. "
        "Dahl og Berg skrev.",
    )
    notes = anonymize_session(session).record("dokumentation").notes
    assert notes == (
        "TR og TR talte med fru Medarbejderrepræsentant 1, hr. Medarbejderrepræsentant 2 og "
        "Leder; Medarbejderrepræsentant 2 var enig. Referent og Gæst skrev."
    )


def test_earlier_meetings_participants_are_withheld_in_review_texts() -> None:
    session = _session()
    session.reviews = [
        Review(
            "r",
            "action",
            "Birgitte Lund tjekker APV",
            owner="birgitte lund",
            comment="LUND har rykket; Jonas sagde ja",
        )
    ]
    result = anonymize_session(session, ["Birgitte Lund", "Jonas Friis", "Anders Bruun"])
    assert result.reviews[0].text == "Anonymiseret tjekker APV"
    assert result.reviews[0].owner == "Anonymiseret"
    assert result.reviews[0].comment == "Anonymiseret har rykket; Anonymiseret sagde ja"


def test_the_committee_can_be_replaced_by_a_neutral_label() -> None:
    session = _session()
    assert anonymize_session(session).committee == "LMU Nord"
    result = anonymize_session(session, committee=True)
    assert result.committee == "Udvalget"
    assert "LMU Nord" not in render_markdown(result)


def test_anonymised_exports_name_no_participant_in_any_casing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from facilitator.cli import main
    from facilitator.store import save_session

    earlier = _session()
    earlier.id = "aaaaaaaaaaaa"
    earlier.participants.append(Participant("Birgitte Lund", "amr", "employees"))
    save_session(earlier, tmp_path / "foerste.toml")
    session = _session()
    session.followup_of = earlier.id
    session.participants = session.participants[:3]
    session.set_notes("dokumentation", "ANDERS BRUUN, lone og fru Madsen; mette kjær holm")
    session.add_outcome("dokumentation", "agreement", "Lars Dahl skriver til BERG", "lars dahl")
    session.reviews = [Review("r", "action", "birgitte lund tjekker APV", owner="LUND")]
    path = tmp_path / "anden.toml"
    save_session(session, path)
    names = {w for p in [*earlier.participants] for w in p.name.split()}
    for fmt in ("md", "html"):
        assert main(["export", str(path), "--format", fmt, "--anonymize-committee"]) == 0
        out = capsys.readouterr().out.casefold()
        for word in names:
            assert not re.search(rf"(?<!\w){re.escape(word.casefold())}(?!\w)", out), (fmt, word)
        assert "lmu nord" not in out
    assert main(["export", str(path), "--format", "html", "--anonymize-committee"]) == 0
    assert re.search(r"<title>[^<]*Udvalget[^<]*</title>", capsys.readouterr().out)
