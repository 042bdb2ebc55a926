"""Danish and English: interface strings, and the words screens, reports and minutes share.

Interface strings are written in English in the code and looked up in `da.UI` when the
interface language is Danish. Kinds, roles, sides, statuses, states, months, dates and times
come from one `Vocabulary` per language (`da.WORDS`, `en.WORDS`): the minutes ask for the
agenda's language, the screens and reports for the person's. Key bindings are translated
when a screen is created (`facilitator.tui.keys.localize`), so import order does not matter.
"""

from __future__ import annotations

import os
from datetime import date, datetime

from facilitator.i18n import da, en
from facilitator.i18n.terms import Term, Vocabulary

LANGUAGES = ("da", "en")
_VOCABULARIES: dict[str, Vocabulary] = {"da": da.WORDS, "en": en.WORDS}
_language = "en"


def set_language(language: str) -> None:
    """Choose the interface language for everything shown from now on."""
    global _language
    _language = language if language in LANGUAGES else "en"


def language() -> str:
    """The interface language in force."""
    return _language


def choose_language(given: str | None, agenda_language: str | None) -> str:
    """--lang, else FACILITATOR_LANG, else the agenda's language, else Danish."""
    for candidate in (given, os.environ.get("FACILITATOR_LANG"), agenda_language):
        if candidate in LANGUAGES:
            return candidate
    return "da"


def _(text: str) -> str:
    """The text in the interface language (English text is its own key)."""
    return translate(text, _language)


def translate(text: str, language: str, context: str = "") -> str:
    """The English `text` in `language`, for text that follows an agenda's or a report's language."""
    # `context` tells apart one English word with two Danish ones: `Open` the verb is "Åbn",
    # a count of open items "Åbne" (key "count|Open").
    if language != "da":
        return text
    key = f"{context}|{text}" if context else text
    return da.UI.get(key, text)


def words(language: str | None = None) -> Vocabulary:
    """The vocabulary of `language` (English for an unknown one), or of the interface."""
    return _VOCABULARIES.get(language or _language, en.WORDS)


def known_language(language: str) -> str:
    """`language` if there is a vocabulary for it, else English."""
    return language if language in _VOCABULARIES else "en"


def _term(table: dict[str, Term], value: str, short: bool = False) -> str:
    term = table.get(value)
    if term is None:  # a value from a newer file: show it as it is
        return value
    return (term.short or term.name) if short else term.name


def kind_label(
    kind: str, language: str | None = None, *, count: int = 1, short: bool = False
) -> str:
    """An outcome kind: `Aftale`, `Aftaler` when `count` is not 1, `Spørgsmål` when short."""
    term = words(language).kinds.get(kind)
    if term is not None and count != 1 and not short:
        return term.plural
    return _term(words(language).kinds, kind, short)


def theme_kind_label(kind: str, language: str | None = None, *, short: bool = False) -> str:
    """A theme kind: `Drøftelse`, or the briefing on minimum requirements."""
    return _term(words(language).theme_kinds, kind, short)


def role_label(role: str, language: str | None = None, *, short: bool = False) -> str:
    """A participant's role; short for narrow places such as the form's role list."""
    return _term(words(language).roles, role, short)


def side_label(side: str, language: str | None = None) -> str:
    """Management or employees."""
    return _term(words(language).sides, side)


def status_label(status: str, language: str | None = None) -> str:
    """A follow-up verdict; "" is not assessed, "open" an outcome nobody has reviewed yet."""
    return _term(words(language).statuses, status)


def state_label(state: str, language: str | None = None) -> str:
    """A session's state: in progress, ended, approved."""
    return _term(words(language).states, state)


def format_date(day: date, language: str | None = None, *, short: bool = False) -> str:
    """`12. marts 2026` / `12 March 2026`; short months (`9. dec. 2026`) where room is tight."""
    vocabulary = words(language)
    months = vocabulary.months_short if short else vocabulary.months
    return vocabulary.date_format.format(day=day.day, month=months[day.month - 1], year=day.year)


def format_time(moment: datetime, language: str | None = None) -> str:
    """A wall-clock time as stored (no time zone conversion): `13.15` / `13:15`."""
    return words(language).time_format.format(hour=moment.hour, minute=moment.minute)
