"""The baseline of bench_review.py: a bare Textual app that pushes a one-line screen on ctrl+e
and changes that line on k."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static


class Minutes(Screen[None]):
    """One line that `k` changes."""

    BINDINGS = [("k", "change", "Change")]

    def __init__(self) -> None:
        super().__init__()
        self.changes = 0

    def compose(self) -> ComposeResult:
        yield Static("bare minutes 0", id="line")

    def action_change(self) -> None:
        self.changes += 1
        self.query_one("#line", Static).update(f"bare minutes {self.changes}")


class BareReviewApp(App[None]):
    """One line; ctrl+e shows the 'minutes'; ctrl+q quits (Textual's default)."""

    BINDINGS = [("ctrl+e", "minutes", "Minutes")]

    def compose(self) -> ComposeResult:
        yield Static("bare meeting")

    def action_minutes(self) -> None:
        self.push_screen(Minutes())


if __name__ == "__main__":
    BareReviewApp().run()
