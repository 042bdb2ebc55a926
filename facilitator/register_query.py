"""What a person types into the register's filter: words and "quoted phrases", matched at word starts.

"lmu skole øst aftale" used to match the four words anywhere in a row, so a row of another
committee with "skole" in its text passed. Now a quoted phrase must stand together
(`"skole øst" aftale`) as whole words, and every other word must begin a word: "øst" finds
"Skole Øst" and "Østergaard", not "prøst".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

# Straight quotes and the typographic ones Word and phones type („…“, “…”, «…»).
_QUOTES = {'"': '"', "“": "”", "„": "“", "«": "»", "”": "”"}


def fold(text: str) -> str:
    """Text as the filter compares it: case-folded, runs of white space as one space."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class Query:
    """The terms of a filter: each must begin a word of the row, phrases word by word."""

    terms: tuple[str, ...] = ()
    phrases: frozenset[str] = frozenset()  # the terms typed in quotes: whole words only

    @property
    def empty(self) -> bool:
        """Nothing typed: every row passes."""
        return not self.terms

    @cached_property
    def _patterns(self) -> tuple[re.Pattern[str], ...]:
        return tuple(
            re.compile(r"(?<!\w)" + re.escape(term) + (r"(?!\w)" if term in self.phrases else ""))
            for term in self.terms
        )

    def matches(self, haystack: str) -> bool:
        """Whether every term begins a word of `haystack` (already folded)."""
        return all(pattern.search(haystack) for pattern in self._patterns)


def parse_query(text: str) -> Query:
    """Words and quoted phrases; an unclosed quote runs to the end of the text."""
    terms: list[str] = []
    phrases: set[str] = set()
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
            continue
        if char in _QUOTES:
            end = text.find(_QUOTES[char], i + 1)
            if end < 0 and char == "„":
                end = text.find("”", i + 1)  # „…” is also typed
            phrase = text[i + 1 : end if end >= 0 else n]
            i = end + 1 if end >= 0 else n
            phrases.add(fold(phrase))
        else:
            end = i
            while end < n and not text[end].isspace() and text[end] not in _QUOTES:
                end += 1
            phrase = text[i:end]
            i = end
        folded = fold(phrase)
        if folded:
            terms.append(folded)
    return Query(tuple(terms), frozenset(phrases & set(terms)))
