"""The follow-up meeting's form: the new-meeting form, filled in from the earlier meeting.

The agenda is the follow-up's own (the review of earlier outcomes, the themes carried over,
then the dialogue paper's follow-up section), so its agenda and plan rows are hidden. The
chair says where and how long, who is here today, and which carried themes to take up.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Label, SelectionList, Static

from facilitator.carry import carried
from facilitator.i18n import _
from facilitator.items import remove_theme
from facilitator.session import Session, clean_line
from facilitator.tui.formatting import short_date
from facilitator.tui.screens.setup import SetupScreen
from facilitator.tui.widgets.participant_row import ParticipantRow
from facilitator.workspace import MeetingForm


class FollowupForm(SetupScreen):
    """Where, how long and who is here; the carried themes can be left out."""

    DEFAULT_CSS = """
    FollowupForm #agenda-row, FollowupForm #agenda-info, FollowupForm #plan-row,
    FollowupForm #plan-message { display: none; }
    FollowupForm #followup-intro { height: auto; margin-bottom: 1; }
    FollowupForm #carried-title { text-style: bold; margin-top: 1; }
    FollowupForm #carried { height: auto; max-height: 12; border: none; padding: 0; }
    FollowupForm #carried-none, FollowupForm #carried-hint { color: $text-muted; height: auto; }
    """
    # The agenda is the follow-up's own: the agenda files on disk are not offered, not read.
    CHOOSES_AGENDA = False

    def __init__(self, session: Session, earlier: date | None, today: date) -> None:
        from facilitator.tui.app import StartSetup

        super().__init__(
            StartSetup(
                agenda=session.agenda,
                committee=session.committee,
                planned=session.planned_minutes,
                place=session.place,
                chair=session.chair,
                secretary=session.secretary,
                formand=session.formand,
                naestformand=session.naestformand,
            )
        )
        self.session = session
        self.earlier = earlier
        self.today = today

    def help_title(self) -> str:
        """The help's title for this screen."""
        return _("Follow-up meeting")

    def compose_intro(self) -> ComposeResult:
        """Which meeting this one follows up, and today's date (the meeting's date)."""
        parts = [_("Date: today, {day}").format(day=short_date(self.today))]
        if self.earlier is not None:
            parts.append(_("follows up the meeting of {day}").format(day=short_date(self.earlier)))
        reviewed = len(self.session.reviews)
        parts.append(_("{count} earlier outcome(s) to review").format(count=reviewed))
        yield Static(Text(" · ".join(parts)), id="followup-intro")

    def participant_rows(self) -> list[ParticipantRow]:
        """Everyone of the earlier meeting, ticked as here: untick who sent apologies."""
        return [
            ParticipantRow(person.name, person.role, present=True)
            for person in self.session.participants
        ]

    def compose_more(self) -> ComposeResult:
        """The themes the earlier meeting postponed or never reached, all taken up at first."""
        yield Label(_("Carried over from the last meeting"), id="carried-title")
        yield Static(
            _("space takes a theme up or leaves it out; what is left out is not carried."),
            id="carried-hint",
        )
        records = carried(self.session)
        if not records:
            yield Static(_("Nothing was postponed or left unreached."), id="carried-none")
            return
        options = []
        for record in records:
            title = self.session.theme(record.theme_id).title
            why = (
                _("postponed: {reason}").format(reason=record.carried_reason)
                if record.carried_reason
                else _("not reached")
            )
            options.append((Text(f"{title} ({record.timebox} min) · {why}"), record.theme_id, True))
        yield SelectionList[str](*options, id="carried", compact=True)

    def _open(self, form: MeetingForm) -> None:
        """Fill the prepared follow-up in from the form, leave out what was unticked, start."""
        session = self.session
        for records in self.query("#carried").results(SelectionList):
            wanted = set(records.selected)
            for record in carried(session):
                if record.theme_id not in wanted:
                    remove_theme(session, record.theme_id)
        session.committee = clean_line(form.committee)
        session.place = clean_line(form.place)
        session.chair = clean_line(form.chair)
        session.secretary = clean_line(form.secretary)
        session.formand = clean_line(form.formand)
        session.naestformand = clean_line(form.naestformand)
        session.participants = list(form.participants)
        if form.planned is not None and form.planned != session.planned_minutes:
            session.scale_to(form.planned)
        self.facilitator.start_meeting(session, replace=True)
