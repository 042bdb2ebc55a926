"""The register screen's keys, declared once: the footer, the filter bar and the help use them."""

from __future__ import annotations

from textual.binding import Binding, BindingType

REGISTER_BINDINGS: list[BindingType] = [
    # The filter bar names its keys itself; the Footer has no room for them at 80 columns.
    Binding(
        "slash",
        "focus_filter",
        "Filter",
        show=False,
        id="register_filter",
        tooltip="Filter: type words to find rows",
    ),
    Binding(
        "s",
        "sort",
        "Sort",
        id="register_sort",
        tooltip="Sort by the next column (or click a column header)",
    ),
    Binding(
        "o",
        "toggle_open",
        "Open only",
        show=False,
        id="register_open",
        tooltip="Only outcomes not done or dropped, or all",
    ),
    Binding("f", "toggle_overdue", "Overdue only", show=False, id="register_overdue"),
    Binding("k", "next_kind", "Kind", show=False, id="register_kind"),
    Binding("u", "pick_committee", "Committee", show=False, id="register_committee"),
    Binding(
        "enter",
        "open_minutes",
        "Minutes",
        show=False,
        id="register_open_minutes",
        tooltip="Open the minutes of the selected row's meeting",
    ),
    Binding(
        "x",
        "export_csv",
        "Export CSV",
        id="register_export",
        tooltip="Export the rows shown as CSV (opens in Excel)",
    ),
    Binding("l", "export_guidelines", "Guidelines", id="register_guidelines"),
    Binding(
        "p",
        "show_problems",
        "Unreadable files",
        show=False,
        id="register_problems",
        tooltip="List the files that could not be read",
    ),
    Binding("r", "reload", "Reload", show=False, id="register_reload"),
    Binding("escape", "back", "Back", id="register_back"),
]
