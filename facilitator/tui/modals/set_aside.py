"""Skip the current theme (not coming back) or postpone it to the next meeting, with a reason."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet

from facilitator.i18n import _
from facilitator.session import ThemeState
from facilitator.tui.keys import localize


@dataclass(frozen=True)
class SetAside:
    """What the chair chose: skipped or postponed, and why."""

    state: ThemeState
    reason: str


class SetAsideDialog(ModalScreen[SetAside | None]):
    """A reason is required: it goes into the minutes, and the follow-up shows it."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    SetAsideDialog { align: center middle; }
    SetAsideDialog > Vertical { width: 72; max-width: 100%; height: auto; padding: 0 2;
        border: thick $accent; background: $surface; }
    SetAsideDialog RadioSet { width: 100%; border: none; padding: 0; margin-bottom: 1; }
    SetAsideDialog Label.field { color: $text-muted; }
    SetAsideDialog #aside-error { color: $error; text-style: bold; height: auto; }
    SetAsideDialog #aside-keys { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, theme_title: str) -> None:
        super().__init__()
        localize(self)
        self.theme_title = theme_title

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = escape(_("Set aside: {theme}").format(theme=self.theme_title))
            with RadioSet(id="aside-choice"):
                yield RadioButton(_("Postpone to the next meeting"), value=True, id="postponed")
                yield RadioButton(_("Skip: it does not come back"), id="skipped")
            yield Label(_("Reason (goes into the minutes)"), classes="field")
            yield Input(placeholder=_("e.g. HR takes part next time"), id="aside-reason")
            yield Label("", id="aside-error")
            yield Label(
                _("enter save · tab skip or postpone (↑↓) · escape cancel"), id="aside-keys"
            )

    def on_mount(self) -> None:
        self.query_one("#aside-reason", Input).focus()

    @property
    def state(self) -> ThemeState:
        """The choice made: postponed unless skip is pressed."""
        pressed = self.query_one(RadioSet).pressed_button
        return "skipped" if pressed is not None and pressed.id == "skipped" else "postponed"

    @on(Input.Submitted)
    def _submitted(self) -> None:
        reason = " ".join(self.query_one("#aside-reason", Input).value.split())
        if not reason:
            self.query_one("#aside-error", Label).update(
                _("Write a short reason: it goes into the minutes.")
            )
            return
        self.dismiss(SetAside(self.state, reason))

    def on_key(self, event: object) -> None:
        # enter on the choices saves too, as everywhere else in the dialog.
        key = getattr(event, "key", "")
        if key == "enter" and self.query_one(RadioSet).has_focus_within:
            self._submitted()

    def action_cancel(self) -> None:
        """Leave the theme as it is."""
        self.dismiss(None)
