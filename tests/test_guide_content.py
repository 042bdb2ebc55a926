"""The built-in guide against the kommissorium: every point of its "Produkt" section is carried.

The table maps each point, quoted from the seed (the terms of reference, j.nr. 21/13763), to
the theme (or the agenda's description) and the words that carry it. A point dropped in a
rewrite, or a theme renamed away from what the seed asks for, fails here by name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.agenda import Agenda, load_agenda

ROOT = Path(__file__).resolve().parent.parent
DANISH = load_agenda(ROOT / "agendas" / "sociale-medier.toml")
ENGLISH = load_agenda(ROOT / "agendas" / "social-media.toml")

# The seed's "Produkt" section, verbatim (list markup removed).
PRODUKT = (
    "Guidens formål er at sætte en overordnet ramme for lokale drøftelse og aftaler af adfærd på "
    "sociale medier. Vores Norddjurs er grundlaget for guiden. Guiden definerer en overordnet "
    "forpligtelse samt henleder opmærksomheden på, hvilke forhold det kan være hensigtsmæssigt at "
    "drøfte i lokaludvalget - den skal ses som et dialogpapir og vil omhandle følgende punkter: "
    "1. Definition - hvad er chikane på sociale medier? "
    "2. Forebyggelse af chikane: Opmærksomhed på risikosituationer og krænkelsetyper. "
    "Hvilke temaer kan med fordel drøftes i lokaludvalgene? "
    "3. Håndtering, herunder minimumsforpligtelser for medarbejdere og ledere, hvis chikane på "
    "sociale medier finder sted samt gode råd til temaer, som bør drøftes lokalt. "
    "Temaer herunder er f.eks. dokumentation, konflikthåndtering, anmeldelse, krisehjælp, "
    "inddragelse af DPO/jurist, arbejdsgange, udarbejdelse af lokale retningslinjer for brug af "
    "sociale medier. "
    "4. Opfølgning - hvilke handlinger er krævet og hvad kan drøftes lokalt."
)

# Seed point -> (where: a theme id, or "" for the agenda itself; words that must be there).
# The words are looked for in the theme's title, description and prompts (Danish guide).
CARRIED: dict[str, tuple[str, tuple[str, ...]]] = {
    "sætte en overordnet ramme for lokale drøftelse og aftaler": (
        "",
        ("sætter en overordnet ramme", "lokale aftaler i lokaludvalget"),
    ),
    "Vores Norddjurs er grundlaget for guiden": ("", ("Vores Norddjurs er grundlaget",)),
    # ... and a prompt that makes the committee use it as a frame, not only a source line.
    "Vores Norddjurs": ("lokale-temaer", ("Hvad betyder Vores Norddjurs",)),
    "Guiden definerer en overordnet forpligtelse": (
        "",
        ("Minimumsforpligtelserne under *Håndtering* og *Opfølgning* ligger fast",),
    ),
    "hensigtsmæssigt at drøfte i lokaludvalget": ("", ("De øvrige temaer drøfter udvalget",)),
    "den skal ses som et dialogpapir": ("", ("dialogpapir",)),
    "1. Definition - hvad er chikane på sociale medier?": (
        "hvad-er-chikane",
        ("Hvad er chikane på sociale medier?", "Til orientering – definition", "gråzonerne"),
    ),
    "Opmærksomhed på risikosituationer": ("risikosituationer", ("Risikosituationer",)),
    "krænkelsetyper": ("kraenkelsestyper", ("Krænkelsestyper",)),
    "Hvilke temaer kan med fordel drøftes i lokaludvalgene?": (
        "lokale-temaer",
        ("vælger her, hvilke af temaerne under", "Lokale temaer"),
    ),
    "minimumsforpligtelser for medarbejdere": (
        "minimumsforpligtelser-medarbejdere",
        ("Minimumsforpligtelser for medarbejdere",),
    ),
    "og ledere": ("minimumsforpligtelser-ledere", ("Minimumsforpligtelser for ledere",)),
    "gode råd til temaer, som bør drøftes lokalt": (
        "",
        ("De øvrige temaer drøfter udvalget, og udvalget aftaler, hvad de betyder hos os",),
    ),
    "dokumentation": ("dokumentation", ("Dokumentation", "skærmbillede")),
    "konflikthåndtering": ("konflikthaandtering", ("Konflikthåndtering", "nedtrapper")),
    "anmeldelse": ("anmeldelse", ("Anmeldelse", "politianmeldelse", "arbejdsskade")),
    "krisehjælp": ("krisehjaelp", ("Krisehjælp", "psykologhjælp")),
    "inddragelse af DPO/jurist": (
        "dpo-og-jurist",
        ("Inddragelse af DPO og personalejurist", "databeskyttelsesrådgiver"),
    ),
    "arbejdsgange": ("arbejdsgange", ("Arbejdsgange", "Hvem dokumenterer")),
    "udarbejdelse af lokale retningslinjer for brug af sociale medier": (
        "lokale-retningslinjer",
        ("Lokale retningslinjer for brug af sociale medier", "Hvem skriver et udkast"),
    ),
    "4. Opfølgning - hvilke handlinger er krævet": (
        "kraevede-handlinger",
        ("Dette skal altid ske, når en episode er håndteret",),
    ),
    "hvad kan drøftes lokalt": ("lokal-opfoelgning", ("Lokal opfølgning",)),
}

# Beyond "Produkt": what the review found missing, by where it must now be.
REVIEW_POINTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "supplement to the local, more concrete efforts (Formål)": (
        "",
        ("supplerer de lokale og", "mere konkrete indsatser"),
    ),
    "the unit's existing rules on violence and offensive behaviour": (
        "",
        ("enhedens retningslinjer om vold, trusler og krænkende adfærd",),
    ),
    "the same link, as a question to the committee": (
        "lokale-temaer",
        ("retningslinjer om vold, trusler og krænkende adfærd",),
    ),
    "reporting back to the hovedudvalg (Opfølgning i hovedudvalget)": (
        "lokal-opfoelgning",
        ("melder vi tilbage til hovedudvalget",),
    ),
    "managers involve the AMR and contact HR": (
        "minimumsforpligtelser-ledere",
        ("Inddrag arbejdsmiljørepræsentanten", "kontakt HR"),
    ),
    "the arbejdsmiljøkonsulent where it acts": (
        "kraevede-handlinger",
        ("arbejdsmiljøkonsulenten",),
    ),
    "the AMR in the risk assessment": ("risikosituationer", ("arbejdsmiljørepræsentanten",)),
    "threats under § 119 as well as § 266": (
        "kraenkelsestyper",
        ("straffelovens § 119", "§ 266", "Personalejuristen bekræfter"),
    ),
    "§ 119 a covers acts 'i anledning af' the work": (
        "kraenkelsestyper",
        ("under eller i anledning af deres arbejde efter § 119 a",),
    ),
    "the 72-hour rule as a starting point": (
        "anmeldelse",
        ("som udgangspunkt", "inden for 72 timer", "Personalejuristen bekræfter"),
    ),
    "documentation under the municipality's rules, not only GDPR": (
        "kraevede-handlinger",
        ("efter kommunens regler for journalisering og sletning",),
    ),
    "provenance: a proposal, to be replaced by the approved wording": (
        "",
        ("er et forslag", "ikke citater fra den vedtagne guide"),
    ),
}


def text_of(agenda: Agenda, where: str) -> str:
    """What a reader sees of a theme (title, description, prompts), or of the agenda."""
    if not where:
        return " ".join([agenda.title, agenda.description, agenda.source])
    theme = agenda.theme(where)
    return " ".join([theme.title, theme.description, *theme.prompts])


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_table_quotes_the_seed() -> None:
    for point in CARRIED:
        assert point in PRODUKT, point


def test_every_theme_named_in_the_seed_has_a_row() -> None:
    named = PRODUKT.split("Temaer herunder er f.eks. ")[1].split(". 4.")[0]
    for theme in named.split(", "):
        assert theme in CARRIED, theme


@pytest.mark.parametrize(("point", "where", "words"), [(p, *v) for p, v in CARRIED.items()])
def test_every_seed_point_is_carried(point: str, where: str, words: tuple[str, ...]) -> None:
    text = _flat(text_of(DANISH, where))
    for word in words:
        assert word in text, f"{point!r}: {word!r} not in {where or 'the agenda'}"


@pytest.mark.parametrize(("point", "where", "words"), [(p, *v) for p, v in REVIEW_POINTS.items()])
def test_what_the_review_found_missing_is_there(
    point: str, where: str, words: tuple[str, ...]
) -> None:
    text = _flat(text_of(DANISH, where))
    for word in words:
        assert word in text, f"{point}: {word!r} not in {where or 'the agenda'}"


def test_the_obligations_are_obligations_and_at_least_five_minutes() -> None:
    for agenda in (DANISH, ENGLISH):
        obligations = [theme for theme in agenda.themes if theme.is_obligation]
        assert [theme.id for theme in obligations] == [
            "minimumsforpligtelser-medarbejdere",
            "minimumsforpligtelser-ledere",
            "kraevede-handlinger",
        ]
        assert all(theme.timebox >= 5 for theme in obligations)


def test_the_definition_comes_first_as_an_orientation() -> None:
    # The first point on screen (and on the projector) is the definition, before any question.
    first = DANISH.themes[0]
    assert first.id == "hvad-er-chikane"
    assert first.prompts[0].startswith("Til orientering – definition: Digital chikane er ")
    assert first.prompts[1].startswith("Giver definitionen mening hos os?")
    assert "tager den til efterretning og drøfter derefter gråzonerne" in _flat(first.description)
    english = ENGLISH.themes[0]
    assert english.prompts[0].startswith("For information – definition: digital harassment is ")


def test_no_edition_suggests_the_approved_guide() -> None:
    for agenda in (DANISH, ENGLISH):
        assert agenda.version == ""
    assert "ikke citater fra den vedtagne guide" in DANISH.source
    assert "not quoted from the approved guide" in ENGLISH.source


def test_overlaps_the_review_named_are_gone() -> None:
    def words(theme_id: str) -> str:
        return _flat(text_of(DANISH, theme_id)).lower()

    # 2.3 chooses local themes; roles, the contact person and the professional stance on social
    # media belong to 3.8 and 3.9 only.
    for word in ("fast kontaktperson", "klare roller", "som fagperson"):
        assert word not in words("lokale-temaer"), word
    assert "fast kontaktperson" in words("arbejdsgange")
    # 3.2 acts on the day; 4.1 afterwards: neither repeats the other's duties.
    assert "registrér hændelsen" in words("minimumsforpligtelser-ledere")
    assert "registreres" not in words("kraevede-handlinger")
    assert "arbejdsskade" not in words("kraevede-handlinger")
    assert "følger op med medarbejderen" in words("kraevede-handlinger")
    assert "følg op med medarbejderen" not in words("minimumsforpligtelser-ledere")


def test_the_plans_fit_a_real_lmu_meeting() -> None:
    for agenda in (DANISH, ENGLISH):
        plans = {plan.id: plan for plan in agenda.plans}
        assert list(plans) == ["foerste-moede", "andet-moede", "hele-guiden"]
        assert plans["foerste-moede"].planned == plans["andet-moede"].planned == 60
        # Between them the two meetings take every theme of the guide.
        both = set(plans["foerste-moede"].themes) | set(plans["andet-moede"].themes)
        assert both | {"konflikthaandtering", "krisehjaelp", "dpo-og-jurist"} == {
            theme.id for theme in agenda.themes
        }
        assert set(plans["hele-guiden"].themes) == {theme.id for theme in agenda.themes}
        assert plans["hele-guiden"].planned == agenda.minutes
    titles = [plan.title for plan in DANISH.plans]
    assert titles[:2] == ["Første møde (60 min)", "Andet møde (60 min)"]
    assert titles[2].startswith("Hele guiden")


def test_the_english_guide_is_edited_not_translated_word_for_word() -> None:
    text = _flat(" ".join(text_of(ENGLISH, theme.id) for theme in ENGLISH.themes))
    text += " " + _flat(text_of(ENGLISH, ""))
    text += " " + " ".join(section.title for section in ENGLISH.sections)
    for wrong in (
        "leader",
        "Statutory Order",
        "also when",
        "also outside",
        "in peacetime",
        "Types of violation",
        "Crisis help",
        "Conflict handling",
        "May you be friends",
        "lawful criticism",
        "our own words",
        "offensive acts",
    ):
        assert wrong not in text, wrong
    assert [section.title for section in ENGLISH.sections][2] == "Responding to incidents"
    for right in ("manager", "Executive Order no. 1406", "even when", "health and safety"):
        assert right in text, right
