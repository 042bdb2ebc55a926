"""Plans: named selections of themes for one meeting, validated like the rest of an agenda."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli_w

from facilitator.agenda import AgendaError, Plan, Theme, load_agenda, parse_agenda
from facilitator.cli import main
from facilitator.followup import start_followup
from facilitator.plans import PlanError, find_plan, new_session
from facilitator.session import OBLIGATION_FLOOR, Session, fit_timeboxes

ROOT = Path(__file__).resolve().parent.parent
PLANS = Path(__file__).resolve().parent / "test_agenda_files" / "plans"
GUIDE = load_agenda(ROOT / "agendas" / "sociale-medier.toml")

BAD_PLANS = [
    ':10:25: plan "foerste": "themes" item 2: no theme has the id "risici"',
    ':10:35: plan "foerste": "themes" names "definition" twice',
    ':10:49: plan "foerste": "themes" item 4 must be a theme id, got 7',
    ':12:1: plan "foerste": missing required key "title"',
    ':13:1: plan "foerste": duplicate plan id "foerste" (plan 1 has it too);'
    " plan ids must be unique",
    ':14:1: plan "foerste": unknown key "titel" (did you mean "title"?)',
    ':15:1: plan "foerste": planned must be a whole number of minutes from 1 to 1440, got 0',
    ':16:1: plan "foerste": "themes" is empty: a plan needs at least one theme',
    ':18:1: plan "Tredje Møde": missing required key "planned" (whole minutes, 1 to 1440)',
    ':19:1: plan "Tredje Møde": "id" must be kebab-case (lower-case letters a-z, digits and'
    ' single hyphens, like "local-guidelines"), got "Tredje Møde"',
    ':20:1: plan "Tredje Møde": "title" must not be empty',
    ':21:1: plan "Tredje Møde": "themes" must be a list of theme ids, got "definition"',
]


def test_a_bad_plan_file_names_every_problem_where_it_is(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = PLANS / "bad-plans.toml"
    assert main(["validate", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [f"{path}{line}" for line in BAD_PLANS]


def test_plans_must_be_tables() -> None:
    path = PLANS / "plans-not-tables.toml"
    with pytest.raises(AgendaError) as caught:
        load_agenda(path)
    assert caught.value.problems == [f'{path}:5:1: "plans" must be a list of tables ([[plans]])']


def test_an_unknown_theme_id_in_a_plan_suggests_the_likely_one() -> None:
    text = (ROOT / "agendas" / "sociale-medier.toml").read_text(encoding="utf-8")
    text = text.replace('"risikosituationer",\n', '"risikosituation",\n', 1)
    with pytest.raises(AgendaError) as caught:
        parse_agenda(text.encode(), "guide.toml")
    (problem,) = caught.value.problems
    line = text.splitlines().index('  "risikosituation",') + 1
    assert problem == (
        f'guide.toml:{line}:3: plan "foerste-moede": "themes" item 2: no theme has the id'
        ' "risikosituation" (did you mean "risikosituationer"?)'
    )


def test_a_good_plan_file_written_with_inline_tables() -> None:
    agenda = load_agenda(PLANS / "good-plans.toml")
    assert agenda.plans == (
        Plan("kort", "Kort møde (30 min)", 30, ("status", "pligter")),
        Plan("lang", "Langt møde", 90, ("aftaler", "status", "pligter")),
    )
    assert agenda.plan("lang").planned == 90
    with pytest.raises(KeyError):
        agenda.plan("mellem")


def test_plans_round_trip_through_the_file_format() -> None:
    again = parse_agenda(tomli_w.dumps(GUIDE.to_data()).encode(), "again.toml")
    assert again.plans == GUIDE.plans
    assert again == GUIDE


def test_an_agenda_without_plans_writes_none() -> None:
    agenda = load_agenda(Path(__file__).parent / "test_agenda_files" / "good" / "bom.toml")
    assert agenda.plans == ()
    assert "plans" not in agenda.to_data()


# -- timeboxes scaled to a planned length, obligations kept at five minutes -----------------


def test_a_60_minute_guide_keeps_every_obligation_at_five_minutes() -> None:
    session = Session.new("LMU", GUIDE, planned_minutes=60)
    minutes = {record.theme_id: record.timebox for record in session.themes}
    assert sum(minutes.values()) == 60
    for theme in GUIDE.themes:
        if theme.is_obligation:
            assert minutes[theme.id] == OBLIGATION_FLOOR, theme.id
    # The discussions pay for it, in proportion: the 15-minute definition gets more than a
    # 5-minute theme.
    assert minutes["hvad-er-chikane"] > minutes["krisehjaelp"] >= 1


def test_scaling_up_scales_obligations_up_too() -> None:
    session = Session.new("LMU", GUIDE, planned_minutes=300)
    assert [r.timebox for r in session.themes] == [2 * t.timebox for t in GUIDE.themes]


def test_an_obligation_shorter_than_the_floor_keeps_its_own_length() -> None:
    themes = [
        Theme("a", "A", 20),
        Theme("kort-pligt", "Kort pligt", 3, kind="obligation"),
        Theme("lang-pligt", "Lang pligt", 10, kind="obligation"),
        Theme("b", "B", 30),
    ]
    # A third of the time: the 3-minute obligation would get 1, the 10-minute one 3.
    assert fit_timeboxes(themes, 21) == [5, 3, 5, 8]


def test_when_even_the_floors_do_not_fit_the_sum_runs_over() -> None:
    fitted = fit_timeboxes(GUIDE.themes, 10)
    obligations = [t.is_obligation for t in GUIDE.themes]
    assert [m for m, o in zip(fitted, obligations, strict=True) if o] == [5, 5, 5]
    assert all(m == 1 for m, o in zip(fitted, obligations, strict=True) if not o)
    assert sum(fitted) > 10


# -- a meeting on a plan, and the follow-up that carries what it left out -------------------


def test_a_meeting_on_the_first_plan_takes_its_themes_and_postpones_the_rest() -> None:
    plan = GUIDE.plan("foerste-moede")
    session = new_session("Lokaludvalget for Børneby Nord", GUIDE, plan=plan)
    taken = [r for r in session.themes if r.state != "postponed"]
    assert [r.theme_id for r in taken] == list(plan.themes)
    assert sum(r.timebox for r in taken) == session.planned_minutes == 60
    assert all(
        r.timebox == OBLIGATION_FLOOR for r in taken if GUIDE.theme(r.theme_id).is_obligation
    )
    assert session.current_theme == "hvad-er-chikane"
    left = [r for r in session.themes if r.state == "postponed"]
    assert len(left) == 9
    assert all(
        r.reason == "Ikke med i planen «Første møde (60 min)»; tages op på næste møde."
        for r in left
    )
    # A left-out theme keeps the agenda's timebox, for the meeting that takes it up.
    assert session.record("lokale-retningslinjer").timebox == 15


def test_planned_minutes_override_the_plans_length() -> None:
    session = new_session("LMU", GUIDE, 45, GUIDE.plan("andet-moede"))
    taken = [r for r in session.themes if r.state != "postponed"]
    assert sum(r.timebox for r in taken) == session.planned_minutes == 45
    assert session.record("kraevede-handlinger").timebox == OBLIGATION_FLOOR


def test_an_unknown_plan_names_the_plans_there_are() -> None:
    with pytest.raises(PlanError) as caught:
        find_plan(GUIDE, "tredje-moede")
    assert str(caught.value) == (
        'agenda "sociale-medier" has no plan "tredje-moede"'
        " (its plans: foerste-moede, andet-moede, hele-guiden)"
    )


def test_the_follow_up_carries_the_themes_the_plan_left_out() -> None:
    earlier = new_session("Lokaludvalget for Børneby Nord", GUIDE, plan=GUIDE.plan("foerste-moede"))
    for theme_id in GUIDE.plan("foerste-moede").themes:
        earlier.record(theme_id).state = "done"
    earlier.add_outcome("lokale-temaer", "agreement", "TRIO forbereder dokumentation.", "Mia")
    followup = start_followup(earlier, [])
    ids = [record.theme_id for record in followup.themes]
    left_out = [
        t for t in (t.id for t in GUIDE.themes) if t not in GUIDE.plan("foerste-moede").themes
    ]
    assert set(left_out) <= set(ids)
    carried = {r.theme_id: r for r in followup.themes if r.origin == "carried"}
    # The follow-up section of the guide is on its agenda anyway; the rest comes carried.
    assert set(carried) == set(left_out) - {"kraevede-handlinger", "lokal-opfoelgning"}
    assert all("Første møde (60 min)" in r.carried_reason for r in carried.values())
    assert not set(GUIDE.plan("foerste-moede").themes) & set(carried)


def test_run_with_an_unknown_plan_exits_2_before_the_screen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["run", "--committee", "LMU", "--plan", "tredje", "--sessions-dir", str(tmp_path)])
    assert code == 2
    err = capsys.readouterr().err
    assert err == (
        'facilitator: agenda "sociale-medier" has no plan "tredje"'
        " (its plans: foerste-moede, andet-moede, hele-guiden)\n"
    )
    assert not any(tmp_path.iterdir())
