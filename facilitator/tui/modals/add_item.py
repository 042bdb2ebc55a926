"""A theme added on the spot ("Eventuelt"): title and timebox; it comes after the current one."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Label

from facilitator.agenda import TIMEBOX_MAX, TIMEBOX_MIN
from facilitator.i18n import _
from facilitator.session import clean_line
from facilitator.tui.modals.base import Dialog

DEFAULT_TIMEBOX = 5


@dataclass(frozen=True)
class NewItem:
    """The item to add."""

    title: str
    timebox: int


class AddItemDialog(Dialog[NewItem | None]):
    """Title and minutes; enter adds from either field, escape asks if something was typed."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    AddItemDialog Label.field { color: $text-muted; }
    AddItemDialog #item-minutes-row { height: 1; }
    AddItemDialog #item-minutes { width: 8; }
    AddItemDialog #item-minutes-unit { margin-left: 1; color: $text-muted; }
    AddItemDialog #item-error { color: $error; text-style: bold; height: auto; }
    AddItemDialog #item-keys { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, after_title: str) -> None:
        super().__init__(_("Add an item"))
        self.after_title = after_title

    def body(self) -> ComposeResult:
        yield Label(
            _("It comes right after «{theme}».").format(theme=self.after_title),
            classes="field",
            markup=False,
        )
        yield Label(_("Title"), classes="field")
        yield Input(placeholder=_("e.g. News from HR"), id="item-title")
        yield Label(_("Timebox"), classes="field")
        with Horizontal(id="item-minutes-row"):
            yield Input(str(DEFAULT_TIMEBOX), type="integer", compact=True, id="item-minutes")
            yield Label(_("minutes"), id="item-minutes-unit")
        yield Label("", id="item-error")
        yield Label(_("enter add · tab next field · escape cancel"), id="item-keys")

    def on_mount(self) -> None:
        self.query_one("#item-title", Input).focus()

    @property
    def typed(self) -> bool:
        """Whether anything was typed that escape would throw away."""
        minutes = self.query_one("#item-minutes", Input).value.strip()
        return bool(self.query_one("#item-title", Input).value.strip()) or minutes not in (
            "",
            str(DEFAULT_TIMEBOX),
        )

    @on(Input.Submitted)
    def _submitted(self) -> None:
        title = clean_line(self.query_one("#item-title", Input).value)
        error = self.query_one("#item-error", Label)
        if not title:
            error.update(_("Write the title first: it is required."))
            self.query_one("#item-title", Input).focus()
            return
        raw = self.query_one("#item-minutes", Input).value.strip()
        minutes = int(raw) if raw.isdigit() else 0
        if not TIMEBOX_MIN <= minutes <= TIMEBOX_MAX:
            error.update(_("A timebox is 1 to 480 minutes."))
            self.query_one("#item-minutes", Input).focus()
            return
        self.dismiss(NewItem(title, minutes))

    def action_cancel(self) -> None:
        """Leave; ask first when something was typed."""
        from facilitator.tui.modals.keep_or_discard import cancel_keeping_work

        cancel_keeping_work(self, self.typed)
