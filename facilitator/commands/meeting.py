"""`facilitator`, `run`, `resume` and `followup`: check the input, then start the TUI."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from facilitator.agenda import Agenda, AgendaError
from facilitator.catalog import builtin_dir, locate_agenda
from facilitator.cli import EXIT_FAILURE, EXIT_OK, UsageError, report_error, sessions_dir
from facilitator.i18n import _, choose_language, set_language
from facilitator.plans import find_plan
from facilitator.session import DEFAULT_SIDE, Participant, clean_line, parse_role
from facilitator.workspace import (
    MeetingForm,
    NothingToResume,
    OpenMeeting,
    SessionLockedError,
    StoreError,
    Workspace,
)


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


def _agenda(name: str | None, passed_over: list[Path] | None = None) -> tuple[Path, Agenda]:
    """The agenda file `name` stands for, and its agenda; a usage error if there is none."""
    try:
        return locate_agenda(name, passed_over=passed_over)
    except AgendaError as error:
        raise UsageError("\n".join(error.problems)) from None


def _passed_over(broken: list[Path], used: Path | None) -> str:
    """What to say of local files of this agenda's id that did not load (none: "")."""
    if not broken or used is None:
        return ""
    in_use = _("the built-in guide") if used.parent == builtin_dir() else str(used)
    return _(
        "{files}: not a valid agenda, so {used} is used (facilitator validate says why)"
    ).format(files=", ".join(str(path) for path in broken), used=in_use)


def run(args: argparse.Namespace) -> int:
    """Prepare what the TUI opens on; problems are reported before the screen is taken over."""
    from facilitator.tui.terminal import SIGNAL_EXIT_CODES, missing_terminal

    folder = sessions_dir(args)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--sessions-dir {folder}: not a folder")
    workspace = Workspace(folder)
    # Temporary files of a save that a crash interrupted; the sessions themselves are intact.
    workspace.clean_temp_files()
    try:
        # Local files of the agenda's id that did not load: the meeting says so once it is up.
        passed_over: list[Path] = []
        meeting, setup, agenda_path = _open(args, workspace, passed_over)
    except SessionLockedError as error:
        report_error(str(error))
        return EXIT_FAILURE
    except (StoreError, ValueError) as error:
        raise UsageError(str(error)) from None

    # Checked last, so that mistakes in the arguments are reported first.
    no_terminal = missing_terminal()
    if no_terminal is not None:
        if meeting is not None:
            meeting.close()
        raise UsageError(no_terminal)
    agenda = meeting.session.agenda if meeting else setup.agenda if setup else None
    set_language(choose_language(args.lang, agenda.language if agenda else None))
    # Start-up makes tens of thousands of long-lived objects (modules, styles, widgets); the
    # collector walking them again and again before the first frame costs about 50 ms. The
    # app turns it back on once the first frame is up (FacilitatorApp.on_mount).
    gc.disable()
    from facilitator.tui.app import FacilitatorApp, StartHome, StartMeeting, StartSetup

    start: StartHome | StartSetup | StartMeeting = StartHome()
    if meeting is not None:
        notice = _passed_over(passed_over, agenda_path)
        start = StartMeeting(meeting.session, meeting.path, meeting, notice)
    elif setup is not None:
        start = StartSetup(
            agenda=setup.agenda,
            planned=setup.planned,
            plan=setup.plan.id if setup.plan else "",
            place=setup.place,
            chair=setup.chair,
            secretary=setup.secretary,
            formand=setup.formand,
            naestformand=setup.naestformand,
            participants=[(p.name, p.role) for p in setup.participants],
            agenda_path=agenda_path,
        )
    app = FacilitatorApp(sessions_dir=folder, start=start)
    try:
        app.run()
    finally:
        gc.enable()
        if meeting is not None:
            meeting.close()
    for failed in app.save_problems:
        sys.stderr.write(f"facilitator: {failed.error}\n")
        for change in failed.unsaved:
            sys.stderr.write(f"facilitator: not saved: {change}\n")
    for change in app.lost_changes:
        sys.stderr.write(f"facilitator: not saved: {change}\n")
    code = app.return_code or EXIT_OK
    # Ended by SIGTERM or SIGHUP: say so as a shell does (143, 129).
    if code in SIGNAL_EXIT_CODES.values():
        return code
    return EXIT_FAILURE if app.save_problems or code != EXIT_OK else EXIT_OK


def _open(
    args: argparse.Namespace, workspace: Workspace, passed_over: list[Path]
) -> tuple[OpenMeeting | None, MeetingForm | None, Path | None]:
    """The meeting to open (held), or the form to fill in and its agenda's file; all None for
    the home screen."""
    if args.command == "run":
        agenda_path, agenda = _agenda(args.agenda, passed_over)
        participants = [parse_participant(text) for text in args.participant]
        form = MeetingForm(
            committee=args.committee or "",
            agenda=agenda,
            planned=args.planned,
            place=args.place,
            chair=args.chair,
            secretary=args.secretary,
            participants=participants,
            plan=find_plan(agenda, args.plan) if args.plan else None,
            formand=args.formand,
            naestformand=args.naestformand,
        )
        if not clean_line(form.committee):
            return None, form, agenda_path  # the form opens, filled in as far as they go
        return workspace.start(form), None, agenda_path
    if args.command == "resume":
        try:
            return workspace.resume(Path(args.session) if args.session else None), None, None
        except NothingToResume as error:
            raise UsageError(str(error)) from None
    if args.command == "followup":
        agenda_override = _agenda(args.agenda)[1] if args.agenda else None
        return workspace.follow_up(Path(args.session), agenda_override), None, None
    return None, None, None
