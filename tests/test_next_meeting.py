"""«Næste møde»: the time as typed becomes the minutes' style; a change withdraws an approval."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from facilitator.agenda import Agenda
from facilitator.minutes import render_markdown
from facilitator.next_meeting import MeetingTimeError, parse_meeting_time, set_next_meeting
from facilitator.session import Session
from facilitator.standing import add_standing_items

CET = timezone(timedelta(hours=1))


@pytest.mark.parametrize(
    ("typed", "danish", "english"),
    [
        ("14", "14.00", "14:00"),
        ("14.00", "14.00", "14:00"),
        ("9:30", "9.30", "09:30"),
        ("kl. 14-16", "14.00–16.00", "14:00–16:00"),
        ("kl 13.15 – kl 15.45", "13.15–15.45", "13:15–15:45"),
        ("  ", "", ""),
    ],
)
def test_a_typed_time_reads_as_the_minutes_write_it(typed: str, danish: str, english: str) -> None:
    assert parse_meeting_time(typed, "da") == danish
    assert parse_meeting_time(typed, "en") == english


@pytest.mark.parametrize("typed", ["efter frokost", "25.00", "14.60", "14-", "1400-1600", "14:0"])
def test_what_is_not_a_time_of_day_is_refused(typed: str) -> None:
    with pytest.raises(MeetingTimeError):
        parse_meeting_time(typed, "da")


def test_the_minutes_print_it_under_the_item_or_without_the_standing_items(
    sample_agenda: Agenda,
) -> None:
    session = Session.new("LMU Nord", sample_agenda)
    add_standing_items(session)
    assert set_next_meeting(session, date(2026, 6, 9), "14.00–16.00", "Mødelokale 2\x1b[31m")
    text = render_markdown(session)
    expected = "**Næste møde:** 9. juni 2026, kl. 14.00–16.00, Mødelokale 2\n"
    section = text.split("## 10. Næste møde\n")[1].split("## ")[0]
    assert expected in section
    assert "\x1b" not in text
    plain = Session.new("LMU Nord", sample_agenda)
    set_next_meeting(plain, date(2026, 6, 9), "", "")
    assert "**Næste møde:** 9. juni 2026\n" in render_markdown(plain)


def test_a_change_withdraws_the_approval_and_no_change_keeps_it(sample_agenda: Agenda) -> None:
    session = Session.new("LMU Nord", sample_agenda)
    session.approve("Anne", datetime(2026, 3, 3, 9, 0, tzinfo=CET), "Mia")
    assert not set_next_meeting(session, None, "", "")
    assert (session.minutes_status, session.vice_approved_by) == ("approved", "Mia")
    assert set_next_meeting(session, None, "", "Kantinen")
    assert (session.minutes_status, session.vice_approved_by) == ("draft", "")
    assert session.next_meeting_place == "Kantinen"


def test_the_screen_line_reads_like_the_minutes(sample_agenda: Agenda) -> None:
    from facilitator.next_meeting import next_meeting_text

    session = Session.new("LMU Nord", sample_agenda)
    assert next_meeting_text(session, "da") == ""
    set_next_meeting(session, date(2026, 6, 9), "14.00–16.00", "Mødelokale 2")
    assert next_meeting_text(session, "da") == "9. juni 2026, kl. 14.00–16.00, Mødelokale 2"
    assert next_meeting_text(session, "en") == "9 June 2026, 14.00–16.00, Mødelokale 2"
