"""The MED standing items frame the dialogue paper: on by default, off with standing_items."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from support import AGENDA_FILE

from facilitator import codec
from facilitator.agenda import AgendaError, load_agenda
from facilitator.carry import leftovers
from facilitator.minutes import render_markdown
from facilitator.session import Session
from facilitator.standing import (
    AGENDA_ID,
    EVALUATION_ID,
    NEXT_MEETING_ID,
    STANDING_MINUTES,
    add_standing_items,
    minutes_to_add,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def session() -> Session:
    made = Session.new("LMU Nord", load_agenda(AGENDA_FILE))
    add_standing_items(made)
    return made


def test_standing_items_frame_the_paper_in_order(session: Session) -> None:
    titles = [section.title for section in session.agenda.sections]
    assert titles[:3] == [
        "Godkendelse af dagsorden",
        "Godkendelse af referat fra sidste møde",
        "Meddelelser",
    ]
    assert titles[-3:] == ["Eventuelt", "Evaluering af mødet", "Næste møde"]
    assert session.current_theme == AGENDA_ID  # the meeting opens on the agenda's approval
    assert {r.origin for r in session.themes if r.theme_id == EVALUATION_ID} == {"standing"}


def test_standing_items_are_items_with_notes_and_outcomes(session: Session) -> None:
    session.add_outcome(AGENDA_ID, "decision", "Dagsordenen blev godkendt.")
    session.set_notes(EVALUATION_ID, "Et godt møde.")
    session.next_meeting_date = date(2026, 6, 9)
    session.next_meeting_time = "13.00"
    session.next_meeting_place = "Mødelokale 2"
    text = render_markdown(session)
    assert "## 1. Godkendelse af dagsorden\n\n**Beslutning:** Dagsordenen blev godkendt.\n" in text
    evaluation = text.split("Evaluering af mødet\n\n")[1].split("## ")[0]
    assert evaluation.startswith("Et godt møde.\n\n| Punkt | Planlagt | Brugt |")
    assert "**Næste møde:** 9. juni 2026, kl. 13.00, Mødelokale 2" in text
    assert "## Tidsforbrug" not in text  # the time table sits in the evaluation
    assert "### 1.1" not in text  # a standing item is one heading


def test_a_standing_item_is_one_point_in_the_tables_and_the_chart(session: Session) -> None:
    from facilitator.minutes_html import render_html
    from facilitator.standing import NEWS_ID

    session.add_outcome(NEWS_ID, "action", "Nyt ESDH-skabelon sendes rundt", "Lars")
    text = render_markdown(session)
    assert "| 1 | Nyt ESDH-skabelon sendes rundt | Handling | Lars |   | 3 |" in text
    assert "| 4.1 |" not in text and "### 4.1 Hvad er chikane" in text  # the paper keeps x.y
    page = render_html(session)
    assert ">3 Meddelelser<" in page and ">4.1 Hvad er chikane" in page


def test_standing_items_survive_the_session_file(session: Session) -> None:
    session.next_meeting_date = date(2026, 6, 9)
    session.next_meeting_place = "Mødelokale 2"
    back = codec.session_from_data(tomllib.loads(codec.session_to_toml(session)))
    assert [r.theme_id for r in back.themes] == [r.theme_id for r in session.themes]
    assert back.record(NEXT_MEETING_ID).origin == "standing"
    assert (back.next_meeting_date, back.next_meeting_place) == (date(2026, 6, 9), "Mødelokale 2")
    assert back.agenda.standing_items


def test_english_standing_items() -> None:
    made = Session.new("LMU", load_agenda(ROOT / "agendas" / "social-media.toml"))
    add_standing_items(made, previous=date(2025, 11, 20))
    titles = [section.title for section in made.agenda.sections]
    assert titles[:2] == [
        "Approval of the agenda",
        "Approval of the minutes of the meeting on 20 November 2025",
    ]
    assert titles[-1] == "Next meeting"


def test_an_agenda_turns_them_off(tmp_path: Path) -> None:
    text = AGENDA_FILE.read_text(encoding="utf-8")
    path = tmp_path / "uden.toml"
    path.write_text(text.replace("\nlanguage = ", "\nstanding_items = false\nlanguage = ", 1))
    agenda = load_agenda(path)
    assert agenda.standing_items is False
    made = Session.new("LMU", agenda)
    add_standing_items(made)
    assert [s.id for s in made.agenda.sections] == [s.id for s in agenda.sections]
    assert agenda.to_data()["standing_items"] is False


def test_a_wrong_value_is_named_with_its_place(tmp_path: Path) -> None:
    text = AGENDA_FILE.read_text(encoding="utf-8")
    path = tmp_path / "forkert.toml"
    path.write_text(text.replace("\nlanguage = ", '\nstanding_items = "nej"\nlanguage = ', 1))
    with pytest.raises(AgendaError) as caught:
        load_agenda(path)
    assert any('"standing_items" must be true or false' in p for p in caught.value.problems)
    assert str(path) in caught.value.problems[0]


def test_added_only_once_and_never_carried(session: Session) -> None:
    count = len(session.themes)
    add_standing_items(session)
    assert len(session.themes) == count
    session.ended = session.created
    assert not [item for item in leftovers(session) if item.theme.id == EVALUATION_ID]


def test_a_followup_reviews_earlier_outcomes_once_under_its_own_item(session: Session) -> None:
    from datetime import datetime, timedelta, timezone

    from facilitator.followup import set_review, start_followup

    session.started = datetime(2026, 3, 2, 14, 0, tzinfo=timezone(timedelta(hours=1)))
    session.ended = session.started + timedelta(hours=2)
    for record in session.themes:
        record.state = "done"
    paper = session.themes[3].theme_id
    outcome = session.add_outcome(paper, "action", "Lav en tjekliste", "Søren")
    session.record(paper).state = "postponed"
    session.record(paper).reason = "Afventer HR."
    followup = start_followup(session, [])
    set_review(followup, outcome.id, "done", "Ligger på intranettet")
    followup.set_notes("opfoelgning-tidligere", "Gennemgået punkt for punkt.")
    text = render_markdown(followup)
    assert text.count("## 4. Opfølgning på tidligere aftaler\n") == 1
    assert "### Opfølgning på tidligere aftaler" not in text  # not again under item 2
    item = text.split("## 4. Opfølgning på tidligere aftaler\n")[1].split("\n## ")[0]
    assert "Gennemgået punkt for punkt." in item
    assert "| Lav en tjekliste | Handling | Søren |   | Udført | Ligger på intranettet |" in item
    # The table is what the item dealt with: not «no decision or agreement» above it.
    assert "Ingen beslutning eller aftale" not in item
    # The reason of a carried theme is not closed twice: «(udsat: Afventer HR).»
    assert "(udsat: Afventer HR)." in text and "HR.)" not in text


def test_the_form_adds_standing_minutes_only_for_items_the_agenda_lacks(session: Session) -> None:
    """The new-meeting form says «(+22 min til de faste MED-punkter)»; a follow-up's agenda
    already lists the items, and saying +22 there would count them twice."""
    from facilitator.followup import start_followup

    assert minutes_to_add(load_agenda(AGENDA_FILE)) == STANDING_MINUTES == 22
    session.ended = session.created
    followup = start_followup(session, [])
    assert minutes_to_add(followup.agenda) == 0
    assert followup.planned_minutes == sum(record.timebox for record in followup.themes)
