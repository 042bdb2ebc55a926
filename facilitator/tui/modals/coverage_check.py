"""The check before the meeting ends: themes not covered, each with a short reason."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label

from facilitator.i18n import _
from facilitator.session import Session
from facilitator.tui.modals.base import Dialog


def _why(gap: str | None) -> str:
    """Why a theme is listed, by its gap (facilitator/session.py), in the screens' language."""
    if gap == "not-reached":
        return _("not reached")
    if gap == "not-presented":
        return _("obligation not marked as presented")
    if gap == "review-open":
        return _("earlier outcomes without a status")
    return _("no notes and no outcomes")


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
    CoverageCheck #coverage-standing { margin: 0 0 1 0; width: 100%; }
    CoverageCheck VerticalScroll { height: 1fr; }
    /* Only the standing items' line to show: the box is as tall as its text, not 90% empty. */
    CoverageCheck.-standing-only > Vertical { height: auto; }
    CoverageCheck .theme { text-style: bold; margin-top: 1; }
    /* The line above the list already ends in a blank line; a second one reads as a gap. */
    CoverageCheck .theme:first-child { margin-top: 0; }
    CoverageCheck .why { color: $text-muted; }
    CoverageCheck Input { margin: 0; }
    CoverageCheck #coverage-keys { width: 100%; text-style: bold; }
    """

    def __init__(self, session: Session) -> None:
        super().__init__(_("Not covered yet"))
        self.session = session
        self.uncovered = session.uncovered()
        # The standing items ask for no reason (a MED referat says «Ikke nået på mødet»), but
        # a chair who ends before «Eventuelt» and «Næste møde» is told, and can go back.
        self.not_reached = session.standing_not_reached()

    @property
    def empty(self) -> bool:
        """Nothing to check: the meeting can end at once."""
        return not self.uncovered and not self.not_reached

    def body(self) -> ComposeResult:
        intro = (
            _(
                "These themes have not been covered. Give a short reason for the minutes, "
                "or go back."
            )
            if self.uncovered
            else _("Every theme of the dialogue paper has been covered.")
        )
        yield Label(intro, id="coverage-intro")
        if self.not_reached:
            items = ", ".join(self.session.theme(r.theme_id).title for r in self.not_reached)
            yield Label(
                _(
                    "Standing items not reached: {items}. The minutes say so; no reason is needed."
                ).format(items=items),
                id="coverage-standing",
                markup=False,
            )
        if not self.uncovered:
            self.add_class("-standing-only")
        else:
            with VerticalScroll():
                for record in self.uncovered:
                    theme = self.session.theme(record.theme_id)
                    yield Label(theme.title, classes="theme", markup=False)
                    yield Label(_why(self.session.gap(record)), classes="why")
                    yield Input(
                        record.uncovered_reason,
                        placeholder=_("Reason (optional), e.g. postponed to the next meeting"),
                        id=f"reason-{record.theme_id}",
                    )
        yield Label(_("ctrl+e end anyway · escape back to the meeting"), id="coverage-keys")

    def on_mount(self) -> None:
        fields = self.query(Input)
        if fields:
            fields.first().focus()

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
