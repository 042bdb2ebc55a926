"""Reports built from the register, shared by the command line and the screens."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from facilitator.i18n import kind_label, state_label, status_label, translate, words
from facilitator.register.rows import Row
from facilitator.tabular import Column, Format, Table


def agreements_table(
    rows: Sequence[Row],
    language: str,
    today: date,
    sessions: int | None = None,
    fmt: Format | None = None,
    skipped: int = 0,
) -> Table:
    """The register as a Table: labels in `language`, full data in the records.

    With `fmt`, only what that format prints is built: a register can have many rows.
    """

    def t(text: str, context: str = "") -> str:
        return translate(text, language, context)

    def widest(labels: Iterable[str]) -> int:
        # Words from a short list are shown whole or not at all.
        return max(len(text) for text in labels)

    vocabulary = words(language)
    kinds = [term.short or term.name for term in vocabulary.kinds.values()]
    statuses = [term.name for code, term in vocabulary.statuses.items() if code]
    states = [term.name for term in vocabulary.states.values()]
    columns = (
        Column("date", t("Date"), min_width=10, max_width=10, priority=0),
        Column("committee", t("Committee"), min_width=12, max_width=28, priority=0),
        Column("kind", t("Kind"), min_width=widest(kinds), max_width=12, priority=3),
        Column(
            "text",
            t("Text"),
            min_width=24,
            max_width=70,
            priority=0,
            wrap=True,
            comfort=40,
        ),
        Column("owner", t("Owner"), min_width=10, max_width=22, priority=0),
        Column("status", "Status", min_width=widest(statuses), max_width=14, priority=0),
        Column("status_comment", t("Comment"), min_width=10, max_width=30, priority=4),
        Column("meeting_date", t("Meeting"), min_width=10, max_width=10, priority=2),
        Column("theme", t("Theme"), min_width=10, max_width=30, priority=5),
        Column("section", t("Section"), min_width=8, max_width=16, priority=6),
        Column(
            "session_state",
            t("Meeting state"),
            min_width=widest(states),
            priority=6,
        ),
        Column("overdue", t("Overdue"), detail=True),
        Column("outcome_id", "ID", detail=True),
        Column("path", t("File"), detail=True),
    )
    yes = t("yes")
    want_cells, want_records = fmt not in ("json", "toml"), fmt not in ("table", "md", "csv")
    cells: list[tuple[str, ...]] = []
    records: list[dict[str, object]] = []
    marks: list[str] = []
    for row in rows:
        overdue = row.is_overdue(today)
        marks.append("!" if overdue else "")
        if want_cells:
            cells.append(
                (
                    row.date.isoformat() if row.date else "",
                    row.committee,
                    kind_label(row.kind, language, short=True),
                    row.text,
                    row.owner,
                    status_label(row.status_code, language),
                    row.status_comment,
                    row.meeting_date.isoformat(),
                    f"{row.theme_ref} {row.theme}".strip(),
                    row.section,
                    state_label(row.session_state, language),
                    yes if overdue else "",
                    # Excel reads an id such as 053858224319 or 7970665e8759 as a number
                    # (losing the zero, or overflowing); a leading # keeps it text.
                    f"#{row.outcome_id}",
                    str(row.path),
                )
            )
        if want_records:
            records.append(
                {
                    "committee": row.committee,
                    "meeting_date": row.meeting_date,
                    "section": row.section,
                    "theme": row.theme,
                    "theme_ref": str(row.theme_ref),
                    "kind": row.kind,
                    "text": row.text,
                    "owner": row.owner,
                    "date": row.date,
                    "status": row.status_code,
                    "status_comment": row.status_comment,
                    "overdue": overdue,
                    "outcome_id": row.outcome_id,
                    "session_state": row.session_state,
                    "path": str(row.path),
                }
            )
    notes: list[str] = []
    if sessions is not None:
        notes.append(
            t("{rows} from {meetings}").format(
                rows=t("1 row") if len(rows) == 1 else t("{count} rows").format(count=len(rows)),
                meetings=(
                    t("1 meeting")
                    if sessions == 1
                    else t("{count} meetings").format(count=sessions)
                ),
            )
            + (t("; {skipped} files skipped").format(skipped=skipped) if skipped else "")
        )
    if any(marks):
        notes.append(t("! overdue: the date has passed"))
    empty = t("No meetings found.") if sessions == 0 else t("Nothing matches the filter.")
    return Table(columns, cells, records, empty=empty, notes=tuple(notes), marks=marks)
