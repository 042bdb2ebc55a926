"""The privacy check: CPR numbers, e-mail addresses and phone numbers, and what is not one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from facilitator.agenda import load_agenda
from facilitator.privacy import PrivacyWarning, check_privacy, find_personal_data, mask
from facilitator.session import Participant, Review, Session

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("text", "kind", "excerpt"),
    [
        ("CPR 010190-1234", "cpr", "0101xx-xxxx"),
        ("cpr.nr. 0101901234.", "cpr", "0101xxxxxx"),
        ("(311299-4321)", "cpr", "3112xx-xxxx"),
        ("født 290200-1234", "cpr", "2902xx-xxxx"),  # 29 February 2000
        ("010190 1234", "cpr", "0101xx xxxx"),
        ("mette.holm@norddjurs.dk", "email", "m***@norddjurs.dk"),
        ("skriv til Søren_B+lmu@kommune.example.org.", "email", "S***@kommune.example.org"),
        ("ring 12 34 56 78", "phone", "12 xx xx xx"),
        ("86 12 34 56", "phone", "86 xx xx xx"),
        ("+45 12345678", "phone", "+45 12xxxxxx"),
        ("+4512345678", "phone", "+4512xxxxxx"),
        ("0045 86123456", "phone", "0045 86xxxxxx"),
        ("+45 86 12 34 56", "phone", "+45 86 xx xx xx"),
        ("tlf. 86123456", "phone", "86xxxxxx"),
        ("mobil: 20240315", "phone", "20xxxxxx"),  # looks like a date, but it says mobile
        ("hun har 40123456", "phone", "40xxxxxx"),
        ("8612 3456", "phone", "86xx xxxx"),
    ],
)
def test_personal_data_is_found_and_masked(text: str, kind: str, excerpt: str) -> None:
    assert find_personal_data(text) == [(kind, excerpt)]


@pytest.mark.parametrize(
    "text",
    [
        "sag 2024-001234",
        "sagsnr. 20241234",
        "j.nr. 21/13763",
        "jnr 21/13763",
        "journalnummer 12345678",
        "CVR 29189730",
        "Mødet er 2026-03-01 kl. 13.15",
        "1.3.2026",
        "01-03-2026",
        "20260301",
        "12032026",
        "budget 2024-2025",
        "i 2024 2025 og 2026",
        "kr. 25000000",
        "25000000 kr.",
        "12.500.000",
        "12 500 000",
        "1.000.000,00",
        "bekendtgørelse nr. 1406 af 2020",
        "straffelovens § 266 og § 119 a",
        "310299-1234",  # 31 February: not a date, not a CPR number
        "321190-1234",
        "011390-1234",
        "010190-12345",
        "1234567890123",
        "00123456",
        "12345678",  # no Danish number starts with 1, and nothing says phone
        "version 2.0.1",
        "72 timer",
        "mette@",
        "@norddjurs.dk",
        "ref: 45678912",
        "https://norddjurs.dk/sag/45678912",
    ],
)
def test_case_numbers_dates_and_amounts_are_not_flagged(text: str) -> None:
    assert find_personal_data(text) == []


def test_several_findings_in_one_text_in_order() -> None:
    text = "Borger 010190-1234 skrev fra a@b.dk og ringede fra 86 12 34 56"
    assert [kind for kind, _ in find_personal_data(text)] == ["cpr", "email", "phone"]
    assert mask(text) == "Borger 0101xx-xxxx skrev fra a***@b.dk og ringede fra 86 xx xx xx"


def _session() -> Session:
    session = Session.new("LMU", load_agenda(ROOT / "agendas" / "sociale-medier.toml"))
    session.participants = [Participant("Mette Holm", "leader", "management")]
    return session


def test_clean_session_gives_no_warnings() -> None:
    session = _session()
    session.set_notes("dokumentation", "Se sag 2024-001234 og j.nr. 21/13763.")
    session.add_outcome(
        "dokumentation", "agreement", "Gemmes i ESDH", "Mette Holm", date(2026, 5, 1)
    )
    assert check_privacy(session) == []


def test_warnings_say_where_in_english_and_danish() -> None:
    session = _session()
    session.set_notes("dokumentation", "Borgeren (010190-1234) skrev igen.")
    warnings = check_privacy(session)
    assert warnings == [PrivacyWarning("cpr", 'theme "Dokumentation" (3.3), notes', "0101xx-xxxx")]
    assert warnings[0].message("en") == (
        'theme "Dokumentation" (3.3), notes: looks like a CPR number (0101xx-xxxx); '
        "refer to the case number instead"
    )
    assert warnings[0].message("da") == (
        'tema "Dokumentation" (3.3), noter: ligner et CPR-nummer (0101xx-xxxx); '
        "henvis til sagsnummeret i stedet"
    )


def test_outcome_text_and_owner_are_checked_and_named_without_the_finding() -> None:
    session = _session()
    session.add_outcome(
        "dokumentation",
        "agreement",
        "Ring 86 12 34 56 når der sker noget nyt i sagen",
        "mette@norddjurs.dk",
    )
    warnings = check_privacy(session)
    assert [(w.kind, w.where) for w in warnings] == [
        ("phone", 'theme "Dokumentation" (3.3), agreement "Ring 86 xx xx xx når der sker…"'),
        (
            "email",
            'theme "Dokumentation" (3.3), agreement "Ring 86 xx xx xx når der sker…", responsible',
        ),
    ]
    assert all(
        "12 34 56" not in w.message("en") and "mette@" not in w.message("da") for w in warnings
    )
    assert 'aftale "Ring 86 xx xx xx når der sker…", ansvarlig' in warnings[1].message("da")


def test_meeting_fields_participants_reasons_and_reviews_are_checked() -> None:
    session = _session()
    session.place = "Hjemme hos a@b.dk"
    session.chair = "Mette (mette@norddjurs.dk)"
    session.participants.append(Participant("Kim", "guest", note="tlf. 40123456"))
    session.record("krisehjaelp").uncovered_reason = "Vent på 010190-1234"
    session.reviews = [Review("r", "action", "Kontakt x@y.dk", comment="Ring 86 12 34 56")]
    wheres = [w.where for w in check_privacy(session)]
    assert wheres == [
        "place",
        "chair",
        "participant 2 (Guest), note",
        'theme "Krisehjælp" (3.6), reason for not covering it',
        'follow-up of "Kontakt x***@y.dk", text',
        'follow-up of "Kontakt x***@y.dk", comment',
    ]
    danish = [w.message("da").split(":")[0] for w in check_privacy(session)]
    assert danish[2] == "deltager 2 (Gæst), bemærkning"


def test_the_same_finding_in_the_same_place_is_reported_once() -> None:
    session = _session()
    session.set_notes("dokumentation", "a@b.dk og a@b.dk")
    assert len(check_privacy(session)) == 1


@pytest.mark.parametrize(
    ("text", "kind", "excerpt"),
    [
        # CPR numbers with any separator or none, with or without a CPR prefix.
        ("010190\u20131234", "cpr", "0101xx\u2013xxxx"),  # en dash (Word)
        ("010190\u20141234", "cpr", "0101xx\u2014xxxx"),  # em dash
        ("010190\u22121234", "cpr", "0101xx\u2212xxxx"),  # minus sign
        ("010190\u20111234", "cpr", "0101xx\u2011xxxx"),  # non-breaking hyphen
        ("010190/1234", "cpr", "0101xx/xxxx"),
        ("010190.1234", "cpr", "0101xx.xxxx"),
        ("010190  1234", "cpr", "0101xx  xxxx"),
        ("010190\u00a01234", "cpr", "0101xx\u00a0xxxx"),
        ("010190 - 1234", "cpr", "0101xx - xxxx"),
        ("01.01.90-1234", "cpr", "01.01.xx-xxxx"),
        ("CPR:0101901234", "cpr", "0101xxxxxx"),
        ("CPR-0101901234", "cpr", "0101xxxxxx"),
        ("cpr-nr. 150585-4321", "cpr", "1505xx-xxxx"),
        ("0101901235", "cpr", "0101xxxxxx"),  # fails modulus 11: still a CPR number
        # Danish phone numbers in any grouping, with or without +45.
        ("22-33-44-55", "phone", "22-xx-xx-xx"),
        ("2233-4455", "phone", "22xx-xxxx"),
        ("22.33.44.55", "phone", "22.xx.xx.xx"),
        ("223 344 55", "phone", "22x xxx xx"),
        ("+45 22-33-44-55", "phone", "+45 22-xx-xx-xx"),
        ("(+45) 22 33 44 55", "phone", "(+45) 22 xx xx xx"),
        # Foreign numbers in international form.
        ("+46 70 123 45 67", "phone", "+46 70 xxx xx xx"),
        ("+44 20 7946 0958", "phone", "+44 20 xxxx xxxx"),
        ("+44 (0)20 7946 0958", "phone", "+44 (0)2x xxxx xxxx"),
        ("0046 70 123 45 67", "phone", "0046 70 xxx xx xx"),
        ("+1 555 123 4567", "phone", "+1 55x xxx xxxx"),
        ("ring på +4915112345678", "phone", "+49151xxxxxxxx"),
    ],
)
def test_every_way_of_writing_a_number_is_found(text: str, kind: str, excerpt: str) -> None:
    assert find_personal_data(text) == [(kind, excerpt)]


@pytest.mark.parametrize(
    "text",
    [
        "kl. 20.15-21.30",
        "15.03.2026",
        "25.03.2026",
        "år 2019-2020",
        "+5 grader",
        "12 500 000 kr",
        "22 334 455",  # thousands
        "side 22-23",
    ],
)
def test_times_dates_and_amounts_in_new_shapes_stay_quiet(text: str) -> None:
    assert find_personal_data(text) == []


def test_the_committee_name_is_checked_too() -> None:
    session = _session()
    session.committee = "LMU (kontakt 22 33 44 55)"
    assert [w.where for w in check_privacy(session)] == ["committee"]
    assert check_privacy(session)[0].message("da").startswith("udvalg: ligner et telefonnummer")


def test_every_typed_field_is_checked() -> None:
    session = _session()
    session.set_notes("dokumentation", "a@b.dk")
    session.add_outcome("dokumentation", "agreement", "CPR 010190-1234", "22334455")
    session.participants[0].note = "+46 70 123 45 67"
    session.reviews.append(
        Review(
            outcome_id="x",
            kind="agreement",
            text="010190–1234",
            owner="c@d.dk",
            comment="22-33-44-55",
        )
    )
    kinds = sorted(w.kind for w in check_privacy(session))
    assert kinds == ["cpr", "cpr", "email", "email", "phone", "phone", "phone"]
