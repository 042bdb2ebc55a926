"""The check before the meeting ends: themes not covered, each with a short reason."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label

from facilitator.i18n import _
from facilitator.session import Session, ThemeRecord
from facilitator.tui.modals.base import Dialog


class CoverageCheck(Dialog[bool]):
    """Lists obligations not presented and discussions with nothing captured.

    ctrl+e ends anyway, keeping the reasons for the minutes; escape goes back to the meeting.
    """

    BINDINGS = [
        Binding("ctrl+e", "end", "End anyway", priority=True),
        Binding("escape", "back", "Back to the meeting"),
    ]
    DEFAULT_CSS = """
    CoverageCheck > Vertical { width: 90; height: 90%; padding: 0 1; border: thick $warning; }
    CoverageCheck #coverage-intro { margin: 0 0 1 0; width: 100%; }
    CoverageCheck VerticalScroll { height: 1fr; }
    CoverageCheck .theme { text-style: bold; margin-top: 1; }
    CoverageCheck .why { color: $text-muted; }
    CoverageCheck Input { margin: 0; }
    CoverageCheck #coverage-keys { width: 100%; text-style: bold; }
    """

    def __init__(self, session: Session, uncovered: list[ThemeRecord]) -> None:
        super().__init__(_("Not covered yet"))
        self.session = session
        self.uncovered = uncovered

    def body(self) -> ComposeResult:
        yield Label(
            _(
                "These themes have not been covered. Give a short reason for the minutes, "
                "or go back."
            ),
            id="coverage-intro",
        )
        with VerticalScroll():
            for record in self.uncovered:
                theme = self.session.theme(record.theme_id)
                why = (
                    _("obligation not marked as presented")
                    if theme.is_obligation
                    else _("no notes and no outcomes")
                )
                yield Label(theme.title, classes="theme", markup=False)
                yield Label(why, classes="why")
                yield Input(
                    record.uncovered_reason,
                    placeholder=_("Reason (optional), e.g. postponed to the next meeting"),
                    id=f"reason-{record.theme_id}",
                )
        yield Label(_("ctrl+e end anyway · escape back to the meeting"), id="coverage-keys")

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    @on(Input.Changed)
    def _reason(self, event: Input.Changed) -> None:
        theme_id = (event.input.id or "").removeprefix("reason-")
        self.session.record(theme_id).uncovered_reason = " ".join(event.value.split())

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    def action_end(self) -> None:
        """End the meeting with the reasons given."""
        self.dismiss(True)

    def action_back(self) -> None:
        """Back to the meeting; the reasons typed are kept."""
        self.dismiss(False)
