"""The baseline of bench_startup.py: a bare Textual app that shows one line, nothing else."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

TEXT = "bare Textual app ready"


class BareApp(App[None]):
    """One line of text; ctrl+q quits (Textual's default)."""

    def compose(self) -> ComposeResult:
        yield Static(TEXT)


if __name__ == "__main__":
    BareApp().run()
