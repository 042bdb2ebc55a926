"""What the meeting screen asks in dialogs: outcomes, the review of earlier outcomes,
re-planning, setting a theme aside, adding an item, attendance.

The screen draws; these actions change the session through dialogs and then ask the screen to
save and redraw (the hooks below, which `MeetingScreen` fills in).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from facilitator.clock import MeetingClock
from facilitator.i18n import _
from facilitator.session import OutcomeKind, Session
from facilitator.tui.formatting import kind_label
from facilitator.tui.keys import keys_of
from facilitator.tui.screens.base import FacilitatorScreen
from facilitator.tui.screens.meeting_keys import REVIEW_KEYS
from facilitator.tui.widgets.outcome_list import outcome_letter

if TYPE_CHECKING:
    from facilitator.tui.modals.outcome_dialog import OutcomeDraft


class MeetingDialogs(FacilitatorScreen):
    """The dialog-driven actions of a meeting; the screen that draws it subclasses this."""

    session: Session
    clock: MeetingClock
    review_index: int
    _unsaved: set[str]  # outcomes listed while the disk refused them

    # -- hooks the drawing screen fills in ----------------------------------------------

    def save(self) -> None:
        """Write the session soon (off the UI thread)."""
        raise NotImplementedError

    def save_now(self, announce: bool = True) -> bool:
        """Write the session before going on; False on failure."""
        raise NotImplementedError

    def show_theme(self) -> None:
        """Redraw everything about the current theme."""
        raise NotImplementedError

    def show_prompts(self) -> None:
        """Redraw the prompts (and the review list)."""
        raise NotImplementedError

    def show_outcomes(self) -> None:
        """Redraw the outcomes of the current theme."""
        raise NotImplementedError

    def tick(self) -> None:
        """Redraw the clock and the ends."""
        raise NotImplementedError

    def take_notes(self) -> bool:
        """Copy the notes being typed into the session; True when they changed."""
        raise NotImplementedError

    # -- outcomes ---------------------------------------------------------------------

    def action_capture(self, kind: OutcomeKind) -> None:
        """Open the outcome dialog for the current theme."""
        # Imported on first use, like every dialog: not needed for the first frame.
        from facilitator.tui.modals.outcome_dialog import OutcomeDialog

        theme_id = self.session.current_theme
        title = self.session.theme(theme_id).title

        def saved(draft: OutcomeDraft | None) -> None:
            if draft is None:
                return
            outcome = self.session.add_outcome(
                theme_id, draft.kind, draft.text, draft.owner, draft.due
            )
            # Listed only once it is on disk; if the disk refused it, listed as not saved.
            if not self.save_now():
                self._unsaved.add(outcome.id)
            self.show_outcomes()
            self.tick()

        self.app.push_screen(OutcomeDialog(kind, title, self.clock.wall().date()), saved)

    def action_undo_outcome(self) -> None:
        """Remove the newest outcome of the current theme (after a slip), asking first."""
        from facilitator.tui.modals.confirm import Confirm

        record = self.session.current
        if not record.outcomes:
            self.notify(_("There is no outcome on this theme to remove."), timeout=3)
            return
        newest = record.outcomes[-1]
        letter = outcome_letter(len(record.outcomes) - 1)

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            removed = self.session.remove_outcome(newest.id)
            self.save_now()
            self.show_outcomes()
            self.notify(f"{_('Removed')}: {removed.text[:60]}", timeout=4, markup=False)

        detail = f"{letter} {kind_label(newest.kind)}: {newest.text}"
        self.app.push_screen(
            Confirm(_("Remove the newest outcome?"), detail, title=_("Remove")), answer
        )

    # -- the review of earlier outcomes, and the plan -------------------------------------

    def action_review(self, key: str) -> None:
        """Set the status of the selected earlier outcome."""
        from facilitator.followup import set_review

        if not self.session.reviews:
            return
        review = self.session.reviews[self.review_index]
        set_review(self.session, review.outcome_id, REVIEW_KEYS[key], at=self.clock.wall())
        self.save()
        self.review_index = min(self.review_index + 1, len(self.session.reviews) - 1)
        self.show_prompts()

    def action_review_move(self, step: int) -> None:
        """Choose another earlier outcome to review."""
        if self.session.reviews:
            self.review_index = max(0, min(len(self.session.reviews) - 1, self.review_index + step))
            self.show_prompts()

    def action_review_comment(self) -> None:
        """Write a comment on the selected earlier outcome."""
        from facilitator.tui.modals.text_prompt import TextPrompt

        if not self.session.reviews:
            return
        review = self.session.reviews[self.review_index]

        def done(comment: str | None) -> None:
            if comment is None:
                return
            from facilitator.followup import set_review

            set_review(
                self.session, review.outcome_id, review.status, comment, at=self.clock.wall()
            )
            self.save()
            self.show_prompts()

        self.app.push_screen(TextPrompt(_("Comment"), review.text, review.comment), done)

    def action_replan(self) -> None:
        """Show the re-planned timeboxes of the themes still to come, then apply on request."""
        from facilitator.tui.modals.replan_dialog import ReplanDialog

        proposal = self.clock.propose_replan()

        def answer(apply: bool | None) -> None:
            if apply:
                self.clock.apply_replan(proposal)
                self.save()
                self.tick()
                self.notify(_("Timeboxes re-planned."), timeout=3)

        self.app.push_screen(ReplanDialog(self.session, proposal), answer)

    def action_set_aside(self) -> None:
        """Skip the current theme or postpone it to the next meeting, with a reason."""
        from facilitator.tui.modals.set_aside import SetAside, SetAsideDialog

        title = self.session.theme(self.session.current_theme).title

        def chosen(choice: SetAside | None) -> None:
            if choice is None:
                return
            self.take_notes()
            target = self.clock.set_aside(choice.state, choice.reason)
            self.save()
            self.show_theme()
            word = _("Postponed") if choice.state == "postponed" else _("Skipped")
            if target is None:
                self.notify(
                    f"{word}: {title}. "
                    + _("No theme is left to do: {key} ends the meeting.").format(
                        key=keys_of(self, "end_meeting")
                    ),
                    timeout=6,
                    markup=False,
                )
            else:
                self.notify(f"{word}: {title}", timeout=3, markup=False)

        self.app.push_screen(SetAsideDialog(title), chosen)

    def action_add_item(self) -> None:
        """Add an item on the spot (say Eventuelt); it comes right after the current theme."""
        from facilitator.items import add_on_the_spot
        from facilitator.tui.modals.add_item import AddItemDialog, NewItem

        title = self.session.theme(self.session.current_theme).title

        def added(item: NewItem | None) -> None:
            if item is None:
                return
            add_on_the_spot(self.session, item.title, item.timebox)
            self.save()
            self.tick()
            self.notify(
                _("Added after «{theme}»: {title} ({key} goes there)").format(
                    theme=title, title=item.title, key=keys_of(self, "next_theme")
                ),
                timeout=4,
                markup=False,
            )

        self.app.push_screen(AddItemDialog(title), added)

    def action_attendance(self) -> None:
        """Record who is here: late arrivals and early leavers get the time noted."""
        from facilitator.tui.modals.attendance import AttendanceDialog

        def done(changed: bool | None) -> None:
            if changed:
                self.save()

        self.app.push_screen(AttendanceDialog(self.session, self.clock.wall), done)

    @property
    def on_next_meeting_item(self) -> bool:
        """Whether the current item is the MED standing item «Næste møde»."""
        from facilitator.standing import NEXT_MEETING_ID

        record = self.session.record(self.session.current_theme)
        return record.origin == "standing" and record.theme_id.startswith(NEXT_MEETING_ID)

    def next_meeting_line(self) -> Text:
        """The next meeting as the minutes will print it, or that it is not set yet."""
        from facilitator.next_meeting import next_meeting_text

        said = next_meeting_text(self.session, self.session.agenda.language)
        return Text(said or _("not set yet"), style="bold" if said else "dim")

    def action_next_meeting(self) -> None:
        """Type the next meeting's date, time and place on the «Næste møde» item."""
        from facilitator.tui.modals.next_meeting import ask_next_meeting

        def changed() -> None:
            self.save()
            self.show_prompts()

        ask_next_meeting(self, self.session, self.clock.wall().date(), changed)
