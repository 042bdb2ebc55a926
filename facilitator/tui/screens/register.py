"""The agreements register: every outcome of every meeting in one table, filtered and sorted."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, Label, Static
from textual.widgets.data_table import RowKey

from facilitator.i18n import _, kind_label, language, state_label, status_label
from facilitator.register.rows import Register, Row, collect
from facilitator.store import StoreError, load_session
from facilitator.tabular import render_csv
from facilitator.tui.screens.home import ellipsize

if TYPE_CHECKING:
    from facilitator.tui.app import FacilitatorApp

FILTER_DELAY = 0.15
TEXT_MAX = 80
TEXT_MIN = 28


def status_text(status: str) -> str:
    """A review status in words; an outcome nobody has reviewed yet is open."""
    return status_label(status or "open")


@dataclass(frozen=True)
class ColumnSpec:
    """A column of the register table: its header, its cell and how it sorts."""

    key: str
    label: Callable[[], str]
    cell: Callable[[Row], str]
    sort: Callable[[Row], tuple[object, ...]]
    max_width: int = 0  # 0: as wide as its widest cell
    drop: int = 0  # when the terminal is narrow, higher numbers give way first; 0 never


def _date_key(value: date | None) -> tuple[object, ...]:
    return (value is None, value or date.min)


COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec(
        "committee",
        lambda: _("Committee"),
        lambda r: r.committee,
        lambda r: (r.committee.casefold(),),
        max_width=24,
    ),
    ColumnSpec(
        "meeting",
        lambda: _("Meeting"),
        lambda r: r.meeting_date.isoformat(),
        lambda r: (r.meeting_date,),
        drop=2,
    ),
    ColumnSpec("ref", lambda: _("Ref"), lambda r: str(r.theme_ref), lambda r: r.theme_ref, drop=3),
    ColumnSpec(
        "kind",
        lambda: _("Kind"),
        lambda r: kind_label(r.kind, short=True),
        lambda r: (kind_label(r.kind, short=True),),
        drop=1,
    ),
    ColumnSpec(
        "text",
        lambda: _("Text"),
        lambda r: r.text,
        lambda r: (r.text.casefold(),),
        max_width=TEXT_MAX,
    ),
    ColumnSpec(
        "owner",
        lambda: _("Owner"),
        lambda r: r.owner,
        lambda r: (r.owner.casefold(),),
        max_width=18,
    ),
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
        max_width=14,
    ),
    ColumnSpec(
        "state",
        lambda: _("Minutes"),
        lambda r: state_label(r.session_state),
        lambda r: (state_label(r.session_state),),
        drop=4,
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


def natural_widths(entries: Sequence[Entry]) -> list[int]:
    """How wide each column wants to be: its widest cell or label, within its maximum."""
    widths: list[int] = []
    for index, spec in enumerate(COLUMNS):
        widest = max((len(entry.cells[index]) for entry in entries), default=0)
        wanted = max(widest, len(spec.label()) + 2)  # room for the sort mark
        widths.append(min(wanted, spec.max_width) if spec.max_width else wanted)
    return widths


def layout(natural: Sequence[int], width: int) -> list[tuple[int, int]]:
    """The columns that fit in `width` and their widths: (index in COLUMNS, width).

    The text column is what people read, so it gets at least a third of the width: first the
    minutes state, ref and meeting date give way, then the long columns (committee, owner,
    status) get narrower, and only then the kind goes too.
    """
    text = next(i for i, spec in enumerate(COLUMNS) if spec.key == "text")
    target = min(natural[text], max(TEXT_MIN, width // 3))
    widths = {i: natural[i] for i in range(len(COLUMNS))}

    def room() -> int:
        # Each cell (the text's too) has one column of padding either side; the scroll bar
        # takes two.
        return width - sum(widths[i] + 2 for i in widths) + widths.get(text, 0) - 2 - 2

    def drop(level: int) -> None:
        for i in sorted(widths, key=lambda i: -COLUMNS[i].drop):
            if room() >= target:
                return
            if COLUMNS[i].drop >= level:
                del widths[i]

    drop(2)
    while room() < target:
        shrinkable = [i for i in widths if i != text and COLUMNS[i].max_width and widths[i] > 12]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda i: widths[i])] -= 1
    drop(1)
    widths[text] = max(12, min(natural[text], room()))
    return sorted(widths.items())


class RegisterTable(DataTable[Text]):
    """A DataTable that does not measure thousands of cells when no column needs measuring.

    Every column of the register gets a fixed width, so the stock `_update_dimensions`, which
    measures each new cell to size auto-width columns, spends most of a rebuild for nothing
    (0.7 s for 4,000 rows). Textual is pinned to one version, which keeps this override honest;
    any other case goes to the stock code.
    """

    BINDINGS = [Binding("enter", "select_cursor", _("Minutes"), id="register_table_open")]

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        columns = list(self.columns.values())
        if not columns or any(column.auto_width for column in columns):
            super()._update_dimensions(new_rows)
            return
        if any(row.auto_height or row.label is not None for row in self.rows.values()):
            super()._update_dimensions(new_rows)
            return
        width = sum(column.get_render_width(self) for column in columns)
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(
            width + self._row_label_column_width, self._total_row_height + header
        )


class RegisterScreen(Screen[None]):
    """What HR needs: every agreement, action and decision, with where it stands now."""

    AUTO_FOCUS = None

    BINDINGS = [
        # The filter bar names / and o itself; the Footer has no room for them at 80 columns.
        Binding("slash", "focus_filter", _("Filter"), show=False, id="register_filter"),
        Binding("s", "sort", _("Sort"), id="register_sort"),
        Binding("o", "toggle_open", _("Open only"), show=False, id="register_open"),
        Binding("enter", "open_minutes", _("Minutes"), show=False, id="register_open_minutes"),
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
    RegisterScreen #register-detail {
        height: auto; max-height: 4; margin: 0 1; padding: 0 1; background: $panel;
    }
    RegisterScreen.-short #register-detail { max-height: 3; }
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
        self.natural = natural_widths([])
        self.visible_keys = [spec.key for spec in COLUMNS]

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
                placeholder=_("committee, text, owner, status…"),
                compact=True,
                id="filter",
            )
            yield Label("", id="open-only")
        table = RegisterTable(id="rows", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="register-empty")
        yield Static("", id="register-detail")
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
            # A sessions folder not made yet is empty, not a file that cannot be read.
            register: Register = collect([path for path in paths if path.exists()])
        except (OSError, StoreError) as error:
            self.post_message(self.Loaded([], [], str(error)))
            return
        problems = [problem.message for problem in register.problems]
        self.post_message(self.Loaded(prepare(register.rows), problems))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.loaded = True
        self.entries = message.entries
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
        table.add_rows(
            [
                [Text(ellipsize(entry.cells[index], width)) for index, width in columns]
                for entry in self.shown
            ]
        )
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
        row = entry.row
        text = Text()
        text.append(row.committee, style="bold")
        text.append(f" · {row.meeting_date.isoformat()} · {row.theme_ref} {row.theme}\n")
        text.append(f"{kind_label(row.kind, short=True)}: ", style="italic")
        text.append(row.text)
        facts = [row.owner, row.date.isoformat() if row.date else "", status_text(row.status)]
        text.append("  — " + " · ".join(fact for fact in facts if fact), style="bold")
        if row.status_comment:
            text.append(f" ({row.status_comment})", style="italic")
        detail.update(text)

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
            self.notify(
                str(error), title=_("Cannot open the minutes"), severity="error", markup=False
            )
            return
        self.facilitator.open_review(session, path)

    def action_export_csv(self) -> None:
        """Write the rows shown to agreements-YYYY-MM-DD.csv in the sessions folder."""
        if not self.shown:
            return
        from facilitator.commands.agreements import agreements_table

        today = self.facilitator.wall().date()
        target = self.facilitator.sessions_dir / f"agreements-{today.isoformat()}.csv"
        # The same columns as `facilitator agreements --format csv`, in the interface language.
        table = agreements_table([entry.row for entry in self.shown], language(), today)
        self._write_csv(target, render_csv(table))

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
