"""Starting a meeting on one plan of its agenda: the plan's themes now, the rest at the next one.

The themes a plan leaves out are postponed to the next meeting with the plan named as the
reason, so the follow-up carries them exactly as it carries what the chair postponed
(see carry.py); the session keeps the whole agenda, and its minutes say what was left out.
"""

from __future__ import annotations

from facilitator.agenda import PLANNED_MAX, Agenda, Plan
from facilitator.session import Session, fit_timeboxes

# The reason a left-out theme carries, in the agenda's language (it is printed in the minutes).
_LEFT_OUT = {
    "da": "Ikke med i planen «{title}»; tages op på næste møde.",
    "en": "Not in the plan “{title}”; taken up at the next meeting.",
}


class PlanError(ValueError):
    """A plan id the agenda does not have."""


def find_plan(agenda: Agenda, plan_id: str) -> Plan:
    """The agenda's plan by id, or PlanError naming the plans there are."""
    try:
        return agenda.plan(plan_id)
    except KeyError:
        known = ", ".join(plan.id for plan in agenda.plans)
        have = f"its plans: {known}" if known else "it has no plans"
        raise PlanError(f'agenda "{agenda.id}" has no plan "{plan_id}" ({have})') from None


def left_out_reason(agenda: Agenda, plan: Plan) -> str:
    """Why a theme is not on this meeting's agenda, as the minutes say it."""
    text = _LEFT_OUT["da" if agenda.language == "da" else "en"]
    return text.format(title=plan.title)


def new_session(
    committee: str,
    agenda: Agenda,
    planned_minutes: int | None = None,
    plan: Plan | None = None,
) -> Session:
    """A fresh session over `agenda`, on `plan` when one is given.

    With a plan the meeting starts on the plan's first theme, the plan's themes share its
    planned length (or `planned_minutes`), obligations keep at least five minutes, and every
    other theme is postponed to the next meeting.
    """
    if plan is None:
        return Session.new(committee, agenda, planned_minutes)
    session = Session.new(committee, agenda)
    chosen = set(plan.themes)
    reason = left_out_reason(agenda, plan)
    for record in session.themes:
        if record.theme_id not in chosen:
            session.set_aside(record.theme_id, "postponed", reason)
    taken = [record for record in session.themes if record.theme_id in chosen]
    minutes = planned_minutes if planned_minutes is not None else plan.planned
    fitted = fit_timeboxes([session.theme(record.theme_id) for record in taken], minutes)
    for record, timebox in zip(taken, fitted, strict=True):
        record.timebox = timebox
    session.planned_minutes = max(1, min(minutes, PLANNED_MAX))
    session.current_theme = taken[0].theme_id
    return session


def planned_themes(session: Session) -> int:
    """How many themes the meeting takes (those not postponed before it began)."""
    return sum(1 for record in session.themes if record.state != "postponed")
