"""The minutes screen's exports: Markdown, HTML, Word and TOML beside the session, the
anonymised minutes, and the committee's local guidelines; each written in a worker and
reported in a dialog. The screen that shows the minutes subclasses this."""

from __future__ import annotations

from pathlib import Path

from textual import on, work

from facilitator.i18n import _, language
from facilitator.minutes import render_markdown
from facilitator.privacy import PrivacyWarning
from facilitator.session import Session
from facilitator.tui.modals.confirm import Confirm
from facilitator.tui.modals.export_done import FilesWritten, export_report
from facilitator.tui.screens.base import FacilitatorScreen
from facilitator.workspace import StoreError


class MinutesExports(FacilitatorScreen):
    """Export actions over `session`, saved at `path`; `warnings` from the privacy check."""

    session: Session
    path: Path
    warnings: list[PrivacyWarning]

    def action_export(self, fmt: str) -> None:
        """Write the minutes beside the session file; warn first about personal data."""
        if not self.warnings:
            self._export(fmt)
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self._export(fmt)

        question = _(
            "The privacy check found {count} thing(s) that do not belong in the minutes. "
            "Export anyway?"
        ).format(count=len(self.warnings))
        detail = "\n".join(w.message(language()) for w in self.warnings[:5])
        self.app.push_screen(Confirm(question, detail, title=_("Check before sending")), answer)

    def _export(self, fmt: str) -> None:
        workspace = self.facilitator.workspace
        try:
            target = workspace.export_target(self.path, fmt)
            data = workspace.render(self.session, fmt)
        except StoreError as error:
            self.post_message(FilesWritten([], error=str(error)))
            return
        except Exception as error:  # a bug in a renderer must not lose the meeting
            self.post_message(FilesWritten([], error=f"{fmt}: {error}"))
            return
        self._write_export(target, data)

    def action_export_anonymized(self) -> None:
        """Markdown minutes that leave the committee: names become roles, everywhere."""

        def answer(committee: bool | None) -> None:
            self._write_anonymized(bool(committee))

        self.app.push_screen(
            Confirm(
                _("Replace the committee's name by a neutral label too?"),
                _("People's names become their roles either way, in every field."),
                title=_("Anonymised minutes"),
            ),
            answer,
        )

    @work(thread=True, group="minutes-export")
    def _write_anonymized(self, committee: bool) -> None:
        from facilitator.anonymize import NEUTRAL_COMMITTEE, anonymize_session
        from facilitator.followup import earlier_participants
        from facilitator.store import slugify

        session = self.session
        # A follow-up's reviews name the earlier meetings' people: they are withheld too.
        names = earlier_participants(session, self.path, [self.facilitator.sessions_dir])
        try:
            text = render_markdown(anonymize_session(session, names, committee=committee))
        except Exception as error:  # a bug in a renderer must not lose the meeting
            self.post_message(FilesWritten([], error=f"md: {error}"))
            return
        suffix = "." + _("anonymised") + ".md"
        if committee:
            # The file name would give the committee away: it gets the neutral label too.
            label = NEUTRAL_COMMITTEE.get(session.agenda.language, NEUTRAL_COMMITTEE["da"])
            stem = f"{session.date.isoformat()}-{slugify(label)}-{slugify(session.agenda.id)}"
            target = self.path.with_name(stem + suffix)
        else:
            target = self.path.with_name(self.path.stem + suffix)
        self._write_export(target, text)

    @work(thread=True, group="minutes-export")
    def _write_export(self, target: Path, data: bytes) -> None:
        try:
            self.facilitator.workspace.write_file(target, data)
        except StoreError as error:
            self.post_message(FilesWritten([], error=str(error)))
            return
        self.post_message(FilesWritten([target], self._export_notes()))

    def _export_notes(self) -> list[str]:
        """What to remember before sending the minutes: the privacy check's finds, a draft."""
        notes = []
        if self.warnings:
            notes.append(
                _("Remember: the privacy check found {count} thing(s) to remove.").format(
                    count=len(self.warnings)
                )
            )
        if self.session.minutes_status != "approved":
            notes.append(_("The minutes are a draft: g approves them."))
        return notes

    @on(FilesWritten)
    def _written(self, message: FilesWritten) -> None:
        self.app.push_screen(export_report(message))

    def action_guidelines(self) -> None:
        """Write the committee's local guidelines from all its meetings in this folder."""
        self._write_guidelines(self.session.committee, self.path.parent)

    @work(thread=True, group="review-export")
    def _write_guidelines(self, committee: str, folder: Path) -> None:
        from facilitator.guidelines import GuidelinesError
        from facilitator.roster import RosterError
        from facilitator.tui.register_export import write_folder_guidelines

        # This meeting's latest outcomes on disk first: the guidelines read the files.
        self.facilitator.flush()
        today = self.facilitator.wall().date()
        note = _("The local guidelines of {committee}.").format(committee=committee)
        try:
            paths = write_folder_guidelines(folder, committee, today)
        except (GuidelinesError, RosterError, StoreError) as error:
            self.post_message(FilesWritten([], error=str(error)))
            return
        self.post_message(FilesWritten(paths, [note]))
