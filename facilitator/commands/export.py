"""`facilitator export`: a session's minutes as Markdown, HTML, TOML or Word, on stdout or a file."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from facilitator.anonymize import anonymize_session
from facilitator.cli import EXIT_FAILURE, EXIT_OK, UsageError
from facilitator.codec import session_to_toml
from facilitator.i18n import choose_language
from facilitator.minutes import render_markdown
from facilitator.minutes_docx import TemplateError, render_docx
from facilitator.minutes_html import render_html
from facilitator.privacy import check_privacy
from facilitator.sanitize import unfiltered
from facilitator.session import Session
from facilitator.store import StoreError, load_session

RENDERERS = {"md": render_markdown, "html": render_html, "toml": session_to_toml}


def run(args: argparse.Namespace) -> int:
    """Render the session in the chosen format; privacy warnings go to stderr, one line each."""
    path = Path(args.session)
    output: Path | None = args.output
    template: Path | None = getattr(args, "template", None)
    if template is not None and args.format != "docx":
        raise UsageError("--template works with --format docx only")
    if args.format == "docx" and output is None and sys.stdout.isatty():
        raise UsageError("--format docx writes a Word file: give -o FILE.docx")
    if output is not None:
        _check_target(output, path)
    try:
        session = load_session(path)
    except StoreError as error:
        raise UsageError(str(error)) from None
    if args.anonymize or args.anonymize_committee:
        session = anonymize_session(
            session, _earlier_names(session, path), committee=args.anonymize_committee
        )
    if args.format == "docx":
        try:
            data = render_docx(session, template)
        except TemplateError as error:
            raise UsageError(str(error)) from None
    else:
        data = RENDERERS[args.format](session).encode("utf-8")
    _warn(session, getattr(args, "lang", None))
    if output is None:
        # A Word file is binary and only ever goes to a pipe (refused on a terminal above):
        # it passes the terminal filter untouched; text passes through it.
        stream: Any = unfiltered(sys.stdout) if args.format == "docx" else sys.stdout
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()
        return EXIT_OK
    return _write(output, data)


def _earlier_names(session: Session, path: Path) -> list[str]:
    """Who took part in the meetings a follow-up reviews: their names stand in its reviews."""
    if not session.followup_of:
        return []
    from facilitator.followup import earlier_sessions

    return [p.name for earlier in earlier_sessions(session, path) for p in earlier.participants]


def _warn(session: Session, lang: str | None) -> None:
    """The privacy check on what is exported: it warns, the export still happens."""
    language = choose_language(lang, session.agenda.language)
    for warning in check_privacy(session):
        sys.stderr.write(f"warning: {warning.message(language)}\n")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _check_target(output: Path, session_path: Path) -> None:
    """Refuse targets that would destroy data or cannot be written; checked before any work.

    Besides the session file itself, the Markdown minutes beside it and its lock are refused:
    the program rewrites that .md at every save, so an export written there would be silently
    replaced the next time the session is opened, and a reader expects current minutes there.
    """
    protected = [
        session_path,
        session_path.with_suffix(".md"),
        session_path.with_name(session_path.name + ".lock"),
    ]
    for kind, target in zip(("session file", "minutes file", "lock file"), protected, strict=True):
        if _same_file(output, target):
            if kind == "session file":
                raise UsageError(f"{output}: is the session file itself; choose another file name")
            raise UsageError(
                f"{output}: is the {kind} facilitator keeps beside the session and rewrites at "
                "every save; choose another file name"
            )
    if output.is_dir():
        raise UsageError(f"{output}: is a folder; give a file name")
    folder = output.parent
    if not folder.is_dir():
        raise UsageError(f"{output}: the folder {folder} does not exist")


def _write(output: Path, data: bytes) -> int:
    """Write through a temporary file in the same folder and rename, so no torn file is left."""
    folder = output.parent
    try:
        mode = output.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()
    try:
        handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".tmp")
    except PermissionError:
        raise UsageError(f"{output}: permission denied in the folder {folder}") from None
    except OSError as error:
        sys.stderr.write(f"facilitator: {output}: could not write ({error.strerror})\n")
        return EXIT_FAILURE
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, output)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        sys.stderr.write(
            f"facilitator: {output}: could not write ({error.strerror}); nothing was changed\n"
        )
        return EXIT_FAILURE
    return EXIT_OK


def _umask() -> int:
    # The only way to read the umask is to set it; put it straight back.
    current = os.umask(0o022)
    os.umask(current)
    return current
