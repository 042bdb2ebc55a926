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
        "enig. Leders forslag blev vedtaget. Det koster 100 kr. Medarbejderrepræsentant 3 "
        "time, sagde Medarbejderrepræsentant 3."
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
    assert result.chair == "Mødeleder"
    # The chair is one of the session's people even when not listed as a participant.
    assert result.record("dokumentation").notes == "Mødeleder talte"


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


def test_a_name_that_is_also_a_word_is_replaced_in_every_casing() -> None:
    # "per", "bo", "mark", "ask" are Danish words too; with these people in the room a
    # lower-case one may still be the name (typed fast), and a name must never slip through.
    session = _session()
    session.participants = [
        Participant("Per Olsen", "leader", "management"),
        Participant("Bo Mark", "tr", "employees"),
        Participant("Sol Ask", "amr", "employees"),
    ]
    session.set_notes(
        "dokumentation", "per og bo talte med mark; SOL spurgte ask. Max vil betale per time."
    )
    notes = anonymize_session(session).record("dokumentation").notes
    assert notes == ("Leder og TR talte med TR; AMR spurgte AMR. Max vil betale Leder time.")
    # Words that are no participant's name stay as written, whatever they could be.
    session.participants = [Participant("Anne Æbelø", "leader", "management")]
    session.set_notes("dokumentation", "per time, bo i byen, mark og ask, sol og max")
    notes = anonymize_session(session).record("dokumentation").notes
    assert notes == "per time, bo i byen, mark og ask, sol og max"


def test_every_text_field_is_anonymised() -> None:
    session = _session()
    session.place = "Hos Anders Bruun"
    record = session.record("dokumentation")
    record.reason = "udsat: lone madsen er syg"
    record.carried_reason = "Karim bad om det"
    record.uncovered_reason = "HADDAD var væk"
    session.participants[1].note = "kom sammen med Per"
    session.add_outcome("dokumentation", "action", "lars dahl skriver", "MADSEN")
    session.reviews = [
        Review("r", "action", "Mette tjekker", owner="kjær holm", comment="per har rykket")
    ]
    session.reviews[0].theme_title = "Anders' tema"
    result = anonymize_session(session)
    record = result.record("dokumentation")
    texts = [
        result.place,
        record.reason,
        record.carried_reason,
        record.uncovered_reason,
        result.participants[1].note,
        record.outcomes[0].text,
        record.outcomes[0].owner,
        result.reviews[0].text,
        result.reviews[0].owner,
        result.reviews[0].comment,
        result.reviews[0].theme_title,
    ]
    words = {w.casefold() for p in session.participants for w in p.name.split()}
    for text in texts:
        for word in re.findall(r"\w+", text.casefold()):
            assert word not in words, (word, text)


def _exported_texts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """A follow-up saved beside the meeting it reviews, exported anonymised as md, html, csv."""
    from facilitator.cli import main
    from facilitator.store import save_session

    earlier = _session()
    earlier.id = "aaaaaaaaaaaa"
    earlier.participants.append(Participant("Birgitte Lund", "amr", "employees"))
    earlier.participants.append(Participant("Bo Ask", "guest", "employees"))
    earlier.add_outcome("dokumentation", "agreement", "Birgitte laver APV", "birgitte lund")
    save_session(earlier, tmp_path / "foerste.toml")
    session = _session()
    session.followup_of = earlier.id
    per = Participant("Per Olsen", "employee-representative", "employees")
    session.participants = [*session.participants[:3], per]
    session.set_notes("dokumentation", "ANDERS BRUUN, lone og fru Madsen; mette kjær holm; per")
    session.add_outcome("dokumentation", "agreement", "Lars Dahl skriver til BERG", "lars dahl")
    session.add_outcome("dokumentation", "agreement", "per og ANDERS mødes", "per")
    session.reviews = [
        Review(
            earlier.record("dokumentation").outcomes[0].id,
            "agreement",
            "birgitte lund tjekker APV",
            owner="LUND",
            status="in-progress",
            comment="bo ask og Birgitte har rykket",
        )
    ]
    path = tmp_path / "anden.toml"
    save_session(session, path)
    exported = {}
    for fmt in ("md", "html"):
        assert main(["export", str(path), "--format", fmt, "--anonymize-committee"]) == 0
        exported[fmt] = capsys.readouterr().out
    args = ["agreements", str(tmp_path), "--kind", "all", "--format", "csv", "--anonymize"]
    assert main(args) == 0
    exported["csv"] = capsys.readouterr().out
    return exported


def test_anonymised_exports_name_no_participant_in_any_casing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = _exported_texts(tmp_path, capsys)
    earlier = load_session(tmp_path / "foerste.toml")
    later = load_session(tmp_path / "anden.toml")
    names = {
        w.casefold() for p in [*earlier.participants, *later.participants] for w in p.name.split()
    }
    for fmt, out in exported.items():
        words = set(re.findall(r"\w+", out.casefold()))
        assert not names & words, (fmt, names & words)
    for fmt in ("md", "html"):
        assert "lmu nord" not in exported[fmt].casefold()
    assert re.search(r"<title>[^<]*Udvalget[^<]*</title>", exported["html"])
    # The register still says who: by role, with the earlier meeting's people withheld.
    assert "Medarbejderrepræsentant 2 og TR mødes" in exported["csv"]
    assert "Anonymiseret og Anonymiseret har rykket" in exported["csv"]


def test_either_half_of_a_double_name_is_replaced() -> None:
    session = _session()
    session.participants = [
        Participant("Anne-Mette Kjær-Holm", "leader", "management"),
        Participant("Jens Bo", "tr", "employees"),
    ]
    session.chair = ""
    session.set_notes("dokumentation", "anne-mette og METTE; fru Holm, fru kjær og Kjær-Holms plan")
    notes = anonymize_session(session).record("dokumentation").notes
    assert notes == "Leder og Leder; fru Leder, fru Leder og Leders plan"


def test_officers_who_are_not_participants_are_withheld_in_texts_too() -> None:
    session = _session()
    session.chair = "Jens Hansen"
    session.formand = "Ole Vind og Lone Madsen"
    session.naestformand = "Ledelsen"
    session.next_meeting_place = "Hos jens hansen"
    session.set_notes("dokumentation", "Jens og fru HANSEN; Ole Vind og vinden; ledelsen svarer")
    result = anonymize_session(session)
    assert result.record("dokumentation").notes == (
        "Mødeleder og fru Mødeleder; Anonymiseret og vinden; ledelsen svarer"
    )
    assert result.chair == "Mødeleder"  # one person, not on the list: called by the office
    assert result.formand == "Anonymiseret og Medarbejderrepræsentant 1"  # two: by person
    assert result.naestformand == "Ledelsen"
    assert result.next_meeting_place == "Hos Mødeleder"


def test_officers_off_the_list_stay_different_people_in_the_minutes() -> None:
    """Formand, næstformand, mødeleder and referent typed in the form, nobody on the list: all
    «Anonymiseret» made the minutes say «Mødeleder: Anonymiseret (formand, næstformand)»."""
    from facilitator.minutes import render_markdown

    session = Session.new("LMU", load_agenda(ROOT / "agendas" / "sociale-medier.toml"))
    session.formand, session.naestformand = "Anne Hansen", "Bo Jensen"
    session.chair, session.secretary = "Carl Dam", "Dorte Ry"
    session.approved_by, session.vice_approved_by = "Anne Hansen", "Bo Jensen"
    result = anonymize_session(session)
    assert (result.formand, result.naestformand) == ("Formand", "Næstformand")
    assert (result.chair, result.secretary) == ("Mødeleder", "Referent")
    assert (result.approved_by, result.vice_approved_by) == ("Formand", "Næstformand")
    text = render_markdown(result)
    assert "**Mødeleder:** Mødeleder  \n" in text and "(formand, næstformand)" not in text
    assert not any(name in text for name in ("Anne", "Hansen", "Bo Jensen", "Carl", "Dorte"))
    # The same person in two offices is one label: the formand who chairs is «Formand».
    session.chair = "Anne Hansen"
    assert anonymize_session(session).chair == "Formand"
