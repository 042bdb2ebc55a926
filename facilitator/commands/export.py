"""`facilitator export`: a session's minutes as Markdown, HTML, TOML or Word, on stdout or a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from facilitator.cli import EXIT_FAILURE, EXIT_OK, UsageError, sessions_dir
from facilitator.i18n import choose_language
from facilitator.minutes_docx import TemplateError
from facilitator.privacy import check_privacy
from facilitator.sanitize import unfiltered
from facilitator.session import Session
from facilitator.workspace import ExportRefused, StoreError, Workspace


def run(args: argparse.Namespace) -> int:
    """Render the session in the chosen format; privacy warnings go to stderr, one line each.

    `-o FILE` writes FILE; `-o FOLDER` writes `<stem>.export.<ext>` there, the name the
    screens use. Either way the session, its minutes and its lock are refused.
    """
    workspace = Workspace(sessions_dir(args))
    path = Path(args.session)
    target: Path | None = None
    template: Path | None = getattr(args, "template", None)
    if template is not None and args.format != "docx":
        raise UsageError("--template works with --format docx only")
    if args.format == "docx" and args.output is None and sys.stdout.isatty():
        raise UsageError("--format docx writes a Word file: give -o FILE.docx")
    try:
        if args.output is not None:
            target = workspace.export_target(path, args.format, args.output)
        session = workspace.load(path)
    except StoreError as error:
        raise UsageError(str(error)) from None
    if args.anonymize or args.anonymize_committee:
        from facilitator.anonymize import anonymize_session
        from facilitator.followup import earlier_participants

        session = anonymize_session(
            session, earlier_participants(session, path), committee=args.anonymize_committee
        )
    try:
        data = workspace.render(session, args.format, template=template)
    except TemplateError as error:
        raise UsageError(str(error)) from None
    _warn(session, getattr(args, "lang", None))
    if target is None:
        # A Word file is binary and only ever goes to a pipe (refused on a terminal above):
        # it passes the terminal filter untouched; text passes through it.
        stream: Any = unfiltered(sys.stdout) if args.format == "docx" else sys.stdout
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()
        return EXIT_OK
    return write_output(target, data, workspace)


def write_output(output: Path, data: bytes, workspace: Workspace | None = None) -> int:
    """Write a file the user asked for (-o), atomic and private; the exit status.

    A folder that does not exist is a usage error (2); a write that fails is 1.
    """
    if not output.parent.is_dir():
        raise UsageError(f"{output}: the folder {output.parent} does not exist")
    try:
        (workspace or Workspace(output.parent)).write_file(output, data)
    except ExportRefused as error:
        raise UsageError(str(error)) from None
    except StoreError as error:
        sys.stderr.write(f"facilitator: {error}\n")
        return EXIT_FAILURE
    return EXIT_OK


def _warn(session: Session, lang: str | None) -> None:
    """The privacy check on what is exported: it warns, the export still happens."""
    language = choose_language(lang, session.agenda.language)
    for warning in check_privacy(session):
        sys.stderr.write(f"warning: {warning.message(language)}\n")
