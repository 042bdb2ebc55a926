"""Skip the current theme (not coming back) or postpone it to the next meeting, with a reason."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.markup import escape
from textual.widgets import Input, Label, Static

from facilitator.i18n import _
from facilitator.session import ThemeState
from facilitator.tui.modals.base import Dialog


@dataclass(frozen=True)
class SetAside:
    """What the chair chose: skipped or postponed, and why."""

    state: ThemeState
    reason: str


class SetAsideDialog(Dialog[SetAside | None]):
    """A reason is required: it goes into the minutes, and the follow-up shows it."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        # The cursor stays in the reason; tab and the arrows flip the choice.
        Binding("tab,up,down", "flip", "Postpone or skip", priority=True),
    ]
    DEFAULT_CSS = """
    SetAsideDialog #aside-choice { width: 100%; margin: 1 0; }
    SetAsideDialog Label.field { color: $text-muted; }
    SetAsideDialog #aside-error { color: $error; text-style: bold; height: auto; }
    SetAsideDialog #aside-keys { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, theme_title: str) -> None:
        super().__init__(escape(_("Set aside: {theme}").format(theme=theme_title)))
        self.theme_title = theme_title
        self.state: ThemeState = "postponed"

    def body(self) -> ComposeResult:
        yield Static("", id="aside-choice", markup=False)
        yield Label(_("Reason (goes into the minutes)"), classes="field")
        yield Input(placeholder=_("e.g. HR takes part next time"), id="aside-reason")
        yield Label("", id="aside-error")
        yield Label(_("enter save · tab postpone or skip · escape cancel"), id="aside-keys")

    def on_mount(self) -> None:
        self._show_choice()
        self.query_one("#aside-reason", Input).focus()

    def _show_choice(self) -> None:
        # Marked in signs and words, so the choice reads the same without colour.
        lines = []
        for state, text in (
            ("postponed", _("Postpone to the next meeting")),
            ("skipped", _("Skip: it does not come back")),
        ):
            lines.append(f"{'(•)' if state == self.state else '( )'} {text}")
        self.query_one("#aside-choice", Static).update("\n".join(lines))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        reason = " ".join(self.query_one("#aside-reason", Input).value.split())
        if not reason:
            self.query_one("#aside-error", Label).update(
                _("Write a short reason: it goes into the minutes.")
            )
            return
        self.dismiss(SetAside(self.state, reason))

    def action_flip(self) -> None:
        """Switch between postponing and skipping."""
        self.state = "skipped" if self.state == "postponed" else "postponed"
        self._show_choice()

    def action_cancel(self) -> None:
        """Leave the theme as it is; ask first when a reason was typed."""
        from facilitator.tui.modals.keep_or_discard import cancel_keeping_work

        cancel_keeping_work(self, bool(self.query_one("#aside-reason", Input).value.strip()))
