"""Finding personal data in free text: CPR numbers, phone numbers and e-mail addresses.

People write numbers every which way: `010190-1234`, `010190–1234` (Word's en dash),
`010190 1234`, `01.01.90-1234`, `CPR:0101901234`; `22 33 44 55`, `22-33-44-55`, `2233-4455`,
`+45 22334455`, `+46 70 123 45 67`. The patterns take any of these separators; the checks
after them keep case numbers (`sag 2024-001234`, `j.nr. 21/13763`), dates, times, years and
amounts quiet, so the warnings that do appear are worth reading. A CPR number is any valid
date followed by four digits: the modulus-11 check was dropped in 2007, so it proves nothing.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Literal

Kind = Literal["cpr", "email", "phone"]

# Between groups of digits: spaces of every width, every dash and hyphen, the minus sign,
# dot and slash.
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
_SPACES = " \u00a0\u2009\u202f"
_SEP = f"[{_SPACES}{_DASHES}./]"
# Not part of a longer number: no digit (or digit and separator) just before or after.
_START = rf"(?<![\d/])(?<!\d{_SEP})"
_END = rf"(?![\d/]|{_SEP}\d|[.,]\d)"

_CPR = re.compile(
    _START
    + rf"(?P<dd>\d{{2}})(?P<s1>{_SEP}?)(?P<mm>\d{{2}})(?P=s1)(?P<yy>\d{{2}})"
    + rf"(?P<sep>[{_SPACES}]*[{_DASHES}./][{_SPACES}]*|[{_SPACES}]+|)(?P<tail>\d{{4}})"
    + _END
)
_EMAIL = re.compile(
    r"(?<![\w.%+-])(?P<local>[\w.%+-]+)@(?P<domain>[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,})(?![\w-])"
)
# A Danish number: 8 digits in groups of 2 to 4, optionally after +45, (+45) or 0045.
_PHONE = re.compile(
    _START
    + rf"(?P<prefix>(?:\(\+45\)|\+45|0045)[{_SPACES}\-]?)?"
    + rf"(?P<number>\d{{2,8}}(?:{_SEP}\d{{2,4}}){{0,3}})"
    + _END
)
# A foreign number in international form: +CC (or 00CC), then 6 to 13 digits in groups.
_FOREIGN = re.compile(
    r"(?<![\w+])(?P<prefix>(?:\+|00)(?!45)[1-9]\d{0,2})"
    + rf"(?P<number>(?:[{_SPACES}\-.]?(?:\(0\))?[{_SPACES}]?\d{{1,5}}){{2,6}})"
    + _END
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
# 20.15-21.30: a time span, not a phone number.
_TIME_SPAN = re.compile(
    r"^([01]\d|2[0-3])[.:]([0-5]\d)\s*[-\u2013]\s*([01]\d|2[0-3])[.:]([0-5]\d)$"
)


def find_personal_data(text: str) -> list[tuple[Kind, str]]:
    """(kind, masked excerpt) for each CPR number, e-mail address and phone number in `text`."""
    return [(kind, masked) for _, _, kind, masked in _findings(text)]


def mask(text: str) -> str:
    """`text` with every finding replaced by its masked form."""
    for start, end, _, masked in sorted(_findings(text), reverse=True):
        text = text[:start] + masked + text[end:]
    return text


@functools.lru_cache(maxsize=4096)
def _findings(text: str) -> tuple[tuple[int, int, Kind, str], ...]:
    # Remembered: the review screen checks every text again after each correction, and a
    # hundred outcomes took a tenth of a second; only the corrected text is new.
    found: list[tuple[int, int, Kind, str]] = []

    def free(match: re.Match[str]) -> bool:
        return not any(s < match.end() and match.start() < e for s, e, _, _ in found)

    for match in _CPR.finditer(text):
        if _valid_birth_date(match):
            found.append((match.start(), match.end(), "cpr", _mask_cpr(match)))
    for match in _EMAIL.finditer(text):
        found.append((match.start(), match.end(), "email", _mask_email(match)))
    for match in _FOREIGN.finditer(text):
        digits = _digits(match["number"])
        if 6 <= len(digits) <= 13 and free(match):
            found.append((match.start(), match.end(), "phone", _mask_number(match)))
    for match in _PHONE.finditer(text):
        if free(match) and _looks_like_phone(text, match):
            found.append((match.start(), match.end(), "phone", _mask_number(match)))
    return tuple(sorted(found))


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


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
    number = match["number"]
    digits = _digits(number)
    if len(digits) != 8:
        return False
    if match["prefix"]:
        return True
    before = text[max(0, match.start() - 24) : match.start()]
    if _PHONE_CONTEXT.search(before):
        return True
    if _NUMBER_CONTEXT.search(before) or _AMOUNT_AFTER.match(text[match.end() :]):
        return False
    groups = re.split(_SEP, number)
    thousands = len(groups) > 1 and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    if _TIME_SPAN.match(number) or thousands:
        return False  # 20.15-21.30, or 12 500 000 / 12.500.000: an amount in thousands
    # Danish subscriber numbers start with 2-9; 0 and 1 lead service numbers and the like.
    if digits[0] in "01":
        return False
    if len(groups) == 2 and all(len(g) == 4 and g[:2] in ("19", "20") for g in groups):
        return False  # 2024 2025, 2024-2025: two years
    if len(groups) == 4 and all(len(group) == 2 for group in groups):
        return True  # 12 34 56 78: grouped in pairs, the way phone numbers are written
    return not _is_calendar_date(digits)


def _mask_cpr(match: re.Match[str]) -> str:
    s1 = match["s1"]
    return f"{match['dd']}{s1}{match['mm']}{s1}xx{match['sep']}xxxx"


def _mask_email(match: re.Match[str]) -> str:
    return f"{match['local'][:1]}***@{match['domain']}"


def _mask_number(match: re.Match[str]) -> str:
    """The prefix and the first two digits kept, every other digit an x."""
    number = match["number"]
    kept = 0
    out = []
    for char in number:
        if char.isdigit():
            kept += 1
            out.append(char if kept <= 2 else "x")
        else:
            out.append(char)
    return f"{match['prefix'] or ''}{''.join(out)}"
