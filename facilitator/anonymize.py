"""Anonymised copies of sessions: people's names replaced by their role in the committee.

Used for minutes and registers that leave the committee (`--anonymize`). Names are known only
for participants (of this meeting and of the meetings a follow-up reviews), so a name of anyone
else typed into a note stays as typed; owners who are not participants become
"Anonymiseret"/"Withheld" unless they name a role or a body ("AMR", "Ledelsen"), which is not
personal data. A formand, næstformand, mødeleder or referent who is not a participant is called
by the office ("Formand"), wherever the name stands.

A participant's name is replaced in every casing, even where it is also a word: with Per
Olsen in the room, "per time" becomes "Medarbejderrepræsentant 3 time". A reader can puzzle
that out; a name left in an anonymised minute cannot be taken back. Words that are nobody's
name in this meeting stay as written.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Callable, Iterable

from facilitator.i18n import known_language, role_label
from facilitator.session import OFFICERS, Session, parse_role

WITHHELD = {"da": "Anonymiseret", "en": "Withheld"}
# An officer who is not on the participant list is called by the office, so that three
# different people do not all become «Anonymiseret», which the minutes would read as one
# person holding every office. First office first: a formand who also chairs is «Formand».
OFFICE_LABELS = {
    "da": {"formand": "Formand", "naestformand": "Næstformand", "chair": "Mødeleder",
           "secretary": "Referent"},
    "en": {"formand": "Committee chair", "naestformand": "Vice-chair", "chair": "Chair",
           "secretary": "Secretary"},
}  # fmt: skip
# What `--anonymize-committee` puts in place of the committee's name: heading, title, file.
NEUTRAL_COMMITTEE = {"da": "Udvalget", "en": "The committee"}

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
    """Which label each participant's name turns into, and how to find names in text.

    Names match in any case: the full name, the first name alone and the surname alone
    ("fru Hansen"). A first name or surname two people share becomes "Anonymiseret". Names
    of earlier meetings' participants (`earlier`) are found too, and always withheld.
    """

    def __init__(
        self,
        session: Session,
        language: str,
        earlier: Iterable[str] = (),
        officers: Iterable[tuple[str, str]] = (),
    ) -> None:
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
        people = [
            (p.name, label) for p, label in zip(session.participants, self.labels, strict=True)
        ]
        withheld = WITHHELD[language]
        current = {_key(name) for name, _ in people}
        for name, label in officers:
            if _key(name) not in current:
                people.append((name, label))
                current.add(_key(name))
        people += [(name, withheld) for name in earlier if _key(name) not in current]
        self.full: dict[str, str] = {}
        firsts: dict[str, set[str]] = {}
        lasts: dict[str, set[str]] = {}
        self.words: set[str] = set()
        for name, label in people:
            key = _key(name)
            if not key:
                continue
            self.full.setdefault(key, label)
            self.words.add(" ".join(name.split()))
            tokens = key.split()
            # A double name is also called by either half: "Anne-Mette" as "Mette", "fru
            # Kjær-Holm" as "fru Holm".
            for token in {tokens[0], *_halves(tokens[0])}:
                firsts.setdefault(token, set()).add(label)
                self.words.add(token)
            # Every later name is a surname on its own ("Kjær", "Holm"), and so are all of them
            # together ("Kjær Holm").
            later = {*tokens[1:], " ".join(tokens[1:])} if len(tokens) > 1 else set()
            later |= {half for surname in tokens[1:] for half in _halves(surname)}
            for token in later:
                lasts.setdefault(token, set()).add(label)
                self.words.add(token)
        # A token both a first name and a surname of different people is ambiguous too.
        self.first = _unique(firsts, lasts, self.full)
        self.last = _unique(lasts, firsts, self.full)
        self.pattern = self._pattern()

    def _pattern(self) -> re.Pattern[str] | None:
        words = {w for name in self.words for w in (name, name.split()[0])}
        # Longest first, so "Mette Kjær Holm" wins over "Mette" and "Kjær Holm" over "Holm".
        parts = [
            r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True)
        ]
        if not parts:
            return None
        return re.compile(
            rf"(?<!\w)(?P<name>{'|'.join(parts)})(?P<genitive>'s|s)?(?!\w)", re.IGNORECASE
        )

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
        """The label of the person `name` names: full name, or a unique first name or surname."""
        key = _key(name)
        return self.full.get(key) or self.first.get(key) or self.last.get(key)

    def in_text(self, text: str) -> str:
        """`text` with every participant's name in it replaced by that participant's label."""
        if self.pattern is None or not text:
            return text
        return self.pattern.sub(self._replace, text)

    def _replace(self, match: re.Match[str]) -> str:
        found = match["name"]
        label = self.label_of(found) or WITHHELD[self.language]
        if not match["genitive"]:
            return label
        # "Mettes forslag" -> "Lederens"? Too clever; "Leders" reads fine, "Medarbejder 1's" too.
        english_or_number = self.language == "en" or label[-1:].isdigit()
        return label + ("'s" if english_or_number else "s")


def _halves(token: str) -> list[str]:
    """The parts of a hyphenated name ("anne-mette": anne, mette); none for a plain one."""
    parts = [part for part in token.split("-") if part]
    return parts if len(parts) > 1 else []


def _names_a_person(value: str) -> bool:
    """Whether a one-name field holds a person's name, not a role or a body ("Ledelsen")."""
    lowered = " ".join(value.split()).casefold()
    return bool(lowered) and parse_role(value) is None and lowered not in _GROUP_OWNERS


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _unique(
    tokens: dict[str, set[str]], others: dict[str, set[str]], full: dict[str, str]
) -> dict[str, str]:
    """Tokens that point at one label only (and are no one's full name)."""
    return {
        token: next(iter(labels))
        for token, labels in tokens.items()
        if len(labels | others.get(token, set())) == 1 and token not in full
    }


def anonymize_session(
    session: Session, earlier_names: Iterable[str] = (), committee: bool = False
) -> Session:
    """A deep copy of `session` with people's names replaced by their roles.

    `earlier_names` are the participants of the meetings a follow-up reviews: their names
    stand in its review texts. With `committee`, the committee's name becomes a neutral label.
    """
    result = copy.deepcopy(session)
    language = known_language(result.agenda.language)
    # The chair, secretary, formand and næstformand need not be participants; their names
    # are the session's people's names too, withheld wherever the texts use them.
    officers = [
        piece
        for key in OFFICERS
        for index, piece in enumerate(_OWNER_SEPARATORS.split(getattr(session, key)))
        if not index % 2 and _names_a_person(piece)
    ]
    # A field naming one person only: «Ole Vind og Lone Madsen» is two, each withheld or
    # labelled as a participant.
    offices = [
        (name, OFFICE_LABELS[language][key])
        for key in OFFICE_LABELS[language]
        if _names_a_person(name := " ".join(getattr(session, key).split()))
        and len(_OWNER_SEPARATORS.split(name)) == 1
    ]
    names = _Names(result, language, [*earlier_names, *officers], offices)
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
    result.next_meeting_place = text(result.next_meeting_place)
    result.next_meeting_time = text(result.next_meeting_time)
    result.committee = NEUTRAL_COMMITTEE[language] if committee else text(result.committee)
    for record in result.themes:
        record.notes = text(record.notes)
        record.uncovered_reason = text(record.uncovered_reason)
        record.reason = text(record.reason)
        record.carried_reason = text(record.carried_reason)
        for outcome in record.outcomes:
            outcome.text = text(outcome.text)
            outcome.owner = names.owner(outcome.owner)
    for review in result.reviews:
        review.text = text(review.text)
        review.owner = names.owner(review.owner)
        review.comment = text(review.comment)
        review.theme_title = text(review.theme_title)
    return result
