"""Help: every key of the screen underneath and of the whole program, in two columns."""

from __future__ import annotations

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

KEY_NAMES = {
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "slash": "/",
    "question_mark": "?",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pageup": "pgup",
    "pagedown": "pgdn",
}

# Textual's own keys, described in the interface language.
BUILTIN_ACTIONS = {
    "app.focus_next": lambda: _("Next field or panel"),
    "app.focus_previous": lambda: _("Previous field or panel"),
    "screen.copy_text": lambda: _("Copy the selected text"),
    "command_palette": lambda: _("Command palette: every action, by name"),
}


def key_label(binding: Binding) -> str:
    """How a key reads on the help screen: `space`, `ctrl+e`, `+`."""
    if binding.key_display:
        return binding.key_display
    parts = binding.key.split("+")
    return "+".join(KEY_NAMES.get(part, part) for part in parts)


@dataclass
class HelpRow:
    """One action with all the keys that run it."""

    keys: list[str]
    description: str
    available: bool = True


def _describe(binding: Binding) -> str:
    builtin = BUILTIN_ACTIONS.get(binding.action)
    if builtin is not None:
        return builtin()
    return binding.description or binding.tooltip


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
        label = key_label(binding)
        if label not in entry.keys:
            entry.keys.append(label)
    return list(rows.values())


def screen_notes(screen: Screen[object]) -> list[tuple[str, str]]:
    """Extra lines for a screen: its own `help_notes()`, or the meeting screen's legend."""
    notes = getattr(screen, "help_notes", None)
    if callable(notes):
        result: list[tuple[str, str]] = notes()
        return result
    from facilitator.tui.screens.meeting import MeetingScreen

    if isinstance(screen, MeetingScreen):
        from facilitator.tui.widgets.agenda_panel import AgendaPanel

        return [
            (_("Agenda marks"), AgendaPanel.legend()),
            (
                _("Clock"),
                _(
                    "Counts the theme's timebox down while it runs (space). In the last two "
                    "minutes it says 'Nearly out of time'; past the timebox it says OVERTIME and "
                    "counts up. Paused, it is grey and says so. The top line shows the planned "
                    "end and where the meeting is heading."
                ),
            ),
            (
                _("Outcomes"),
                _(
                    "d, a, t and o capture a decision, agreement, action or open question on the "
                    "current theme: text, owner, date. Everything is saved at once."
                ),
            ),
        ]
    return []


def screen_name(screen: Screen[object]) -> str:
    """What the screen is called in the help's title."""
    names = {
        "HomeScreen": _("Home"),
        "SetupScreen": _("New meeting"),
        "MeetingScreen": _("Meeting"),
        "ReviewScreen": _("Minutes"),
        "RegisterScreen": _("Agreements register"),
    }
    return names.get(type(screen).__name__, "")


class HelpScreen(ModalScreen[None]):
    """The only manual a new chair gets: every key of the screen below, and the program's."""

    BINDINGS = [Binding("escape,f1,q", "close", _("Close"), id="help_close")]

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
        self.target = screen

    def compose(self) -> ComposeResult:
        name = screen_name(self.target)
        with Vertical() as box:
            box.border_title = _("Help: {screen}").format(screen=name) if name else _("Help")
            with VerticalScroll(id="help-scroll"):
                yield Static(self.render_table(), id="help-keys-table")
            yield Label(_("↑↓ scroll · escape, f1 or q closes"), id="help-close")

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
        table = Table(box=None, expand=True, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
        table.add_column(ratio=1, min_width=14, max_width=22, no_wrap=True, style="bold")
        table.add_column(ratio=4)
        self._group(table, _("This screen"), here)
        for title, text in screen_notes(self.target):
            table.add_row(Text(title, style="bold italic"), Text(text))
        table.add_row("", "")
        self._group(table, _("Everywhere"), everywhere)
        return table

    @staticmethod
    def _group(table: Table, title: str, rows: list[HelpRow]) -> None:
        table.add_row(Text(title, style="bold underline"), "")
        for row in rows:
            description = Text(row.description)
            if not row.available:
                description.append("  " + _("(not available right now)"), style="dim italic")
            table.add_row(Text(" / ".join(row.keys), style="bold"), description)
        table.add_row("", "")

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
