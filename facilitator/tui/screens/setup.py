"""The new-meeting form: agenda, committee, place, length, the officers and the participants."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from facilitator.agenda import Agenda, Plan
from facilitator.catalog import AgendaEntry, find_agendas
from facilitator.i18n import _
from facilitator.sanitize import one_line
from facilitator.session import (
    clean_line,
    parse_role,
)
from facilitator.standing import minutes_to_add
from facilitator.tui.key_map import bindings
from facilitator.tui.keys import FIELD_KEYS, hint, keys_of
from facilitator.tui.screens.base import FacilitatorScreen
from facilitator.tui.screens.setup_agendas import agenda_options, every_choice, opening_choice
from facilitator.tui.screens.setup_fields import (
    default_plan,
    parse_planned,
    plan_choices,
    scaled_preview,
    text_row,
)
from facilitator.tui.widgets.key_footer import KeyFooter
from facilitator.tui.widgets.participant_row import ParticipantList, ParticipantRow
from facilitator.workspace import MeetingForm

if TYPE_CHECKING:
    from facilitator.tui.app import StartSetup


class SetupScreen(FacilitatorScreen):
    """Fill in what the minutes need, then start: the meeting opens with the clock paused."""

    BINDINGS = [*bindings("setup"), *FIELD_KEYS]
    # A form without the agenda row (the follow-up's) reads no agenda file: none can matter.
    CHOOSES_AGENDA = True

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

    @dataclass
    class AgendasRead(Message):
        """Every agenda file was read (in a worker), or the folder could not be listed."""

        entries: list[AgendaEntry]
        error: str = ""

    def __init__(self, start: StartSetup) -> None:
        super().__init__()
        self.start = start
        # The form opens at once with the agenda it was given; the others follow when read.
        self.choice = opening_choice(start.agenda, start.agenda_path)
        self.problem = ""
        self.plan_id = default_plan(start.agenda, start.plan)
        self.planned_default = self._plan_minutes()
        self._initial: tuple[object, ...] = ()

    @property
    def agenda(self) -> Agenda:
        """The agenda chosen in the form."""
        return self.choice.agendas[self.choice.index][0]

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
        yield Label(self.help_title(), id="setup-title")
        with VerticalScroll(id="setup-form"):
            yield from self.compose_intro()
            with Horizontal(classes="field-row -with-message", id="agenda-row"):
                yield Label(_("Agenda"), classes="field-label -required")
                yield Select(
                    agenda_options(self.choice),
                    value=self.choice.index,
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
            yield text_row(_("Place"), start.place, _("e.g. Meeting room 2"), "place")
            with Horizontal(classes="field-row -with-message"):
                yield Label(_("Planned length"), classes="field-label -required")
                yield Input(str(planned), type="integer", compact=True, id="planned")
                yield Label(_("minutes"), id="planned-unit")
            yield Static("", id="planned-message", classes="field-message")
            people = (
                (
                    _("Committee chair"),
                    start.formand,
                    _("the committee's chair; approves the minutes"),
                    "formand",
                ),
                (
                    _("Vice-chair"),
                    start.naestformand,
                    _("from the other side; approves the minutes too"),
                    "naestformand",
                ),
                (_("Chair"), start.chair, _("who leads the meeting"), "chair"),
                (_("Secretary"), start.secretary, _("who takes the minutes"), "secretary"),
            )
            for label, value, placeholder, field_id in people:
                yield text_row(label, value, placeholder, field_id)
            with Horizontal(id="participants-head"):
                yield Label(_("Participants"), id="participants-title")
                yield Label(
                    hint(self, ("setup_add", _("add")), ("setup_remove", _("remove"))),
                    id="participants-keys",
                )
            yield ParticipantList(
                self.participant_rows(),
                _("Nobody yet. {key} adds a participant.").format(key=add_key),
                id="participants",
            )
            yield from self.compose_more()
            with Horizontal(id="setup-buttons"):
                start_key = keys_of(self, "setup_start")
                label = f"{_('Start the meeting')} ({start_key})"
                yield Button(label, variant="primary", id="start")
                yield Button(f"{_('Add participant')} ({add_key})", id="add")
        yield KeyFooter()

    def compose_intro(self) -> ComposeResult:
        """Lines above the fields (a follow-up says which meeting it follows up)."""
        yield from ()

    def compose_more(self) -> ComposeResult:
        """Fields after the participants (a follow-up lists the themes it carries over)."""
        yield from ()

    def participant_rows(self) -> list[ParticipantRow]:
        """The participants the form opens with."""
        participants = self.start.participants
        return [ParticipantRow(name, parse_role(role) or "other") for name, role in participants]

    def on_mount(self) -> None:
        self._show_agenda_info()
        self._check_planned()
        self._initial = self._snapshot()
        self.query_one("#committee", Input).focus()
        if self.CHOOSES_AGENDA:
            # After the first frame: the parse shares the interpreter with the drawing of the form.
            self.call_after_refresh(self._read_agendas)

    @work(thread=True, exclusive=True, group="setup-agendas")
    def _read_agendas(self) -> None:
        """Every agenda there is, off the UI thread; the one the form opened with is not read."""
        path = self.start.agenda_path
        try:
            entries = find_agendas(known={path: self.start.agenda} if path else None)
        except OSError as error:
            self.post_message(self.AgendasRead([], str(error)))
            return
        self.post_message(self.AgendasRead(entries))

    @on(AgendasRead)
    def _agendas_read(self, message: AgendasRead) -> None:
        if message.error:
            self.problem = _("The agendas could not all be read: {error}").format(
                error=one_line(message.error)
            )
        else:
            self.choice = every_choice(message.entries, self.agenda)
        with self.prevent(Select.Changed):
            select = self.query_one("#agenda", Select)
            select.set_options(agenda_options(self.choice))
            select.value = self.choice.index
        self._show_agenda_info()

    # -- form state -----------------------------------------------------------------------

    def _snapshot(self) -> tuple[object, ...]:
        # The agenda itself, not its place in the list: the list grows once it has been read.
        values: list[object] = [self.agenda, self.plan_id]
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
        if self.choice.broken:
            info += " " + _(
                "{count} agenda file(s) could not be loaded; facilitator validate says why."
            ).format(count=len(self.choice.broken))
        if self.problem:
            info += " " + self.problem
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

    @on(Select.Changed, "#agenda")
    def _agenda_changed(self, event: Select.Changed) -> None:
        if not isinstance(event.value, int) or event.value == self.choice.index:
            return
        self.choice.index = event.value
        self.plan_id = default_plan(self.agenda)
        with self.prevent(Select.Changed):
            select = self.query_one("#plan", Select)
            select.set_options(plan_choices(self.agenda))
            select.value = self.plan_id
        self._chosen()

    @on(Select.Changed, "#plan")
    def _plan_changed(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str) or event.value == self.plan_id:
            return
        self.plan_id = event.value
        self._chosen()

    def _chosen(self) -> None:
        """After another agenda or plan: a planned length nobody changed follows it, and the
        lines under the fields say what the choice means."""
        planned, _error = parse_planned(self.query_one("#planned", Input).value)
        previous_default = self.planned_default
        self.planned_default = self._plan_minutes()
        if planned is None or planned == previous_default:
            self.query_one("#planned", Input).value = str(self.planned_default)
        self._show_agenda_info()
        self._check_planned()

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
        preview, total = scaled_preview(self.agenda, minutes, self.plan)
        plan = self.plan
        whole = plan is None or len(plan.themes) == len(self.agenda.themes)
        if total > minutes:
            # Saying "scaled to 10 minutes" over timeboxes that add up to 15 would be untrue.
            text = _(
                "Too short: the themes need at least {total} minutes, one for each and more "
                "for an obligation ({sections}). Choose a shorter plan or more time."
            ).format(total=total, sections=preview)
            self._message("planned", text, error=True)
            return minutes
        if whole and minutes == self.agenda.minutes:
            text = _("As the agenda plans it: {sections}").format(sections=preview)
        else:
            text = _("Timeboxes scaled to {minutes} minutes: {sections}").format(
                minutes=minutes, sections=preview
            )
        if standing := minutes_to_add(self.agenda):
            text += " " + _("(+{minutes} min for the MED standing items)").format(minutes=standing)
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
        self.query_one(ParticipantList).add()

    def action_remove_participant(self) -> None:
        """Remove the participant row the cursor is in."""
        participants = self.query_one(ParticipantList)
        row = participants.row_of(self.focused)
        if row is None:
            self.notify(_("Move the cursor to the participant to remove first."), timeout=4)
            return
        participants.remove_row(row)

    @on(ParticipantList.Emptied)
    def _no_participants_left(self) -> None:
        self.query_one("#add", Button).focus()

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
            participants=self.query_one(ParticipantList).participants,
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
