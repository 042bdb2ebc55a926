"""A meeting that runs past midnight, or is paused overnight: its time span states the dates.

The minutes' header (Markdown, and the HTML and Word made from it) must never read as if
the meeting ended before it began, or within one day, when its end fell on another date.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest
from docx import Document
from support import CET, FakeTime, drawn

from facilitator.clock import MeetingClock
from facilitator.minutes import render_markdown
from facilitator.minutes_docx import render_docx
from facilitator.minutes_html import render_html
from facilitator.session import Participant, Session
from facilitator.store import save_session
from facilitator.tui.app import FacilitatorApp, StartMeeting
from facilitator.tui.screens.minutes import MinutesScreen

AGENDAS = {"da": "sociale-medier", "en": "social-media"}


def meeting(language: str, start: datetime, end: datetime) -> Session:
    from facilitator.catalog import resolve_agenda

    session = Session.new("LMU Vest", resolve_agenda(AGENDAS[language]))
    session.started, session.ended = start, end
    return session


def docx_text(session: Session) -> str:
    document = Document(io.BytesIO(render_docx(session)))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


@pytest.mark.parametrize(
    ("language", "span", "wrong"),
    [
        ("da", "kl. 23.30 til kl. 0.45 den 3. december 2026", "23.30–0.45"),
        ("en", "23:30 to 00:45 on 3 December 2026", "23:30–00:45"),
    ],
)
def test_a_meeting_past_midnight_gives_its_end_with_its_date(
    language: str, span: str, wrong: str
) -> None:
    session = meeting(
        language,
        datetime(2026, 12, 2, 23, 30, tzinfo=CET),
        datetime(2026, 12, 3, 0, 45, tzinfo=CET),
    )
    date_label, time_label = ("Dato", "Tid") if language == "da" else ("Date", "Time")
    first_day = "2. december 2026" if language == "da" else "2 December 2026"
    markdown = render_markdown(session)
    assert f"**{date_label}:** {first_day}  \n**{time_label}:** {span}  \n" in markdown
    html = render_html(session)
    assert f"<strong>{time_label}:</strong> {span}<br>" in html
    word = docx_text(session)
    assert f"{time_label}: {span}" in word
    for text in (markdown, html, word):
        assert wrong not in text


@pytest.mark.parametrize(("language", "span"), [("da", "kl. 13.15–14.45"), ("en", "13:15–14:45")])
def test_a_meeting_within_one_day_reads_as_it_always_has(language: str, span: str) -> None:
    session = meeting(
        language,
        datetime(2026, 12, 2, 13, 15, tzinfo=CET),
        datetime(2026, 12, 2, 14, 45, tzinfo=CET),
    )
    label = "Tid" if language == "da" else "Time"
    assert f"**{label}:** {span}  \n" in render_markdown(session)


def test_a_meeting_paused_overnight_and_resumed_the_next_morning() -> None:
    """The clock's own start and end: the span runs to the next day, and says so."""
    time = FakeTime(start=datetime(2026, 12, 2, 15, 30, tzinfo=CET))
    session = meeting("da", time.wall(), time.wall())
    session.started = session.ended = None
    clock = MeetingClock(session, monotonic=time.monotonic, wall=time.wall)
    clock.start()
    time.advance(30 * 60)
    clock.pause()  # 16.00: the committee goes home and meets again in the morning
    time.advance(17 * 3600)
    clock.start()
    time.advance(45 * 60)
    clock.pause()
    session.ended = time.wall()
    text = render_markdown(session)
    assert "**Dato:** 2. december 2026  \n" in text
    assert "**Tid:** kl. 15.30 til kl. 9.45 den 3. december 2026  \n" in text
    # The clock counted only the meeting, not the night: the time table says 75 minutes.
    assert "**75 min**" in text


def test_a_reopened_meeting_ended_the_next_day_dates_its_end() -> None:
    session = meeting(
        "en",
        datetime(2026, 12, 2, 13, 0, tzinfo=CET),
        datetime(2026, 12, 2, 15, 0, tzinfo=CET),
    )
    session.reopen()  # ctrl+e by mistake; taken up again the next day
    session.ended = datetime(2026, 12, 3, 10, 20, tzinfo=CET)
    assert "**Time:** 13:00 to 10:20 on 3 December 2026  \n" in render_markdown(session)


@pytest.mark.parametrize(
    ("language", "arrived", "left"),
    [
        ("da", "AMR; ankom kl. 0.10 den 3. december 2026", "TR; gik kl. 23.50"),
        (
            "en",
            "health and safety representative; arrived 00:10 on 3 December 2026",
            "union representative; left 23:50",
        ),
    ],
)
def test_an_arrival_after_midnight_gives_its_date(language: str, arrived: str, left: str) -> None:
    session = meeting(
        language,
        datetime(2026, 12, 2, 23, 30, tzinfo=CET),
        datetime(2026, 12, 3, 0, 45, tzinfo=CET),
    )
    session.participants = [
        Participant(
            "Mia Holm", "amr", "employees", arrived=datetime(2026, 12, 3, 0, 10, tzinfo=CET)
        ),
        Participant("Ole Berg", "tr", "employees", left=datetime(2026, 12, 2, 23, 50, tzinfo=CET)),
    ]
    text = render_markdown(session)
    assert f"Mia Holm ({arrived})" in text
    assert f"Ole Berg ({left})" in text  # on the meeting's own date: a bare time


async def test_the_review_screen_shows_the_end_with_its_date(tmp_path: Path) -> None:
    """What the secretary reads before sending, at 80x24: the same words as the export."""
    session = meeting(
        "da",
        datetime(2026, 12, 2, 23, 30, tzinfo=CET),
        datetime(2026, 12, 3, 0, 45, tzinfo=CET),
    )
    path = tmp_path / "2026-12-02-lmu-vest-sociale-medier.toml"
    save_session(session, path)
    app = FacilitatorApp(sessions_dir=tmp_path, start=StartMeeting(session, path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen)
        shown = drawn(app)
        assert "Tid: kl. 23.30 til kl. 0.45 den 3. december 2026" in shown
        assert "23.30–0.45" not in shown
