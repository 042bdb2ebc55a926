"""Every way of writing a CPR number, phone number or e-mail address, in every field it is
looked for: the committee's name, notes, outcomes, review comments and review texts.

Each pattern of issue 9 is put in each field of an otherwise clean session; the privacy check
must name that field, and only that one, with the right kind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from facilitator.agenda import load_agenda
from facilitator.privacy import check_privacy
from facilitator.session import Participant, Review, Session

AGENDA = load_agenda(Path(__file__).resolve().parent.parent / "agendas" / "sociale-medier.toml")

# (name, how it is written, what it is), as people type them.
PATTERNS = [
    ("cpr-en-dash", "010190\u20131234", "cpr"),
    ("cpr-em-dash", "010190\u20141234", "cpr"),
    ("cpr-minus-sign", "010190\u22121234", "cpr"),
    ("cpr-non-breaking-hyphen", "010190\u20111234", "cpr"),
    ("cpr-hyphen", "010190-1234", "cpr"),
    ("cpr-slash", "010190/1234", "cpr"),
    ("cpr-dot", "010190.1234", "cpr"),
    ("cpr-space", "010190 1234", "cpr"),
    ("cpr-spaces", "010190   1234", "cpr"),
    ("cpr-prefix", "CPR 010190-1234", "cpr"),
    ("cpr-prefix-colon-none", "CPR:0101901234", "cpr"),
    ("cpr-none", "0101901234", "cpr"),
    ("phone-2-2-2-2-dashes", "22-33-44-55", "phone"),
    ("phone-4-4", "2233-4455", "phone"),
    ("phone-dots", "22.33.44.55", "phone"),
    ("phone-spaces", "22 33 44 55", "phone"),
    ("phone-plus45", "+45 22 33 44 55", "phone"),
    ("phone-plus46", "+46 70 123 45 67", "phone"),
    ("phone-plus44", "+44 20 7946 0958", "phone"),
    ("email", "mia.hansen@example.dk", "email"),
]


def _session() -> Session:
    session = Session.new("LMU Nord", AGENDA)
    session.participants = [Participant("Mette Holm", "leader", "management")]
    session.add_outcome("dokumentation", "agreement", "Gemmes i ESDH", "Mette Holm")
    session.reviews = [Review("r", "action", "Tjekliste laves", comment="Er i gang")]
    return session


def _committee(session: Session, text: str) -> None:
    session.committee = f"LMU Nord (kontakt {text})"


def _notes(session: Session, text: str) -> None:
    session.set_notes("dokumentation", f"Borgeren oplyste {text} i mødet.")


def _outcome(session: Session, text: str) -> None:
    session.record("dokumentation").outcomes[0].text = f"Sagen med {text} lukkes"


def _comment(session: Session, text: str) -> None:
    session.reviews[0].comment = f"Ringet op: {text}"


def _review_text(session: Session, text: str) -> None:
    session.reviews[0].text = f"Svar til {text} sendes"


# (field, where to put the text, how the warning names the place).
FIELDS: list[tuple[str, Callable[[Session, str], None], Callable[[str], bool]]] = [
    ("committee", _committee, lambda where: where == "committee"),
    ("notes", _notes, lambda where: where.startswith("theme ") and where.endswith(", notes")),
    ("outcome", _outcome, lambda where: where.startswith("theme ") and ", agreement " in where),
    ("comment", _comment, lambda where: where.startswith("follow-up of ") and where.endswith("comment")),
    ("review-text", _review_text, lambda where: where.startswith("follow-up of ") and where.endswith(", text")),
]  # fmt: skip


def test_the_session_without_them_is_clean() -> None:
    assert check_privacy(_session()) == []


@pytest.mark.parametrize(("field", "put", "named"), FIELDS, ids=[f[0] for f in FIELDS])
@pytest.mark.parametrize(
    ("written", "kind"), [p[1:] for p in PATTERNS], ids=[p[0] for p in PATTERNS]
)
def test_every_pattern_is_found_in_every_field(
    field: str,
    put: Callable[[Session, str], None],
    named: Callable[[str], bool],
    written: str,
    kind: str,
) -> None:
    session = _session()
    put(session, written)
    warnings = check_privacy(session)
    assert [warning.kind for warning in warnings] == [kind], (field, warnings)
    assert named(warnings[0].where), warnings[0].where
    # The warning names it masked: the number itself is never repeated on the terminal.
    assert written.split()[-1] not in warnings[0].message("da")
