"""The register's filter fields: search, committee, kind, open only, overdue only."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label, Select

from facilitator.i18n import _
from facilitator.tui.register_columns import ALL, KIND_CHOICES, FilterState, kind_choice_label

FILTER_DELAY = 0.15


class RegisterFilters(Vertical):
    """Two lines of fields; every change posts `Changed`, typing only once it pauses."""

    DEFAULT_CSS = """
    RegisterFilters { height: auto; margin: 1 1 0 1; }
    RegisterFilters > Horizontal { height: 1; }
    RegisterFilters .field-label { width: auto; color: $text-muted; margin-right: 1; }
    RegisterFilters #filter { width: 1fr; }
    RegisterFilters #committee { width: 36; margin-left: 2; }
    RegisterFilters #kind { width: 28; }
    RegisterFilters .toggle { width: auto; margin-left: 2; color: $text-muted; }
    RegisterFilters .toggle.-on { color: $accent; text-style: bold; }
    """

    class Changed(Message):
        """The filter changed."""

    class Submitted(Message):
        """enter in the search field: back to the table."""

    def __init__(self) -> None:
        super().__init__(id="register-filters")
        self.state = FilterState()
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(_("Search (/)"), classes="field-label")
            yield Input(
                placeholder=_('words or "a phrase": text, owner, theme, status…'),
                compact=True,
                id="filter",
            )
            yield Select[str]([], prompt=_("All committees (u)"), compact=True, id="committee")
        with Horizontal():
            yield Label(_("Kind (k)"), classes="field-label")
            yield Select[str](
                [(kind_choice_label(key), key) for key, _kinds in KIND_CHOICES],
                value="default",
                allow_blank=False,
                compact=True,
                id="kind",
            )
            yield Label("", id="open-only", classes="toggle")
            yield Label("", id="overdue-only", classes="toggle")

    def on_mount(self) -> None:
        self._show_toggles()

    def _set(self, state: FilterState) -> None:
        self.state = state
        self.post_message(self.Changed())

    def set_committees(self, names: Iterable[str]) -> None:
        """The committees to choose from; a choice no longer there falls back to all."""
        names = list(names)
        select = self.query_one("#committee", Select)
        # Text, not str: a committee's name comes from a file and must not be read as markup.
        with self.prevent(Select.Changed):
            select.set_options((Text(name), name) for name in names)
            if self.state.committee in names:
                select.value = self.state.committee
            elif self.state.committee != ALL:
                self.state = replace(self.state, committee=ALL)

    def focus_search(self) -> None:
        """Put the cursor in the search field."""
        self.query_one("#filter", Input).focus()

    def toggle_open(self) -> None:
        """Only outcomes not done or dropped, or all."""
        self._set(replace(self.state, open_only=not self.state.open_only))
        self._show_toggles()

    def toggle_overdue(self) -> None:
        """Only open outcomes past their date, or all."""
        self._set(replace(self.state, overdue_only=not self.state.overdue_only))
        self._show_toggles()

    def next_kind(self) -> None:
        """Agreements and actions, all kinds, then each kind alone."""
        keys = [key for key, _kinds in KIND_CHOICES]
        at = keys.index(self.state.kind_choice)
        self.query_one("#kind", Select).value = keys[(at + 1) % len(keys)]

    def pick_committee(self) -> None:
        """Open the committee field's list."""
        select = self.query_one("#committee", Select)
        select.focus()
        select.action_show_overlay()

    def _show_toggles(self) -> None:
        # A box and the word, not colour alone, say whether a field is on.
        for widget_id, on_, text in (
            ("#open-only", self.state.open_only, _("open only (o)")),
            ("#overdue-only", self.state.overdue_only, _("overdue only (f)")),
        ):
            label = self.query_one(widget_id, Label)
            label.update(("☑ " if on_ else "☐ ") + text)
            label.set_class(on_, "-on")

    def on_click(self, event: events.Click) -> None:
        # The toggles are labels: a click on one works like its key.
        if event.widget is not None and event.widget.id == "open-only":
            self.toggle_open()
        elif event.widget is not None and event.widget.id == "overdue-only":
            self.toggle_overdue()

    @on(Input.Changed, "#filter")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        # Typing fast should not rebuild a table of thousands of rows for every letter.
        if self._timer is not None:
            self._timer.stop()
        value = event.value
        self._timer = self.set_timer(
            FILTER_DELAY, lambda: self._set(replace(self.state, text=value))
        )

    @on(Input.Submitted, "#filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._set(replace(self.state, text=event.value))
        self.post_message(self.Submitted())

    @on(Select.Changed, "#committee")
    def _committee(self, event: Select.Changed) -> None:
        event.stop()
        # Cleared (no committee chosen): every committee.
        committee = event.value if isinstance(event.value, str) else ALL
        self._set(replace(self.state, committee=committee))

    @on(Select.Changed, "#kind")
    def _kind(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str):
            self._set(replace(self.state, kind_choice=event.value))
