"""The agreements register: every outcome of every meeting in one table, filtered and sorted."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, Label, Static

from facilitator.i18n import _
from facilitator.register import Register, Row, collect
from facilitator.store import StoreError, load_session
from facilitator.tabular import Column, Table, render_csv
from facilitator.tui.formatting import kind_label
from facilitator.tui.screens.home import EXPORT_SUFFIX, ellipsize, state_label

if TYPE_CHECKING:
    from facilitator.tui.app import FacilitatorApp

FILTER_DELAY = 0.15
TEXT_WIDTH = 60


def status_text(status: str) -> str:
    """A review status in words; an outcome nobody has reviewed yet is open."""
    return {
        "": _("open"),
        "done": _("done"),
        "in-progress": _("in progress"),
        "not-started": _("not started"),
        "dropped": _("dropped"),
    }.get(status, status)


@dataclass(frozen=True)
class ColumnSpec:
    """A column of the register table: its header, its cell and how it sorts."""

    key: str
    label: Callable[[], str]
    cell: Callable[[Row], str]
    sort: Callable[[Row], tuple[object, ...]]
    width: int | None = None


def _date_key(value: date | None) -> tuple[object, ...]:
    return (value is None, value or date.min)


def _ref_key(ref: str) -> tuple[object, ...]:
    return tuple(int(part) for part in ref.split(".") if part.isdigit())


COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec(
        "committee",
        lambda: _("Committee"),
        lambda r: r.committee,
        lambda r: (r.committee.casefold(),),
        28,
    ),
    ColumnSpec(
        "meeting",
        lambda: _("Meeting"),
        lambda r: r.meeting_date.isoformat(),
        lambda r: (r.meeting_date,),
    ),
    ColumnSpec("ref", lambda: _("Ref"), lambda r: r.theme_ref, lambda r: _ref_key(r.theme_ref)),
    ColumnSpec(
        "kind", lambda: _("Kind"), lambda r: kind_label(r.kind), lambda r: (kind_label(r.kind),)
    ),
    ColumnSpec(
        "text", lambda: _("Text"), lambda r: r.text, lambda r: (r.text.casefold(),), TEXT_WIDTH
    ),
    ColumnSpec("owner", lambda: _("Owner"), lambda r: r.owner, lambda r: (r.owner.casefold(),), 20),
    ColumnSpec(
        "date",
        lambda: _("Date"),
        lambda r: r.date.isoformat() if r.date else "",
        lambda r: _date_key(r.date),
    ),
    ColumnSpec(
        "status",
        lambda: _("Status"),
        lambda r: status_text(r.status),
        lambda r: (status_text(r.status),),
    ),
    ColumnSpec(
        "state",
        lambda: _("Minutes"),
        lambda r: state_label(r.session_state),
        lambda r: (state_label(r.session_state),),
    ),
)
DEFAULT_SORT = "date"


@dataclass
class Entry:
    """A register row ready for display: its cells and the lower-case text the filter searches."""

    row: Row
    cells: tuple[str, ...]
    haystack: str


def prepare(rows: Sequence[Row]) -> list[Entry]:
    """Cells and search text for every row (done once, in the worker)."""
    entries: list[Entry] = []
    for row in rows:
        cells = tuple(" ".join(spec.cell(row).split()) for spec in COLUMNS)
        haystack = "\n".join((*cells, row.theme, row.section, row.status_comment)).casefold()
        entries.append(Entry(row, cells, haystack))
    return entries


def csv_table(entries: Sequence[Entry]) -> Table:
    """The shown rows as a table for tabular's CSV writer: full text, ISO dates."""
    columns = tuple(Column(spec.key, spec.label()) for spec in COLUMNS)
    columns += (Column("theme", _("Theme")), Column("file", _("File")))
    rows = [(*entry.cells, entry.row.theme, str(entry.row.path)) for entry in entries]
    return Table(columns=columns, rows=rows, records=[])


def session_files(paths: Sequence[Path]) -> list[Path]:
    """The session files under the paths, without the TOML exports that sit beside them."""
    from facilitator.store import find_session_files

    return [
        path for path in find_session_files(list(paths)) if not path.name.endswith(EXPORT_SUFFIX)
    ]


class RegisterScreen(Screen[None]):
    """What HR needs: every agreement, action and decision, with where it stands now."""

    AUTO_FOCUS = None

    BINDINGS = [
        Binding("slash", "focus_filter", _("Filter"), id="register_filter"),
        Binding("s", "sort", _("Sort"), id="register_sort"),
        Binding("o", "toggle_open", _("Open only"), id="register_open"),
        Binding("enter", "open_minutes", _("Minutes"), id="register_open_minutes"),
        Binding("x", "export_csv", _("Export CSV"), id="register_export"),
        Binding("p", "show_problems", _("Unreadable files"), show=False, id="register_problems"),
        Binding("r", "reload", _("Reload"), show=False, id="register_reload"),
        Binding("escape", "back", _("Back"), id="register_back"),
    ]

    DEFAULT_CSS = """
    RegisterScreen { layout: vertical; }
    RegisterScreen #register-top { height: 1; background: $panel; padding: 0 1; }
    RegisterScreen #register-title { width: 1fr; text-style: bold; }
    RegisterScreen #register-count { width: auto; }
    RegisterScreen #register-bar { height: 1; margin: 1 1 0 1; }
    RegisterScreen #filter-label { width: auto; color: $text-muted; margin-right: 1; }
    RegisterScreen #filter { width: 1fr; }
    RegisterScreen #open-only { width: auto; margin-left: 2; color: $text-muted; }
    RegisterScreen #open-only.-on { color: $accent; text-style: bold; }
    RegisterScreen #rows { height: 1fr; margin: 1 1 0 1; }
    RegisterScreen #register-empty { height: auto; padding: 1 2; color: $text-muted; }
    RegisterScreen #register-problems { height: 1; padding: 0 2; color: $warning; }
    """

    @dataclass
    class Loaded(Message):
        """The register was read (in a worker)."""

        entries: list[Entry]
        problems: list[str] = field(default_factory=list)
        error: str = ""

    @dataclass
    class Exported(Message):
        """The CSV file was written (in a worker), or could not be."""

        path: Path
        error: str = ""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self.paths = paths
        self.entries: list[Entry] = []
        self.shown: list[Entry] = []
        self.problems: list[str] = []
        self.loaded = False
        self.open_only = False
        self.sort_key = DEFAULT_SORT
        self.sort_reverse = False
        self._filter_timer: Timer | None = None

    @property
    def facilitator(self) -> FacilitatorApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="register-top"):
            yield Label(_("Agreements register"), id="register-title")
            yield Label(_("Reading…"), id="register-count")
        with Horizontal(id="register-bar"):
            yield Label(_("Filter (/)"), id="filter-label")
            yield Input(
                placeholder=_("committee, text, owner, status… (escape leaves the filter)"),
                compact=True,
                id="filter",
            )
            yield Label("", id="open-only")
        table: DataTable[str] = DataTable(id="rows", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="register-empty")
        yield Static("", id="register-problems")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#register-empty").display = False
        self.query_one("#register-problems").display = False
        self._show_open_only()
        self.query_one("#rows", DataTable).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        # Back from the minutes: an outcome may have been corrected there.
        if self.loaded:
            self.reload()

    # -- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read every session again, off the UI thread."""
        self._load(list(self.paths))

    @work(thread=True, exclusive=True, group="register-load")
    def _load(self, paths: list[Path]) -> None:
        try:
            register: Register = collect(session_files(paths))
        except (OSError, StoreError) as error:
            self.post_message(self.Loaded([], [], str(error)))
            return
        problems = [problem.message for problem in register.problems]
        self.post_message(self.Loaded(prepare(register.rows), problems))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.loaded = True
        self.entries = message.entries
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
        self.apply()

    # -- filtering and sorting ------------------------------------------------------------

    def filtered(self) -> list[Entry]:
        """The entries that pass the filter text and open-only, in the chosen order."""
        words = self.query_one("#filter", Input).value.casefold().split()
        entries = [
            entry
            for entry in self.entries
            if (not self.open_only or entry.row.is_open)
            and all(word in entry.haystack for word in words)
        ]
        spec = next(spec for spec in COLUMNS if spec.key == self.sort_key)
        entries.sort(key=lambda entry: spec.sort(entry.row), reverse=self.sort_reverse)
        return entries

    def apply(self) -> None:
        """Rebuild the table from the filter and sort: clear, then every row in one go."""
        table = self.query_one("#rows", DataTable)
        selected = self.selected
        self.shown = self.filtered()
        table.clear(columns=True)
        for spec in COLUMNS:
            label = spec.label()
            if spec.key == self.sort_key:
                label += " ▼" if self.sort_reverse else " ▲"
            table.add_column(label, key=spec.key, width=spec.width)
        widths = [spec.width for spec in COLUMNS]
        table.add_rows(
            [
                tuple(
                    ellipsize(cell, width) if width else cell
                    for cell, width in zip(entry.cells, widths, strict=True)
                )
                for entry in self.shown
            ]
        )
        if selected is not None and selected in self.shown:
            table.move_cursor(row=self.shown.index(selected), animate=False)
        self._show_count()
        empty = self.query_one("#register-empty", Static)
        empty.display = not self.shown
        if not self.entries:
            empty.update(
                _("No outcomes yet: agreements, actions and decisions of every meeting show here.")
            )
        elif not self.shown:
            empty.update(_("No row matches the filter."))
        self.refresh_bindings()

    def _show_count(self) -> None:
        count = _("{shown} of {total} rows").format(shown=len(self.shown), total=len(self.entries))
        spec = next(spec for spec in COLUMNS if spec.key == self.sort_key)
        count += " · " + _("sorted by {column}").format(column=spec.label().lower())
        self.query_one("#register-count", Label).update(count)

    def _show_open_only(self) -> None:
        label = self.query_one("#open-only", Label)
        label.update(("☑ " if self.open_only else "☐ ") + _("open only (o)"))
        label.set_class(self.open_only, "-on")

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        # Typing fast should not rebuild a table of thousands of rows for every letter.
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self.apply)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None
        self.apply()
        self.query_one("#rows", DataTable).focus()

    @property
    def selected(self) -> Entry | None:
        """The highlighted row."""
        if not self.shown:
            return None
        row = self.query_one("#rows", DataTable).cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    # -- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Opening minutes and exporting need rows (greyed out otherwise)."""
        if action in ("open_minutes", "export_csv"):
            return bool(self.shown) or None
        if action == "show_problems":
            return bool(self.problems) or None
        return True

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter."""
        self.query_one("#filter", Input).focus()

    def action_sort(self) -> None:
        """Sort by the next column."""
        keys = [spec.key for spec in COLUMNS]
        self.sort_key = keys[(keys.index(self.sort_key) + 1) % len(keys)]
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
        self.open_only = not self.open_only
        self._show_open_only()
        self.apply()

    @on(DataTable.RowSelected, "#rows")
    def _row_selected(self) -> None:
        self.action_open_minutes()

    def action_open_minutes(self) -> None:
        """Open the minutes of the meeting the highlighted outcome comes from."""
        entry = self.selected
        if entry is None:
            return
        path = entry.row.path
        try:
            session = load_session(path)
        except StoreError as error:
            self.notify(str(error), title=_("Cannot open the minutes"), severity="error")
            return
        self.facilitator.open_review(session, path)

    def action_export_csv(self) -> None:
        """Write the rows shown to agreements-YYYY-MM-DD.csv in the sessions folder."""
        if not self.shown:
            return
        today = self.facilitator.wall().date()
        target = self.facilitator.sessions_dir / f"agreements-{today.isoformat()}.csv"
        self._write_csv(target, render_csv(csv_table(self.shown)))

    @work(thread=True, group="register-export")
    def _write_csv(self, target: Path, text: str) -> None:
        from facilitator.tui.screens.review import write_text_atomic

        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(target, text)
        except OSError as error:
            self.post_message(self.Exported(target, error.strerror or str(error)))
            return
        self.post_message(self.Exported(target))

    @on(Exported)
    def _exported(self, message: Exported) -> None:
        from facilitator.tui.modals.export_done import ExportDone

        if message.error:
            self.app.push_screen(
                ExportDone(
                    [], [f"{message.path}: {message.error}"], _("Could not export"), failed=True
                )
            )
            return
        note = _("{count} rows, UTF-8 with ; between columns: opens in Excel.").format(
            count=len(self.shown)
        )
        self.app.push_screen(ExportDone([message.path], [note], _("Exported")))

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
        """Leave the filter when typing in it; otherwise back to the home screen."""
        filter_input = self.query_one("#filter", Input)
        if filter_input.has_focus:
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
                _("Filter"),
                _(
                    "Every word typed must appear somewhere in the row (committee, text, owner, "
                    "theme, status…); case does not matter. enter or escape goes back to the table."
                ),
            ),
            (
                _("Status"),
                _(
                    "The latest verdict from a follow-up meeting: open until a follow-up marks it "
                    "done, in progress, not started or dropped."
                ),
            ),
        ]
