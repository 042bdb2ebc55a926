"""The privacy check before export: CPR numbers, e-mail addresses and phone numbers in a session.

Minutes of a harassment dialogue refer to cases by case number and never hold personal data
(domain.md section 3). The check warns; it never changes or blocks anything. What counts as
personal data, and what does not, is decided in personal_data.py; this module walks every
field of a session a person typed, the committee's name included.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from facilitator.i18n import role_label
from facilitator.personal_data import Kind, find_personal_data, mask
from facilitator.session import OFFICERS, Session

__all__ = ["PrivacyWarning", "WarningKind", "check_privacy", "find_personal_data", "mask"]

WarningKind = Kind

_KIND_TEXT = {
    "en": {
        "cpr": "looks like a CPR number ({excerpt}); refer to the case number instead",
        "email": "looks like an e-mail address ({excerpt}); contact details do not belong in "
        "the minutes",
        "phone": "looks like a phone number ({excerpt}); contact details do not belong in "
        "the minutes",
    },
    "da": {
        "cpr": "ligner et CPR-nummer ({excerpt}); henvis til sagsnummeret i stedet",
        "email": "ligner en e-mailadresse ({excerpt}); kontaktoplysninger hører ikke hjemme "
        "i referatet",
        "phone": "ligner et telefonnummer ({excerpt}); kontaktoplysninger hører ikke hjemme "
        "i referatet",
    },
}

_PLACES = {
    "en": {
        "committee": "committee",
        "place": "place",
        "chair": "chair",
        "secretary": "secretary",
        "approved_by": "approved by",
        "formand": "chair of the committee",
        "naestformand": "vice-chair",
        "vice_approved_by": "approved by the vice-chair",
        "next_meeting_place": "place of the next meeting",
        "participant": "participant {number} ({role})",
        "name": "name",
        "note": "note",
        "theme": 'theme "{title}" ({ref})',
        "notes": "notes",
        "reason": "reason for not covering it",
        "owner": "responsible",
        "review": 'follow-up of "{text}"',
        "text": "text",
        "comment": "comment",
        "decision": 'decision "{text}"',
        "agreement": 'agreement "{text}"',
        "action": 'action "{text}"',
        "question": 'open question "{text}"',
    },
    "da": {
        "committee": "udvalg",
        "place": "sted",
        "chair": "mødeleder",
        "secretary": "referent",
        "approved_by": "godkendt af",
        "formand": "formand",
        "naestformand": "næstformand",
        "vice_approved_by": "godkendt af næstformand",
        "next_meeting_place": "sted for næste møde",
        "participant": "deltager {number} ({role})",
        "name": "navn",
        "note": "bemærkning",
        "theme": 'tema "{title}" ({ref})',
        "notes": "noter",
        "reason": "begrundelse for ikke behandlet",
        "owner": "ansvarlig",
        "review": 'opfølgning på "{text}"',
        "text": "tekst",
        "comment": "bemærkning",
        "decision": 'beslutning "{text}"',
        "agreement": 'aftale "{text}"',
        "action": 'handling "{text}"',
        "question": 'åbent spørgsmål "{text}"',
    },
}

_SNIPPET = 30


@dataclass(frozen=True)
class PrivacyWarning:
    """Something in a session that looks like personal data, where it is, and a masked excerpt."""

    kind: WarningKind
    where: str
    excerpt: str
    where_da: str = field(default="", repr=False, compare=False)

    def message(self, language: str = "en") -> str:
        """One line for a person: where, what it looks like, and what to do instead."""
        table = _KIND_TEXT["da" if language == "da" else "en"]
        where = self.where_da if language == "da" and self.where_da else self.where
        return f"{where}: {table[self.kind].format(excerpt=self.excerpt)}"


def check_privacy(session: Session) -> list[PrivacyWarning]:
    """Every CPR number, e-mail address and phone number in what the minutes would show."""
    warnings: list[PrivacyWarning] = []
    for where, text in _fields(session):
        for kind, excerpt in find_personal_data(text):
            warning = PrivacyWarning(kind, where.en, excerpt, where.da)
            if warning not in warnings:
                warnings.append(warning)
    return warnings


def _snippet(text: str) -> str:
    """The start of a text for naming it, with anything personal in it masked."""
    text = " ".join(mask(text).split())
    return text if len(text) <= _SNIPPET else text[:_SNIPPET].rstrip() + "…"


@dataclass(frozen=True)
class _Where:
    """A place in the session, named in English and in Danish."""

    en: str = ""
    da: str = ""

    def then(self, key: str, **values: object) -> _Where:
        """This place, narrowed by one more step from the `_PLACES` table."""
        en = _PLACES["en"][key].format(**values)
        da = _PLACES["da"][key].format(**values)
        return _Where(f"{self.en}, {en}" if self.en else en, f"{self.da}, {da}" if self.da else da)


def _fields(session: Session) -> Iterator[tuple[_Where, str]]:
    """(where, text) for every field the minutes show that people type."""
    top = _Where()
    for key in ("committee", "place", *OFFICERS, "next_meeting_place"):
        yield top.then(key), getattr(session, key)
    for number, participant in enumerate(session.participants, start=1):
        who = _Where(
            _PLACES["en"]["participant"].format(
                number=number, role=role_label(participant.role, "en")
            ),
            _PLACES["da"]["participant"].format(
                number=number, role=role_label(participant.role, "da")
            ),
        )
        yield who.then("name"), participant.name
        yield who.then("note"), participant.note
    refs = {theme_id: str(ref) for theme_id, ref in session.agenda.refs().items()}
    for record in session.themes:
        theme = top.then(
            "theme", title=session.theme(record.theme_id).title, ref=refs[record.theme_id]
        )
        yield theme.then("notes"), record.notes
        yield theme.then("reason"), record.uncovered_reason
        for outcome in record.outcomes:
            named = theme.then(outcome.kind, text=_snippet(outcome.text))
            yield named, outcome.text
            yield named.then("owner"), outcome.owner
    for review in session.reviews:
        reviewed = top.then("review", text=_snippet(review.text))
        yield reviewed.then("text"), review.text
        yield reviewed.then("owner"), review.owner
        yield reviewed.then("comment"), review.comment
