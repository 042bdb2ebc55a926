"""Re-plan: the new timeboxes of the themes still to come, shown before they are applied."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from facilitator.clock import Replan
from facilitator.i18n import _
from facilitator.session import Session
from facilitator.tui.modals.base import Dialog


class ReplanDialog(Dialog[bool]):
    """Shows old and new minutes per theme; enter applies, escape keeps the plan."""

    BINDINGS = [
        Binding("enter,y", "apply", "Apply"),
        Binding("escape,n", "cancel", "Cancel"),
    ]
    DEFAULT_CSS = """
    ReplanDialog > Vertical { max-height: 90%; padding: 1 2; }
    ReplanDialog VerticalScroll { height: auto; max-height: 20; }
    ReplanDialog #replan-summary { margin-bottom: 1; }
    ReplanDialog #replan-keys { color: $text-muted; margin-top: 1; }
    ReplanDialog .-warning { color: $warning; text-style: bold; }
    """

    def __init__(self, session: Session, proposal: Replan) -> None:
        super().__init__(_("Re-plan to the planned end"))
        self.session = session
        self.proposal = proposal

    def body(self) -> ComposeResult:
        proposal = self.proposal
        if not proposal.changes:
            yield Label(_("No themes are left to re-plan."), id="replan-summary")
        else:
            summary = _("{minutes} minutes are left for {count} themes.").format(
                minutes=max(proposal.budget_minutes, 0), count=len(proposal.changes)
            )
            yield Label(summary, id="replan-summary")
            if not proposal.fits:
                yield Label(
                    _("Even one minute per theme runs past the planned end."),
                    classes="-warning",
                )
            table = Table(box=None, expand=True, pad_edge=False)
            table.add_column(_("Theme"), ratio=1, no_wrap=True, overflow="ellipsis")
            table.add_column(_("Now"), justify="right")
            table.add_column(_("New"), justify="right")
            for theme_id, old, new in proposal.changes:
                mark = "" if old == new else (" ↓" if new < old else " ↑")
                table.add_row(Text(self.session.theme(theme_id).title), str(old), f"{new}{mark}")
            with VerticalScroll():
                yield Static(table)
        yield Label(_("enter apply · escape keep the plan"), id="replan-keys")

    def on_resize(self, event: events.Resize) -> None:
        # The table scrolls and gives way, so that the apply/keep line stays on screen at
        # 80x24: border, padding, summary, warning and keys take the rows counted here.
        fixed = 9 if self.proposal.fits else 10
        room = max(3, int(event.size.height * 0.9) - fixed)
        for scroll in self.query(VerticalScroll):
            scroll.styles.max_height = min(20, room)

    def action_apply(self) -> None:
        """Apply the new timeboxes."""
        self.dismiss(bool(self.proposal.changes))

    def action_cancel(self) -> None:
        """Keep the timeboxes as they are."""
        self.dismiss(False)
