"""What the register screen writes: the rows shown as CSV, a committee's guidelines; file names
in the interface language ("aftaler-2026-03-02.csv" on Danish screens)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from facilitator.document import to_markdown
from facilitator.docx_writer import to_docx
from facilitator.guidelines import guidelines_document
from facilitator.hr_queries import guidelines, roster_for
from facilitator.i18n import _, language
from facilitator.register.rows import Register, Row
from facilitator.reports import agreements_table
from facilitator.roster import Roster
from facilitator.store import slugify
from facilitator.tabular import render_csv
from facilitator.workspace import Workspace, register_of


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
    return render_csv(agreements_table(list(rows), language(), today))


def guidelines_files(
    register: Register, committee: str, roster: Roster | None, today: date
) -> dict[str, bytes]:
    """The committee's guidelines as Markdown and Word: {suffix: bytes} (GuidelinesError)."""
    doc = guidelines_document(guidelines(register, committee, roster), language(), today)
    return {".md": to_markdown(doc).encode("utf-8"), ".docx": to_docx(doc)}


def write_files(files: dict[Path, bytes]) -> list[Path]:
    """Write each file atomically and privately (a missing folder made 0700); StoreError names
    the file."""
    return [
        Workspace(target.parent).write_report(target.name, data) for target, data in files.items()
    ]


def write_guidelines(
    folder: Path, register: Register, committee: str, roster: Roster | None, today: date
) -> list[Path]:
    """Write the committee's guidelines (.md and .docx) into `folder`; the paths written.

    Raises GuidelinesError when the committee has not met, StoreError when a file cannot be
    written.
    """

    # Named after the roster's name, whichever spelling the meeting was typed with.
    stem = folder / guidelines_stem(roster.canonical(committee) if roster else committee, today)
    files = guidelines_files(register, committee, roster, today)
    return write_files({stem.with_suffix(suffix): data for suffix, data in files.items()})


def write_folder_guidelines(folder: Path, committee: str, today: date) -> list[Path]:
    """Read the sessions folder (and its roster) and write the committee's guidelines there.

    Raises GuidelinesError, RosterError or StoreError.
    """
    roster = roster_for(None, [folder])
    register = register_of([folder])
    return write_guidelines(folder, register, committee, roster, today)
