"""The presenter App: one read-only screen, help, and quit."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from facilitator.tui.keys import localize
from facilitator.tui.present.screen import PresenterScreen, Wall


def precise_now() -> datetime:
    """Local time with its offset and microseconds: the big clock ticks smoothly on it."""
    return datetime.now().astimezone()


class PresenterApp(App[None]):
    """Follows a live meeting's session file and shows it to the room; never writes it."""

    TITLE = "facilitator"
    # Nothing to type into: every key is a command, and there are only two.
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="present_quit"),
        Binding("ctrl+p", "noop", show=False, priority=True),
    ]

    def __init__(self, sessions_dir: Path, path: Path | None, wall: Wall = precise_now) -> None:
        super().__init__()
        localize(self)
        self.sessions_dir = sessions_dir
        self.path = path
        self.wall = wall

    def get_default_screen(self) -> Screen[object]:
        return PresenterScreen(self.sessions_dir, self.path, self.wall)  # type: ignore[return-value]

    def action_help(self) -> None:
        """The keys of the view, and what it shows."""
        from facilitator.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_noop(self) -> None:
        """The command palette would offer actions that change things; the view has none."""
