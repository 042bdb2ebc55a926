"""Anonymised copies of sessions: people's names replaced by their role in the committee.

Used for minutes and registers that leave the committee (`--anonymize`). Names are known only
for participants, so a name of anyone else typed into a note stays as typed; owners who are not
participants become "Anonymiseret"/"Withheld" unless they name a role or a body ("AMR",
"Ledelsen"), which is not personal data.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Callable

from facilitator.i18n import known_language, role_label
from facilitator.session import Session, parse_role

WITHHELD = {"da": "Anonymiseret", "en": "Withheld"}

# Owners that name a group or a body rather than a person; compared in lower case.
_GROUP_OWNERS = frozenset(
    {
        "alle", "ledelsen", "ledergruppen", "hr", "hr-afdelingen", "personaleafdelingen",
        "udvalget", "lokaludvalget", "lmu", "med", "med-udvalget", "hmu", "amo",
        "arbejdsmiljøgruppen", "formandskabet", "sekretariatet", "personalegruppen",
        "everyone", "all", "management", "the committee", "committee", "hr department",
        "the secretariat", "secretariat",
    }
)  # fmt: skip
# "Anders og Lars", "TR/AMR", "Mette, Lars": owners naming several people, split and mapped.
_OWNER_SEPARATORS = re.compile(r"(\s*(?:,|/|&|\+|\bog\b|\band\b)\s*)", re.IGNORECASE)


class _Names:
    """Which label each participant's name turns into, and how to find names in text."""

    def __init__(self, session: Session, language: str) -> None:
        self.language = language
        roles = Counter(p.role for p in session.participants)
        seen: Counter[str] = Counter()
        self.labels: list[str] = []
        for participant in session.participants:
            seen[participant.role] += 1
            label = role_label(participant.role, language)
            if roles[participant.role] > 1:
                label = f"{label} {seen[participant.role]}"
            self.labels.append(label)
        # Full names match in any case; a first name only when no one else has it.
        self.full: dict[str, str] = {}
        firsts: dict[str, list[str]] = {}
        for participant, label in zip(session.participants, self.labels, strict=True):
            key = _key(participant.name)
            if not key:
                continue
            self.full.setdefault(key, label)
            first = participant.name.split()[0]
            firsts.setdefault(first.casefold(), []).append(label)
        self.first: dict[str, str] = {
            name: labels[0]
            for name, labels in firsts.items()
            if len(set(labels)) == 1 and name not in self.full
        }
        self.pattern = self._pattern(session)

    def _pattern(self, session: Session) -> re.Pattern[str] | None:
        names = {" ".join(p.name.split()) for p in session.participants if p.name.strip()}
        full = sorted(names, key=len, reverse=True)
        # Ambiguous first names are matched too: they become "Anonymiseret", never stay.
        firsts = sorted({n.split()[0] for n in names}, key=len, reverse=True)
        parts = [r"\s+".join(map(re.escape, name.split())) for name in full]
        alternatives = []
        if parts:
            alternatives.append(f"(?i:{'|'.join(parts)})")
        # First names only as written, capitalised: "Per" is a name, "per" is a word.
        alternatives += [re.escape(name) for name in firsts]
        if not alternatives:
            return None
        return re.compile(rf"(?<!\w)(?P<name>{'|'.join(alternatives)})(?P<genitive>'s|s)?(?!\w)")

    def owner(self, value: str) -> str:
        """An owner or a one-name field: a participant's label, a role kept, anyone else withheld."""
        if not value.strip():
            return value
        pieces = _OWNER_SEPARATORS.split(value.strip())
        if len(pieces) > 1:
            return "".join(
                piece if index % 2 else self.owner(piece) for index, piece in enumerate(pieces)
            )
        if label := self.label_of(value):
            return label
        lowered = " ".join(value.split()).casefold()
        if parse_role(value) is not None or lowered in _GROUP_OWNERS:
            return value
        return WITHHELD[self.language]

    def label_of(self, name: str) -> str | None:
        """The label of the participant `name` names, by full name or unique first name."""
        key = _key(name)
        return self.full.get(key) or self.first.get(key)

    def in_text(self, text: str) -> str:
        """`text` with every participant's name in it replaced by that participant's label."""
        if self.pattern is None or not text:
            return text
        return self.pattern.sub(self._replace, text)

    def _replace(self, match: re.Match[str]) -> str:
        label = self.label_of(match["name"]) or WITHHELD[self.language]
        if not match["genitive"]:
            return label
        # "Mettes forslag" -> "Lederens"? Too clever; "Leders" reads fine, "Medarbejder 1's" too.
        english_or_number = self.language == "en" or label[-1:].isdigit()
        return label + ("'s" if english_or_number else "s")


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def anonymize_session(session: Session) -> Session:
    """A deep copy of `session` with people's names replaced by their roles."""
    result = copy.deepcopy(session)
    names = _Names(result, known_language(result.agenda.language))
    text: Callable[[str], str] = names.in_text
    for participant, label in zip(result.participants, names.labels, strict=True):
        participant.name = label
        participant.note = text(participant.note)
    result.chair = names.owner(result.chair)
    result.secretary = names.owner(result.secretary)
    result.approved_by = names.owner(result.approved_by)
    result.formand = names.owner(result.formand)
    result.naestformand = names.owner(result.naestformand)
    result.vice_approved_by = names.owner(result.vice_approved_by)
    result.place = text(result.place)
    for record in result.themes:
        record.notes = text(record.notes)
        record.uncovered_reason = text(record.uncovered_reason)
        for outcome in record.outcomes:
            outcome.text = text(outcome.text)
            outcome.owner = names.owner(outcome.owner)
    for review in result.reviews:
        review.text = text(review.text)
        review.owner = names.owner(review.owner)
        review.comment = text(review.comment)
    return result
