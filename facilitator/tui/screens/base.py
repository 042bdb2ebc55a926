"""What every full screen of the program shares: the typed app, and what the help says of it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual import events
from textual.screen import Screen

from facilitator.sanitize import one_line
from facilitator.session import Session
from facilitator.tui.keys import localize
from facilitator.workspace import StoreError

if TYPE_CHECKING:
    from facilitator.tui.app import FacilitatorApp


@runtime_checkable
class ExplainsItself(Protocol):
    """A screen that names itself on the F1 help and adds paragraphs below its keys."""

    def help_title(self) -> str:
        """What the screen is called in the help's title ("" leaves the title plain)."""
        ...

    def help_notes(self) -> list[tuple[str, str]]:
        """Extra paragraphs for the help: (title, text), below this screen's keys."""
        ...


class FacilitatorScreen(Screen[None]):
    """A screen of the facilitator app; it names itself and explains itself on the F1 help."""

    def __init__(
        self, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name, id, classes)
        localize(self)

    async def on_event(self, event: events.Event) -> None:
        """Skip drawing a screen whose program began to leave before it was built.

        A screen opened just before a quit (a key pressed right after enter, a SIGTERM) is
        mounted with no children, as Textual mounts nothing once the app exits; its on_mount
        would look for them and end the program with a traceback instead of a clean exit.
        """
        if isinstance(event, events.Mount) and self.app.return_code is not None:
            return
        await super().on_event(event)

    @property
    def facilitator(self) -> FacilitatorApp:
        """The app, typed."""
        from facilitator.tui.app import FacilitatorApp

        app = self.app
        if not isinstance(app, FacilitatorApp):  # pragma: no cover - a wiring mistake
            raise TypeError(f"{type(self).__name__} runs only inside FacilitatorApp")
        return app

    def load_session(self, path: Path, failed: str) -> Session | None:
        """The session saved at `path`, or None once a toast titled `failed` has said why not."""
        try:
            return self.facilitator.workspace.load(path)
        except StoreError as error:
            self.notify(one_line(error.summary()), title=failed, severity="error", markup=False)
            return None

    def help_title(self) -> str:
        """What the screen is called in the help's title ("" leaves the title plain)."""
        return ""

    def help_notes(self) -> list[tuple[str, str]]:
        """Extra paragraphs for the help: (title, text), below this screen's keys."""
        return []
