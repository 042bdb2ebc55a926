"""Attendance during the meeting: who is here, who arrived late or left, and new arrivals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Label, SelectionList

from facilitator.i18n import _
from facilitator.session import Participant, Session, clean_line, parse_role, side_for_role
from facilitator.tui.formatting import clock_time, role_label
from facilitator.tui.modals.base import Dialog


class AttendanceDialog(Dialog[bool]):
    """Tick who is present; arrivals and departures after the start get the time noted."""

    BINDINGS = [Binding("escape", "close", "Close")]
    DEFAULT_CSS = """
    AttendanceDialog > Vertical { width: 76; max-height: 95%; padding: 1 2; }
    AttendanceDialog SelectionList { height: auto; max-height: 14; }
    AttendanceDialog Label.hint { color: $text-muted; width: 1fr; }
    AttendanceDialog #attendance-error { color: $error; }
    """

    def __init__(self, session: Session, wall: Callable[[], datetime]) -> None:
        super().__init__(_("Attendance"))
        self.session = session
        self.wall = wall
        self.changed = False
        # As each person stood when the dialog opened: toggling back restores exactly this,
        # so a misclick undone leaves no false arrival or departure in the minutes.
        self._before = {id(p): (p.present, p.arrived, p.left) for p in session.participants}

    def _label(self, participant: Participant) -> Text:
        # Said in words, so present and absent differ without colour too.
        mark = "✓ " if participant.present else "✗ "
        state = _("present") if participant.present else _("absent")
        parts = [mark + participant.name, role_label(participant.role), state]
        if participant.arrived:
            parts.append(_("arrived {time}").format(time=clock_time(participant.arrived)))
        if participant.left:
            parts.append(_("left {time}").format(time=clock_time(participant.left)))
        return Text(" · ".join(parts))

    def body(self) -> ComposeResult:
        yield Label(
            _("space: present or absent · enter in the field below adds a person"),
            classes="hint",
        )
        yield SelectionList[int](
            *[(self._label(p), i, p.present) for i, p in enumerate(self.session.participants)],
            id="attendance-list",
        )
        yield Input(
            placeholder=_("New participant: name:role (e.g. Mia Holm:amr)"), id="attendance-new"
        )
        yield Label("", id="attendance-error")
        yield Label(_("escape close · tab next field"), classes="hint")

    def on_mount(self) -> None:
        # An empty list takes no focus: tab then stays in the field with the name typed.
        self.query_one(SelectionList).can_focus = bool(self.session.participants)
        target = "#attendance-list" if self.session.participants else "#attendance-new"
        self.query_one(target).focus()

    @on(SelectionList.SelectionToggled)
    def _toggled(self, event: SelectionList.SelectionToggled[int]) -> None:
        participant = self.session.participants[event.selection.value]
        present = not participant.present
        before = self._before.get(id(participant))
        if before is not None and before[0] == present:
            participant.present, participant.arrived, participant.left = before
        else:
            participant.present = present
            if self.session.started is not None:
                if present:
                    participant.arrived = self.wall()
                else:
                    participant.left = self.wall()
        self.changed = True
        selections = self.query_one(SelectionList)
        selections.replace_option_prompt_at_index(event.selection_index, self._label(participant))

    @on(Input.Submitted, "#attendance-new")
    def _add(self, event: Input.Submitted) -> None:
        name, _sep, role_text = event.value.partition(":")
        name = clean_line(name)
        role = parse_role(role_text) if role_text.strip() else "employee-representative"
        error = self.query_one("#attendance-error", Label)
        if not name:
            error.update(_("Write a name first."))
            return
        if role is None:
            error.update(
                _("Unknown role: use leader, employee, tr, amr, secretary, guest or other.")
            )
            return
        participant = Participant(name=name, role=role, side=side_for_role(role))
        # Someone added before the clock first started was there from the beginning.
        if self.session.started is not None:
            participant.arrived = self.wall()
        self.session.participants.append(participant)
        index = len(self.session.participants) - 1
        selections = self.query_one(SelectionList)
        selections.add_option((self._label(participant), index, True))
        selections.can_focus = True
        event.input.value = ""
        error.update("")
        self.changed = True

    def action_close(self) -> None:
        """Close; the changes are saved by the meeting screen."""
        self.dismiss(self.changed)
