"""The baseline of bench_idle.py: a bare Textual app with a clock redrawn four times a second."""

from __future__ import annotations

import time

from textual.app import App, ComposeResult
from textual.widgets import Digits, Static

TEXT = "bare clock app ready"


class BareClockApp(App[None]):
    """One line and a 4 Hz clock, the least an idle meeting screen must do; ctrl+q quits."""

    def compose(self) -> ComposeResult:
        yield Static(TEXT)
        yield Digits("00:00", id="clock")

    def on_mount(self) -> None:
        self.started = time.monotonic()
        self.set_interval(0.25, self.tick)

    def tick(self) -> None:
        seconds = int(time.monotonic() - self.started)
        self.query_one(Digits).update(f"{seconds // 60:02d}:{seconds % 60:02d}")


if __name__ == "__main__":
    BareClockApp().run()
