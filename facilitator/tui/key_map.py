"""Every key of the program's screens, declared once: one row a key, with its help text.

The Footer, the hint lines and the help screen are all built from the bindings made here, so a
key named anywhere on screen is the key that works. Texts are in English; `keys.localize` puts
them into the interface language when a screen is created.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

# Where a key is named: in the Footer (and on the help screen), or on the help screen only
# (where the Footer has no room; a hint line or a panel title names it where it is used).
FOOTER = True
HELP = False

# Keys that work even while the cursor is in a text field (the notes, a field of the form).
PRIORITY = frozenset({"setup_start", "end_meeting"})

# screen, keys, action, binding id, FOOTER or HELP, the Footer's word(s), the help screen's text
KeyRow = tuple[str, str, str, str, bool, str, str]

KEY_MAP: tuple[KeyRow, ...] = (
    ("home",     "n",                "new_meeting",          "home_new",              FOOTER, "New meeting",         "New meeting: agenda, committee, participants"),
    ("home",     "enter",            "open",                 "home_open",             FOOTER, "Open",                "Resume an unfinished meeting, or open a finished one's minutes"),
    ("home",     "f",                "followup",             "home_followup",         FOOTER, "Follow-up",           "Follow-up meeting on the selected finished meeting"),
    ("home",     "o",                "reopen",               "home_reopen",           FOOTER, "Reopen",              "Reopen an ended meeting whose minutes are not approved yet"),
    ("home",     "g",                "register",             "home_register",         FOOTER, "Agreements",          "Agreements register: every outcome of every meeting"),
    ("home",     "r",                "reload",               "home_reload",           HELP,   "Reload the list",     ""),
    ("home",     "q",                "app.quit",             "home_quit",             HELP,   "Quit",                ""),
    ("setup",    "ctrl+s",           "start",                "setup_start",           FOOTER, "Start the meeting",   "Start the meeting as the form says"),
    # The participants' heading names these two; the Footer has no room at 80.
    ("setup",    "ctrl+n",           "add_participant",      "setup_add",             HELP,   "Add participant",     "Add a participant"),
    ("setup",    "ctrl+r",           "remove_participant",   "setup_remove",          HELP,   "Remove participant",  "Remove the participant the cursor is on"),
    ("setup",    "escape",           "back",                 "setup_back",            FOOTER, "Back",                "Back (asks first if something was typed)"),
    ("meeting",  "space",            "toggle_clock",         "toggle_clock",          FOOTER, "Start/pause",         "Start or pause the meeting clock"),
    ("meeting",  "n",                "next_theme",           "next_theme",            FOOTER, "Next",                "Next theme"),
    ("meeting",  "p",                "previous_theme",       "previous_theme",        HELP,   "Previous",            "Previous theme"),
    ("meeting",  "d",                "capture('decision')",  "decision",              FOOTER, "Decision",            "Add a decision to the current theme"),
    ("meeting",  "a",                "capture('agreement')", "agreement",             FOOTER, "Agreement",           "Add an agreement: text, responsible person, follow-up date"),
    ("meeting",  "t",                "capture('action')",    "action",                FOOTER, "Action",              "Add an action: text, owner, due date"),
    ("meeting",  "o",                "capture('question')",  "question",              HELP,   "Question",            "Add an open question"),
    # The notes box says its key in its title; the Footer needs the room at 80 columns.
    ("meeting",  "e",                "edit_notes",           "notes",                 HELP,   "Notes",               "Write notes for the current theme (escape leaves the notes)"),
    ("meeting",  "m",                "mark_presented",       "presented",             HELP,   "Presented",           "Obligation themes: mark as presented, or undo"),
    ("meeting",  "1",                "review('1')",          "review_done",           FOOTER, "Done",                "Follow-up item: done"),
    ("meeting",  "2",                "review('2')",          "review_progress",       FOOTER, "In progress",         "Follow-up item: in progress"),
    ("meeting",  "3",                "review('3')",          "review_not_started",    FOOTER, "Not started",         "Follow-up item: not started"),
    ("meeting",  "4",                "review('4')",          "review_dropped",        FOOTER, "Dropped",             "Follow-up item: dropped"),
    ("meeting",  "c",                "review_comment",       "review_comment",        FOOTER, "Comment",             "Follow-up item: write a comment"),
    ("meeting",  "down,j",           "review_move(1)",       "review_down",           HELP,   "Next item",           "Next follow-up item"),
    ("meeting",  "up,k",             "review_move(-1)",      "review_up",             HELP,   "Previous item",       "Previous follow-up item"),
    ("meeting",  "plus,equals_sign", "adjust(1)",            "plus_minute",           HELP,   "+1 min",              "One minute more for the current theme"),
    ("meeting",  "minus",            "adjust(-1)",           "minus_minute",          HELP,   "-1 min",              "One minute less for the current theme"),
    ("meeting",  "r",                "replan",               "replan",                HELP,   "Re-plan",             "Re-plan: fit the remaining themes to the planned end"),
    ("meeting",  "w",                "attendance",           "attendance",            HELP,   "Attendance",          "Attendance: who came late, who left early"),
    ("meeting",  "b",                "toggle_bell",          "bell",                  HELP,   "Bell on/off",         "Bell at the end of a timebox on or off"),
    ("meeting",  "u",                "undo_outcome",         "undo_outcome",          HELP,   "Remove last outcome", "Remove the newest outcome of the current theme"),
    ("meeting",  "s",                "set_aside",            "set_aside",             FOOTER, "Set aside",           "Skip the current theme or postpone it to the next meeting, with a reason"),
    ("meeting",  "i",                "add_item",             "add_item",              HELP,   "Add item",            "Add an item after the current theme (title, timebox)"),
    ("meeting",  "f",                "next_meeting",         "next_meeting",          FOOTER, "Next meeting",        "On «Next meeting»: its date, time and place"),
    ("meeting",  "escape",           "leave_notes",          "leave_notes",           HELP,   "Leave notes",         "Leave the notes; single-letter keys work again"),
    ("meeting",  "ctrl+e",           "end_meeting",          "end_meeting",           HELP,   "End",                 "End the meeting: coverage check, then review and export"),
    ("minutes",  "e,enter",          "edit",                 "minutes_edit",          HELP,   "Edit",                "Correct the selected outcome"),
    ("minutes",  "x,delete",         "delete",               "minutes_delete",        FOOTER, "Delete",              "Delete the selected outcome (asks first)"),
    ("minutes",  "k",                "change_kind",          "minutes_kind",          HELP,   "Change kind",         "Change the selected outcome's kind"),
    ("minutes",  "g,ctrl+g",         "approve",              "minutes_approve",       FOOTER, "Approve",             "Approve the minutes (asks the formand, then the næstformand)"),
    ("minutes",  "n",                "next_meeting",         "minutes_next_meeting",  FOOTER, "Next meeting",        "Next meeting: its date, time and place, for the minutes"),
    # The minutes panel names the export keys; the Footer has no room for them at 80.
    ("minutes",  "m",                "export('md')",         "export_md",             HELP,   "Markdown",            "Export the minutes as Markdown, beside the session file"),
    ("minutes",  "h",                "export('html')",       "export_html",           HELP,   "HTML",                "Export the minutes as one HTML page, ready to print"),
    ("minutes",  "t",                "export('toml')",       "export_toml",           HELP,   "TOML",                "Export the whole session as TOML, for other programs"),
    ("minutes",  "w",                "export('docx')",       "export_docx",           HELP,   "Word",                "Export the minutes as a Word document, beside the session file"),
    ("minutes",  "a",                "export_anonymized",    "export_anonymized",     HELP,   "Anonymised",          "Export the minutes as Markdown without names: people become their roles"),
    ("minutes",  "l",                "guidelines",           "minutes_guidelines",    HELP,   "Guidelines",          "Write the committee's local guidelines from its agreements"),
    ("minutes",  "escape,q",         "back",                 "minutes_back",          FOOTER, "Back",                ""),
    # The filter bar names its keys itself; the Footer has no room for them at 80 columns.
    ("register", "slash",            "focus_filter",         "register_filter",       HELP,   "Filter",              "Filter: type words to find rows"),
    ("register", "s",                "sort",                 "register_sort",         FOOTER, "Sort",                "Sort by the next column (or click a column header)"),
    ("register", "o",                "toggle_open",          "register_open",         HELP,   "Open only",           "Only outcomes not done or dropped, or all"),
    ("register", "f",                "toggle_overdue",       "register_overdue",      HELP,   "Overdue only",        ""),
    ("register", "k",                "next_kind",            "register_kind",         HELP,   "Kind",                ""),
    ("register", "u",                "pick_committee",       "register_committee",    HELP,   "Committee",           ""),
    ("register", "enter",            "open_minutes",         "register_open_minutes", HELP,   "Minutes",             "Open the minutes of the selected row's meeting"),
    ("register", "x",                "export_csv",           "register_export",       FOOTER, "Export CSV",          "Export the rows shown as CSV (opens in Excel)"),
    ("register", "l",                "export_guidelines",    "register_guidelines",   FOOTER, "Guidelines",          ""),
    ("register", "p",                "show_problems",        "register_problems",     HELP,   "Unreadable files",    "List the files that could not be read"),
    ("register", "r",                "reload",               "register_reload",       HELP,   "Reload",              ""),
    ("register", "escape",           "back",                 "register_back",         FOOTER, "Back",                ""),
    ("unsaved",  "r",                "choose('retry')",      "unsaved_retry",         FOOTER, "Retry",               "Try to save to the meeting's own file again"),
    ("unsaved",  "s",                "choose('elsewhere')",  "unsaved_elsewhere",     FOOTER, "Save elsewhere",      "Write the meeting to another file, for example on a USB stick"),
    ("unsaved",  "q",                "choose('lose')",       "unsaved_lose",          FOOTER, "Quit anyway",         "Leave without the changes listed"),
    ("unsaved",  "escape",           "choose('stay')",       "unsaved_back",          FOOTER, "Back",                "Back to the program; nothing is lost yet"),
)  # fmt: skip


def bindings(screen: str) -> list[BindingType]:
    """A screen's bindings, in the order of the table (the order the help screen lists them)."""
    found: list[BindingType] = [
        Binding(
            keys,
            action,
            description,
            show=shown,
            priority=binding_id in PRIORITY,
            tooltip=help_text,
            id=binding_id,
        )
        for row_screen, keys, action, binding_id, shown, description, help_text in KEY_MAP
        if row_screen == screen
    ]
    if not found:
        raise KeyError(f"no keys for the screen {screen!r}")
    return found
