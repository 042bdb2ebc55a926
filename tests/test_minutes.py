"""The Markdown minutes: Danish MED conventions, English, escaping, and the example files."""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from support import CET

from facilitator import codec
from facilitator.agenda import Agenda, Section, Theme, load_agenda
from facilitator.codec import session_to_toml
from facilitator.i18n import format_date, format_time
from facilitator.minutes import render_markdown
from facilitator.minutes_html import render_html
from facilitator.session import (
    OutcomeKind,
    Participant,
    Review,
    ReviewStatus,
    Session,
    clean_line,
    clean_text,
    used_minutes,
)
from facilitator.store import load_session

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"
MD = MarkdownIt("js-default")


def at(hour: int, minute: int, day: int = 12) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=CET)


def small_agenda(language: str = "da", **titles: str) -> Agenda:
    """Two sections: a discussion and an obligation, then two discussions."""
    return Agenda(
        id="lille",
        title=titles.get("agenda", "Dialogpapir"),
        language=language,
        version=titles.get("version", "2022"),
        source=titles.get("source", "Norddjurs Kommune"),
        sections=(
            Section(
                "forste",
                titles.get("section1", "Definition"),
                (
                    Theme("hvad", titles.get("theme1", "Hvad er chikane?"), 15),
                    Theme(
                        "krav",
                        titles.get("theme2", "Minimumsforpligtelser"),
                        10,
                        kind="obligation",
                        prompts=(titles.get("prompt", "Sikr dokumentation straks."), "Svar ikke."),
                    ),
                ),
            ),
            Section(
                "anden",
                titles.get("section2", "Håndtering"),
                (
                    Theme("dok", titles.get("theme3", "Dokumentation"), 10),
                    Theme("ikke", titles.get("theme4", "Krisehjælp"), 5),
                ),
            ),
        ),
    )


def ended_session(language: str = "da") -> Session:
    session = Session.new("Lokal-MED Børn & Unge", small_agenda(language))
    session.started, session.ended = at(13, 15), at(14, 45)
    session.place = "Mødelokale 2"
    session.chair, session.secretary = "Mette Holm", "Lars Dahl"
    session.formand, session.naestformand = "Mette Holm", "Anders Berg"
    session.participants = [
        Participant("Mette Holm", "leader", "management"),
        Participant("Anders Berg", "tr", "employees"),
        Participant("Sofie Lund", "amr", "employees", arrived=at(14, 10)),
        Participant("Lars Dahl", "secretary", "management"),
        Participant("Jonas Krogh", "employee-representative", "employees", present=False),
    ]
    session.record("hvad").seconds = 18 * 60
    session.set_notes("hvad", "Kritik af afgørelser er legitim.\n\nPersonangreb er chikane.")
    session.add_outcome("hvad", "decision", "Vi bruger guidens definition.")
    session.record("krav").presented = True
    session.record("krav").seconds = 9 * 60 + 40
    session.record("dok").seconds = 12 * 60
    session.add_outcome(
        "dok", "agreement", "Skærmbilleder gemmes i sagen.", "Mette Holm", date(2026, 6, 1)
    )
    session.add_outcome(
        "dok", "action", "Vejledning på intranettet", "Lars Dahl", date(2026, 4, 15)
    )
    session.add_outcome("dok", "action", "Tjekliste til nye", "Sofie Lund")
    session.add_outcome("dok", "question", "Hvem ser dokumentationen?")
    session.record("ikke").uncovered_reason = "Udsat til næste møde."
    return session


# -- Danish minutes -------------------------------------------------------------------------


def test_header_follows_the_med_referat() -> None:
    text = render_markdown(ended_session())
    assert text.startswith("# Referat – Lokal-MED Børn & Unge\n\n")
    assert (
        "**Udvalg:** Lokal-MED Børn & Unge  \n**Dato:** 12. marts 2026  \n"
        "**Tid:** kl. 13.15–14.45  \n**Sted:** Mødelokale 2  \n"
        "**Dialogpapir:** Dialogpapir (version 2022)\n"
    ) in text
    assert "Tidsforbrug:**" not in text and "**Status:**" not in text  # not for a sent referat
    assert "**Afbud:** Jonas Krogh (medarbejderrepræsentant)  \n" in text
    assert "**Mødeleder:** Mette Holm (formand)  \n**Referent:** Lars Dahl\n" in text
    assert "ikke afsluttet" not in text


def test_participants_by_side_with_formand_and_naestformand() -> None:
    text = render_markdown(ended_session())
    assert "## Deltagere\n\n**Ledelsessiden:** Mette Holm (formand)  \n" in text
    assert (
        "**Medarbejdersiden:** Anders Berg (næstformand, TR), Sofie Lund (AMR; ankom kl. 14.10)  \n"
    ) in text
    assert text.split("## 1.")[0].count("Lars Dahl") == 1  # the referent once, not twice
    assert "Jonas Krogh," not in text  # absent: under Afbud only


def test_formand_and_naestformand_not_on_the_list_are_still_named() -> None:
    """Typed in the new-meeting form with no participant list: the minutes must say who they are."""
    session = ended_session()
    session.chair = "Carl Nørgaard"
    session.participants = []
    text = render_markdown(session)
    assert (
        "Ingen deltagere registreret.  \n**Afbud:** Ingen  \n"
        "**Formand:** Mette Holm  \n**Næstformand:** Anders Berg  \n"
        "**Mødeleder:** Carl Nørgaard  \n**Referent:** Lars Dahl\n"
    ) in text
    english = ended_session("en")
    english.participants = []
    chaired_by_formand = render_markdown(english)
    assert "**Committee chair:**" not in chaired_by_formand  # named as the chair, with the office
    assert "**Vice-chair:** Anders Berg  \n**Chair:** Mette Holm (committee chair)" in (
        chaired_by_formand
    )
    english.chair = "Carl Nørgaard"
    assert "**Committee chair:** Mette Holm  \n**Vice-chair:** Anders Berg  \n" in (
        render_markdown(english)
    )


def test_a_place_after_its_label_is_written_as_typed() -> None:
    session = ended_session()
    session.place = "2. sal, lokale 3"
    assert "**Sted:** 2. sal, lokale 3  \n" in render_markdown(session)


def test_an_office_holder_on_the_list_is_named_there_only() -> None:
    text = render_markdown(ended_session())
    head = text.split("## 1.")[0]
    assert head.count("Mette Holm") == 2  # on the management side and as mødeleder
    assert head.count("Anders Berg") == 1
    assert "**Formand:**" not in head and "**Næstformand:**" not in head


def test_guests_and_the_referent_sit_on_no_side() -> None:
    session = ended_session()
    session.participants.append(Participant("Henrik Juul", "guest", "management", note="HR"))
    session.participants.append(Participant("Ole Bak", "guest", "management"))
    text = render_markdown(session)
    assert "**Ledelsessiden:** Mette Holm (formand)  \n" in text
    assert "**Desuden deltog:** Henrik Juul (HR); Ole Bak (gæst)  \n" in text
    assert "Lars Dahl (referent)" not in text


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("leader", "Kim"),
        ("employee-representative", "Kim"),
        ("tr", "Kim (TR)"),
        ("amr", "Kim (AMR)"),
        ("other", "Kim (andet)"),
    ],
)
def test_every_member_role_reads_in_danish(role: str, shown: str) -> None:
    session = ended_session()
    session.participants = [Participant("Kim", role)]  # type: ignore[arg-type]
    assert f"**Medarbejdersiden:** {shown}  \n" in render_markdown(session)


def test_apology_with_a_substitute_note() -> None:
    session = ended_session()
    session.participants[-1].note = "suppleant Kim Ravn deltog"
    expected = "**Afbud:** Jonas Krogh (medarbejderrepræsentant) – suppleant Kim Ravn deltog  \n"
    assert expected in render_markdown(session)


def test_no_apologies_says_none() -> None:
    session = ended_session()
    session.participants = [p for p in session.participants if p.present]
    assert "**Afbud:** Ingen  \n" in render_markdown(session)


def test_missing_chair_and_secretary_are_said_to_be_missing() -> None:
    session = ended_session()
    session.chair = session.secretary = ""
    text = render_markdown(session)
    assert "**Mødeleder:** Ikke angivet" in text and "**Referent:** Ikke angivet" in text


def test_items_carry_no_time_figures() -> None:
    text = render_markdown(ended_session())
    assert "## 1. Definition\n" in text and "## 2. Håndtering\n" in text
    assert "### 1.1 Hvad er chikane?\n" in text
    assert "### 1.2 Minimumsforpligtelser\n" in text
    assert "brugt" not in text.split("## Tidsforbrug")[0]
    assert "### 2.2 Krisehjælp\n" in text


def test_time_used_is_true_to_the_second() -> None:
    session = ended_session()
    session.record("ikke").seconds = 12
    session.record("ikke").state = "done"
    session.record("dok").seconds = 12 * 60 + 29
    text = render_markdown(session)
    assert "| 2. Håndtering | 15 min | 13 min |" in text  # 12 min 41 s
    session.record("dok").seconds = 0
    assert "| 2. Håndtering | 15 min | under 1 min |" in render_markdown(session)


def test_themes_to_do_or_set_aside_say_so() -> None:
    session = ended_session()
    text = render_markdown(session)
    assert "### 2.2 Krisehjælp\n\n**Ikke nået på mødet.**" in text
    session.ended = None
    assert "**Ikke nået endnu.**" in render_markdown(session)
    session.set_aside("ikke", "postponed", "Afventer HR")
    text = render_markdown(session)
    assert "**Udsat til næste møde:** Afventer HR\n" in text
    assert "Ikke behandlet" not in text and "Ikke nået" not in text
    session.set_aside("ikke", "skipped", "")
    assert "**Sprunget over.**\n" in render_markdown(session)


def test_added_and_carried_themes_say_where_they_come_from() -> None:
    from facilitator.carry import Leftover, carry_into
    from facilitator.items import add_on_the_spot

    session = ended_session()
    session.current_theme = "hvad"
    add_on_the_spot(session, "Eventuelt", 5)
    theme = Theme("politik", "Politik for sociale medier", 10)
    carry_into(session, [Leftover(theme, date(2026, 2, 1), "Afventer HR", postponed=True)])
    text = render_markdown(session)
    assert "## 1. Overført fra sidste møde\n\n### 1.1 Politik for sociale medier" in text
    assert "*Overført fra mødet den 1. februar 2026 (udsat: Afventer HR).*" in text
    assert "### 2.2 Eventuelt\n\n*Tilføjet under mødet.*" in text


def test_evaluation_has_planned_and_used_time_per_section() -> None:
    text = render_markdown(ended_session())
    table = text.split("## Tidsforbrug\n\n")[1].split("\n\n")[0].splitlines()
    assert table[0] == "| Punkt | Planlagt | Brugt |"
    assert table[2:] == [
        "| 1. Definition | 25 min | 28 min |",
        "| 2. Håndtering | 15 min | 12 min |",
        "| **I alt** | **40 min** | **40 min** |",
    ]
    assert text.index("## Samlet opfølgningsliste") < text.index("## Tidsforbrug")


def test_obligation_shows_taken_note_and_its_points() -> None:
    text = render_markdown(ended_session())
    assert (
        "**Gennemgået og taget til efterretning:** Ja\n\nForpligtelserne ifølge dagsordenen:\n\n"
        "- Sikr dokumentation straks.\n- Svar ikke.\n"
    ) in text
    session = ended_session()
    session.record("krav").presented = False
    assert "**Gennemgået og taget til efterretning:** Nej" in render_markdown(session)


def test_notes_decisions_agreements_actions_and_questions() -> None:
    text = render_markdown(ended_session())
    assert "**Drøftelse:** Kritik af afgørelser er legitim.\n\nPersonangreb er chikane.\n" in text
    assert "**Beslutning:** Vi bruger guidens definition.\n" in text
    assert (
        "| Aftale | Ansvarlig | Frist |\n| --- | --- | --- |\n"
        "| Skærmbilleder gemmes i sagen. | Mette Holm | 1. juni 2026 |\n"
    ) in text
    assert (
        "| Handling | Ansvarlig | Frist |\n| --- | --- | --- |\n"
        "| Vejledning på intranettet | Lars Dahl | 15. april 2026 |\n"
        "| Tjekliste til nye | Sofie Lund |   |\n"
    ) in text
    assert "**Åbent spørgsmål:** Hvem ser dokumentationen?\n" in text
    assert "Deadline" not in text and "Opfølgning:" not in text


def test_discussion_without_decision_says_so() -> None:
    session = ended_session()
    session.set_notes("dok", "Vi talte om det.")
    session.record("dok").outcomes = [
        o for o in session.record("dok").outcomes if o.kind == "question"
    ]
    section = render_markdown(session).split("### 2.1")[1].split("###")[0]
    assert "*Ingen beslutning eller aftale under punktet.*" in section


def test_uncovered_themes_are_marked_with_their_reason() -> None:
    session = ended_session()
    text = render_markdown(session)
    assert "### 2.2 Krisehjælp\n\n**Ikke nået på mødet.** Udsat til næste møde.\n" in text
    session.record("krav").presented = False
    text = render_markdown(session)
    obligation = text.split("### 1.2")[1].split("###")[0]
    assert "**Ikke behandlet.**\n" in obligation  # no reason given: the mark alone
    assert "**Gennemgået og taget til efterretning:** Nej" in obligation


def test_follow_up_review_table_in_danish() -> None:
    session = ended_session()
    statuses: list[ReviewStatus] = ["done", "in-progress", "not-started", "dropped", ""]
    session.reviews = [
        Review(
            f"id{n}",
            "agreement",
            f"Opgave {n}",
            "Mette Holm",
            date(2026, 1, 31),
            date(2025, 11, 20),
            status=s,
            comment="ok",
        )
        for n, s in enumerate(statuses)
    ]
    text = render_markdown(session)
    assert (
        "## Opfølgning på tidligere aftaler\n\n"
        "Gennemgang af aftaler og handlinger fra mødet den 20. november 2025.\n"
    ) in text
    assert "| Opgave | Type | Ansvarlig | Frist | Status | Bemærkning |" in text
    for n, label in enumerate(["Udført", "I gang", "Ikke påbegyndt", "Udgået", "Ikke vurderet"]):
        assert f"| Opgave {n} | Aftale | Mette Holm | 31. januar 2026 | {label} | ok |" in text
    assert text.index("## Opfølgning på tidligere aftaler") < text.index("## 1. Definition")


def test_no_review_section_without_reviews() -> None:
    assert "Opfølgning på tidligere" not in render_markdown(ended_session())


def test_summary_lists_every_agreement_and_action() -> None:
    text = render_markdown(ended_session())
    summary = text.split("## Samlet opfølgningsliste\n\n")[1].split("\n\n")[0].splitlines()
    assert summary[0] == "| # | Opgave | Type | Ansvarlig | Frist | Punkt |"
    assert summary[2:] == [
        "| 1 | Skærmbilleder gemmes i sagen. | Aftale | Mette Holm | 1. juni 2026 | 2.1 |",
        "| 2 | Vejledning på intranettet | Handling | Lars Dahl | 15. april 2026 | 2.1 |",
        "| 3 | Tjekliste til nye | Handling | Sofie Lund |   | 2.1 |",
    ]


def test_summary_says_when_nothing_was_agreed() -> None:
    session = ended_session()
    for record in session.themes:
        record.outcomes = []
    expected = "## Samlet opfølgningsliste\n\nDer blev ikke aftalt nogen opfølgning.\n"
    assert expected in render_markdown(session)


def test_footer_has_status_and_the_dialogue_papers_source() -> None:
    text = render_markdown(ended_session())
    assert text.endswith(
        "\n---\n\n*Referatstatus:* Udkast  \n*Dialogpapir:* Dialogpapir (version 2022)  \n"
        "*Kilde:* Norddjurs Kommune\n"
    )


def test_approved_by_formand_and_naestformand() -> None:
    session = ended_session()
    session.approve("Mette Holm", at(10, 0, day=20), vice_by="Anders Berg")
    text = render_markdown(session)
    assert "*Referatstatus:* Godkendt af Mette Holm og Anders Berg den 20. marts 2026" in text
    session.approve("Mette Holm", at(10, 0, day=20), "Anders Berg", at(9, 0, day=23))
    assert (
        "*Referatstatus:* Godkendt af Mette Holm den 20. marts 2026 og af Anders Berg den "
        "23. marts 2026"
    ) in render_markdown(session)
    session.approve("Mette Holm", at(10, 0, day=20))
    assert "*Referatstatus:* Godkendt af Mette Holm den 20. marts 2026  \n" in (
        render_markdown(session)
    )


def test_both_approvals_survive_a_round_trip_and_a_correction_revokes_them() -> None:
    session = ended_session()
    session.approve("Mette Holm", at(10, 0, day=20), "Anders Berg", at(9, 0, day=23))
    back = codec.session_from_data(tomllib.loads(codec.session_to_toml(session)))
    assert (back.approved_by, back.vice_approved_by) == ("Mette Holm", "Anders Berg")
    assert back.vice_approved_at == at(9, 0, day=23)
    assert (back.formand, back.naestformand) == ("Mette Holm", "Anders Berg")
    _record, outcome = back.outcomes()[0]
    back.update_outcome(outcome.id, outcome.kind, "Rettet")
    assert back.minutes_status == "draft" and not back.vice_approved_by


def test_unfinished_meeting_says_so() -> None:
    session = ended_session()
    session.ended = None
    text = render_markdown(session)
    assert "**Tid:** kl. 13.15  \n" in text
    assert "> **Mødet er ikke afsluttet.**" in text
    assert "*Referatstatus:* Udkast – mødet er ikke afsluttet" in text


def test_meeting_never_started_shows_the_planned_time_and_zero_minutes() -> None:
    session = Session.new("LMU", small_agenda())
    session.planned_start = at(9, 0)
    text = render_markdown(session)
    assert "**Tid:** planlagt kl. 9.00" in text
    assert "| **I alt** | **40 min** | **0 min** |" in text
    assert text.count("**Ikke nået endnu.**") == 4
    assert "Ingen deltagere registreret." in text


def test_times_are_the_wall_time_as_stored() -> None:
    session = ended_session()
    far_east = timezone(timedelta(hours=9))
    session.started = datetime(2026, 3, 12, 8, 5, tzinfo=far_east)
    session.ended = datetime(2026, 3, 12, 9, 50, tzinfo=far_east)
    assert "kl. 8.05–9.50" in render_markdown(session)


def test_date_and_time_formats() -> None:
    months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
              "september", "oktober", "november", "december"]  # fmt: skip
    for number, month in enumerate(months, start=1):
        assert format_date(date(2026, number, 1), "da") == f"1. {month} 2026"
    assert format_date(date(2026, 3, 12), "en") == "12 March 2026"
    assert format_time(at(9, 5), "da") == "9.05"
    assert format_time(at(9, 5), "en") == "09:05"


@pytest.mark.parametrize(
    ("seconds", "minutes", "text"),
    [(0, 0, "0"), (1, 0, "under 1"), (29.9, 0, "under 1"), (30, 1, "1"), (89, 1, "1"),
     (90, 2, "2"), (871, 15, "15")],
)  # fmt: skip
def test_used_minutes_are_rounded_as_the_agenda_shows_them(
    seconds: float, minutes: int, text: str
) -> None:
    # One rule for the agenda panel and the minutes: 20 s read "0" on screen; the minutes say
    # "under 1" for any time at all below half a minute, never "brugt 1 min".
    assert used_minutes(seconds) == minutes
    session = ended_session()
    for record in session.themes:
        record.seconds = 0
    session.record("ikke").seconds = seconds
    session.record("ikke").state = "done"
    assert f"| 2. Håndtering | 15 min | {text} min |" in render_markdown(session)


# -- English minutes ------------------------------------------------------------------------


def test_english_minutes() -> None:
    session = ended_session("en")
    session.reviews = [
        Review("r", "action", "Old task", status="dropped", meeting_date=date(2025, 11, 20))
    ]
    text = render_markdown(session)
    assert text.startswith("# Minutes – Lokal-MED Børn & Unge\n")
    assert "**Date:** 12 March 2026  \n**Time:** 13:15–14:45  \n" in text
    assert "**Place:** Mødelokale 2" in text
    assert "**Management side:** Mette Holm (committee chair)" in text
    assert "Anders Berg (vice-chair, union representative)" in text
    assert "Sofie Lund (health and safety representative; arrived 14:10)" in text
    assert "**Apologies:** Jonas Krogh (employee representative)" in text
    assert "**Chair:** Mette Holm (committee chair)  \n**Secretary:** Lars Dahl" in text
    assert "## Follow-up on earlier agreements" in text and "| Dropped |" in text
    assert "**Presented and noted:** Yes" in text
    assert "| Skærmbilleder gemmes i sagen. | Mette Holm | 1 June 2026 |" in text
    assert "**Not reached at the meeting.** Udsat til næste møde." in text
    assert "## Follow-up list\n\n| # | Task | Type | Responsible | Due | Item |" in text
    assert "## Time used\n\n| Item | Planned | Used |" in text
    assert "*Status of the minutes:* Draft" in text
    assert "Referat" not in text and "Drøftelse" not in text
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)


# -- escaping -------------------------------------------------------------------------------


def test_typed_text_cannot_change_the_structure() -> None:
    session = ended_session()
    session.committee = "# LMU | <script>"
    session.place = "[x](javascript:alert(1))"
    session.set_notes("hvad", "# Overskrift\n- punkt\n1. tal\n| a | b |\n|---|---|")
    session.record("dok").outcomes[0].owner = "Mette | Holm"
    text = render_markdown(session)
    tokens = MD.parse(text)
    assert [t.tag for t in tokens if t.type == "heading_open"].count("h1") == 1
    # agreements and actions of 2.1, the follow-up list, the time per section
    assert sum(t.type == "table_open" for t in tokens) == 4
    assert not any(
        t.type in ("html_block", "code_block", "fence", "ordered_list_open") for t in tokens
    )
    html = MD.render(text)
    assert "<script" not in html and "<a " not in html
    assert "# LMU | &lt;script&gt;" in html


def _plain(text: str) -> str:
    """What the model stores for multi-line text: as Session.set_notes cleans it."""
    return clean_text(text)


def _shape_block(text: str) -> str:
    """Benign text with the same lines and blank lines: the structure it must render to."""
    lines = clean_text(text).split("\n")
    return "\n".join("x" if line.strip() else "" for line in lines)


def _shape_line(text: str) -> str:
    return "x" if clean_line(text) else ""


def _hostile_session(
    values: list[str], block: Callable[[str], str], line: Callable[[str], str]
) -> Session:
    """A session with every typed field taken from `values`, passed through `block`/`line`."""
    pool = itertools.cycle(values)

    def b() -> str:
        return block(next(pool))

    def li() -> str:
        return line(next(pool))

    agenda = small_agenda(
        agenda=li() or "a", version=li(), source=li(), section1=li() or "s",
        section2=li() or "s", theme1=li() or "t", theme2=li() or "t", theme3=li() or "t",
        theme4=li() or "t", prompt=li() or "p",
    )  # fmt: skip
    session = Session.new(li() or "c", agenda)
    session.started, session.ended = at(13, 15), at(14, 45)
    session.place, session.chair, session.secretary = li(), li(), li()
    session.participants = [
        Participant(li() or "n", "leader", "management", note=li()),
        Participant(li() or "n", "tr", "employees", arrived=at(13, 30)),
        Participant(li() or "n", "amr", "employees", present=False),
    ]
    session.reviews = [
        Review("r1", "agreement", li(), li(), date(2026, 1, 1), status="done", comment=li())
    ]
    for record in session.themes:
        record.notes = b()
        record.uncovered_reason = b()
        record.presented = record.theme_id == "krav"
        kinds: tuple[OutcomeKind, ...] = ("decision", "agreement", "action", "action", "question")
        for kind in kinds:
            session.add_outcome(record.theme_id, kind, "x", due=date(2026, 5, 1))
            outcome = record.outcomes[-1]
            outcome.text, outcome.owner = b(), li()
    session.record("ikke").notes = ""
    session.record("ikke").outcomes = []
    return session


def _structure(tokens: list[Token]) -> list[tuple[str, ...]]:
    """Block structure, and each inline's children with runs of plain text taken as one."""
    result: list[tuple[str, ...]] = []
    for token in tokens:
        if token.type != "inline":
            result.append((token.type, token.tag, str(token.nesting)))
            continue
        children: list[str] = []
        for child in token.children or []:
            kind = "text" if child.type in ("text", "softbreak") else child.type
            if not (kind == "text" and children and children[-1] == "text"):
                children.append(kind)
        result.append(("inline", *children))
    return result


def _words(text: str) -> str:
    return " ".join(clean_text(text).split())


HOSTILE = [
    "# x", "| a | b |", "- x", "1. x", "2) y", "> x", "`x`", "```\nx\n```", "<script>alert(1)</script>",
    "[a](javascript:alert(1))", "    code", "\tTab", "x #", "***", "---", "===", "&amp;",
    "[ref]: http://example.com", "😀 emoji", "Æble, øl og å", "a\n---", "a\n===", "*a* _b_",
    "line\n\nparagraph", "a\\", "<b>", "~~s~~", "\\", "", "  ", "x\n\n\n# y\n- z",
]  # fmt: skip
_ALPHABET = [*"#|-*_+=>.:)([]!<>/`~&;\\ \t\n0123456789aæ", "\n\n", "    ", "1."]
_texts = st.one_of(
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(_ALPHABET), max_size=25).map("".join),
    st.text(max_size=15),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(_texts, min_size=1, max_size=12))
def test_hostile_text_anywhere_keeps_the_exact_structure(values: list[str]) -> None:
    hostile = _hostile_session(values, _plain, clean_line)
    benign = _hostile_session(values, _shape_block, _shape_line)
    hostile_tokens = MD.parse(render_markdown(hostile))
    assert _structure(hostile_tokens) == _structure(MD.parse(render_markdown(benign)))
    shown = _words(
        " ".join(
            child.content if child.type == "text" else " "
            for token in hostile_tokens
            if token.type == "inline"
            for child in token.children or []
        )
    )
    for value in values:
        assert _words(value) in shown


def test_control_characters_from_a_file_do_not_break_the_minutes() -> None:
    session = ended_session()
    session.record("hvad").notes = "\x00\x1b"  # not cleaned: as a hand-edited file may hold it
    session.committee = "LMU\x07"
    text = render_markdown(session)
    assert "\x00" not in text and "\x07" not in text


# -- the example files ----------------------------------------------------------------------


def test_example_files_are_current() -> None:
    """docs/examples is generated: `.venv/bin/python docs/examples/make_examples.py`."""
    session = load_session(EXAMPLES / "referat.toml")
    assert (EXAMPLES / "referat.md").read_text(encoding="utf-8") == render_markdown(session)
    assert (EXAMPLES / "referat.html").read_text(encoding="utf-8") == render_html(session)


def test_example_minutes_are_complete() -> None:
    text = (EXAMPLES / "referat.md").read_text(encoding="utf-8")
    assert "## Opfølgning på tidligere aftaler" in text
    assert "**Udsat til næste møde:** Tages op, når personalejuristen deltager." in text
    assert text.count("| Aftale |") + text.count("| Handling |") >= 9


def test_toml_is_the_session_file_and_renders_the_same_minutes() -> None:
    session = ended_session()
    data = tomllib.loads(session_to_toml(session))
    assert data == tomllib.loads(session_to_toml(codec.session_from_data(data)))
    assert render_markdown(codec.session_from_data(data)) == render_markdown(session)


def test_builtin_agendas_render_in_their_language() -> None:
    for name, heading in (
        ("sociale-medier", "# Referat – LMU"),
        ("social-media", "# Minutes – LMU"),
    ):
        session = Session.new("LMU", load_agenda(ROOT / "agendas" / f"{name}.toml"))
        assert render_markdown(session).startswith(heading)
