"""The current theme's clock: big digits counting the timebox down, then overtime up."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Digits, Label, ProgressBar

from facilitator.clock import Phase, phase_of
from facilitator.i18n import _
from facilitator.tui.formatting import countdown
from facilitator.tui.widgets.big_digits import BigDigits, pixel_width


class ThemeClock(Widget):
    """Digits, a status line that says the phase in words, and a bar of the timebox used."""

    DEFAULT_CSS = """
    ThemeClock { height: auto; }
    ThemeClock Horizontal { height: auto; }
    ThemeClock Digits { width: auto; margin-right: 3; }
    ThemeClock #clock-side { height: auto; width: 1fr; }
    ThemeClock #clock-big { display: none; margin-right: 3; }
    ThemeClock.-big #clock-big { display: block; }
    ThemeClock.-big #clock-digits { display: none; }
    ThemeClock.-warning #clock-big { color: $warning; }
    ThemeClock.-overtime #clock-big { color: $error; }
    ThemeClock.-paused #clock-big { color: $text-muted; }
    ThemeClock #clock-compact { width: auto; text-style: bold; margin-right: 2; display: none; }
    ThemeClock #clock-status { width: 1fr; }
    ThemeClock ProgressBar Bar { width: 1fr; }
    ThemeClock ProgressBar { width: 1fr; }
    ThemeClock.-warning #clock-status, ThemeClock.-warning #clock-compact { color: $warning; text-style: bold; }
    ThemeClock.-warning Digits { color: $warning; }
    ThemeClock.-overtime #clock-status, ThemeClock.-overtime #clock-compact { color: $error; text-style: bold reverse; }
    ThemeClock.-overtime Digits { color: $error; }
    ThemeClock.-paused Digits { color: $text-muted; }
    ThemeClock.-warning Bar > .bar--bar, ThemeClock.-warning Bar > .bar--complete { color: $warning; }
    ThemeClock.-overtime Bar > .bar--bar, ThemeClock.-overtime Bar > .bar--complete { color: $error; }
    ThemeClock.-paused #clock-status { color: $text-muted; }
    """

    @dataclass
    class Expired(Message):
        """The timebox ran out while the clock was running."""

        clock: ThemeClock

    def __init__(self, *, start_key: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.start_key = start_key
        self.phase: Phase = "paused"
        self._shown = ""
        self._status = ""
        self._state: tuple[str, Phase, bool] | None = None
        self._counting_overtime = False

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Digits("00:00", id="clock-digits")
            yield BigDigits("00:00", id="clock-big")
            with Vertical(id="clock-side"):
                with Horizontal():
                    yield Label("", id="clock-compact")
                    yield Label("", id="clock-status")
                yield ProgressBar(total=100, show_eta=False, show_percentage=False, id="clock-bar")

    def grow(self, terminal_width: int, terminal_height: int) -> None:
        """Digits that grow with a large terminal (a projector, a room): three rows up to
        40 rows of terminal, then a pixel font one scale step per 16 rows more."""
        scale = (
            0 if terminal_height < 40 or terminal_width < 120 else 3 + (terminal_height - 40) // 16
        )
        self.set_class(scale > 0, "-big")
        if scale:
            big = self.query_one("#clock-big", BigDigits)
            big.styles.height = (5 * scale + 1) // 2
            big.styles.width = pixel_width("00:00") * scale

    def show(self, remaining: float, timebox_seconds: float, running: bool) -> None:
        """Redraw for the remaining seconds; post `Expired` when overtime starts to run."""
        phase = phase_of(remaining, timebox_seconds, running)
        counting_overtime = phase == "overtime" and running
        if counting_overtime and not self._counting_overtime:
            self.post_message(self.Expired(self))
        self._counting_overtime = counting_overtime
        text = countdown(remaining)
        state = (text, phase, running)
        if state == self._state:
            # Four ticks a second for hours: a tick that changes nothing redraws nothing.
            return
        self._state = state
        if text != self._shown:
            # A new width ("9:59" to "10:00") is the only reason to lay the screen out again;
            # every second would otherwise cost a layout of the whole meeting screen.
            resized = len(text) != len(self._shown)
            self._shown = text
            self.query_one("#clock-digits", Digits).update(text)
            self.query_one("#clock-big", BigDigits).text = text
            self.query_one("#clock-compact", Label).update(text, layout=resized)
        status = {
            "paused": _("Paused: {key} starts the clock").format(key=self.start_key),
            "running": _("left of the timebox"),
            "warning": _("Nearly out of time"),
            "overtime": _("OVERTIME"),
        }[phase]
        if phase == "paused" and remaining < timebox_seconds:
            status = _("Paused")
        if phase == "overtime" and not running:
            status = _("OVERTIME (paused)")
        if status != self._status:
            self._status = status
            self.query_one("#clock-status", Label).update(status)
        used = max(0.0, timebox_seconds - remaining)
        bar = self.query_one("#clock-bar", ProgressBar)
        bar.update(total=max(timebox_seconds, 1.0), progress=min(used, timebox_seconds))
        for name in ("paused", "running", "warning", "overtime"):
            self.set_class(phase == name, f"-{name}")
        self.phase = phase
