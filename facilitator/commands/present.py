"""`facilitator present [SESSION]`: the read-only projector view of a live meeting."""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator.cli import EXIT_FAILURE, EXIT_OK, UsageError, sessions_dir
from facilitator.follow import find_live_session
from facilitator.i18n import choose_language, set_language
from facilitator.workspace import StoreError, Workspace


def run(args: argparse.Namespace) -> int:
    """Follow the named session, else the newest unfinished one, else wait for one."""
    folder = sessions_dir(args)
    workspace = Workspace(folder)
    path: Path | None = Path(args.session) if args.session else None
    agenda_language: str | None = None
    if path is not None:
        if not path.is_file():
            raise UsageError(f"{path}: no such session file")
        try:
            agenda_language = workspace.load(path).agenda.language
        except StoreError as error:
            raise UsageError(str(error)) from None
    else:
        live = find_live_session(folder)
        if live is not None:
            try:
                agenda_language = workspace.load(live).agenda.language
            except StoreError:
                agenda_language = None
    set_language(choose_language(args.lang, agenda_language))
    # Imported only now: Textual is not needed to find the file or to refuse a bad one.
    from facilitator.tui.present.app import PresenterApp

    app = PresenterApp(sessions_dir=folder, path=path)
    app.run()
    return EXIT_OK if app.return_code in (None, 0) else EXIT_FAILURE
