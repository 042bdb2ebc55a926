"""One Danish vocabulary: no phrase the Danish review corrected is left in any Danish string.

Every Danish string the program shows or writes is collected: the built-in agenda, the interface
table, the vocabulary of kinds, roles, statuses and the minutes' labels, the follow-up's own
texts, and the README. Each phrase the review (reviews/danish-guide-review-2026-12.md, tables 2a
to 2d) corrected is looked for in all of them; a failure names the string and the correction.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator import plans
from facilitator.i18n import da

ROOT = Path(__file__).resolve().parent.parent

# Phrase (a regular expression, matched without regard to case) -> the review's correction.
CORRECTED: dict[str, str] = {
    r"kvitteres": "de gennemgås, og udvalget tager dem til efterretning",
    r"pligt siden 2016": "Tilbyd hjælp til politianmeldelse – også når chikanen sker uden for "
    "arbejdstiden",
    r"tilbage af tiden": "tid tilbage",
    r"\bdroppet\b": "udgået",
    r"inden 72 timer": "inden for 72 timer",
    r"inden to arbejdsdage": "inden for to arbejdsdage",
    r"lovlig kritik": "saglig kritik",
    # "punkt" is an agenda item in MED; an outcome is a decision, an agreement, an action.
    r"punktet er (rettet|slettet)": "Registreringen er rettet / slettet",
    r"(valgte|seneste|nyeste|intet|ingen) punkt": "registrering, or name the kind",
    r"kun punkter": "Kun det, der ikke er udført eller udgået",
    # One word for the minimum obligations, not three.
    r"minimumskrav": "minimumsforpligtelser",
    r"krævede handlinger": "Minimumsforpligtelser efter en episode",
    r"punkterne i dialogpapiret": "Forpligtelserne ifølge dagsordenen (our proposal, not the "
    "guide's text)",
    r"skrevet med egne ord": "teksterne er ikke citater fra den vedtagne guide",
    r"\bpræsenteret\b": "gennemgået (og taget til efterretning)",
    r"\btak\.": "Skriv et tal mellem 1 og 1440 (24 timer).",
    r"som dagsordenen planlægger det": "Efter dagsordenens tidsplan",
    r"minutter som skrevet": "minutter i alt efter dagsordenen",
    r"tiderne skaleret": "Tiden er tilpasset",
    r"påkrævet": "(skal udfyldes)",
    r"skriver referat": "tager referat",
    r"møder efter et dialogpapir": "MED-møder ud fra et dialogpapir",
    r"inden for sin tid": "inden for den afsatte tid",
    r"\btjekket\b": "Kontrollen for personoplysninger",
    r"det her hører ikke": "Følgende hører ikke",
    r": g godkender": "Tryk g for at godkende det",
    r"kom senere": "kom for sent",
    r"gik før": "gik tidligere",
    r"klokke, når tiden": "Slå klokken til eller fra (ringer, når temaets tid er gået)",
    r"alle handlinger ved navn": "alle kommandoer efter navn",
    r"tjek af dækning": "tjek af, om alle temaer er behandlet",
    r"gennemsyn": "gennemgang",
    r"ved siden af": "i samme mappe som",
    r"selv ét minut pr\. tema når ikke": "Selv med ét minut pr. tema når mødet ikke at slutte "
    "til tiden",
    r"planlæg om": "Tilpas tiden (til sluttidspunktet)",
    r"planlagt om": "Tiden er fordelt på ny",
    r"tilbage at planlægge": "tilbage at fordele tid på",
    r"som formularen siger": "med oplysningerne i formularen",
    r"ligegyldige": "der skelnes ikke mellem store og små bogstaver",
    r"ikke en dato:": "Det er ikke en gyldig dato. Skriv fx …",
    r"rækkes møde": "fra mødet i den valgte række",
    r"filer skrevet": "Filerne er gemt",
    r"lokal-med": "lokaludvalget (Norddjurs' term)",
    r"\bdeadline\b": "Frist",
    r"over tiden": "Over tid",
    r"mødet aftalte ingen": "Der blev ikke aftalt nogen opfølgning",
    r"fra mødet \{date\}": "fra mødet den {date}",
    r"godkendt af \{name\} \{date\}": "Godkendt af {name} den {date}",
    # The agenda (table 2a).
    r"giver en fælles ramme": "sætter en overordnet ramme",
    r"har mange former": "kan have mange former",
    r"nr\. 1406 af 2020": "nr. 1406 af 25. september 2020",
    r"\bundervisning\b": "oplæring / kompetenceudvikling",
    r"det næste år": "i det kommende år",
    r"i tjenesten\b": "under eller i anledning af deres arbejde",
    r"når den ikke længere er nødvendig": "efter kommunens regler for journalisering og sletning",
    r"lovligt efter gdpr|gdpr art\.": "databeskyttelsesreglerne / databeskyttelsesforordningens "
    "artikel 37",
    r"må man være venner": "Hvad anbefaler vi om at være venner med …",
    r"når det hele har lagt sig": "når situationen har lagt sig",
    r"fra chikanen er meldt": "fra det øjeblik, chikanen er meldt",
    r"kommer hurtigt og uden besvær": "hurtigt og nemt får hjælp",
    r"skærmbilleder med dato": "skærmbilleder, der viser dato, klokkeslæt, afsender og link",
    r"i fredstid": "før den første episode",
}


def _strings(value: Any) -> Iterator[str]:
    """Every string inside parsed TOML or a table of labels."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def danish_strings() -> dict[str, str]:
    """Where each Danish string comes from -> the string."""
    found: dict[str, str] = {}
    agenda = tomllib.loads((ROOT / "agendas" / "sociale-medier.toml").read_text("utf-8"))
    for number, text in enumerate(_strings(agenda)):
        found[f"sociale-medier.toml #{number}"] = text
    for key, text in da.UI.items():
        found[f"i18n da.UI[{key!r}]"] = text
    words = da.WORDS
    for table in ("kinds", "theme_kinds", "roles", "sides", "statuses", "states"):
        for key, term in getattr(words, table).items():
            for field in ("name", "plural", "short"):
                found[f"da.WORDS.{table}[{key!r}].{field}"] = getattr(term, field)
    for key, text in words.minutes.items():
        found[f"da.WORDS.minutes[{key!r}]"] = text
    # The follow-up review theme's Danish texts are in da.UI, read above.
    found["plans left-out reason"] = plans._LEFT_OUT["da"]
    return found


DANISH = danish_strings()


def test_the_collection_holds_every_kind_of_string() -> None:
    sources = {where.split("[")[0].split(" #")[0] for where in DANISH}
    assert {"sociale-medier.toml", "i18n da.UI", "da.WORDS.minutes"} <= sources
    assert len(DANISH) > 300


@pytest.mark.parametrize("phrase", sorted(CORRECTED))
def test_no_corrected_phrase_is_left(phrase: str) -> None:
    pattern = re.compile(phrase, re.IGNORECASE)
    left = [f"{where}: {text!r}" for where, text in DANISH.items() if pattern.search(text)]
    assert not left, f"write {CORRECTED[phrase]!r} instead:\n" + "\n".join(left)


def test_the_readme_uses_the_corrected_words() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for phrase in (r"tilbage af tiden", r"lokal-med", r"\bLMU [A-ZÆØÅ]", r"\bdroppet\b"):
        assert not re.search(phrase, readme, re.IGNORECASE), phrase
    assert "tid tilbage" in readme


def test_the_minimum_obligations_have_one_name() -> None:
    # The theme kind, its short label and the theme titles all say "minimumsforpligtelser".
    assert da.WORDS.theme_kinds["obligation"].name == "Orientering om minimumsforpligtelser"
    assert da.WORDS.theme_kinds["obligation"].short == "Minimumsforpligtelser"
    agenda = tomllib.loads((ROOT / "agendas" / "sociale-medier.toml").read_text("utf-8"))
    titles = [
        theme["title"]
        for section in agenda["sections"]
        for theme in section["themes"]
        if theme.get("kind") == "obligation"
    ]
    assert titles and all(title.startswith("Minimumsforpligtelser") for title in titles)
