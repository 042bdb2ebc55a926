"""The meeting clock: time from a fake monotonic clock, theme changes, ends and re-planning."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import CET, FakeTime

from facilitator.agenda import Agenda
from facilitator.clock import MeetingClock
from facilitator.session import Session

START = datetime(2026, 3, 2, 14, 0, tzinfo=CET)


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime(start=START, monotonic_start=5000.0)


@pytest.fixture
def session(sample_agenda: Agenda) -> Session:
    return Session.new("LMU", sample_agenda)  # 15 themes, 150 minutes, first one 20


@pytest.fixture
def clock(session: Session, fake: FakeTime) -> MeetingClock:
    return MeetingClock(session, monotonic=fake.monotonic, wall=fake.wall)


def theme_ids(session: Session) -> list[str]:
    return [record.theme_id for record in session.themes]


def is_running(clock: MeetingClock) -> bool:
    return clock.running


# -- running --------------------------------------------------------------------------------


def test_nothing_counts_before_the_start(clock: MeetingClock, fake: FakeTime) -> None:
    fake.advance(600)
    assert not clock.running
    assert clock.used() == 0
    assert clock.session.started is None


def test_start_pause_resume(clock: MeetingClock, fake: FakeTime) -> None:
    clock.start()
    assert clock.running
    assert clock.session.started == START
    assert clock.session.current.state == "active"
    fake.advance(30.5)
    assert clock.used() == 30.5
    assert clock.remaining() == 20 * 60 - 30.5

    clock.pause()
    assert not is_running(clock)
    assert clock.session.current.seconds == 30.5
    fake.advance(1000)  # a coffee break
    assert clock.used() == 30.5

    clock.start()
    fake.advance(10)
    assert clock.used() == 40.5
    assert clock.session.started == START  # a resume is not a new start


def test_start_twice_does_not_restart_the_span(clock: MeetingClock, fake: FakeTime) -> None:
    clock.start()
    fake.advance(10)
    clock.start()
    fake.advance(5)
    assert clock.used() == 15


def test_toggle(clock: MeetingClock, fake: FakeTime) -> None:
    assert clock.toggle() is True
    fake.advance(7)
    assert clock.toggle() is False
    fake.advance(100)
    assert clock.used() == 7


def test_checkpoint_commits_without_losing_time(clock: MeetingClock, fake: FakeTime) -> None:
    clock.checkpoint()  # paused: nothing to do
    clock.start()
    for step in (0.1, 3.7, 12.25, 0.001):
        fake.advance(step)
        clock.checkpoint()
    assert clock.session.current.seconds == pytest.approx(16.051)
    assert clock.used() == clock.session.current.seconds
    fake.advance(2)
    assert clock.used() == pytest.approx(18.051)


def test_remaining_turns_into_overtime(clock: MeetingClock, fake: FakeTime) -> None:
    clock.start()
    fake.advance(20 * 60)
    assert clock.remaining() == 0
    fake.advance(5 * 60 + 3)
    assert clock.remaining() == -303


# -- themes ---------------------------------------------------------------------------------


def test_switching_themes_while_running_moves_time_to_the_new_theme(
    clock: MeetingClock, fake: FakeTime, session: Session
) -> None:
    first, second = theme_ids(session)[:2]
    clock.start()
    fake.advance(100)
    assert clock.next() is True
    fake.advance(50)
    assert session.record(first).seconds == 100
    assert session.record(first).state == "done"  # a minute or more on it: dealt with
    assert session.current_theme == second
    assert session.current.state == "active"
    assert clock.used(first) == 100
    assert clock.used(second) == 50
    assert clock.total_used() == 150

    assert clock.previous() is True
    fake.advance(25)
    assert clock.used(first) == 125
    assert clock.used(second) == 50
    assert session.record(second).state == "pending"  # under a minute, nothing captured


def test_moving_on_decides_nothing_by_itself(
    clock: MeetingClock, fake: FakeTime, session: Session
) -> None:
    ids = theme_ids(session)
    clock.start()
    for _ in range(5):
        fake.advance(0.6)
        clock.next()
    assert session.current_theme == ids[5]
    assert [session.record(i).state for i in ids[:6]] == ["pending"] * 5 + ["active"]
    assert abs(clock.ends()[2]) <= 1


def test_jumping_forward_leaves_the_themes_in_between_to_do(
    clock: MeetingClock, fake: FakeTime, session: Session
) -> None:
    ids = theme_ids(session)
    clock.start()
    fake.advance(60)
    clock.goto(ids[3])
    assert [session.record(i).state for i in ids[:5]] == [
        "done",
        "pending",
        "pending",
        "active",
        "pending",
    ]
    clock.goto(ids[1])  # back: it is current; the rest stay as they were
    assert session.record(ids[1]).state == "active"
    assert session.record(ids[2]).state == "pending"
    assert session.record(ids[3]).state == "pending"


def test_leaving_with_something_captured_marks_dealt_with(
    clock: MeetingClock, fake: FakeTime, session: Session
) -> None:
    first = session.current_theme
    clock.start()
    fake.advance(10)
    session.add_outcome(first, "decision", "Vi bruger guidens definition")
    clock.next()
    assert session.record(first).state == "done"


def test_going_back_reopens_and_a_short_visit_keeps_what_it_was(
    clock: MeetingClock, fake: FakeTime, session: Session
) -> None:
    ids = theme_ids(session)
    clock.start()
    fake.advance(90)
    clock.next()
    assert session.record(ids[0]).state == "done"
    clock.previous()
    assert session.record(ids[0]).state == "active"  # reopened
    fake.advance(5)
    clock.next()
    assert session.record(ids[0]).state == "done"


def test_skip_and_postpone_keep_their_reason_and_move_on(
    clock: MeetingClock, fake: FakeTime, session: Session
) -> None:
    ids = theme_ids(session)
    clock.start()
    fake.advance(300)
    assert clock.set_aside("postponed", "  Venter på HR  ")
    assert session.record(ids[0]).state == "postponed"
    assert session.record(ids[0]).reason == "Venter på HR"
    assert session.record(ids[0]).seconds == 300  # the time spent stays where it was spent
    assert session.current_theme == ids[1]
    clock.set_aside("skipped", "Dækket af punkt 1")
    assert session.current_theme == ids[2]
    # n passes over themes set aside; p comes back to them, and a short visit keeps them.
    clock.previous()
    assert session.current_theme == ids[1] and session.current.state == "active"
    clock.next()
    assert session.record(ids[1]).state == "skipped"
    assert session.record(ids[1]).reason == "Dækket af punkt 1"
    # Working on it for a minute reopens it for good.
    clock.goto(ids[0])
    fake.advance(61)
    clock.next()
    assert session.record(ids[0]).state == "done" and session.record(ids[0]).reason == ""


def test_setting_aside_the_last_theme_to_do_pauses_the_clock(
    clock: MeetingClock, fake: FakeTime, session: Session
) -> None:
    clock.start()
    for record in session.themes[1:]:
        record.state = "done"
    assert clock.set_aside("postponed", "") is None
    assert not clock.running
    assert session.current.state == "postponed"


def test_projection_counts_every_theme_to_do_and_replan_exactly_those(
    clock: MeetingClock, fake: FakeTime, session: Session
) -> None:
    ids = theme_ids(session)
    clock.start()
    fake.advance(120)
    clock.goto(ids[2])  # the second theme (10 min) is jumped over: still to do
    session.set_aside(ids[3], "postponed", "næste gang")
    projected = clock.projected_end()
    to_do = [r for r in session.themes if r.state == "pending"]
    assert ids[1] in [r.theme_id for r in to_do]
    expected = fake.wall() + timedelta(
        seconds=clock.remaining() + sum(r.timebox * 60 for r in to_do)
    )
    assert projected == expected
    proposal = clock.propose_replan()
    assert [theme_id for theme_id, _old, _new in proposal.changes] == [r.theme_id for r in to_do]


def test_finish_judges_the_current_theme(
    clock: MeetingClock, fake: FakeTime, session: Session
) -> None:
    clock.start()
    fake.advance(20)
    clock.finish()
    assert not clock.running
    assert session.current.state == "pending"  # 20 seconds and nothing captured: not dealt with


def test_goto_before_the_start_leaves_states_alone(clock: MeetingClock, session: Session) -> None:
    ids = theme_ids(session)
    clock.goto(ids[1])
    assert session.current_theme == ids[1]
    assert session.record(ids[0]).state == "pending"
    assert session.record(ids[1]).state == "pending"


def test_goto_the_current_theme_changes_nothing(
    clock: MeetingClock, fake: FakeTime, session: Session
) -> None:
    clock.start()
    fake.advance(10)
    clock.goto(session.current_theme)
    assert session.current.state == "active"
    assert clock.used() == 10


def test_next_and_previous_stop_at_the_ends(clock: MeetingClock, session: Session) -> None:
    assert clock.previous() is False
    ids = theme_ids(session)
    clock.goto(ids[-1])
    assert clock.next() is False
    assert session.current_theme == ids[-1]


def test_adjust_timebox_stays_between_1_and_480(clock: MeetingClock) -> None:
    assert clock.adjust(+1) == 21
    assert clock.adjust(-5) == 16
    assert clock.adjust(-100) == 1
    assert clock.adjust(+1000) == 480


# -- ends -----------------------------------------------------------------------------------


def test_planned_end_from_planned_start_else_actual_start(
    clock: MeetingClock, fake: FakeTime, session: Session
) -> None:
    assert clock.planned_end() == START + timedelta(minutes=150)  # not started: from now
    fake.advance(300)
    clock.start()
    assert clock.planned_end() == START + timedelta(minutes=155)
    session.planned_start = START
    assert clock.planned_end() == START + timedelta(minutes=150)


def test_projected_end_and_drift(clock: MeetingClock, fake: FakeTime) -> None:
    clock.start()
    assert clock.projected_end() == START + timedelta(minutes=150)
    assert clock.ends()[2] == 0
    fake.advance(10 * 60)
    assert clock.ends()[2] == 0  # on the first theme, within its timebox
    fake.advance(15 * 60)
    assert clock.projected_end() == START + timedelta(minutes=155)
    assert clock.ends()[2] == 5  # five minutes over on the first theme
    clock.next()
    fake.advance(4 * 60)
    assert clock.ends()[2] == 5  # on time on the second
    clock.next()  # four minutes of a ten-minute theme: it gave back six
    assert clock.ends()[2] == -1


def test_pauses_push_the_projected_end_not_the_planned_one(
    clock: MeetingClock, fake: FakeTime
) -> None:
    clock.start()
    clock.pause()
    fake.advance(10 * 60)
    assert clock.planned_end() == START + timedelta(minutes=150)
    assert clock.ends()[2] == 10


# -- re-planning ----------------------------------------------------------------------------


def test_replan_when_late_fits_the_rest_to_the_planned_end(
    clock: MeetingClock, fake: FakeTime, session: Session, sample_agenda: Agenda
) -> None:
    clock.start()
    fake.advance(25 * 60)  # five minutes over on the first theme (20)
    proposal = clock.propose_replan()
    assert proposal.budget_minutes == 125
    assert proposal.fits and proposal.changed
    ids = theme_ids(session)
    assert [theme for theme, _, _ in proposal.changes] == ids[1:]
    assert [old for _, old, _ in proposal.changes] == [t.timebox for t in sample_agenda.themes[1:]]
    new = [minutes for _, _, minutes in proposal.changes]
    assert sum(new) == 125
    assert min(new) >= 1
    assert all(isinstance(m, int) for m in new)
    weights = [t.timebox for t in sample_agenda.themes[1:]]
    for minutes, weight in zip(new, weights, strict=True):
        assert abs(minutes - 125 * weight / sum(weights)) < 1  # proportional
    assert [session.record(i).timebox for i in ids[1:]] == weights  # only a proposal

    clock.apply_replan(proposal)
    assert [session.record(i).timebox for i in ids[1:]] == new
    assert clock.ends()[2] == 0
    assert clock.session.current.timebox == 20  # the current theme keeps its own


def test_replan_on_time_changes_nothing(clock: MeetingClock, fake: FakeTime) -> None:
    clock.start()
    fake.advance(20 * 60)
    proposal = clock.propose_replan()
    assert proposal.budget_minutes == 130
    assert not proposal.changed


def test_replan_mid_theme_leaves_the_current_timebox_and_done_themes(
    clock: MeetingClock, fake: FakeTime, session: Session
) -> None:
    ids = theme_ids(session)
    clock.start()
    fake.advance(30 * 60)
    clock.next()
    fake.advance(3 * 60)  # 3 of 10 on the second theme: 7 left of it
    proposal = clock.propose_replan()
    assert proposal.budget_minutes == 150 - 30 - 10
    assert [theme for theme, _, _ in proposal.changes] == ids[2:]
    assert sum(minutes for _, _, minutes in proposal.changes) == 110


def test_replan_that_cannot_fit_gives_one_minute_each(
    clock: MeetingClock, fake: FakeTime, session: Session
) -> None:
    clock.start()
    fake.advance(145 * 60)
    proposal = clock.propose_replan()
    assert proposal.budget_minutes == 5
    assert not proposal.fits
    assert [minutes for _, _, minutes in proposal.changes] == [1] * (len(session.themes) - 1)


def test_replan_past_the_planned_end(clock: MeetingClock, fake: FakeTime) -> None:
    clock.start()
    fake.advance(200 * 60)
    proposal = clock.propose_replan()
    assert proposal.budget_minutes < 0 and not proposal.fits
    assert all(minutes == 1 for _, _, minutes in proposal.changes)


# -- no drift -------------------------------------------------------------------------------


def simulate(clock: MeetingClock, fake: FakeTime, steps: list[tuple[str, float]]) -> float:
    """Play a list of (action, seconds) on the clock; returns the seconds it should count."""
    expected = 0.0
    ids = theme_ids(clock.session)
    rng = random.Random(len(steps))
    for action, seconds in steps:
        if clock.running:
            expected += seconds
        fake.advance(seconds)
        if action == "toggle":
            clock.toggle()
        elif action == "checkpoint":
            clock.checkpoint()
        elif action == "next":
            clock.next()
        elif action == "previous":
            clock.previous()
        elif action == "goto":
            clock.goto(rng.choice(ids))
        elif action == "read":
            clock.remaining()
            clock.projected_end()
            clock.propose_replan()
    return expected


def test_three_hour_meeting_counts_every_second_and_no_more(
    clock: MeetingClock, fake: FakeTime
) -> None:
    rng = random.Random(20260302)
    steps: list[tuple[str, float]] = []
    total = 0.0
    actions = ["checkpoint"] * 12 + ["read"] * 4 + ["toggle", "next", "previous", "goto"]
    while total < 3 * 3600:
        # Irregular intervals in eighths of a second: exact in binary, so equality is exact.
        seconds = rng.randrange(0, 8 * 90) / 8
        total += seconds
        steps.append((rng.choice(actions), seconds))
    assert len(steps) > 200
    clock.start()
    expected = simulate(clock, fake, steps)
    assert 1800 < expected < total - 1800  # it ran, and the pauses were left out
    assert clock.total_used() == expected
    clock.pause()
    assert sum(record.seconds for record in clock.session.themes) == expected


def test_fractional_intervals_do_not_accumulate_error(clock: MeetingClock, fake: FakeTime) -> None:
    # A 3-hour meeting checkpointed every 0.25 s (a UI tick) at a large monotonic reading.
    fake.monotonic_start = 987_654.321
    clock.start()
    for _ in range(3 * 3600 * 4):
        fake.advance(0.25)
        clock.checkpoint()
    assert clock.total_used() == pytest.approx(3 * 3600, abs=1e-6)


actions = st.sampled_from(["toggle", "checkpoint", "next", "previous", "goto", "read"])
intervals = st.integers(min_value=0, max_value=8 * 600).map(lambda n: n / 8)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(actions, intervals), max_size=60))
def test_any_sequence_counts_exactly_the_running_time(
    sample_agenda: Agenda, steps: list[tuple[str, float]]
) -> None:
    fake = FakeTime(start=START, monotonic_start=5000.0)
    clock = MeetingClock(
        Session.new("LMU", sample_agenda), monotonic=fake.monotonic, wall=fake.wall
    )
    expected = simulate(clock, fake, steps)
    assert clock.total_used() == expected
    clock.checkpoint()
    assert sum(record.seconds for record in clock.session.themes) == expected
    assert all(record.seconds >= 0 for record in clock.session.themes)
