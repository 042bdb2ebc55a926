"""The privacy check before export: CPR numbers, e-mail addresses and phone numbers in a session.

Minutes of a harassment dialogue refer to cases by case number and never hold personal data
(domain.md section 3). The check warns; it never changes or blocks anything. It leans towards
quiet: case numbers (`sag 2024-001234`, `j.nr. 21/13763`), dates, times, years and amounts are
not flagged, so that the warnings that do appear are worth reading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from facilitator.i18n import role_label
from facilitator.session import Session

WarningKind = Literal["cpr", "email", "phone"]

# A CPR number: ddmmyy, an optional hyphen (or space), four digits. Not inside a longer run of
# digits or a case number, and not after "+" (that is a phone number with a country code).
_CPR = re.compile(
    r"(?<![\w/.,+-])(?<!\d )"
    r"(?P<dd>\d{2})(?P<mm>\d{2})(?P<yy>\d{2})(?P<sep>[- ]?)(?P<tail>\d{4})"
    r"(?![\w/]|[-.,/]\d| \d)"
)
_EMAIL = re.compile(
    r"(?<![\w.%+-])(?P<local>[\w.%+-]+)@(?P<domain>[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,})(?![\w-])"
)
# A Danish number: 8 digits, plain or grouped 2-2-2-2 or 4-4, optionally after +45 or 0045.
_PHONE = re.compile(
    r"(?<![\w/.,+-])(?<!\d )"
    r"(?P<prefix>(?:\+|00)45 ?)?"
    r"(?P<number>\d{8}|\d{2} \d{2} \d{2} \d{2}|\d{4} \d{4})"
    r"(?![\w/]|[-.,/]\d| \d)"
)
# Words that introduce a case, journal, company or account number, not a phone number.
_NUMBER_CONTEXT = re.compile(
    r"(?:sag|sagsnr|sagsnummer|sags-?id|j\.?\s?nr|journal(?:nr|nummer)?|case|ref|nr|no|id"
    r"|cvr|se|p-?nr|ean|konto|kontonr|reg|faktura|bilag|kr|dkk)\.?\s*(?:nr\.?|no\.?)?\s*[:#]?\s*$",
    re.IGNORECASE,
)
_PHONE_CONTEXT = re.compile(
    r"(?:tlf|telefon|telefonnr|mobil|mob|phone|ring|sms)\.?\s*(?:nr\.?)?\s*[:.]?\s*$",
    re.IGNORECASE,
)
_AMOUNT_AFTER = re.compile(r"^\s*(?:kr\b|kroner|dkk|%|,-)", re.IGNORECASE)

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
        "place": "place",
        "chair": "chair",
        "secretary": "secretary",
        "approved_by": "approved by",
        "formand": "chair of the committee",
        "naestformand": "vice-chair",
        "vice_approved_by": "approved by the vice-chair",
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
        "place": "sted",
        "chair": "mødeleder",
        "secretary": "referent",
        "approved_by": "godkendt af",
        "formand": "formand",
        "naestformand": "næstformand",
        "vice_approved_by": "godkendt af næstformand",
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


def find_personal_data(text: str) -> list[tuple[WarningKind, str]]:
    """(kind, masked excerpt) for each CPR number, e-mail address and phone number in `text`."""
    found: list[tuple[int, WarningKind, str]] = []
    taken: list[tuple[int, int]] = []
    for match in _CPR.finditer(text):
        if _valid_birth_date(match):
            found.append((match.start(), "cpr", _mask_cpr(match)))
            taken.append(match.span())
    for match in _EMAIL.finditer(text):
        found.append((match.start(), "email", _mask_email(match)))
        taken.append(match.span())
    for match in _PHONE.finditer(text):
        overlaps = any(start < match.end() and match.start() < end for start, end in taken)
        if not overlaps and _looks_like_phone(text, match):
            found.append((match.start(), "phone", _mask_phone(match)))
    return [(kind, excerpt) for _, kind, excerpt in sorted(found)]


def mask(text: str) -> str:
    """`text` with every finding replaced by its masked form."""
    spans: list[tuple[int, int, str]] = []
    for match in _CPR.finditer(text):
        if _valid_birth_date(match):
            spans.append((match.start(), match.end(), _mask_cpr(match)))
    for match in _EMAIL.finditer(text):
        spans.append((match.start(), match.end(), _mask_email(match)))
    for match in _PHONE.finditer(text):
        overlaps = any(s < match.end() and match.start() < e for s, e, _ in spans)
        if not overlaps and _looks_like_phone(text, match):
            spans.append((match.start(), match.end(), _mask_phone(match)))
    for start, end, masked in sorted(spans, reverse=True):
        text = text[:start] + masked + text[end:]
    return text


def _valid_birth_date(match: re.Match[str]) -> bool:
    day, month, year = int(match["dd"]), int(match["mm"]), int(match["yy"])
    # The seventh digit picks the century; any valid century will do for a warning.
    for century in (1900, 2000):
        try:
            date(century + year, month, day)
        except ValueError:
            continue
        return True
    return False


def _is_calendar_date(digits: str) -> bool:
    """yyyymmdd or ddmmyyyy with a year from 1900 to 2099: a date written without separators."""
    for year, month, day in (
        (digits[:4], digits[4:6], digits[6:]),
        (digits[4:], digits[2:4], digits[:2]),
    ):
        if year[:2] in ("19", "20"):
            try:
                date(int(year), int(month), int(day))
            except ValueError:
                continue
            return True
    return False


def _looks_like_phone(text: str, match: re.Match[str]) -> bool:
    if match["prefix"]:
        return True
    before = text[max(0, match.start() - 24) : match.start()]
    if _PHONE_CONTEXT.search(before):
        return True
    if _NUMBER_CONTEXT.search(before) or _AMOUNT_AFTER.match(text[match.end() :]):
        return False
    number = match["number"]
    digits = number.replace(" ", "")
    if len(number) == 11:  # 12 34 56 78: grouped in pairs, the way phone numbers are written
        return True
    # Danish subscriber numbers start with 2-9; 0 and 1 lead service numbers and the like.
    if digits[0] in "01":
        return False
    if len(number) == 9:  # 2024 2025: two years, not a phone number
        return not all(part[:2] in ("19", "20") for part in number.split(" "))
    return not _is_calendar_date(digits)


def _mask_cpr(match: re.Match[str]) -> str:
    return f"{match['dd']}{match['mm']}xx{match['sep']}xxxx"


def _mask_email(match: re.Match[str]) -> str:
    return f"{match['local'][:1]}***@{match['domain']}"


def _mask_phone(match: re.Match[str]) -> str:
    number = match["number"]
    masked = number[:2] + re.sub(r"\d", "x", number[2:])
    return f"{match['prefix'] or ''}{masked}"


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
    for key in (
        "place",
        "chair",
        "secretary",
        "formand",
        "naestformand",
        "approved_by",
        "vice_approved_by",
    ):
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
