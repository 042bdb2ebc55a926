"""What the register screen writes: the rows shown as CSV, a committee's guidelines; file names
in the interface language ("aftaler-2026-03-02.csv" on Danish screens)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from facilitator.document import to_markdown
from facilitator.docx_writer import to_docx
from facilitator.guidelines import guidelines_document
from facilitator.hr_queries import guidelines
from facilitator.i18n import _, language
from facilitator.register.rows import Register, Row
from facilitator.roster import Roster
from facilitator.store import slugify
from facilitator.tabular import render_csv


def csv_name(today: date) -> str:
    """The CSV export's file name, in the interface language."""
    return _("agreements-{date}.csv").format(date=today.isoformat())


def guidelines_stem(committee: str, today: date) -> str:
    """The guidelines' file name without its suffix, in the interface language."""
    return _("guidelines-{committee}-{date}").format(
        committee=slugify(committee), date=today.isoformat()
    )


def csv_text(rows: Sequence[Row], today: date) -> str:
    """The rows as `facilitator agreements --format csv` writes them, in the interface language."""
    from facilitator.commands.agreements import agreements_table

    return render_csv(agreements_table(list(rows), language(), today))


def guidelines_files(
    register: Register, committee: str, roster: Roster | None, today: date
) -> dict[str, bytes]:
    """The committee's guidelines as Markdown and Word: {suffix: bytes} (GuidelinesError)."""
    doc = guidelines_document(guidelines(register, committee, roster), language(), today)
    return {".md": to_markdown(doc).encode("utf-8"), ".docx": to_docx(doc)}
