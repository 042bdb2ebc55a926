"""Help: every key of the screen underneath and of the whole program, in two columns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.actions import ActionParseResult, parse
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from facilitator.i18n import _
from facilitator.tui.keys import key_label, keys_for, localize
from facilitator.tui.screens.base import ExplainsItself

# Textual's own keys, described in the interface language.
BUILTIN_ACTIONS: dict[str, Callable[[], str]] = {
    "app.focus_next": lambda: _("Next field or panel"),
    "app.focus_previous": lambda: _("Previous field or panel"),
    "screen.copy_text": lambda: _("Copy the selected text"),
}


@dataclass
class HelpRow:
    """One action with all the keys that run it."""

    keys: list[str]
    description: str
    available: bool = True


def _describe(binding: Binding) -> str:
    # The longer text beside the binding; the Footer's one or two words otherwise.
    builtin = BUILTIN_ACTIONS.get(binding.action)
    if builtin is not None:
        return builtin()
    return binding.tooltip or binding.description


def _available(node: DOMNode, action: str) -> bool:
    try:
        parsed: ActionParseResult = parse(action)
    except Exception:  # an odd action string: list it anyway
        return True
    _destination, name, parameters = parsed
    if "." in action.split("(")[0]:
        return True
    return node.check_action(name, parameters) is True


def collect_rows(
    node: DOMNode, skip: frozenset[str] = frozenset(), only: frozenset[str] | None = None
) -> list[HelpRow]:
    """The bindings of a screen or app, one row per action, keys joined, in declared order."""
    rows: dict[tuple[str, str], HelpRow] = {}
    for _key, binding in node._bindings:
        if binding.system or binding.action in skip:
            continue
        if only is not None and binding.action not in only:
            continue
        description = _describe(binding)
        if not description:
            continue
        entry = rows.get((binding.action, description))
        if entry is None:
            entry = HelpRow([], description, _available(node, binding.action))
            rows[(binding.action, description)] = entry
        if binding.key.startswith("super+"):
            continue  # the Mac's command key: ctrl+ does the same
        label = key_label(binding)
        if label not in entry.keys:
            entry.keys.append(label)
    return list(rows.values())


class HelpScreen(ModalScreen[None]):
    """The only manual a new chair gets: every key of the screen below, and the program's."""

    BINDINGS = [Binding("escape,f1,q", "close", "Close", id="help_close")]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 96; max-width: 100%; height: 90%; max-height: 48; padding: 0 1;
        border: thick $accent; background: $surface; border-title-style: bold;
    }
    HelpScreen VerticalScroll { height: 1fr; }
    HelpScreen #help-keys-table { width: 1fr; }
    HelpScreen #help-close { height: 1; color: $text-muted; }
    """

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        localize(self)
        self.target = screen

    def compose(self) -> ComposeResult:
        target = self.target
        name = target.help_title() if isinstance(target, ExplainsItself) else ""
        with Vertical() as box:
            box.border_title = _("Help: {screen}").format(screen=name) if name else _("Help")
            with VerticalScroll(id="help-scroll"):
                yield Static(self.render_table(), id="help-keys-table")
            *others, last = keys_for(self, "help_close")
            keys = _("{keys} or {last}").format(keys=", ".join(others), last=last)
            closes = _("{keys} closes").format(keys=keys if others else last)
            yield Label(f"↑↓ {_('scroll')} · {closes}", id="help-close")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def render_table(self) -> Table:
        """Two columns: keys and what they do, grouped: this screen, then everywhere."""
        # Textual's own screen keys (tab, shift+tab) work on every screen: list them there.
        shared = frozenset(binding.action for binding in Binding.make_bindings(Screen.BINDINGS))
        here = collect_rows(self.target, skip=shared)
        everywhere = collect_rows(self.target.app) + collect_rows(self.target, only=shared)
        everywhere.append(
            HelpRow(["↑ ↓", "pgup pgdn"], _("Move in lists; scroll the text that has the focus"))
        )
        table = Table(
            box=None, expand=True, show_header=False, pad_edge=False, padding=(0, 2, 0, 0)
        )
        table.add_column(ratio=1, min_width=14, max_width=20, style="bold")
        table.add_column(ratio=4)
        self._group(table, _("This screen"), here)
        target = self.target
        notes = target.help_notes() if isinstance(target, ExplainsItself) else []
        for title, text in notes:
            table.add_row(Text(title, style="bold italic"), Text(text))
        if notes:
            table.add_row("", "")
        self._group(table, _("Everywhere"), everywhere)
        return table

    @staticmethod
    def _group(table: Table, title: str, rows: list[HelpRow]) -> None:
        table.add_row(Text(title, style="bold underline"), "")
        for row in rows:
            style = "" if row.available else "dim"
            description = Text(row.description, style=style)
            table.add_row(Text(" / ".join(row.keys), style=f"bold {style}"), description)
        if not all(row.available for row in rows):
            table.add_row("", Text(_("Dimmed keys work only where they apply."), style="italic"))
        table.add_row("", "")

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
