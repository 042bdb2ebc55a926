"""Helpers for the TUI tests: one fake time source, a sample meeting, and reading the screen."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.agenda import Agenda, load_agenda
from facilitator.session import Participant, Session
from facilitator.store import new_session_path

if TYPE_CHECKING:
    from facilitator.tui.app import FacilitatorApp

ROOT = Path(__file__).resolve().parent.parent
AGENDA_FILE = ROOT / "agendas" / "sociale-medier.toml"
CET = timezone(timedelta(hours=1))
START = datetime(2026, 3, 12, 13, 0, tzinfo=CET)
COMMITTEE = "Lokaludvalg Børneby Nord"


class FakeTime:
    """One fake time source: `monotonic()` and `wall()` both move only on `advance()`.

    The wall clock starts at 2026-03-12 13:00 +01:00 and keeps step with the monotonic
    clock, so the meeting's clock, its projected end and the top bar's time agree.
    """

    def __init__(self, start: datetime = START, monotonic_start: float = 10_000.0) -> None:
        self.start = start
        self.monotonic_start = monotonic_start
        self.elapsed = 0.0

    def monotonic(self) -> float:
        """Seconds on the fake monotonic clock."""
        return self.monotonic_start + self.elapsed

    def wall(self) -> datetime:
        """The fake local time with its UTC offset, to the second (as session.now() gives)."""
        return (self.start + timedelta(seconds=self.elapsed)).replace(microsecond=0)

    def advance(self, seconds: float) -> None:
        """Let time pass on both clocks."""
        self.elapsed += seconds


# The two roles the brief names; one object plays both, so they never drift apart.
FakeMonotonic = FakeTime
FakeWall = FakeTime


_AGENDA: Agenda | None = None


def sample_agenda() -> Agenda:
    """The built-in Danish social-media guide, loaded once."""
    global _AGENDA
    if _AGENDA is None:
        _AGENDA = load_agenda(AGENDA_FILE)
    return _AGENDA


def sample_participants() -> list[Participant]:
    """A small committee with both sides, one apology."""
    return [
        Participant("Anne Æbelø", "leader", "management"),
        Participant("Søren Ågård", "secretary", "management"),
        Participant("Mia Østergaard", "tr", "employees"),
        Participant("Jens Kjær", "amr", "employees"),
        Participant("Ida Berg", "employee-representative", "employees", present=False),
    ]


def sample_session(
    time: FakeTime | None = None,
    planned_minutes: int | None = None,
    session_id: str = "5e551011abcd",
) -> Session:
    """A fresh meeting on the built-in guide, not yet started, with fixed id and dates."""
    time = time or FakeTime()
    session = Session.new(COMMITTEE, sample_agenda(), planned_minutes)
    session.id = session_id
    session.created = time.wall()
    session.planned_start = time.wall()
    session.place = "Mødelokale 2"
    session.chair = "Anne Æbelø"
    session.secretary = "Søren Ågård"
    session.participants = sample_participants()
    return session


@dataclass
class Meeting:
    """What a test needs to drive one meeting: the app, its fake time and its file."""

    app: FacilitatorApp  # imported lazily, after the language is set
    time: FakeTime
    session: Session
    path: Path


def make_meeting(
    sessions_dir: Path,
    time: FakeTime | None = None,
    session: Session | None = None,
    planned_minutes: int | None = None,
) -> Meeting:
    """A FacilitatorApp that opens straight on the meeting screen of a new sample session."""
    from facilitator.tui.app import FacilitatorApp, StartMeeting

    time = time or FakeTime()
    session = session or sample_session(time, planned_minutes)
    path = new_session_path(sessions_dir, session)
    app = FacilitatorApp(
        sessions_dir,
        start=StartMeeting(session, path),
        monotonic=time.monotonic,
        wall=time.wall,
        bell=False,
    )
    return Meeting(app, time, session, path)


def text_of(widget: object) -> str:
    """The plain text a Label or Static shows (whatever was given to `update`)."""
    from rich.console import Console
    from textual.content import Content
    from textual.widgets import Static

    assert isinstance(widget, Static), widget
    content = widget.content
    if isinstance(content, str):
        return content
    if isinstance(content, Content):
        return content.plain
    plain = getattr(content, "plain", None)
    if isinstance(plain, str):
        return plain
    console = Console(width=200, color_system=None, file=io.StringIO())
    console.print(content)
    return console.file.getvalue()  # type: ignore[attr-defined]
