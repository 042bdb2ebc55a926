"""One participant in a form: name, role, side and whether they are here."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Checkbox, Input, Select

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
