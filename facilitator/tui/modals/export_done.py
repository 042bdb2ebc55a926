"""Which files were written: full paths that stay on screen until the user closes the box."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Label, Static

from facilitator.i18n import _
from facilitator.sanitize import terminal_safe
from facilitator.tui.modals.base import Dialog


class ExportDone(Dialog[None]):
    """Lists written files (and any warnings) so they can be read, copied and found."""

    BINDINGS = [Binding("escape,enter,q", "close", "Close", id="export_close")]

    DEFAULT_CSS = """
    ExportDone > Vertical { width: 90; max-height: 90%; padding: 1 2; border: thick $success; }
    ExportDone.-failed > Vertical { border: thick $error; }
    ExportDone VerticalScroll { height: auto; max-height: 16; }
    ExportDone #export-files { width: 1fr; }
    ExportDone #export-notes { margin-top: 1; color: $warning; }
    ExportDone #export-keys { margin-top: 1; color: $text-muted; }
    """

    def __init__(
        self,
        paths: list[Path],
        notes: list[str] | None = None,
        title: str = "",
        failed: bool = False,
    ) -> None:
        super().__init__(title or _("Files written"))
        self.paths = paths
        self.notes = notes or []
        self.failed = failed

    def body(self) -> ComposeResult:
        files = Text()
        for path in self.paths:
            files.append("• ", style="bold")
            files.append(terminal_safe(str(path.resolve())))
            files.append("\n")
        files.rstrip()
        with VerticalScroll(can_focus=False):
            yield Static(files, id="export-files")
            if self.notes:
                yield Static(Text(terminal_safe("\n".join(self.notes))), id="export-notes")
        yield Label(_("enter or escape: close"), id="export-keys")

    def on_mount(self) -> None:
        self.set_class(self.failed, "-failed")

    def action_close(self) -> None:
        """Close the box."""
        self.dismiss(None)


@dataclass
class FilesWritten(Message):
    """Export files were written (in a worker), or writing them failed."""

    paths: list[Path]
    notes: list[str] = field(default_factory=list)
    error: str = ""


def export_report(message: FilesWritten) -> ExportDone:
    """The dialog that says where the files went, or why they could not be written."""
    if message.error:
        return ExportDone([], [message.error], _("Could not export"), failed=True)
    return ExportDone(message.paths, message.notes, _("Exported"))
