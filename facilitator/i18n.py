"""User-interface strings in Danish and English.

Strings are written in English in the code and looked up in the Danish table when the
interface language is Danish. Binding descriptions are fixed when classes are created, so the
language must be chosen before any module under `facilitator.tui` is imported.
"""

from __future__ import annotations

import os

LANGUAGES = ("da", "en")
_language = "en"


def set_language(language: str) -> None:
    """Choose the interface language for everything imported from now on."""
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
    if _language == "da":
        return DA.get(text, text)
    return text


# Danish for every English string of the interface. Group by screen; keep keys sorted within.
DA: dict[str, str] = {
    # -- shared -------------------------------------------------------------------------
    "Cancel": "Annuller",
    "Close": "Luk",
    "Help": "Hjælp",
    "No": "Nej",
    "OK": "OK",
    "Quit": "Afslut",
    "Save": "Gem",
    "Yes": "Ja",
    # -- meeting screen, its dialogs and the palette ---------------------------------------
    "+1 min": "+1 min",
    "-1 min": "-1 min",
    "AMR": "AMR",
    "Action": "Handling",
    "Agenda": "Dagsorden",
    "Agreement": "Aftale",
    "App: help": "Program: hjælp",
    "App: quit": "Program: afslut",
    "Apply": "Anvend",
    "Attendance": "Fremmøde",
    "Back to the meeting": "Tilbage til mødet",
    "Bell off": "Klokke fra",
    "Bell on": "Klokke til",
    "Bell on/off": "Klokke til/fra",
    "Commands": "Kommandoer",
    "Comment": "Kommentar",
    "Could not save": "Kunne ikke gemme",
    "Decided and agreed": "Besluttet og aftalt",
    "Decision": "Beslutning",
    "Discussion": "Drøftelse",
    "Done": "Udført",
    "Dropped": "Droppet",
    "Due date": "Frist",
    "Employee representative": "Medarbejderrepræsentant",
    "Empty, or a date like 2026-03-01, 1.3.2026, +14d, +2w": "Tom, eller en dato som 1.3.2026, 2026-03-01, +14d, +2u",
    "End": "Afslut møde",
    "End anyway": "Afslut alligevel",
    "Even one minute per theme runs past the planned end.": "Selv ét minut pr. tema når ikke inden den planlagte slutning.",
    "Every key of this screen": "Alle taster på denne skærm",
    "Follow-up date": "Opfølgningsdato",
    "Go to this theme": "Gå til dette tema",
    "Guest": "Gæst",
    "In progress": "I gang",
    "Leader": "Leder",
    "Leave notes": "Forlad noter",
    "Leave; everything is saved": "Luk; alt er gemt",
    "Meeting": "Møde",
    "Minimum obligations": "Minimumsforpligtelser",
    "Nearly out of time": "Tiden er næsten gået",
    "New": "Ny",
    "New participant: name:role (e.g. Mia Holm:amr)": "Ny deltager: navn:rolle (fx Mia Holm:amr)",
    "Next": "Næste",
    "Next item": "Næste punkt",
    "No themes are left to re-plan.": "Der er ingen temaer tilbage at planlægge.",
    "Not a date: write 2026-03-01, 1.3.2026, +14d or +2w.": "Ikke en dato: skriv 1.3.2026, 2026-03-01, +14d eller +2u.",
    "Not covered yet": "Ikke behandlet endnu",
    "Not started": "Ikke påbegyndt",
    "Notes": "Noter",
    "Notes (e)": "Noter (e)",
    "Nothing to review.": "Intet at følge op på.",
    "Nothing yet: d decision · a agreement · t action · o open question": "Intet endnu: d beslutning · a aftale · t handling · o åbent spørgsmål",
    "Now": "Nu",
    "OVERTIME": "OVERTID",
    "OVERTIME (paused)": "OVERTID (pause)",
    "Open question": "Åbent spørgsmål",
    "Other": "Andet",
    "Owner": "Ansvarlig",
    "Paused": "Pause",
    "Paused: space starts the clock": "Pause: mellemrum starter uret",
    "Presented": "Præsenteret",
    "Previous": "Forrige",
    "Previous item": "Forrige punkt",
    "Question": "Spørgsmål",
    "Re-plan": "Planlæg om",
    "Re-plan to the planned end": "Planlæg om til den planlagte slutning",
    "Reason (optional), e.g. postponed to the next meeting": "Begrundelse (valgfri), fx udsat til næste møde",
    "Remove last outcome": "Fjern seneste punkt",
    "Removed": "Fjernet",
    "Responsible": "Ansvarlig",
    "Search for commands…": "Søg efter kommandoer…",
    "Secretary": "Referent",
    "Session is open elsewhere": "Mødet er åbent et andet sted",
    "Start/pause": "Start/pause",
    "TR": "TR",
    "Text": "Tekst",
    "That day is not in the calendar.": "Den dag findes ikke i kalenderen.",
    "Theme": "Tema",
    "These themes have not been covered. Give a short reason for the minutes, or go back.": "Disse temaer er ikke behandlet. Skriv en kort begrundelse til referatet, eller gå tilbage.",
    "This is the last theme. ctrl+e ends the meeting.": "Dette er det sidste tema. ctrl+e afslutter mødet.",
    "Timeboxes re-planned.": "Tiderne er planlagt om.",
    "Unknown role: use leader, employee, tr, amr, secretary, guest or other.": "Ukendt rolle: brug leder, medarbejder, tr, amr, referent, gæst eller andet.",
    "Write a name first.": "Skriv et navn først.",
    "Write the text first: it is required.": "Skriv teksten først: den er påkrævet.",
    "arrived {time}": "ankom {time}",
    "ctrl+e end anyway · escape back to the meeting": "ctrl+e afslut alligevel · escape tilbage til mødet",
    "done": "udført",
    "dropped": "droppet",
    "end": "slut",
    "enter apply · escape keep the plan": "enter anvend · escape behold planen",
    "enter save · escape cancel": "enter gem · escape annuller",
    "enter save · tab next field · escape cancel": "enter gem · tab næste felt · escape annuller",
    "escape close · tab next field": "escape luk · tab næste felt",
    "in progress": "i gang",
    "key": "tast",
    "left of the timebox": "tilbage af tiden",
    "left {time}": "gik {time}",
    "m: mark presented": "m: marker som præsenteret",
    "no notes and no outcomes": "ingen noter og intet besluttet",
    "not reviewed": "ikke vurderet",
    "not started": "ikke påbegyndt",
    "now": "kl.",
    "obligation not marked as presented": "minimumsforpligtelse ikke markeret som præsenteret",
    "presented": "præsenteret",
    "space: present or absent · enter in the field below adds a person": "mellemrum: til stede eller fraværende · enter i feltet nedenfor tilføjer en person",
    "{minutes} minutes are left for {count} themes.": "Der er {minutes} minutter tilbage til {count} temaer.",
    "↑↓ choose · 1 done · 2 in progress · 3 not started · 4 dropped · c comment": "↑↓ vælg · 1 udført · 2 i gang · 3 ikke påbegyndt · 4 droppet · c kommentar",
    "✓ done  ▶ current  ↷ skipped": "✓ færdig  ▶ nu  ↷ sprunget over",
}
