"""The participants of a form: one row each (name, role, side, here or not), added and removed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Select, Static

from facilitator.i18n import _
from facilitator.session import ROLES, SIDES, Participant, Role, Side, clean_line, side_for_role
from facilitator.tui.formatting import role_label


def side_label(side: str) -> str:
    """A side of the committee in words."""
    return {"management": _("Management"), "employees": _("Employees"), "": _("No side")}.get(
        side, side
    )


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

    def __init__(
        self, name: str = "", role: Role = "employee-representative", present: bool = True
    ) -> None:
        super().__init__(classes="participant")
        self.initial_name = name
        self.initial_role = role
        self.initial_present = present
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
            value=side_for_role(self.initial_role),
            allow_blank=False,
            compact=True,
            classes="p-side",
        )
        yield Checkbox(_("Present"), self.initial_present, compact=True, classes="p-present")
        yield Button("✕", compact=True, classes="p-remove", tooltip=_("Remove this participant"))

    @on(Select.Changed, ".p-role")
    def _role_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str) and event.value in ROLES:
            self.query_one(".p-side", Select).value = side_for_role(event.value)

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


class ParticipantList(Vertical):
    """A form's participants: rows added and removed, and a line saying so when there are none."""

    class Emptied(Message):
        """The last row went: the form puts the cursor somewhere sensible."""

    def __init__(self, rows: list[ParticipantRow], empty: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows = rows
        self._empty = empty

    def compose(self) -> ComposeResult:
        yield Static(self._empty, id="participants-empty")
        yield from self._rows

    def on_mount(self) -> None:
        self._show_empty()

    @property
    def rows(self) -> list[ParticipantRow]:
        """The rows, top to bottom."""
        return list(self.query(ParticipantRow))

    @property
    def participants(self) -> list[Participant]:
        """Everyone with a name typed."""
        return [person for row in self.rows if (person := row.participant) is not None]

    def add(self) -> None:
        """One more row, the cursor in its name."""
        row = ParticipantRow()
        self.mount(row)
        self._show_empty()
        self.call_after_refresh(row.focus_name)
        self.call_after_refresh(row.scroll_visible)

    def remove_row(self, row: ParticipantRow) -> None:
        """Take a row away; the cursor goes to the row that takes its place."""
        rows = self.rows
        index = rows.index(row)
        row.remove()
        rest = [other for other in rows if other is not row]
        if rest:
            rest[min(index, len(rest) - 1)].focus_name()
        else:
            self.post_message(self.Emptied())
        self.call_after_refresh(self._show_empty)

    def row_of(self, widget: Widget | None) -> ParticipantRow | None:
        """The row a widget (the focused one, say) sits in."""
        nodes = widget.ancestors_with_self if widget is not None else []
        return next((node for node in nodes if isinstance(node, ParticipantRow)), None)

    @on(Button.Pressed, ".p-remove")
    def _remove_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        row = self.row_of(event.button)
        if row is not None:
            self.remove_row(row)

    def _show_empty(self) -> None:
        self.query_one("#participants-empty").display = not self.query(ParticipantRow)
