"""Exports of a session: the formats, and the one rule for where an export may be written."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from facilitator.fileio import StoreError
from facilitator.lock import lock_path
from facilitator.session import Session

__all__ = ["EXPORT_FORMATS", "ExportFormat", "ExportRefused", "export_target", "render"]


class ExportRefused(StoreError):
    """The export would overwrite a file the program keeps, or cannot go where it was asked."""


def _markdown(session: Session) -> bytes:
    from facilitator.minutes import render_markdown

    return render_markdown(session).encode("utf-8")


def _html(session: Session) -> bytes:
    from facilitator.minutes_html import render_html

    return render_html(session).encode("utf-8")


def _toml(session: Session) -> bytes:
    from facilitator.codec import session_to_toml

    return session_to_toml(session).encode("utf-8")


def _docx(session: Session, template: Path | None = None) -> bytes:
    from facilitator.minutes_docx import render_docx

    return render_docx(session, template)


@dataclass(frozen=True)
class ExportFormat:
    """An export format: how its file name ends and how the session is rendered into it."""

    suffix: str
    render: Callable[[Session], bytes]


# `<stem>.export.<ext>`: never the `<stem>.md` the store rewrites at every save, and never a
# name the session listing takes for a session (`*.export.toml` is not one).
EXPORT_FORMATS: dict[str, ExportFormat] = {
    "md": ExportFormat(".export.md", _markdown),
    "html": ExportFormat(".export.html", _html),
    "toml": ExportFormat(".export.toml", _toml),
    "docx": ExportFormat(".export.docx", _docx),
}


def render(
    session: Session, fmt: str, anonymize: bool = False, template: Path | None = None
) -> bytes:
    """The session in an export format, optionally with names replaced by roles.

    `template`: a Word file whose header, footer and styles a docx export keeps
    (TemplateError if it cannot be used).
    """
    if anonymize:
        from facilitator.anonymize import anonymize_session

        session = anonymize_session(session)
    if fmt == "docx":
        return _docx(session, template)
    return EXPORT_FORMATS[fmt].render(session)


def export_target(session_path: Path, fmt: str, target: Path | None = None) -> Path:
    """Where an export goes: `target`, or into a folder `target`, or beside the session.

    The default name is `<stem>.export.<ext>`. Refused: the session file itself, the Markdown
    minutes and the lock the program keeps beside it, and a folder that does not exist.
    """
    default_name = session_path.stem + EXPORT_FORMATS[fmt].suffix
    if target is None:
        target = session_path.with_name(default_name)
    elif target.is_dir():
        target = target / default_name
    protected = {
        "session": session_path,
        "minutes": session_path.with_suffix(".md"),
        "lock": lock_path(session_path),
    }
    for kind, path in protected.items():
        if not _same_file(target, path):
            continue
        if kind == "session":
            raise ExportRefused(f"{target}: is the session file itself; choose another file name")
        raise ExportRefused(
            f"{target}: is the {kind} file facilitator keeps beside the session and rewrites at "
            "every save; choose another file name"
        )
    if not target.parent.is_dir():
        raise ExportRefused(f"{target}: the folder {target.parent} does not exist")
    return target


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.absolute() == b.absolute() or a.resolve() == b.resolve()
