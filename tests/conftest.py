"""Shared fixtures: the built-in Danish guide, and a session with something of every kind."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from facilitator.agenda import Agenda, load_agenda
from facilitator.i18n import set_language
from facilitator.session import OutcomeKind, Participant, Review, Session

ROOT = Path(__file__).resolve().parent.parent
AGENDA_FILE = ROOT / "agendas" / "sociale-medier.toml"
CET = timezone(timedelta(hours=1))


@pytest.fixture(autouse=True)
def _english_unless_a_test_says_otherwise() -> None:
    # The interface language is process-wide state; a Danish test must not leak into the next.
    set_language("en")


@pytest.fixture(autouse=True)
def _private_cache_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The register's cache goes to a folder of the test's own, never the user's ~/.cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache-home")))


@pytest.fixture(scope="session")
def sample_agenda() -> Agenda:
    """The built-in social-media guide in Danish (frozen, so one copy serves every test)."""
    return load_agenda(AGENDA_FILE)


def build_sample_session(agenda: Agenda) -> Session:
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


@pytest.fixture
def sample_session(sample_agenda: Agenda) -> Session:
    """A fresh copy of the sample meeting, safe to change in a test."""
    return build_sample_session(sample_agenda)
