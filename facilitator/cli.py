"""Command line: argument parsing, dispatch and exit codes. The TUI is imported lazily."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from facilitator import __version__
from facilitator.portable import default_sessions_dir, utf8_output
from facilitator.sanitize import SafeStream, unfiltered

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2

# Which module under facilitator.commands runs each subcommand; None runs the home screen.
COMMANDS = {
    None: "meeting",
    "run": "meeting",
    "resume": "meeting",
    "followup": "meeting",
    "agendas": "agendas",
    "validate": "validate",
    "export": "export",
    "agreements": "agreements",
    "coverage": "coverage",
    "guidelines": "guidelines",
    "calendar": "calendar",
    "present": "present",
}


class UsageError(Exception):
    """Unusable input from the command line: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one clear line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message} (see {self.prog} --help)\n")
        raise SystemExit(EXIT_USAGE)


def _global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--sessions-dir",
        type=Path,
        default=default,
        metavar="DIR",
        help="where meetings are saved (default ./sessions, or FACILITATOR_SESSIONS_DIR)",
    )
    parser.add_argument(
        "--lang",
        choices=("da", "en"),
        default=default,
        help="language of the screens (default FACILITATOR_LANG, else the agenda's language)",
    )


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, as DESIGN section 4 names it; with `only`, just that command.

    Building every subcommand's parser costs more than the parsing: a meeting's start-up
    and every in-process command builds only the one it runs.
    """
    parser = _Parser(
        prog="facilitator",
        description="Run a committee meeting through a dialogue paper: timeboxed themes, "
        "captured decisions, agreements and actions, minutes in TOML and Markdown.",
    )
    parser.add_argument("--version", action="version", version=f"facilitator {__version__}")
    _global_options(parser, suppress=False)
    common = _Parser(add_help=False)
    _global_options(common, suppress=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    for name, (summary, add_arguments) in _SUBCOMMANDS.items():
        if only is None or name == only:
            # `facilitator NAME --help` starts with what the command does, as the list says.
            described = summary[:1].upper() + summary[1:] + "."
            add_arguments(
                sub.add_parser(name, parents=[common], help=summary, description=described)
            )
    return parser


def _run_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "agenda",
        nargs="?",
        metavar="AGENDA",
        help="agenda file or built-in id (default: the guide)",
    )
    parser.add_argument(
        "--committee", metavar="NAME", help="the committee that meets (required to skip the form)"
    )
    parser.add_argument(
        "--planned", type=_minutes, metavar="MINUTES", help="planned length; scales the timeboxes"
    )
    parser.add_argument(
        "--plan",
        metavar="ID",
        help="take only this plan's themes (facilitator agendas lists the plans); the others "
        "wait for the next meeting",
    )
    parser.add_argument(
        "--participant",
        action="append",
        default=[],
        metavar="NAME:ROLE",
        help="a participant (repeat); ROLE: leader, employee, tr, amr, secretary, guest, other",
    )
    parser.add_argument("--place", default="", help="where the meeting is held")
    parser.add_argument("--chair", default="", help="who leads the meeting (mødeleder)")
    parser.add_argument("--secretary", default="", help="who takes the minutes (referent)")
    parser.add_argument(
        "--formand", default="", help="the committee's chair (formand); approves the minutes"
    )
    parser.add_argument(
        "--naestformand",
        default="",
        help="the committee's vice-chair (næstformand); approves the minutes too",
    )


def _resume_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "session",
        nargs="?",
        metavar="SESSION",
        help="session file (default: the newest unfinished)",
    )


def _followup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("session", metavar="SESSION", help="the earlier meeting's session file")
    parser.add_argument("--agenda", metavar="AGENDA", help="agenda for the rest of the meeting")


def _agendas_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dir", type=Path, default=Path("agendas"), help="local agendas folder (default ./agendas)"
    )


def _validate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="files to check")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing for valid files")


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("session", metavar="SESSION", help="session file")
    parser.add_argument(
        "--format",
        choices=("md", "toml", "html", "docx"),
        default="md",
        help="output format (default md)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout"
    )
    parser.add_argument(
        "--template",
        type=Path,
        metavar="FILE.docx",
        help="with --format docx: the Word template whose styles, header and footer to keep",
    )
    parser.add_argument("--anonymize", action="store_true", help="replace personal names by roles")
    parser.add_argument(
        "--anonymize-committee",
        action="store_true",
        help="also replace the committee's name by a neutral label (implies --anonymize)",
    )


def _agreements_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--committee", metavar="C", help="only this committee (case-insensitive)")
    parser.add_argument(
        "--kind", metavar="K", help="decision, agreement, action, question or all (comma-separated)"
    )
    parser.add_argument("--open", action="store_true", help="only outcomes not done or dropped")
    parser.add_argument("--overdue", action="store_true", help="only open outcomes past their date")
    parser.add_argument("--since", metavar="DATE", help="only meetings on or after DATE")
    parser.add_argument(
        "--state",
        action="append",
        choices=("in-progress", "ended", "approved"),
        help="only meetings in this state (repeat for several)",
    )
    parser.add_argument(
        "--format",
        choices=("table", "md", "csv", "json", "toml"),
        default="table",
        help="output format",
    )
    parser.add_argument("--delimiter", default=";", help="CSV delimiter (default ;)")
    parser.add_argument("--anonymize", action="store_true", help="replace personal names by roles")
    _reading_options(parser)


def _coverage_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("table", "md", "html", "docx", "csv", "json", "toml"),
        default="table",
        help="output format (md, html and docx: one page for the hovedudvalg)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (docx needs it)"
    )
    parser.add_argument("--delimiter", default=";", help="CSV delimiter (default ;)")
    _reading_options(parser)


def _guidelines_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--committee", required=True, metavar="NAME", help="the committee (its name or an alias)"
    )
    parser.add_argument(
        "--format", choices=("md", "html", "docx"), default="md", help="output format (default md)"
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout"
    )
    parser.add_argument(
        "--template", type=Path, metavar="FILE.docx", help="Word template whose styles to keep"
    )
    _reading_options(parser)


def _calendar_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--committee", metavar="C", help="only this committee")
    parser.add_argument("--owner", metavar="O", help="only outcomes this person is responsible for")
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.ics", help="the calendar file"
    )
    _reading_options(parser)


def _present_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "session",
        nargs="?",
        metavar="SESSION",
        help="session file (default: the newest unfinished meeting; with none, wait for one)",
    )


# Each subcommand: its summary in the list, and its arguments.
_SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "run": ("start a meeting straight away", _run_arguments),
    "resume": ("continue an interrupted meeting", _resume_arguments),
    "followup": ("new meeting that reviews SESSION's outcomes", _followup_arguments),
    "agendas": ("list built-in and local agendas", _agendas_arguments),
    "validate": ("check agenda, session and roster files", _validate_arguments),
    "export": ("write a session's minutes", _export_arguments),
    "agreements": ("every agreement of every committee", _agreements_arguments),
    "coverage": ("committees x sections: who has been through what", _coverage_arguments),
    "guidelines": ("a committee's local guidelines from its agreements", _guidelines_arguments),
    "calendar": ("open, dated agreements and actions as an .ics file", _calendar_arguments),
    "present": ("read-only projector view that follows the live meeting", _present_arguments),
}


def _reading_options(parser: argparse.ArgumentParser) -> None:
    """What every command that reads many sessions takes: where, --strict and the roster."""
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="session files or folders"
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a file could not be read"
    )
    parser.add_argument(
        "--roster",
        type=Path,
        metavar="FILE",
        help="the committees roster (default: committees.toml in the sessions folder)",
    )


def _minutes(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a whole number of minutes') from None
    if not 1 <= value <= 24 * 60:
        raise argparse.ArgumentTypeError(f"{value} minutes is out of range (1 to 1440)")
    return value


def sessions_dir(args: argparse.Namespace) -> Path:
    """The sessions folder: --sessions-dir, else FACILITATOR_SESSIONS_DIR, else the default.

    The default is ./sessions, and on Windows a folder in the user's profile.
    """
    given = getattr(args, "sessions_dir", None)
    if given is not None:
        return Path(given)
    from_env = os.environ.get("FACILITATOR_SESSIONS_DIR")
    return Path(from_env) if from_env else default_sessions_dir()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `facilitator` command."""
    # Tables, CSV and errors are UTF-8 whatever the locale (a Windows pipe is cp1252).
    utf8_output(sys.stdout)
    utf8_output(sys.stderr)
    # The one output boundary of the command line: whatever a command prints, quoting files
    # or arguments, reaches the terminal without a control sequence. (Textual draws on
    # sys.__stderr__, so the screens are unaffected.)
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(stdout), SafeStream(stderr)
    try:
        return _main(argv)
    finally:
        with contextlib.suppress(ValueError, OSError):
            sys.stdout.flush()
        sys.stdout, sys.stderr = stdout, stderr


def _main(argv: Sequence[str] | None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    # The command first (`facilitator run ...`): only its parser is needed. Otherwise (global
    # options first, --help, a mistyped command) the whole command line is built.
    only = given[0] if given and given[0] in _SUBCOMMANDS else None
    args = build_parser(only).parse_args(given)
    module = importlib.import_module(f"facilitator.commands.{COMMANDS[args.command]}")
    try:
        code: int = module.run(args)
    except UsageError as error:
        report_error(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `facilitator agreements | head`: the reader left; that is not an error.
        unfiltered(sys.stderr).close()
        return EXIT_OK
    return code


def report_error(message: str) -> None:
    """An error on stderr: every line of it prefixed `facilitator: `, so each reads alone."""
    for line in message.splitlines() or [""]:
        sys.stderr.write(f"facilitator: {line}\n")
