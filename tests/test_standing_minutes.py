"""What the minutes and the end-of-meeting check say about the MED standing items.

A MED referat says «Dagsordenen blev godkendt uden bemærkninger» or «Eventuelt: Intet» under a
standing item taken with nothing raised (docs: shared/domain/minutes-skeleton.md); it asks no
reason for one. Only a standing item the meeting never came to is «Ikke nået på mødet».
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from support import FakeTime

from facilitator.agenda import load_agenda
from facilitator.clock import MeetingClock
from facilitator.minutes import render_markdown
from facilitator.minutes_docx import render_docx
from facilitator.minutes_html import render_html
from facilitator.session import Session
from facilitator.standing import (
    AGENDA_ID,
    EVALUATION_ID,
    MINUTES_ID,
    NEWS_ID,
    NEXT_MEETING_ID,
    OTHER_BUSINESS_ID,
    add_standing_items,
)

AGENDAS = Path(__file__).resolve().parent.parent / "agendas"
OPENING = (AGENDA_ID, MINUTES_ID, NEWS_ID)
CLOSING = (OTHER_BUSINESS_ID, EVALUATION_ID, NEXT_MEETING_ID)


def meeting(agenda: str = "sociale-medier") -> tuple[Session, MeetingClock, FakeTime]:
    """A meeting with its standing items whose paper has all been discussed (notes on it)."""
    session = Session.new("LMU Nord", load_agenda(AGENDAS / f"{agenda}.toml"))
    add_standing_items(session)
    for record in session.themes:
        if record.origin != "standing":
            record.notes, record.presented, record.state = "Drøftet.", True, "done"
    fake = FakeTime()
    return session, MeetingClock(session, monotonic=fake.monotonic, wall=fake.wall), fake


def take(clock: MeetingClock, fake: FakeTime, theme_id: str, seconds: float = 10) -> None:
    """Go to a standing item, ask «any remarks?», move on with n."""
    clock.goto(theme_id)
    clock.start()
    fake.advance(seconds)
    clock.next()


def test_moving_on_from_a_standing_item_takes_it_but_a_theme_needs_a_minute() -> None:
    session, clock, fake = meeting()
    paper = "hvad-er-chikane"
    session.record(paper).notes, session.record(paper).state = "", "pending"
    clock.start()
    fake.advance(3)
    clock.next()
    assert session.record(AGENDA_ID).state == "done"
    fake.advance(3)
    clock.previous()
    assert session.record(MINUTES_ID).state == "pending"  # going back takes nothing
    clock.goto(NEWS_ID)
    fake.advance(1)
    clock.next()
    assert session.record(NEWS_ID).state == "pending"  # skimming ahead with n takes nothing
    assert NEWS_ID in [r.theme_id for r in session.standing_not_reached()]
    assert session.current_theme == paper
    fake.advance(3)
    clock.next()
    assert session.record(paper).state == "pending"  # the paper's visit rule is unchanged


def test_the_check_asks_no_reason_for_standing_items_taken_with_nothing_raised() -> None:
    session, clock, fake = meeting()
    for theme_id in (*OPENING, *CLOSING):
        take(clock, fake, theme_id)
    clock.finish()
    assert session.uncovered() == []
    assert session.standing_not_reached() == []


def test_a_standing_item_never_reached_is_named_but_asks_no_reason() -> None:
    session, clock, fake = meeting()
    for theme_id in OPENING:
        take(clock, fake, theme_id)
    clock.finish()  # ended on the paper: the closing items were never reached
    assert [r.theme_id for r in session.standing_not_reached()] == list(CLOSING)
    assert session.uncovered() == []
    # The paper's own themes are checked as before.
    session.record("krisehjaelp").notes = ""
    assert [r.theme_id for r in session.uncovered()] == ["krisehjaelp"]


@pytest.mark.parametrize(
    ("agenda", "expected", "not_reached"),
    [
        (
            "sociale-medier",
            [
                "## 1. Godkendelse af dagsorden\n\n"
                "**Beslutning:** Dagsordenen blev godkendt uden bemærkninger.\n",
                "**Beslutning:** Referatet blev godkendt uden bemærkninger.\n",
                "## 3. Meddelelser\n\nIngen meddelelser.\n",
                "## 8. Eventuelt\n\nIntet.\n",
                "## 9. Evaluering af mødet\n\nIngen bemærkninger.\n",
                "## 10. Næste møde\n\nTidspunkt for næste møde blev ikke fastsat.\n",
            ],
            "Ikke nået",
        ),
        (
            "social-media",
            [
                "**Decision:** The agenda was approved without remarks.\n",
                "**Decision:** The minutes were approved without remarks.\n",
                "## 3. Announcements\n\nNo announcements.\n",
                "## 8. Any other business\n\nNothing was raised.\n",
                "## 9. Evaluation of the meeting\n\nNo remarks.\n",
                "## 10. Next meeting\n\nNo date was set for the next meeting.\n",
            ],
            "Not reached",
        ),
    ],
)
def test_minutes_say_what_a_med_referat_says_under_untouched_standing_items(
    agenda: str, expected: list[str], not_reached: str
) -> None:
    session, clock, fake = meeting(agenda)
    for theme_id in (*OPENING, *CLOSING):
        take(clock, fake, theme_id)
    clock.finish()
    session.ended = fake.wall()
    text = render_markdown(session)
    for line in expected:
        assert line in text
    assert not_reached not in text
    page = render_html(session)
    word = "\n".join(p.text for p in Document(io.BytesIO(render_docx(session))).paragraphs)
    for line in expected:
        sentence = line.rsplit("\n\n", 1)[-1].replace("**", "").strip()
        assert sentence.split(": ")[-1] in page
        assert sentence in word


def test_minutes_say_a_standing_item_was_not_reached_and_what_was_raised() -> None:
    session, clock, fake = meeting()
    take(clock, fake, AGENDA_ID)
    take(clock, fake, NEWS_ID)
    session.set_notes(NEWS_ID, "Ny leder i borgerservice fra 1. april.")
    clock.finish()
    session.ended = fake.wall()
    text = render_markdown(session)
    news = text.split("## 3. Meddelelser\n\n")[1].split("## ")[0]
    assert news == "Ny leder i borgerservice fra 1. april.\n\n"  # no «Ingen meddelelser»
    assert "## 8. Eventuelt\n\n**Ikke nået på mødet.**\n" in text
    assert "Intet." not in text


def test_a_next_meeting_that_was_set_is_said_once() -> None:
    from datetime import date

    session, clock, fake = meeting()
    take(clock, fake, NEXT_MEETING_ID)
    session.next_meeting_date = date(2026, 6, 9)
    text = render_markdown(session)
    assert "**Næste møde:** 9. juni 2026" in text
    assert "ikke fastsat" not in text
