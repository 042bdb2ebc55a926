"""`facilitator`, `run`, `resume` and `followup`: check the input, then start the TUI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facilitator.agenda import Agenda, AgendaError
from facilitator.catalog import resolve_agenda
from facilitator.cli import EXIT_FAILURE, EXIT_OK, UsageError, sessions_dir
from facilitator.i18n import choose_language, set_language
from facilitator.session import DEFAULT_SIDE, Participant, Session, clean_line, parse_role
from facilitator.standing import add_standing_items


def parse_participant(text: str) -> Participant:
    """`NAME:ROLE` from the command line (ROLE in Danish or English; default employee rep.)."""
    name, _sep, role_text = text.partition(":")
    name = clean_line(name)
    if not name:
        raise UsageError(f'--participant "{text}": the name is missing (write NAME:ROLE)')
    role = parse_role(role_text) if role_text.strip() else "employee-representative"
    if role is None:
        raise UsageError(
            f'--participant "{text}": unknown role "{role_text.strip()}" (use leader, employee, '
            "tr, amr, secretary, guest or other)"
        )
    return Participant(name=name, role=role, side=DEFAULT_SIDE[role])


def _agenda(name: str | None) -> Agenda:
    try:
        return resolve_agenda(name)
    except AgendaError as error:
        for line in error.problems[:-1]:
            sys.stderr.write(line + "\n")
        raise UsageError(error.problems[-1]) from None


def run(args: argparse.Namespace) -> int:
    """Prepare what the TUI opens on; problems are reported before the screen is taken over."""
    from facilitator.store import (
        SessionLock,
        SessionLockedError,
        StoreError,
        clean_stale_temp_files,
        load_session,
        new_session_path,
    )
    from facilitator.tui.terminal import SIGNAL_EXIT_CODES, missing_terminal

    folder = sessions_dir(args)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--sessions-dir {folder}: not a folder")
    if folder.is_dir():
        # Temporary files of a save that a crash interrupted; the sessions themselves are intact.
        clean_stale_temp_files(folder)
    command = args.command
    lock: SessionLock | None = None
    session: Session | None = None
    path: Path | None = None
    setup_agenda: Agenda | None = None
    participants: list[Participant] = []

    try:
        if command == "run":
            agenda = _agenda(args.agenda)
            participants = [parse_participant(text) for text in args.participant]
            if not args.committee or not clean_line(args.committee):
                setup_agenda = agenda
            else:
                session = Session.new(args.committee, agenda, args.planned)
                session.place = clean_line(args.place)
                session.chair = clean_line(args.chair)
                session.secretary = clean_line(args.secretary)
                session.formand = clean_line(args.formand)
                session.naestformand = clean_line(args.naestformand)
                # The formand leads the meeting unless someone else is named.
                session.chair = session.chair or session.formand
                session.participants = participants
                add_standing_items(session)
                path = new_session_path(folder, session)
        elif command == "resume":
            path = _resume_path(args.session, folder)
            session = load_session(path)
        elif command == "followup":
            from facilitator.followup import prepare_followup

            agenda_override = _agenda(args.agenda) if args.agenda else None
            earlier = Path(args.session)
            session = prepare_followup(earlier, [earlier.parent, folder], agenda_override)
            path = new_session_path(folder, session)
        if path is not None:
            lock = SessionLock(path)
            lock.acquire()
    except SessionLockedError as error:
        sys.stderr.write(f"facilitator: {error}\n")
        return EXIT_FAILURE
    except StoreError as error:
        raise UsageError(str(error)) from None
    except ValueError as error:
        raise UsageError(str(error)) from None

    # Checked last, so that mistakes in the arguments are reported first.
    problem = missing_terminal()
    if problem is not None:
        if lock is not None:
            lock.release()
        raise UsageError(problem)
    language_source = session.agenda.language if session else None
    if setup_agenda is not None:
        language_source = setup_agenda.language
    set_language(choose_language(args.lang, language_source))
    # Imported only now: Textual costs a fifth of a second.
    from facilitator.tui.app import FacilitatorApp, StartHome, StartMeeting, StartSetup

    if session is not None and path is not None:
        start: StartHome | StartSetup | StartMeeting = StartMeeting(session, path, lock)
    elif setup_agenda is not None:
        start = StartSetup(
            agenda=setup_agenda,
            planned=args.planned,
            place=args.place,
            chair=args.chair,
            secretary=args.secretary,
            formand=args.formand,
            naestformand=args.naestformand,
            participants=[(p.name, p.role) for p in participants],
        )
    else:
        start = StartHome()
    app = FacilitatorApp(sessions_dir=folder, start=start)
    try:
        app.run()
    finally:
        if lock is not None:
            lock.release()
    code = app.return_code or EXIT_OK
    # Ended by SIGTERM or SIGHUP: say so as a shell does (143, 129).
    return code if code in SIGNAL_EXIT_CODES.values() or code == EXIT_OK else EXIT_FAILURE


def _resume_path(given: str | None, folder: Path) -> Path:
    from facilitator.store import newest_unfinished

    if given:
        return Path(given)
    newest = newest_unfinished(folder)
    if newest is None:
        raise UsageError(f"no unfinished meeting in {folder} (name a session file to resume)")
    return newest.path
