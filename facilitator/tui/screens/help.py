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
BUILTIN_ACTIONS: dict[str, Callable[[], str]] = {
    "app.focus_next": lambda: _("Next field or panel"),
    "app.focus_previous": lambda: _("Previous field or panel"),
    "screen.copy_text": lambda: _("Copy the selected text"),
    "command_palette": lambda: _("Command palette: every action, by name"),
}


# Longer explanations by binding id: the Footer's one-word labels are too short for a manual.
LONG_TEXT: dict[str, Callable[[], str]] = {
    # the meeting screen
    "toggle_clock": lambda: _("Start or pause the meeting clock"),
    "next_theme": lambda: _("Next theme"),
    "previous_theme": lambda: _("Previous theme"),
    "decision": lambda: _("Add a decision to the current theme"),
    "agreement": lambda: _("Add an agreement: text, responsible person, follow-up date"),
    "action": lambda: _("Add an action: text, owner, due date"),
    "question": lambda: _("Add an open question"),
    "notes": lambda: _("Write notes for the current theme (escape leaves the notes)"),
    "presented": lambda: _("Obligation themes: mark as presented, or undo"),
    "review_done": lambda: _("Follow-up item: done"),
    "review_progress": lambda: _("Follow-up item: in progress"),
    "review_not_started": lambda: _("Follow-up item: not started"),
    "review_dropped": lambda: _("Follow-up item: dropped"),
    "review_comment": lambda: _("Follow-up item: write a comment"),
    "review_down": lambda: _("Next follow-up item"),
    "review_up": lambda: _("Previous follow-up item"),
    "plus_minute": lambda: _("One minute more for the current theme"),
    "minus_minute": lambda: _("One minute less for the current theme"),
    "replan": lambda: _("Re-plan: fit the remaining themes to the planned end"),
    "attendance": lambda: _("Attendance: who came late, who left early"),
    "bell": lambda: _("Bell at the end of a timebox on or off"),
    "undo_outcome": lambda: _("Remove the newest outcome of the current theme"),
    "leave_notes": lambda: _("Leave the notes; single-letter keys work again"),
    "end_meeting": lambda: _("End the meeting: coverage check, then review and export"),
    # home
    "home_new": lambda: _("New meeting: agenda, committee, participants"),
    "home_open": lambda: _("Resume an unfinished meeting, or open a finished one's minutes"),
    "home_followup": lambda: _("Follow-up meeting on the selected finished meeting"),
    "home_register": lambda: _("Agreements register: every outcome of every meeting"),
    # new-meeting form
    "setup_start": lambda: _("Start the meeting as the form says"),
    "setup_add": lambda: _("Add a participant"),
    "setup_remove": lambda: _("Remove the participant the cursor is on"),
    "setup_back": lambda: _("Back (asks first if something was typed)"),
    # review
    "review_edit": lambda: _("Correct the selected outcome"),
    "review_delete": lambda: _("Delete the selected outcome (asks first)"),
    "review_kind": lambda: _("Change the selected outcome's kind"),
    "review_approve": lambda: _("Approve the minutes (asks the formand, then the næstformand)"),
    "export_md": lambda: _("Export the minutes as Markdown, beside the session file"),
    "export_html": lambda: _("Export the minutes as one HTML page, ready to print"),
    "export_toml": lambda: _("Export the whole session as TOML, for other programs"),
    "export_docx": lambda: _("Export the minutes as a Word document, beside the session file"),
    # register
    "register_filter": lambda: _("Filter: type words to find rows"),
    "register_sort": lambda: _("Sort by the next column (or click a column header)"),
    "register_open": lambda: _("Only outcomes not done or dropped, or all"),
    "register_open_minutes": lambda: _("Open the minutes of the selected row's meeting"),
    "register_export": lambda: _("Export the rows shown as CSV (opens in Excel)"),
    "register_problems": lambda: _("List the files that could not be read"),
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
    detail: str = ""


def _describe(binding: Binding) -> str:
    explained = BUILTIN_ACTIONS.get(binding.action) or LONG_TEXT.get(binding.id or "")
    if explained is not None:
        return explained()
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
            detail = binding.tooltip if binding.tooltip != description else ""
            entry = HelpRow([], description, _available(node, binding.action), detail)
            rows[(binding.action, description)] = entry
        if binding.key.startswith("super+"):
            continue  # the Mac's command key: ctrl+ does the same
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
        table = Table(
            box=None, expand=True, show_header=False, pad_edge=False, padding=(0, 2, 0, 0)
        )
        table.add_column(ratio=1, min_width=14, max_width=20, style="bold")
        table.add_column(ratio=4)
        self._group(table, _("This screen"), here)
        notes = screen_notes(self.target)
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
            if row.detail:
                description.append(" · " + row.detail, style="dim")
            table.add_row(Text(" / ".join(row.keys), style=f"bold {style}"), description)
        if not all(row.available for row in rows):
            table.add_row("", Text(_("Dimmed keys work only where they apply."), style="italic"))
        table.add_row("", "")

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
