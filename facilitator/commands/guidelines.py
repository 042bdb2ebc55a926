"""`facilitator guidelines`: one committee's local guidelines, from its agreements and decisions."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from facilitator.cli import UsageError
from facilitator.commands.agreements import (
    exit_status,
    input_paths,
    read_register,
    report,
    roster_of,
)
from facilitator.commands.export import write_output
from facilitator.document import Document, to_html, to_markdown
from facilitator.guidelines import GuidelinesError, guidelines_document
from facilitator.hr_queries import guidelines
from facilitator.i18n import choose_language


def render(args: argparse.Namespace, doc: Document) -> bytes:
    """The document in the format asked for."""
    if args.format == "docx":
        from facilitator.docx_writer import TemplateError, to_docx

        try:
            return to_docx(doc, args.template)
        except TemplateError as error:
            raise UsageError(str(error)) from None
    if args.template is not None:
        raise UsageError("--template: only with --format docx")
    return (to_html(doc) if args.format == "html" else to_markdown(doc)).encode("utf-8")


def check_output(args: argparse.Namespace) -> None:
    """Word is binary: it goes to a file, never to the terminal."""
    if args.format == "docx" and args.output is None:
        raise UsageError("--format docx writes a file: give -o FILE.docx")
    if args.template is not None and not args.template.is_file():
        raise UsageError(f"{args.template}: no such template file")
    output: Path | None = args.output
    if output is not None:
        if output.is_dir():
            raise UsageError(f"{output}: is a folder; give a file name")
        if not output.parent.is_dir():
            raise UsageError(f"{output}: the folder {output.parent} does not exist")


def run(args: argparse.Namespace) -> int:
    """Write the committee's guidelines as Markdown, HTML or Word."""
    language = choose_language(getattr(args, "lang", None), None)
    check_output(args)
    paths = input_paths(args)
    roster = roster_of(args, paths)
    register = read_register(paths, language)
    report(register.scan)
    try:
        found = guidelines(register, args.committee, roster)
    except GuidelinesError as error:
        raise UsageError(f"--committee: {error}") from None
    if roster is not None and not roster.knows(args.committee):
        sys.stderr.write(f'facilitator: "{args.committee}" is not on the roster {roster.path}\n')
    data = render(args, guidelines_document(found, language, date.today()))
    if args.output is None:
        sys.stdout.write(data.decode("utf-8"))
        return exit_status(args, register.scan)
    code = write_output(args.output, data)
    return code or exit_status(args, register.scan)
