"""The register table's columns, how they fit a terminal's width, and what its fields filter.

No Textual here (rich Text only), so the layout and the filter are tested as plain functions.

A row's cells and the text the filter searches are computed once, when the register is read;
the layout decides per width which columns show and how wide, so the text people read keeps
room and the committee's full name stays readable at 100 columns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from rich.text import Text

from facilitator.i18n import _, language, translate
from facilitator.register.filters import DEFAULT_KINDS
from facilitator.register.rows import Row
from facilitator.register_query import fold, parse_query
from facilitator.session import OUTCOME_KINDS, OutcomeKind
from facilitator.tui.formatting import ellipsize, review_status_label, short_kind, state_label

TEXT_MAX = 80
TEXT_MIN = 28
COMMITTEE_MAX = 32
COMMITTEE_MIN = 26  # "LMU Hjemmeplejen Grenaa" and "… Ørsted" must stay apart, whole
SHRINK_FLOOR = 10
STATUS_FLOOR = 11  # "overskredet" whole


def status_text(status: str) -> str:
    """A review status in words; an outcome nobody has reviewed yet is open."""
    return review_status_label(status or "open")


@dataclass(frozen=True)
class ColumnSpec:
    """A column of the register table: its header, its cell and how it sorts."""

    key: str
    label: Callable[[], str]
    cell: Callable[[Row, bool], str]  # (row, overdue)
    sort: Callable[[Row, bool], tuple[object, ...]]
    max_width: int = 0  # 0: as wide as its widest cell
    drop: int = 0  # when the terminal is narrow, higher numbers give way first; 0 never


def _date_key(value: date | None) -> tuple[object, ...]:
    return (value is None, value or date.min)


def status_cell(row: Row, overdue: bool) -> str:
    """The status, or «Overdue» (in words, not only in colour) when an open row is late;
    capitalised as the statuses it stands among («Done», «Dropped»)."""
    return translate("Overdue", language(), "status") if overdue else status_text(row.status)


def _typed(
    key: str, label: Callable[[], str], text: Callable[[Row], str], **layout: int
) -> ColumnSpec:
    """A column of what people typed (a name, a text), sorted regardless of case."""
    return ColumnSpec(
        key, label, lambda r, _o: text(r), lambda r, _o: (text(r).casefold(),), **layout
    )


def _named(
    key: str, label: Callable[[], str], words: Callable[[Row], str], **layout: int
) -> ColumnSpec:
    """A column of the program's own words for a value (a kind, a state), sorted as shown."""
    return ColumnSpec(key, label, lambda r, _o: words(r), lambda r, _o: (words(r),), **layout)


COLUMNS: tuple[ColumnSpec, ...] = (
    _typed("committee", lambda: _("Committee"), lambda r: r.committee, max_width=COMMITTEE_MAX),
    ColumnSpec(
        "meeting",
        lambda: _("Meeting"),
        lambda r, _o: r.meeting_date.isoformat(),
        lambda r, _o: (r.meeting_date,),
        drop=2,
    ),
    ColumnSpec(
        "ref", lambda: _("Ref"), lambda r, _o: str(r.theme_ref), lambda r, _o: r.theme_ref, drop=3
    ),
    _named("kind", lambda: _("Kind"), lambda r: short_kind(r.kind), drop=1),
    _typed("text", lambda: _("Text"), lambda r: r.text, max_width=TEXT_MAX),
    _typed("owner", lambda: _("Owner"), lambda r: r.owner, max_width=18),
    ColumnSpec(
        "date",
        lambda: _("Date"),
        lambda r, _o: r.date.isoformat() if r.date else "",
        lambda r, _o: _date_key(r.date),
    ),
    ColumnSpec(
        "status",
        lambda: _("Status"),
        status_cell,
        # Overdue first when sorting by status: that is what HR looks for.
        lambda r, o: (not o, status_text(r.status)),
        max_width=14,
    ),
    _named("state", lambda: _("Minutes"), lambda r: state_label(r.session_state), drop=4),
)
TEXT_COLUMN = next(i for i, spec in enumerate(COLUMNS) if spec.key == "text")
COMMITTEE_COLUMN = next(i for i, spec in enumerate(COLUMNS) if spec.key == "committee")
STATUS_COLUMN = next(i for i, spec in enumerate(COLUMNS) if spec.key == "status")


@dataclass
class Entry:
    """A register row ready for display: its cells, whether it is late, and what the filter reads."""

    row: Row
    cells: tuple[str, ...]
    haystack: str
    overdue: bool


def prepare(rows: Sequence[Row], today: date) -> list[Entry]:
    """Cells and search text for every row (done once, in the worker)."""
    late_words = fold(f"{_('overdue')} {_('late')}")
    entries: list[Entry] = []
    for row in rows:
        overdue = row.is_overdue(today)
        cells = tuple(" ".join(spec.cell(row, overdue).split()) for spec in COLUMNS)
        parts = [*cells, row.theme, row.section, row.status_comment, status_text(row.status)]
        if overdue:
            # Typing "forsinket" or "overskredet" finds what is late.
            parts.append(late_words)
        entries.append(Entry(row, cells, fold("\n".join(parts)), overdue))
    return entries


def row_cells(entry: Entry, columns: Sequence[tuple[int, int]]) -> list[Text]:
    """The cells shown for the columns laid out; Text, so nothing typed is read as markup."""
    cells: list[Text] = []
    for index, width in columns:
        cell = Text(ellipsize(entry.cells[index], width))
        if index == STATUS_COLUMN and entry.overdue:
            cell.stylize("bold red")  # the word says it too, for those who cannot see red
        cells.append(cell)
    return cells


def detail_text(entry: Entry, on_roster: bool | None) -> Text:
    """The highlighted row in full (the table cuts long texts and names short)."""
    row = entry.row
    text = Text()
    text.append(row.committee, style="bold")
    if on_roster is False:
        text.append(" (" + _("not on the roster") + ")", style="italic")
    text.append(f" · {row.meeting_date.isoformat()} · {row.theme_ref} {row.theme}\n")
    text.append(f"{short_kind(row.kind)}: ", style="italic")
    text.append(row.text)
    facts = [row.owner, row.date.isoformat() if row.date else ""]
    text.append("  — " + " · ".join(fact for fact in facts if fact), style="bold")
    text.append(" · " if any(facts) else "", style="bold")
    if entry.overdue:
        text.append(translate("Overdue", language(), "status"), style="bold red")
    else:
        text.append(status_text(row.status), style="bold")
    if row.status_comment:
        text.append(f" ({row.status_comment})", style="italic")
    return text


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

    The text column is what people read, so it gets a third of the width when it can (the
    detail line under the table shows it whole): first the minutes state, ref and meeting date
    give way, then owner and status get narrower, then the text down to its minimum, then the
    committee (never below a width that tells units apart), and only then the kind goes too.
    """
    text = TEXT_COLUMN
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

    def shrink(columns: Sequence[int], floor: Callable[[int], int]) -> None:
        while room() < target:
            shrinkable = [i for i in columns if i in widths and widths[i] > floor(i)]
            if not shrinkable:
                return
            widths[max(shrinkable, key=lambda i: widths[i])] -= 1

    drop(2)
    others = [i for i in widths if i not in (text, COMMITTEE_COLUMN) and COLUMNS[i].max_width]
    shrink(others, lambda i: STATUS_FLOOR if i == STATUS_COLUMN else SHRINK_FLOOR)
    # A committee's full name before a third of the width for the text.
    target = min(target, max(TEXT_MIN, room()))
    shrink([COMMITTEE_COLUMN], lambda i: min(natural[i], COMMITTEE_MIN))
    drop(1)
    # At 80 columns the text needs its minimum more than the committee its whole name (the
    # detail line under the table names it in full).
    shrink([COMMITTEE_COLUMN], lambda _i: 14)
    widths[text] = max(12, min(natural[text], room()))
    return sorted(widths.items())


ALL = "*"
# The kinds the Kind field offers; the first is the command line's default.
KIND_CHOICES: tuple[tuple[str, frozenset[OutcomeKind]], ...] = (
    ("default", DEFAULT_KINDS),
    ("all", frozenset(OUTCOME_KINDS)),
    *((kind, frozenset({kind})) for kind in OUTCOME_KINDS),
)


def kind_choice_label(key: str) -> str:
    """The Kind field's words for a choice."""
    if key == "default":
        return _("Agreements and actions")
    if key == "all":
        return _("All kinds")
    return short_kind(key)


@dataclass(frozen=True)
class FilterState:
    """What the register's fields ask for: search text, committee, kinds, open, overdue."""

    text: str = ""
    committee: str = ALL
    kind_choice: str = "default"
    open_only: bool = False
    overdue_only: bool = False

    def matcher(self) -> Callable[[Entry], bool]:
        """A predicate for the entries that pass."""
        query = parse_query(self.text)
        kinds = dict(KIND_CHOICES)[self.kind_choice]

        def passes(entry: Entry) -> bool:
            return (
                entry.row.kind in kinds
                and (self.committee == ALL or entry.row.committee == self.committee)
                and (not self.open_only or entry.row.is_open)
                and (not self.overdue_only or entry.overdue)
                and query.matches(entry.haystack)
            )

        return passes
