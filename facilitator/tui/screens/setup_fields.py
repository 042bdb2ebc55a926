"""What the new-meeting form computes from its fields: the planned length, the scaled
timeboxes it previews, and the plans it offers; and the row that holds a text field."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.widgets import Input, Label

from facilitator.agenda import Agenda, Plan
from facilitator.i18n import _
from facilitator.plans import new_session

PLANNED_MIN, PLANNED_MAX = 1, 24 * 60


def parse_planned(text: str) -> tuple[int | None, str]:
    """The planned length in minutes, or None and a message saying what is wrong."""
    raw = text.strip()
    if not raw:
        return None, _("Write the planned length in minutes.")
    try:
        minutes = int(raw)
    except ValueError:
        return None, _("Write a whole number of minutes, such as 120.")
    if not PLANNED_MIN <= minutes <= PLANNED_MAX:
        return None, _("Between 1 and 1440 minutes (24 hours), please.")
    return minutes, ""


def scaled_preview(agenda: Agenda, minutes: int, plan: Plan | None = None) -> tuple[str, int]:
    """Each section's minutes after fitting the agenda (or plan) to `minutes`, for the form,
    and the minutes they add up to: more than `minutes` when every theme's floor (one
    minute, more for an obligation) does not fit."""
    session = new_session("-", agenda, planned_minutes=minutes, plan=plan)
    taken = {record.theme_id: record.timebox for record in session.themes}
    if plan is not None:
        taken = {theme_id: taken[theme_id] for theme_id in plan.themes}
    parts: list[str] = []
    for number, section in enumerate(agenda.sections, start=1):
        times = [taken[theme.id] for theme in section.themes if theme.id in taken]
        if times:
            parts.append(f"{number} {section.title} {sum(times)}")
    return " · ".join(parts), sum(taken.values())


def plan_choices(agenda: Agenda) -> list[tuple[str, str]]:
    """(label, plan id) for the form's plan field; "" stands for the whole agenda.

    The whole agenda is offered only when no plan already takes every theme.
    """
    every = {theme.id for theme in agenda.themes}
    choices = [
        (
            _("{title} · {count} of {total} themes").format(
                title=plan.title, count=len(plan.themes), total=len(every)
            ),
            plan.id,
        )
        for plan in agenda.plans
    ]
    if not any(set(plan.themes) == every for plan in agenda.plans):
        whole = _("The whole agenda ({minutes} min)").format(minutes=agenda.minutes)
        choices.insert(0, (whole, ""))
    return choices


def default_plan(agenda: Agenda, wanted: str = "") -> str:
    """The plan the form starts on: `wanted` if the agenda has it, else the whole agenda."""
    ids = [plan_id for _label, plan_id in plan_choices(agenda)]
    if wanted in ids:
        return wanted
    every = {theme.id for theme in agenda.themes}
    whole = [plan.id for plan in agenda.plans if set(plan.themes) == every]
    return whole[0] if whole else ""


def text_row(label: str, value: str, placeholder: str, field_id: str) -> Horizontal:
    """One line of the form: a label and a text field."""
    return Horizontal(
        Label(label, classes="field-label"),
        Input(value, placeholder=placeholder, compact=True, id=field_id),
        classes="field-row",
    )
