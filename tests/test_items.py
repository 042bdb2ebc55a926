"""Themes added to a session: on the spot, carried into a follow-up; and the theme states."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from facilitator import codec
from facilitator.agenda import Agenda, Section, Theme
from facilitator.carry import Leftover, carried, carry_into, leftovers
from facilitator.followup import set_review, start_followup
from facilitator.items import add_on_the_spot, insert_section, remove_theme, slug, unique_id
from facilitator.session import (
    DEFAULT_SIDE,
    REVIEW_THEME_ID,
    Participant,
    Review,
    Session,
    side_for_role,
)

CET = timezone(timedelta(hours=1))


def ended(agenda: Agenda) -> Session:
    session = Session.new("LMU", agenda)
    session.started = datetime(2026, 3, 2, 14, 0, tzinfo=CET)
    session.ended = session.started + timedelta(hours=2)
    return session


def test_slug_makes_kebab_case_ids_from_danish_titles() -> None:
    assert slug("Eventuelt") == "eventuelt"
    assert slug("  Økonomi & Årsplan ") == "oekonomi-aarsplan"
    assert slug("Café – næste møde?") == "cafe-naeste-moede"
    assert slug("!!!") == "punkt"


def test_an_item_added_on_the_spot_comes_right_after_the_current_theme(
    sample_agenda: Agenda,
) -> None:
    session = Session.new("LMU", sample_agenda)
    current = session.current_theme
    record = add_on_the_spot(session, "Eventuelt", 5)
    ids = [r.theme_id for r in session.themes]
    assert ids[1] == record.theme_id == "eventuelt"
    assert [t.id for t in session.agenda.themes] == ids
    assert session.agenda.section_of("eventuelt") == session.agenda.section_of(current)
    assert (record.origin, record.state, record.timebox) == ("added", "pending", 5)
    # A second one with the same title gets an id of its own.
    assert add_on_the_spot(session, "Eventuelt", 3).theme_id == "eventuelt-2"
    assert unique_id(session, "eventuelt") == "eventuelt-3"


def test_added_items_are_checked_and_survive_a_round_trip(sample_agenda: Agenda) -> None:
    session = Session.new("LMU", sample_agenda)
    with pytest.raises(ValueError, match="title"):
        add_on_the_spot(session, "   ", 5)
    with pytest.raises(ValueError, match="timebox"):
        add_on_the_spot(session, "Eventuelt", 0)
    add_on_the_spot(session, "Eventuelt", 5)
    again = codec.session_from_data(codec.session_to_data(session))
    assert again.record("eventuelt").origin == "added"
    assert again.agenda.theme("eventuelt").title == "Eventuelt"


def test_a_whole_section_can_be_inserted(sample_agenda: Agenda) -> None:
    session = Session.new("LMU", sample_agenda)
    section = Section("staaende", "Faste punkter", (Theme("godkendelse", "Godkendelse", 5),))
    insert_section(session, section, 0)
    assert session.themes[0].theme_id == "godkendelse"
    assert session.agenda.sections[0].title == "Faste punkter"


def test_only_an_untouched_theme_can_be_removed(sample_agenda: Agenda) -> None:
    session = Session.new("LMU", sample_agenda)
    add_on_the_spot(session, "Eventuelt", 5)
    with pytest.raises(ValueError, match="current"):
        remove_theme(session, session.current_theme)
    session.set_notes("eventuelt", "noget")
    with pytest.raises(ValueError, match="worked on"):
        remove_theme(session, "eventuelt")
    session.set_notes("eventuelt", "")
    remove_theme(session, "eventuelt")
    assert "eventuelt" not in [t.id for t in session.agenda.themes]


def test_leftovers_are_the_postponed_and_never_reached_themes(sample_agenda: Agenda) -> None:
    earlier = ended(sample_agenda)
    ids = [r.theme_id for r in earlier.themes]
    for record in earlier.themes:
        record.state = "done"
    earlier.record(ids[1]).state = "pending"  # never reached
    earlier.set_aside(ids[2], "postponed", "HR deltager næste gang")
    earlier.set_aside(ids[3], "skipped", "Dækket af punkt 1")  # not coming back
    earlier.record(ids[4]).state = "pending"
    earlier.set_notes(ids[4], "Nåede det kort")  # something captured: it was reached
    items = leftovers(earlier)
    assert [(i.theme.id, i.reason, i.postponed) for i in items] == [
        (ids[1], "", False),
        (ids[2], "HR deltager næste gang", True),
    ]
    assert all(item.meeting_date == date(2026, 3, 2) for item in items)


def test_a_followup_carries_them_after_the_review(sample_agenda: Agenda) -> None:
    earlier = ended(sample_agenda)
    for record in earlier.themes:
        record.state = "done"
    first = earlier.themes[0].theme_id
    earlier.add_outcome(first, "action", "Lav tjekliste", "Søren")
    never = earlier.themes[2].theme_id
    earlier.record(never).state = "pending"
    earlier.record(never).timebox = 7
    followup = start_followup(earlier, [])
    # After the opening standing items (agenda, earlier minutes, news): review, then carried.
    sections = followup.agenda.sections[3:]
    assert sections[0].themes[0].id == REVIEW_THEME_ID
    assert sections[1].title == "Overført fra sidste møde"
    record = followup.record(never)
    assert (record.origin, record.carried_from, record.carried_reason) == (
        "carried",
        date(2026, 3, 2),
        "",
    )
    assert record.timebox == 7  # at the timebox it had
    assert carried(followup) == [record]
    assert followup.planned_minutes == followup.timebox_minutes
    # The chair can take it out again in the follow-up form.
    remove_theme(followup, never)
    assert carried(followup) == []
    assert [s.title for s in followup.agenda.sections].count("Overført fra sidste møde") == 0


def test_carrying_what_the_session_has_already_changes_nothing(sample_agenda: Agenda) -> None:
    session = Session.new("LMU", sample_agenda)
    theme = sample_agenda.themes[3]
    assert carry_into(session, [Leftover(theme, date(2026, 1, 1))]) == []


def test_the_review_counts_as_dealt_with_once_each_item_has_a_status(
    sample_agenda: Agenda,
) -> None:
    earlier = ended(sample_agenda)
    for record in earlier.themes:
        record.state = "done"
    earlier.add_outcome(earlier.themes[0].theme_id, "action", "Lav tjekliste")
    followup = start_followup(earlier, [])
    review = followup.record(REVIEW_THEME_ID)
    assert followup.gap(review) == "not-reached"
    review.state = "done"
    assert followup.gap(review) == "review-open"
    for item in followup.reviews:
        set_review(followup, item.outcome_id, "done")
    assert followup.gap(review) is None
    assert review not in followup.uncovered()


def test_set_aside_themes_are_not_uncovered(sample_agenda: Agenda) -> None:
    session = ended(sample_agenda)
    record = session.themes[1]
    assert record in session.uncovered()
    session.set_aside(record.theme_id, "postponed", "")
    assert record not in session.uncovered()
    with pytest.raises(ValueError):
        session.set_aside(record.theme_id, "done", "")


def reopenable(session: Session) -> bool:
    """Asked through a call, so the type checker does not carry the earlier answer over."""
    return session.can_reopen


def test_an_ended_meeting_can_be_reopened_until_it_is_approved(sample_agenda: Agenda) -> None:
    session = ended(sample_agenda)
    assert session.can_reopen
    session.reopen()
    assert session.ended is None and session.state == "in-progress"
    session.ended = session.started
    session.approve("Anne")
    assert not reopenable(session)
    with pytest.raises(ValueError, match="approved"):
        session.reopen()


def test_guests_secretaries_and_others_sit_on_no_side() -> None:
    assert side_for_role("leader") == "management"
    assert side_for_role("tr") == side_for_role("amr") == "employees"
    assert side_for_role("guest") == side_for_role("secretary") == side_for_role("other") == ""
    assert set(DEFAULT_SIDE) >= {"leader", "guest", "secretary", "other"}


def test_no_side_survives_a_round_trip(sample_agenda: Agenda) -> None:
    session = Session.new("LMU", sample_agenda)
    session.participants = [
        Participant("Lars", "guest", ""),
        Participant("Mia", "tr", "employees"),
    ]
    session.reviews = [Review("x", "action", "t")]
    again = codec.session_from_data(codec.session_to_data(session))
    assert [(p.name, p.side) for p in again.participants] == [("Lars", ""), ("Mia", "employees")]


def test_old_files_with_jumped_over_themes_read_them_as_to_do(sample_agenda: Agenda) -> None:
    session = Session.new("LMU", sample_agenda)
    data = codec.session_to_data(session)
    data["themes"][1]["state"] = "skipped"
    data["themes"][2]["state"] = "skipped"
    data["themes"][2]["reason"] = "Dækket"
    again = codec.session_from_data(data)
    assert again.themes[1].state == "pending"
    assert again.themes[2].state == "skipped"
