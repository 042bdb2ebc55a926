"""The minutes screen's keys, declared once: the footer, the export hint and the help."""

from __future__ import annotations

from textual.binding import Binding, BindingType

MINUTES_BINDINGS: list[BindingType] = [
    Binding(
        "e,enter",
        "edit",
        "Edit",
        show=False,
        id="minutes_edit",
        tooltip="Correct the selected outcome",
    ),
    Binding(
        "x,delete",
        "delete",
        "Delete",
        id="minutes_delete",
        tooltip="Delete the selected outcome (asks first)",
    ),
    Binding(
        "k",
        "change_kind",
        "Change kind",
        show=False,
        id="minutes_kind",
        tooltip="Change the selected outcome's kind",
    ),
    Binding(
        "g,ctrl+g",
        "approve",
        "Approve",
        id="minutes_approve",
        tooltip="Approve the minutes (asks the formand, then the næstformand)",
    ),
    Binding(
        "n",
        "next_meeting",
        "Next meeting",
        id="minutes_next_meeting",
        tooltip="Next meeting: its date, time and place, for the minutes",
    ),
    # The minutes panel names the three export keys; the Footer has no room for them at 80.
    Binding(
        "m",
        "export('md')",
        "Markdown",
        show=False,
        id="export_md",
        tooltip="Export the minutes as Markdown, beside the session file",
    ),
    Binding(
        "h",
        "export('html')",
        "HTML",
        show=False,
        id="export_html",
        tooltip="Export the minutes as one HTML page, ready to print",
    ),
    Binding(
        "t",
        "export('toml')",
        "TOML",
        show=False,
        id="export_toml",
        tooltip="Export the whole session as TOML, for other programs",
    ),
    Binding(
        "w",
        "export('docx')",
        "Word",
        show=False,
        id="export_docx",
        tooltip="Export the minutes as a Word document, beside the session file",
    ),
    Binding(
        "a",
        "export_anonymized",
        "Anonymised",
        show=False,
        id="export_anonymized",
        tooltip="Export the minutes as Markdown without names: people become their roles",
    ),
    Binding(
        "l",
        "guidelines",
        "Guidelines",
        show=False,
        id="minutes_guidelines",
        tooltip="Write the committee's local guidelines from its agreements",
    ),
    Binding("escape,q", "back", "Back", id="minutes_back"),
]
