"""The new-meeting form: agenda, committee, place, length, formand, næstformand, chair, secretary,
participants."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static

from facilitator.agenda import Agenda, Plan
from facilitator.catalog import find_agendas
from facilitator.i18n import _
from facilitator.plans import new_session
from facilitator.session import (
    DEFAULT_SIDE,
    ROLES,
    SIDES,
    Participant,
    Role,
    Side,
    clean_line,
    parse_role,
)
from facilitator.standing import STANDING_MINUTES
from facilitator.tui.formatting import role_label
from facilitator.tui.keys import hint, keys_of
from facilitator.tui.screens.base import FacilitatorScreen
from facilitator.workspace import MeetingForm

if TYPE_CHECKING:
    from facilitator.tui.app import StartSetup

PLANNED_MIN, PLANNED_MAX = 1, 24 * 60


def side_label(side: str) -> str:
    """A side of the committee in words."""
    return {"management": _("Management"), "employees": _("Employees"), "": _("No side")}.get(
        side, side
    )


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


def scaled_preview(agenda: Agenda, minutes: int, plan: Plan | None = None) -> str:
    """Each section's minutes after fitting the agenda (or plan) to `minutes`, for the form."""
    session = new_session("-", agenda, planned_minutes=minutes, plan=plan)
    taken = {record.theme_id: record.timebox for record in session.themes}
    if plan is not None:
        taken = {theme_id: taken[theme_id] for theme_id in plan.themes}
    parts: list[str] = []
    for number, section in enumerate(agenda.sections, start=1):
        times = [taken[theme.id] for theme in section.themes if theme.id in taken]
        if times:
            parts.append(f"{number} {section.title} {sum(times)}")
    return " · ".join(parts)


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


class ParticipantRow(Horizontal):
    """One participant: name, role, side and whether they are here."""

    DEFAULT_CSS = """
    ParticipantRow { height: 1; margin-bottom: 1; }
    ParticipantRow .p-name { width: 1fr; min-width: 12; }
    ParticipantRow .p-role { width: 34; margin-left: 1; }
    ParticipantRow .p-side { width: 17; margin-left: 1; }
    ParticipantRow .p-present { width: auto; margin-left: 1; }
    ParticipantRow .p-remove { width: 3; min-width: 3; margin-left: 1; }
    """

    def __init__(self, name: str = "", role: Role = "employee-representative") -> None:
        super().__init__(classes="participant")
        self.initial_name = name
        self.initial_role = role
        self._side_from_role = True

    def compose(self) -> ComposeResult:
        yield Input(self.initial_name, placeholder=_("Name"), compact=True, classes="p-name")
        yield Select(
            [(role_label(role), role) for role in ROLES],
            value=self.initial_role,
            allow_blank=False,
            compact=True,
            classes="p-role",
        )
        yield Select(
            [(side_label(side), side) for side in SIDES],
            value=DEFAULT_SIDE[self.initial_role],
            allow_blank=False,
            compact=True,
            classes="p-side",
        )
        yield Checkbox(_("Present"), True, compact=True, classes="p-present")
        yield Button("✕", compact=True, classes="p-remove", tooltip=_("Remove this participant"))

    @on(Select.Changed, ".p-role")
    def _role_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str) and event.value in DEFAULT_SIDE:
            self.query_one(".p-side", Select).value = DEFAULT_SIDE[event.value]

    @property
    def participant(self) -> Participant | None:
        """The participant as typed, or None when the name is empty."""
        name = clean_line(self.query_one(".p-name", Input).value)
        if not name:
            return None
        role: Role = self.query_one(".p-role", Select).value  # type: ignore[assignment]
        side: Side = self.query_one(".p-side", Select).value  # type: ignore[assignment]
        present = self.query_one(".p-present", Checkbox).value
        return Participant(name=name, role=role, side=side, present=present)

    def focus_name(self) -> None:
        """Put the cursor in the name field."""
        self.query_one(".p-name", Input).focus()


class SetupScreen(FacilitatorScreen):
    """Fill in what the minutes need, then start: the meeting opens with the clock paused."""

    BINDINGS = [
        Binding(
            "ctrl+s",
            "start",
            "Start the meeting",
            priority=True,
            id="setup_start",
            tooltip="Start the meeting as the form says",
        ),
        # The participants' heading names these two; the Footer has no room at 80.
        Binding(
            "ctrl+n",
            "add_participant",
            "Add participant",
            show=False,
            id="setup_add",
            tooltip="Add a participant",
        ),
        Binding(
            "ctrl+r",
            "remove_participant",
            "Remove participant",
            show=False,
            id="setup_remove",
            tooltip="Remove the participant the cursor is on",
        ),
        Binding(
            "escape",
            "back",
            "Back",
            id="setup_back",
            tooltip="Back (asks first if something was typed)",
        ),
    ]

    DEFAULT_CSS = """
    SetupScreen { layout: vertical; }
    SetupScreen #setup-title {
        width: 1fr; height: 1; padding: 0 1; background: $panel; text-style: bold;
    }
    SetupScreen Input.-textual-compact:focus { background: $primary 25%; }
    SetupScreen Select:focus > SelectCurrent { background: $primary 25%; }
    SetupScreen #setup-form { height: 1fr; padding: 1 2 0 2; }
    SetupScreen .field-row { height: 1; margin-bottom: 1; }
    SetupScreen .field-row.-with-message { margin-bottom: 0; }
    SetupScreen .field-label { width: 22; color: $text-muted; }
    SetupScreen .field-label.-required { color: $text; }
    SetupScreen .field-row Input, SetupScreen .field-row Select { width: 1fr; }
    SetupScreen #planned { width: 10; }
    SetupScreen #planned-unit { width: auto; margin-left: 1; color: $text-muted; }
    SetupScreen .field-message {
        height: auto; margin: 0 0 1 22; color: $text-muted;
    }
    SetupScreen .field-message.-error { color: $error; text-style: bold; }
    SetupScreen #participants-head { height: 1; margin-top: 1; }
    SetupScreen #participants-title { width: 1fr; text-style: bold; }
    SetupScreen #participants-keys { width: auto; color: $text-muted; }
    SetupScreen #participants-columns { height: 1; color: $text-muted; margin-bottom: 0; }
    SetupScreen #participants { height: auto; margin-top: 1; }
    SetupScreen #participants-empty { color: $text-muted; height: auto; margin-bottom: 1; }
    SetupScreen #setup-buttons { height: 3; margin-top: 1; margin-bottom: 1; }
    SetupScreen #setup-buttons Button { margin-right: 2; }
    SetupScreen.-narrow ParticipantRow .p-role { width: 22; }
    SetupScreen.-narrow ParticipantRow .p-side { width: 15; }
    SetupScreen.-narrow .field-label { width: 19; }
    SetupScreen.-narrow .field-message { margin-left: 19; }
    """

    def __init__(self, start: StartSetup) -> None:
        super().__init__()
        self.start = start
        entries = find_agendas()
        self.agendas: list[tuple[Agenda, str]] = [
            (entry.agenda, _origin_label(entry.origin, entry.path))
            for entry in entries
            # A file another of the same id shadows is not what `run ID` uses; not offered.
            if entry.agenda is not None and entry.used
        ]
        self.broken = [entry.path for entry in entries if entry.agenda is None]
        self.agenda_index = next(
            (i for i, (agenda, _o) in enumerate(self.agendas) if agenda == start.agenda), -1
        )
        if self.agenda_index < 0:
            # An agenda file given on the command line: offer it first.
            self.agendas.insert(0, (start.agenda, _("given")))
            self.agenda_index = 0
        self.plan_id = default_plan(start.agenda, start.plan)
        self.planned_default = self._plan_minutes()
        self._initial: tuple[object, ...] = ()

    @property
    def agenda(self) -> Agenda:
        """The agenda chosen in the form."""
        return self.agendas[self.agenda_index][0]

    @property
    def plan(self) -> Plan | None:
        """The plan chosen in the form; None for the whole agenda."""
        return self.agenda.plan(self.plan_id) if self.plan_id else None

    def _plan_minutes(self) -> int:
        plan = self.plan
        return plan.planned if plan is not None else self.agenda.minutes

    def help_title(self) -> str:
        """The help's title for this screen."""
        return _("New meeting")

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        start = self.start
        planned = start.planned if start.planned is not None else self.planned_default
        add_key = keys_of(self, "setup_add")
        yield Label(_("New meeting"), id="setup-title")
        with VerticalScroll(id="setup-form"):
            with Horizontal(classes="field-row -with-message"):
                yield Label(_("Agenda"), classes="field-label -required")
                yield Select(
                    [
                        (Text(f"{agenda.title} ({origin})"), index)
                        for index, (agenda, origin) in enumerate(self.agendas)
                    ],
                    value=self.agenda_index,
                    allow_blank=False,
                    compact=True,
                    id="agenda",
                )
            yield Static("", id="agenda-info", classes="field-message")
            with Horizontal(classes="field-row -with-message", id="plan-row"):
                yield Label(_("Plan"), classes="field-label -required")
                yield Select(
                    plan_choices(self.agenda),
                    value=self.plan_id,
                    allow_blank=False,
                    compact=True,
                    id="plan",
                )
            yield Static("", id="plan-message", classes="field-message")
            with Horizontal(classes="field-row -with-message"):
                yield Label(_("Committee") + " *", classes="field-label -required")
                yield Input(
                    start.committee,
                    placeholder=_("e.g. Local MED committee, Jobcenter North"),
                    compact=True,
                    id="committee",
                )
            yield Static("", id="committee-message", classes="field-message")
            with Horizontal(classes="field-row"):
                yield Label(_("Place"), classes="field-label")
                yield Input(
                    start.place, placeholder=_("e.g. Meeting room 2"), compact=True, id="place"
                )
            with Horizontal(classes="field-row -with-message"):
                yield Label(_("Planned length"), classes="field-label -required")
                yield Input(str(planned), type="integer", compact=True, id="planned")
                yield Label(_("minutes"), id="planned-unit")
            yield Static("", id="planned-message", classes="field-message")
            with Horizontal(classes="field-row"):
                yield Label(_("Committee chair"), classes="field-label")
                yield Input(
                    start.formand,
                    placeholder=_("the committee's chair; approves the minutes"),
                    compact=True,
                    id="formand",
                )
            with Horizontal(classes="field-row"):
                yield Label(_("Vice-chair"), classes="field-label")
                yield Input(
                    start.naestformand,
                    placeholder=_("from the other side; approves the minutes too"),
                    compact=True,
                    id="naestformand",
                )
            with Horizontal(classes="field-row"):
                yield Label(_("Chair"), classes="field-label")
                yield Input(
                    start.chair, placeholder=_("who leads the meeting"), compact=True, id="chair"
                )
            with Horizontal(classes="field-row"):
                yield Label(_("Secretary"), classes="field-label")
                yield Input(
                    start.secretary,
                    placeholder=_("who takes the minutes"),
                    compact=True,
                    id="secretary",
                )
            with Horizontal(id="participants-head"):
                yield Label(_("Participants"), id="participants-title")
                yield Label(
                    hint(self, ("setup_add", _("add")), ("setup_remove", _("remove"))),
                    id="participants-keys",
                )
            with Vertical(id="participants"):
                yield Static(
                    _("Nobody yet. {key} adds a participant.").format(key=add_key),
                    id="participants-empty",
                )
                for name, role in start.participants:
                    yield ParticipantRow(name, parse_role(role) or "other")
            with Horizontal(id="setup-buttons"):
                start_key = keys_of(self, "setup_start")
                yield Button(
                    f"{_('Start the meeting')} ({start_key})", variant="primary", id="start"
                )
                yield Button(f"{_('Add participant')} ({add_key})", id="add")
        yield Footer()

    def on_mount(self) -> None:
        self._show_agenda_info()
        self._check_planned()
        self._show_participants_hint()
        self._initial = self._snapshot()
        self.query_one("#committee", Input).focus()

    # -- form state -----------------------------------------------------------------------

    def _snapshot(self) -> tuple[object, ...]:
        values: list[object] = [self.agenda_index, self.plan_id]
        values += [field.value for field in self.query(Input)]
        values.append(len(self.query(ParticipantRow)))
        return tuple(values)

    @property
    def changed(self) -> bool:
        """Whether anything was typed since the form opened."""
        return self._snapshot() != self._initial

    def _show_agenda_info(self) -> None:
        agenda = self.agenda
        info = _("{themes} themes in {sections} sections, {minutes} minutes as written.").format(
            themes=len(agenda.themes), sections=len(agenda.sections), minutes=agenda.minutes
        )
        if self.broken:
            info += " " + _(
                "{count} agenda file(s) could not be loaded; facilitator validate says why."
            ).format(count=len(self.broken))
        self.query_one("#agenda-info", Static).update(Text(info))
        self._show_plan()

    def _show_plan(self) -> None:
        """The plan row only for an agenda with plans; under it, what waits for next time."""
        self.query_one("#plan-row").display = bool(self.agenda.plans)
        plan = self.plan
        text = ""
        if plan is not None:
            later = len(self.agenda.themes) - len(plan.themes)
            if later:
                text = _("{count} theme(s) wait for the next meeting.").format(count=later)
        self._message("plan", text)

    def _show_participants_hint(self) -> None:
        empty = not self.query(ParticipantRow)
        self.query_one("#participants-empty").display = empty

    @on(Select.Changed, "#agenda")
    def _agenda_changed(self, event: Select.Changed) -> None:
        if not isinstance(event.value, int) or event.value == self.agenda_index:
            return
        planned, _error = parse_planned(self.query_one("#planned", Input).value)
        self.agenda_index = event.value
        self.plan_id = default_plan(self.agenda)
        with self.prevent(Select.Changed):
            select = self.query_one("#plan", Select)
            select.set_options(plan_choices(self.agenda))
            select.value = self.plan_id
        self._follow_default(planned)
        self._show_agenda_info()
        self._check_planned()

    @on(Select.Changed, "#plan")
    def _plan_changed(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str) or event.value == self.plan_id:
            return
        planned, _error = parse_planned(self.query_one("#planned", Input).value)
        self.plan_id = event.value
        self._follow_default(planned)
        self._show_plan()
        self._check_planned()

    def _follow_default(self, planned: int | None) -> None:
        """A planned length nobody changed follows the agenda or plan chosen."""
        previous_default = self.planned_default
        self.planned_default = self._plan_minutes()
        if planned is None or planned == previous_default:
            self.query_one("#planned", Input).value = str(self.planned_default)

    @on(Input.Changed, "#committee")
    def _committee_changed(self, event: Input.Changed) -> None:
        if clean_line(event.value):
            self._message("committee", "")

    @on(Input.Changed, "#planned")
    def _planned_changed(self) -> None:
        self._check_planned()

    def _check_planned(self) -> int | None:
        minutes, error = parse_planned(self.query_one("#planned", Input).value)
        if minutes is None:
            self._message("planned", error, error=True)
            return None
        preview = scaled_preview(self.agenda, minutes, self.plan)
        plan = self.plan
        whole = plan is None or len(plan.themes) == len(self.agenda.themes)
        if whole and minutes == self.agenda.minutes:
            text = _("As the agenda plans it: {sections}").format(sections=preview)
        else:
            text = _("Timeboxes scaled to {minutes} minutes: {sections}").format(
                minutes=minutes, sections=preview
            )
        if self.agenda.standing_items:
            text += " " + _("(+{minutes} min for the MED standing items)").format(
                minutes=STANDING_MINUTES
            )
        self._message("planned", text)
        return minutes

    def _message(self, field: str, text: str, error: bool = False) -> None:
        """Show (or hide, when empty) the line under a field."""
        message = self.query_one(f"#{field}-message", Static)
        message.update(Text(text))
        message.set_class(error, "-error")
        message.display = bool(text)
        row = self.query_one(f"#{field}").parent
        if isinstance(row, Widget):
            row.set_class(bool(text), "-with-message")

    # -- participants ---------------------------------------------------------------------

    def action_add_participant(self) -> None:
        """Add a row for one more participant and put the cursor in its name."""
        row = ParticipantRow()
        self.query_one("#participants", Vertical).mount(row)
        self._show_participants_hint()
        self.call_after_refresh(row.focus_name)
        self.call_after_refresh(row.scroll_visible)

    def action_remove_participant(self) -> None:
        """Remove the participant row the cursor is in."""
        focused = self.focused
        row = next(
            (
                node
                for node in (focused.ancestors_with_self if focused else [])
                if isinstance(node, ParticipantRow)
            ),
            None,
        )
        if row is None:
            self.notify(_("Move the cursor to the participant to remove first."), timeout=4)
            return
        self._remove_row(row)

    def _remove_row(self, row: ParticipantRow) -> None:
        rows = list(self.query(ParticipantRow))
        index = rows.index(row)
        row.remove()
        rest = [other for other in rows if other is not row]
        if rest:
            rest[min(index, len(rest) - 1)].focus_name()
        else:
            self.query_one("#add", Button).focus()
        self.call_after_refresh(self._show_participants_hint)

    @on(Button.Pressed, ".p-remove")
    def _remove_pressed(self, event: Button.Pressed) -> None:
        row = next(
            (node for node in event.button.ancestors if isinstance(node, ParticipantRow)), None
        )
        if row is not None:
            self._remove_row(row)

    @on(Button.Pressed, "#add")
    def _add_pressed(self) -> None:
        self.action_add_participant()

    # -- start and leave ------------------------------------------------------------------

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        # enter moves on, as in a paper form; the start key starts the meeting.
        event.stop()
        self.focus_next()

    def action_start(self) -> None:
        """Check the form; if it is complete, create the session and open the meeting."""
        committee = clean_line(self.query_one("#committee", Input).value)
        minutes = self._check_planned()
        if not committee:
            self._message("committee", _("Write the committee's name: it is required."), error=True)
            self.query_one("#committee", Input).focus()
            return
        if minutes is None:
            self.query_one("#planned", Input).focus()
            return
        form = MeetingForm(
            committee=committee,
            agenda=self.agenda,
            planned=minutes,
            plan=self.plan,
            place=self.query_one("#place", Input).value,
            chair=self.query_one("#chair", Input).value,
            secretary=self.query_one("#secretary", Input).value,
            formand=self.query_one("#formand", Input).value,
            naestformand=self.query_one("#naestformand", Input).value,
            participants=[
                participant
                for row in self.query(ParticipantRow)
                if (participant := row.participant) is not None
            ],
        )
        self._open(form)

    def _open(self, form: MeetingForm) -> None:
        # The workspace makes the folder (0700), picks a free name and takes the lock.
        self.facilitator.start_meeting(form, replace=True)

    async def action_back(self) -> None:
        """Back to the home screen (asking first if something was typed), or leave."""
        if self.changed:
            from facilitator.tui.modals.confirm import Confirm

            def answer(leave: bool | None) -> None:
                if leave:
                    self.app.call_later(self._leave)

            self.app.push_screen(
                Confirm(_("Leave the form? What you typed here is not kept."), title=_("Back")),
                answer,
            )
            return
        await self._leave()

    async def _leave(self) -> None:
        from facilitator.tui.screens.home import HomeScreen

        stack = self.app.screen_stack
        if len(stack) >= 2 and isinstance(stack[-2], HomeScreen):
            self.app.pop_screen()
        else:
            await self.facilitator.action_quit()


def _origin_label(origin: str, path: Path) -> str:
    if origin == "built-in":
        return _("built-in")
    return _("local: {name}").format(name=path.name)
