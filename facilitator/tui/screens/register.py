"""The agreements register: every outcome of every meeting in one table, filtered and sorted."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Label, Static

from facilitator.guidelines import GuidelinesError
from facilitator.hr_queries import canonical_rows, roster_for
from facilitator.i18n import _
from facilitator.register.rows import Register
from facilitator.roster import Roster, RosterError
from facilitator.tui.key_map import bindings
from facilitator.tui.modals.export_done import FilesWritten, export_report
from facilitator.tui.register_columns import (
    COLUMNS,
    TEXT_MAX,
    TEXT_MIN,
    Entry,
    detail_text,
    layout,
    natural_widths,
    prepare,
    row_cells,
)
from facilitator.tui.register_export import csv_name, csv_text, write_files, write_guidelines
from facilitator.tui.screens.base import FacilitatorScreen
from facilitator.tui.widgets.key_footer import KeyFooter
from facilitator.tui.widgets.register_filters import FILTER_DELAY, RegisterFilters
from facilitator.tui.widgets.register_table import RegisterTable
from facilitator.workspace import StoreError

__all__ = ["COLUMNS", "FILTER_DELAY", "TEXT_MAX", "TEXT_MIN", "RegisterScreen", "layout"]


class RegisterScreen(FacilitatorScreen):
    """What HR needs: every agreement and action, with where it stands now and what is late."""

    BINDINGS = bindings("register")

    DEFAULT_CSS = """
    RegisterScreen { layout: vertical; }
    RegisterScreen #register-top { height: 1; background: $panel; padding: 0 1; }
    RegisterScreen #register-title { width: 1fr; text-style: bold; }
    RegisterScreen #register-count { width: auto; }
    RegisterScreen #rows { height: 1fr; margin: 1 1 0 1; }
    RegisterScreen #register-empty { height: auto; padding: 1 2; color: $text-muted; }
    RegisterScreen #register-problems { height: 1; padding: 0 2; color: $warning; }
    RegisterScreen #register-detail {
        height: auto; max-height: 4; margin: 0 1; padding: 0 1; background: $panel;
    }
    """

    @dataclass
    class Loaded(Message):
        """The register was read (in a worker)."""

        entries: list[Entry]
        problems: list[str] = field(default_factory=list)
        error: str = ""
        register: Register | None = None
        roster: Roster | None = None

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self.paths = paths
        self.entries: list[Entry] = []
        self.shown: list[Entry] = []
        self.problems: list[str] = []
        self.register: Register | None = None
        self.roster: Roster | None = None
        self.loaded = False
        self.sort_key = "date"
        self.sort_reverse = False
        self.natural = natural_widths([])
        self.visible_keys = [spec.key for spec in COLUMNS]

    def help_title(self) -> str:
        """The help's title for this screen."""
        return _("Agreements register")

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="register-top"):
            yield Label(_("Agreements register"), id="register-title")
            yield Label(_("Reading…"), id="register-count")
        yield RegisterFilters()
        yield RegisterTable(
            id="rows", enter="Minutes", action="open_minutes", cursor_type="row", zebra_stripes=True
        )
        yield Static("", id="register-empty")
        yield Static("", id="register-detail")
        yield Static("", id="register-problems")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#register-empty").display = False
        self.query_one("#register-problems").display = False
        self.query_one("#rows", DataTable).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        # Back from the minutes: an outcome may have been corrected there.
        if self.loaded:
            self.reload()

    # -- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read every session again, off the UI thread."""
        self._load(list(self.paths), self.facilitator.wall().date())

    @work(thread=True, exclusive=True, group="register-load")
    def _load(self, paths: list[Path], today: date) -> None:
        existing = [path for path in paths if path.exists()]
        problems: list[str] = []
        try:
            roster = roster_for(None, existing)
        except RosterError as error:
            # A broken roster is named, and the register shows the names as typed.
            roster, problems = None, list(error.problems)
        try:
            # A sessions folder not made yet is empty, not a file that cannot be read.
            register: Register = self.facilitator.workspace.register(existing)
        except (OSError, StoreError) as error:
            self.post_message(self.Loaded([], [], str(error)))
            return
        problems += [problem.message for problem in register.problems]
        rows = canonical_rows(register.rows, roster)
        self.post_message(self.Loaded(prepare(rows, today), problems, "", register, roster))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.loaded = True
        self.entries = message.entries
        self.register = message.register
        self.roster = message.roster
        self.natural = natural_widths(self.entries)
        self.problems = message.problems
        notice = self.query_one("#register-problems", Static)
        if message.error:
            notice.update(Text(message.error))
        elif self.problems:
            notice.update(
                Text(
                    _("{count} file(s) could not be read (p shows which).").format(
                        count=len(self.problems)
                    )
                )
            )
        notice.display = bool(message.error or self.problems)
        self._fill_committees()
        self.apply()

    def _fill_committees(self) -> None:
        names = {entry.row.committee for entry in self.entries}
        if self.roster is not None:
            names |= {committee.name for committee in self.roster.committees}
        self.filters.set_committees(sorted(names, key=str.casefold))

    @property
    def filters(self) -> RegisterFilters:
        """The filter fields."""
        return self.query_one(RegisterFilters)

    @property
    def open_only(self) -> bool:
        """Whether only open outcomes are shown."""
        return self.filters.state.open_only

    # -- filtering and sorting ------------------------------------------------------------

    def filtered(self) -> list[Entry]:
        """The entries that pass the fields and the search text, in the chosen order."""
        entries = list(filter(self.filters.state.matcher(), self.entries))
        spec = next(spec for spec in COLUMNS if spec.key == self.sort_key)
        entries.sort(
            key=lambda entry: spec.sort(entry.row, entry.overdue), reverse=self.sort_reverse
        )
        return entries

    def apply(self) -> None:
        """Rebuild the table from the filter and sort: clear, then every row in one go."""
        table = self.query_one("#rows", DataTable)
        selected = self.selected
        self.shown = self.filtered()
        # The table's own size lags behind a resize: go by the screen (the table has margins).
        columns = layout(self.natural, max(self.size.width - 2, 40))
        self.visible_keys = [COLUMNS[index].key for index, _width in columns]
        table.clear(columns=True)
        for index, column_width in columns:
            spec = COLUMNS[index]
            label = spec.label()
            if spec.key == self.sort_key:
                label += " ▼" if self.sort_reverse else " ▲"
            table.add_column(label, key=spec.key, width=column_width)
        # Text, not str: a str cell is read as Rich markup, and "[" in a text would vanish.
        table.add_rows([row_cells(entry, columns) for entry in self.shown])
        if selected is not None and selected in self.shown:
            table.move_cursor(row=self.shown.index(selected), animate=False)
        self._show_count()
        self._show_detail()
        empty = self.query_one("#register-empty", Static)
        empty.display = not self.shown
        if not self.entries:
            empty.update(
                _("No outcomes yet: agreements, actions and decisions of every meeting show here.")
            )
        elif not self.shown:
            empty.update(_("No row matches the filter."))
        self.refresh_bindings()

    def on_resize(self) -> None:
        if self.loaded:
            self.apply()

    def _show_count(self) -> None:
        count = _("{shown} of {total} rows").format(shown=len(self.shown), total=len(self.entries))
        late = sum(entry.overdue for entry in self.shown)
        if late:
            count += " · " + _("{count} overdue").format(count=late)
        spec = next(spec for spec in COLUMNS if spec.key == self.sort_key)
        count += " · " + _("sorted by {column}").format(column=spec.label().lower())
        self.query_one("#register-count", Label).update(count)

    @on(RegisterFilters.Changed)
    def _filters_changed(self) -> None:
        # Still reading: the fields apply once the rows are there ("Reading…" stays meanwhile).
        if self.loaded:
            self.apply()

    @on(RegisterFilters.Submitted)
    def _filters_submitted(self) -> None:
        self.query_one("#rows", DataTable).focus()

    @on(DataTable.RowHighlighted, "#rows")
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        """The highlighted row in full: the table cuts long texts short."""
        detail = self.query_one("#register-detail", Static)
        entry = self.selected
        detail.display = entry is not None
        if entry is None:
            return
        known = None if self.roster is None else self.roster.knows(entry.row.committee)
        detail.update(detail_text(entry, known))

    @property
    def selected(self) -> Entry | None:
        """The highlighted row."""
        return (
            self.query_one("#rows", RegisterTable).highlighted(self.shown) if self.shown else None
        )

    # -- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Opening minutes and exporting need rows (greyed out otherwise)."""
        if action in ("open_minutes", "export_csv", "export_guidelines"):
            return bool(self.shown) or None
        if action == "show_problems":
            return bool(self.problems) or None
        return True

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter."""
        self.filters.focus_search()

    def action_sort(self) -> None:
        """Sort by the next column shown."""
        keys = self.visible_keys
        at = keys.index(self.sort_key) if self.sort_key in keys else -1
        self.sort_key = keys[(at + 1) % len(keys)]
        self.sort_reverse = False
        self.apply()

    @on(DataTable.HeaderSelected, "#rows")
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        if key == self.sort_key:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key, self.sort_reverse = key, False
        self.apply()

    def action_toggle_open(self) -> None:
        """Show only outcomes not done or dropped, or everything."""
        self.filters.toggle_open()

    def action_toggle_overdue(self) -> None:
        """Show only open outcomes past their date, or everything."""
        self.filters.toggle_overdue()

    def action_next_kind(self) -> None:
        """The next choice of kinds: agreements and actions, all, then each kind alone."""
        self.filters.next_kind()

    def action_pick_committee(self) -> None:
        """Open the committee field's list."""
        self.filters.pick_committee()

    def action_open_minutes(self) -> None:
        """Open the minutes of the meeting the highlighted outcome comes from."""
        entry = self.selected
        if entry is None:
            return
        session = self.load_session(entry.row.path, _("Cannot open the minutes"))
        if session is not None:
            self.facilitator.open_minutes(session, entry.row.path)

    def action_export_csv(self) -> None:
        """Write the rows shown to aftaler-YYYY-MM-DD.csv (agreements-… in English)."""
        if not self.shown:
            return
        today = self.facilitator.wall().date()
        target = self.facilitator.sessions_dir / csv_name(today)
        # The same columns as `facilitator agreements --format csv`, in the interface language.
        text = csv_text([entry.row for entry in self.shown], today)
        note = _("{count} rows, UTF-8 with ; between columns: opens in Excel.").format(
            count=len(self.shown)
        )
        self._write({target: text.encode("utf-8")}, note)

    def action_export_guidelines(self) -> None:
        """Write the highlighted row's committee's local guidelines (Markdown and Word)."""
        entry = self.selected
        if entry is None or self.register is None:
            return
        self._write_guidelines(self.register, entry.row.committee)

    @work(thread=True, group="register-export")
    def _write_guidelines(self, register: Register, committee: str) -> None:
        today = self.facilitator.wall().date()
        note = _("The local guidelines of {committee}.").format(committee=committee)
        try:
            paths = write_guidelines(
                self.facilitator.sessions_dir, register, committee, self.roster, today
            )
        except (GuidelinesError, StoreError) as error:
            self.post_message(FilesWritten([], error=str(error)))
        else:
            self.post_message(FilesWritten(paths, [note]))

    @work(thread=True, group="register-export")
    def _write(self, files: dict[Path, bytes], note: str) -> None:
        try:
            paths = write_files(files)
        except StoreError as error:
            self.post_message(FilesWritten([], error=str(error)))
        else:
            self.post_message(FilesWritten(paths, [note]))

    @on(FilesWritten)
    def _written(self, message: FilesWritten) -> None:
        self.app.push_screen(export_report(message))

    def action_show_problems(self) -> None:
        """List the files that could not be read, and why."""
        from facilitator.tui.modals.export_done import ExportDone

        if self.problems:
            self.app.push_screen(
                ExportDone([], self.problems, _("Files that could not be read"), failed=True)
            )

    def action_reload(self) -> None:
        """Read the sessions again."""
        self.reload()

    def action_back(self) -> None:
        """Leave a field when in one; otherwise back to the home screen."""
        if not self.query_one("#rows", DataTable).has_focus:
            self.query_one("#rows", DataTable).focus()
            return
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            from facilitator.tui.screens.home import HomeScreen

            self.app.switch_screen(HomeScreen())

    def help_notes(self) -> list[tuple[str, str]]:
        """Extra lines for the help screen."""
        return [
            (
                _("Search"),
                _(
                    "Every word typed must begin a word of the row (committee, text, owner, "
                    'theme, status…); "words in quotes" must stand together. Case does not '
                    "matter. enter or escape goes back to the table."
                ),
            ),
            (
                _("Fields"),
                _(
                    "u committee, k kind (agreements and actions, as on the command line, or "
                    "all), o open only, f overdue only. l writes the highlighted committee's "
                    "local guidelines."
                ),
            ),
            (
                _("Status"),
                _(
                    "The latest verdict from a follow-up meeting: open until a follow-up marks it "
                    "done, in progress, not started or dropped; overdue (in red) when it is open "
                    "and its date has passed."
                ),
            ),
        ]
