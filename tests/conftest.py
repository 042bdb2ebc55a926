"""Shared fixtures: the built-in Danish guide, and a session with something of every kind."""

from __future__ import annotations

import pytest
from hypothesis import settings
from support import busy_session, sample_agenda

from facilitator.agenda import Agenda
from facilitator.i18n import set_language
from facilitator.session import Session

# Speed is checked by the benchmarks; on a shared two-core machine running the suite on both
# cores, Hypothesis's per-example deadline (200 ms) only made property tests fail at random.
settings.register_profile("facilitator", deadline=None)
settings.load_profile("facilitator")


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


@pytest.fixture(scope="session", name="sample_agenda")
def sample_agenda_fixture() -> Agenda:
    """The built-in social-media guide in Danish (frozen, so one copy serves every test)."""
    return sample_agenda()


@pytest.fixture
def sample_session(sample_agenda: Agenda) -> Session:
    """A fresh copy of the sample meeting, safe to change in a test."""
    return busy_session(sample_agenda)
