"""The presenter's clock: what a reader of the session file computes between saves."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from support import CET, FakeTime

from facilitator.agenda import Agenda
from facilitator.clock import MeetingClock
from facilitator.codec import session_from_data, session_to_data
from facilitator.live import LiveClock
from facilitator.session import Session

START = datetime(2026, 3, 2, 14, 0, tzinfo=CET)


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime(start=START, monotonic_start=1000.0, whole_seconds=False)


@pytest.fixture
def session(sample_agenda: Agenda) -> Session:
    return Session.new("LMU", sample_agenda)


def reread(session: Session) -> Session:
    """The session as another program reads it back from the file."""
    return session_from_data(session_to_data(session))


def test_a_reader_sees_the_running_time_between_saves(session: Session, fake: FakeTime) -> None:
    clock = MeetingClock(session, monotonic=fake.monotonic, wall=fake.wall)
    clock.start()
    fake.advance(95.5)
    clock.checkpoint()  # what a save does
    on_disk = reread(session)
    fake.advance(30)  # no save since
    live = LiveClock(on_disk, fake.wall())
    assert live.running
    assert live.used() == pytest.approx(125.5)
    assert live.used() == pytest.approx(clock.used())
    assert live.remaining() == pytest.approx(clock.remaining())


def test_paused_time_stands_still_for_the_reader(session: Session, fake: FakeTime) -> None:
    clock = MeetingClock(session, monotonic=fake.monotonic, wall=fake.wall)
    clock.start()
    fake.advance(60)
    clock.pause()
    on_disk = reread(session)
    assert on_disk.running_since is None
    fake.advance(600)
    live = LiveClock(on_disk, fake.wall())
    assert not live.running
    assert live.used() == pytest.approx(60)


def test_the_next_theme_counts_from_the_move(session: Session, fake: FakeTime) -> None:
    clock = MeetingClock(session, monotonic=fake.monotonic, wall=fake.wall)
    clock.start()
    fake.advance(70)
    clock.next()
    fake.advance(10)
    clock.checkpoint()
    fake.advance(5)
    live = LiveClock(reread(session), fake.wall())
    assert live.used() == pytest.approx(15)
    assert live.used(session.themes[0].theme_id) == pytest.approx(70)


def test_an_ended_meeting_is_not_running(session: Session, fake: FakeTime) -> None:
    clock = MeetingClock(session, monotonic=fake.monotonic, wall=fake.wall)
    clock.start()
    fake.advance(30)
    clock.checkpoint()
    session.ended = fake.wall()
    live = LiveClock(reread(session), fake.wall() + timedelta(hours=1))
    assert not live.running
    assert live.used() == pytest.approx(30)


def test_a_reader_clock_behind_the_writer_never_counts_backwards(
    session: Session, fake: FakeTime
) -> None:
    clock = MeetingClock(session, monotonic=fake.monotonic, wall=fake.wall)
    clock.start()
    fake.advance(40)
    clock.checkpoint()
    live = LiveClock(reread(session), fake.wall() - timedelta(seconds=20))
    assert live.used() == pytest.approx(40)


def test_a_resumed_session_starts_paused_whatever_the_file_said(
    session: Session, fake: FakeTime
) -> None:
    clock = MeetingClock(session, monotonic=fake.monotonic, wall=fake.wall)
    clock.start()
    fake.advance(40)
    clock.checkpoint()
    killed = reread(session)  # the program died with the clock running
    assert killed.running_since is not None
    MeetingClock(killed, monotonic=fake.monotonic, wall=fake.wall)
    assert killed.running_since is None


def test_a_file_without_the_stamp_loads_paused(session: Session) -> None:
    data = session_to_data(session)
    data.pop("running_since", None)
    assert session_from_data(data).running_since is None
