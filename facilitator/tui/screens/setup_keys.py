"""The new-meeting form's keys, declared once: the footer, the field hints and the help."""

from __future__ import annotations

from textual.binding import Binding, BindingType

SETUP_BINDINGS: list[BindingType] = [
    Binding(
        "ctrl+s",
        "start",
        "Start the meeting",
        priority=True,
        id="setup_start",
        tooltip="Start the meeting as the form says",
    ),
    # The participants' heading names these two; the Footer has no room at 80.
    Binding(
        "ctrl+n",
        "add_participant",
        "Add participant",
        show=False,
        id="setup_add",
        tooltip="Add a participant",
    ),
    Binding(
        "ctrl+r",
        "remove_participant",
        "Remove participant",
        show=False,
        id="setup_remove",
        tooltip="Remove the participant the cursor is on",
    ),
    Binding(
        "escape",
        "back",
        "Back",
        id="setup_back",
        tooltip="Back (asks first if something was typed)",
    ),
]
