"""Shared test support: one fake clock, sample meetings, the screen on top, reading a screen.

The tmux helper is in `support.tmux`, the generator of many realistic session files in
`support.generate`; the benchmarks use both too.
"""

from __future__ import annotations

import html
import io
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator.agenda import Agenda, load_agenda
from facilitator.session import OutcomeKind, Participant, Review, Session
from facilitator.store import new_session_path

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot
    from textual.screen import Screen

    from facilitator.tui.app import FacilitatorApp

ROOT = Path(__file__).resolve().parent.parent.parent
AGENDA_FILE = ROOT / "agendas" / "sociale-medier.toml"
CET = timezone(timedelta(hours=1))
START = datetime(2026, 3, 12, 13, 0, tzinfo=CET)
COMMITTEE = "Lokaludvalg Børneby Nord"


class FakeTime:
    """One fake time source: `monotonic()` and `wall()` both move only on `advance()`.

    The wall clock keeps step with the monotonic clock, so a meeting's clock, its projected
    end and the top bar's time agree.
    """

    def __init__(
        self,
        start: datetime = START,
        monotonic_start: float = 10_000.0,
        whole_seconds: bool = True,
    ) -> None:
        self.start = start
        self.monotonic_start = monotonic_start
        self.whole_seconds = whole_seconds
        self.elapsed = 0.0

    def monotonic(self) -> float:
        """Seconds on the fake monotonic clock."""
        return self.monotonic_start + self.elapsed

    def wall(self) -> datetime:
        """The fake local time with its UTC offset, to the second as session.now() gives it."""
        # Exact when asked: a reader that computes time between two wall readings needs it.
        moment = self.start + timedelta(seconds=self.elapsed)
        return moment.replace(microsecond=0) if self.whole_seconds else moment

    def advance(self, seconds: float) -> None:
        """Let time pass on both clocks."""
        self.elapsed += seconds


def wall() -> datetime:
    """A fixed wall clock for screens whose time does not matter: 2 March 2026, 14:00."""
    return datetime(2026, 3, 2, 14, 0, tzinfo=CET)


def top(app: App[None]) -> Screen[object]:
    """The screen on top (a call, so type checkers do not carry narrowing across key presses)."""
    return app.screen


def on_top(app: App[None], screen: object) -> bool:
    """Whether `screen` is the one shown."""
    return app.screen is screen


def drawn(app: App[None]) -> str:
    """The text on screen, as a person sees it (from an SVG screenshot)."""
    svg = app.export_screenshot()
    runs = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    return html.unescape("".join(runs)).replace("\xa0", " ")


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


def fresh_session(
    time: FakeTime | None = None,
    planned_minutes: int | None = None,
    session_id: str = "5e551011abcd",
) -> Session:
    """A new meeting on the built-in guide, not yet started, with fixed id and dates."""
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


def busy_session(agenda: Agenda) -> Session:
    """A meeting under way: participants of every role, notes, outcomes of every kind."""
    start = datetime(2026, 3, 2, 14, 0, tzinfo=CET)
    session = Session.new("Lokaludvalg Børneby Nord", agenda, planned_minutes=120)
    session.id = "5e551011abcd"
    session.created = start - timedelta(minutes=10)
    session.place = "Mødelokale 2, Rådhuset"
    session.chair = "Anne Æbelø"
    session.secretary = "Søren Ågård"
    session.planned_start = start
    session.started = start + timedelta(minutes=2)
    session.followup_of = "0123456789ab"
    session.participants = [
        Participant("Anne Æbelø", "leader", "management"),
        Participant("Søren Ågård", "secretary", "management"),
        Participant("Mia Østergaard", "tr", "employees", arrived=start + timedelta(minutes=5)),
        Participant("Jens Kjær", "amr", "employees", left=start + timedelta(minutes=80)),
        Participant("Fatima Nørgaard", "employee-representative", "employees"),
        Participant("Lars Holm", "guest", "employees", note="HR-konsulent"),
        Participant("Ida Berg", "other", "employees", present=False, note="Afbud: syg"),
    ]
    first, second = session.themes[0], session.themes[1]
    first.state, first.seconds = "done", 1130.25
    second.state, second.seconds = "active", 312.5
    session.current_theme = second.theme_id
    session.set_notes(
        first.theme_id, "Vi talte om grænsen mellem kritik og chikane.\nTo eksempler."
    )
    session.set_notes(second.theme_id, "Jobcentret og borgerservice er mest udsatte.")
    obligation = next(r for r in session.themes if session.theme(r.theme_id).is_obligation)
    obligation.presented = True
    obligation.state = "done"
    session.themes[-1].uncovered_reason = "Tages op på næste møde"
    when = start + timedelta(minutes=20)
    captured: list[tuple[OutcomeKind, str, str, date | None]] = [
        ("decision", "Guiden tages op hvert år i LMU", "", None),
        ("agreement", "Skærmbilleder gemmes i sagen", "Mia Østergaard", date(2026, 12, 9)),
        ("action", 'Lav en "tjekliste" til nye medarbejdere', "Søren", date(2026, 4, 1)),
        ("question", "Hvem kontakter politiet om aftenen?", "", None),
    ]
    for index, (kind, text, owner, due) in enumerate(captured):
        outcome = session.add_outcome(first.theme_id, kind, text, owner, due)
        outcome.id = f"a{index:011d}"
        outcome.created = when + timedelta(minutes=index)
    extra = session.add_outcome(second.theme_id, "agreement", "Risici skrives ind i APV'en", "Jens")
    extra.id, extra.created = "b00000000001", when + timedelta(minutes=30)
    session.reviews = [
        Review(
            outcome_id="0123456789ab",
            kind="action",
            text="Opdatér kontaktlisten",
            owner="Anne",
            due=date(2026, 1, 15),
            meeting_date=date(2025, 11, 20),
            theme_title="Arbejdsgange",
            status="done",
            comment="Lagt på intranettet",
            reviewed=start + timedelta(minutes=3),
        ),
        Review(outcome_id="fedcba987654", kind="question", text="Hvem er DPO?"),
    ]
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
    session = session or fresh_session(time, planned_minutes)
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
    out = io.StringIO()
    Console(width=200, color_system=None, file=out).print(content)
    return out.getvalue()


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type text into the focused widget as a fast typist or tmux does: every key is sent
    before the app has drawn the one before, then the test waits until all are handled.

    `pilot.press(*text)` waits for the app to go idle after each key, which costs a layout
    and at least 40 ms per character; each key here still reaches the focused widget as its
    own key event, in order.
    """
    from textual import events
    from textual.keys import _character_to_key

    app = pilot.app
    for char in text:
        key = char if char.isalnum() else _character_to_key(char)
        event = events.Key(key, char)
        event.set_sender(app)
        app.post_message(event)
    # The app forwards each key to the focused widget's own queue, and the widget's replies
    # (Changed messages) go to its parents' queues: wait until every queue is empty.
    for _ in range(50):
        await pilot.pause()
        nodes = [app, *app.screen.walk_children(with_self=True)]
        if all(node.message_queue_size == 0 for node in nodes):
            return
    raise AssertionError(f"the app was still busy with {text!r}")


@dataclass(frozen=True)
class Typed:
    """Text to type in one go (see `type_text`) among keys pressed one at a time."""

    text: str


async def press_keys(pilot: Pilot[Any], *keys: str | Typed) -> None:
    """Press each key and wait for the app; type each `Typed` text with one wait."""
    for key in keys:
        if isinstance(key, Typed):
            await type_text(pilot, key.text)
        else:
            await pilot.press(key)


async def until(pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the app run until `condition()` holds; fail after `timeout` seconds.

    For work that lands a frame or more after the keys (a panel drawn at its final width, a
    first save scheduled after the first frame): Pilot's idle guess can come before it on a
    busy machine.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not so within {timeout} s: {condition}")
        await pilot.pause(0.02)
