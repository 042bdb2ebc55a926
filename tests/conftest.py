"""Shared fixtures: the built-in Danish guide, and a session with something of every kind."""

from __future__ import annotations

import gc
import inspect
from typing import Any

import pytest
from hypothesis import settings
from support import busy_session, sample_agenda
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation

from facilitator.agenda import Agenda
from facilitator.i18n import set_language
from facilitator.session import Session

# Speed is checked by the benchmarks; on a shared two-core machine running the suite on both
# cores, Hypothesis's per-example deadline (200 ms) only made property tests fail at random.
settings.register_profile("facilitator", deadline=None)
settings.load_profile("facilitator")


def _share_parsed_css() -> None:
    """Parse each stylesheet once per worker, not once per app the tests start.

    Textual caches parsed CSS in each app's own Stylesheet, and the suite starts hundreds of
    apps, each parsing the same ~90 KB again (~20 ms of CPU). Rule sets are not changed once
    parsed (Textual hands the same ones out again within an app). Theme variables are
    substituted while parsing, so they are part of the key.
    """
    parse_rules = Stylesheet._parse_rules
    parsed: dict[tuple[Any, ...], list[RuleSet]] = {}
    variables_keys: dict[int, tuple[dict[str, str], tuple[tuple[str, str], ...]]] = {}

    def shared_parse_rules(
        self: Stylesheet,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        variables = self._variables
        known = variables_keys.get(id(variables))
        if known is None or known[0] is not variables:
            known = variables_keys[id(variables)] = (variables, tuple(sorted(variables.items())))
        key = (css, read_from, is_default_rules, tie_breaker, scope, known[1])
        rules = parsed.get(key)
        if rules is None:
            rules = parsed[key] = parse_rules(
                self, css, read_from, is_default_rules, tie_breaker, scope
            )
        return rules

    Stylesheet._parse_rules = shared_parse_rules  # type: ignore[method-assign]


_share_parsed_css()

# The collector at its default pace (every 700 allocations) spends about a fifth of a screen
# test's CPU walking the same long-lived objects again; the app itself keeps it off until its
# first frame (commands/meeting.py). Rarer collections here, and what collection made frozen.
gc.set_threshold(10_000, 20, 20)


def pytest_collection_finish(session: pytest.Session) -> None:
    gc.collect()
    gc.freeze()


# The slowest tests by `pytest --durations` (a module where its fixture is the slow part): they
# start first, so that the two xdist workers finish together instead of one of them running a
# 40 s test alone at the end. A test renamed or sped up only falls back to its kind's turn.
_SLOWEST = (
    "tests/test_e2e_listed_means_saved.py::",
    "tests/test_tui_meeting_flow.py::test_the_newest_outcome_is_always_on_screen",
    "tests/test_tui_meeting.py::test_whole_meeting_then_everything_is_in_the_file",
    "tests/test_agenda.py::test_a_problem_names_the_line_it_is_on",
    "tests/test_agenda.py::test_to_data_round_trips",
    "tests/test_e2e_hr.py::",
    "tests/test_agenda.py::test_any_toml_gives_an_agenda_or_clear_problems",
    "tests/test_codec.py::test_damaged_files_give_a_store_error_or_a_session",
    "tests/test_store_crash.py::test_killed_while_saving_leaves_one_of_the_saved_versions",
    "tests/test_codec.py::test_round_trip_through_the_store_for_any_text",
    "tests/test_minutes.py::test_hostile_text_anywhere_keeps_the_exact_structure",
    "tests/test_packaging.py::",  # builds a wheel for the module
    "tests/test_hostile_property.py::test_any_session_shaped_toml_through_every_command",
    "tests/test_agreements_cli.py::test_libreoffice_reads_the_csv_back",
    "tests/test_hostile.py::test_a_folder_of_good_and_hostile_sessions",
    "tests/test_register.py::test_reading_tells_how_many_files_of_how_many_are_read",
)


def _expected_cost(item: pytest.Item) -> int:
    """A rank: the known slowest in their order, end to end in tmux, property tests, screens,
    the rest."""
    for place, start in enumerate(_SLOWEST):
        if item.nodeid.startswith(start):
            return 4 + len(_SLOWEST) - place
    if item.get_closest_marker("tmux"):
        return 3
    test = getattr(item, "obj", None)
    if getattr(test, "is_hypothesis_test", False):
        return 2
    if inspect.iscoroutinefunction(test) or "snap_compare" in getattr(item, "fixturenames", ()):
        return 1
    return 0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Longest first (a stable sort: the collection order within each rank)."""
    items.sort(key=_expected_cost, reverse=True)


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
