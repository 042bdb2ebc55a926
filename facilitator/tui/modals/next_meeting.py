"""«Næste møde»: date, time and place of the next meeting; enter saves, escape leaves."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Input, Label

from facilitator.dates import DateError, parse_date
from facilitator.i18n import _
from facilitator.next_meeting import MeetingTimeError, parse_meeting_time, set_next_meeting
from facilitator.session import Session
from facilitator.tui.modals.base import FormDialog


@dataclass(frozen=True)
class NextMeeting:
    """What the dialog returns: the date parsed, the time in the minutes' style, the place."""

    day: date | None
    time: str
    place: str


class NextMeetingDialog(FormDialog[NextMeeting | None]):
    """Ask for the next meeting's date, time and place (each may stay empty)."""

    DEFAULT_CSS = """
    NextMeetingDialog > Vertical { width: 64; }
    NextMeetingDialog Label.field { color: $text-muted; }
    NextMeetingDialog .hint { color: $text-muted; height: 1; }
    NextMeetingDialog .hint.-error { color: $error; text-style: bold; }
    NextMeetingDialog #next-keys { margin-top: 1; color: $text-muted; }
    """

    def __init__(self, language: str, today: date, current: NextMeeting) -> None:
        super().__init__(_("Next meeting"))
        self.language = language
        self.today = today
        self.current = current

    def body(self) -> ComposeResult:
        current = self.current
        yield Label(_("Date"), classes="field")
        yield Input(
            _shown(current.day) if current.day else "",
            placeholder="9.6.2026 · +4w",
            id="next-date",
        )
        yield Label("", id="next-date-hint", classes="hint", markup=False)
        yield Label(_("Time"), classes="field")
        yield Input(current.time, placeholder="14.00-16.00", id="next-time")
        yield Label("", id="next-time-hint", classes="hint", markup=False)
        yield Label(_("Place"), classes="field")
        yield Input(current.place, id="next-place")
        yield Label(_("enter save · tab next field · escape cancel"), id="next-keys")

    def on_mount(self) -> None:
        self._show_date()
        self._show_time()
        self.query_one("#next-date", Input).focus()

    # -- reading the fields ---------------------------------------------------------------

    def _date(self) -> tuple[date | None, str]:
        raw = self.query_one("#next-date", Input).value.strip()
        if not raw:
            return None, ""
        try:
            return parse_date(raw, self.today), ""
        except DateError as error:
            if "not a day" in str(error):
                return None, _("That day is not in the calendar.")
            return None, _("Not a date: write 2026-03-01, 1.3.2026, +14d or +2w.")

    def _time(self) -> tuple[str, str]:
        try:
            return parse_meeting_time(self.query_one("#next-time", Input).value, self.language), ""
        except MeetingTimeError:
            return "", _("Not a time: write 14.00 or 14.00-16.00.")

    @on(Input.Changed, "#next-date")
    def _show_date(self) -> None:
        from facilitator.i18n import format_date

        day, error = self._date()
        text = error or (f"→ {format_date(day)}" if day else "")
        _hint(
            self.query_one("#next-date-hint", Label),
            text or _("Empty, or a date like 9.6.2026 or +4w"),
            error,
        )

    @on(Input.Changed, "#next-time")
    def _show_time(self) -> None:
        time, error = self._time()
        text = error or (f"→ {time}" if time else _("Empty, or a time like 14.00-16.00"))
        _hint(self.query_one("#next-time-hint", Label), text, error)

    # -- leaving --------------------------------------------------------------------------

    def action_save(self) -> None:
        """Save when the date and time make sense; otherwise point at the field that does not."""
        day, date_error = self._date()
        time, time_error = self._time()
        if date_error:
            self.query_one("#next-date", Input).focus()
            return
        if time_error:
            self.query_one("#next-time", Input).focus()
            return
        place = self.query_one("#next-place", Input).value.strip()
        self.dismiss(NextMeeting(day, time, place))

    def action_cancel(self) -> None:
        """Leave without saving; asks first when something was changed."""
        typed = (
            self.query_one("#next-date", Input).value.strip(),
            self.query_one("#next-time", Input).value.strip(),
            self.query_one("#next-place", Input).value.strip(),
        )
        before = (
            _shown(self.current.day) if self.current.day else "",
            self.current.time,
            self.current.place,
        )
        if typed == before:
            self.dismiss(None)
            return
        from facilitator.tui.modals.keep_or_discard import KeepOrDiscard

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(KeepOrDiscard(_("Next meeting")), answer)


def _shown(day: date) -> str:
    """A date as parse_date reads it back: `9.6.2026`."""
    return f"{day.day}.{day.month}.{day.year}"


def _hint(label: Label, text: str, error: str) -> None:
    label.update(text)
    label.set_class(bool(error), "-error")


def ask_next_meeting(
    screen: Screen[Any], session: Session, today: date, changed: Callable[[], None]
) -> None:
    """Ask for the session's next meeting; when the answer changes it, set it and `changed()`."""
    current = NextMeeting(
        session.next_meeting_date, session.next_meeting_time, session.next_meeting_place
    )

    def saved(result: NextMeeting | None) -> None:
        if result is not None and set_next_meeting(session, result.day, result.time, result.place):
            changed()

    screen.app.push_screen(NextMeetingDialog(session.agenda.language, today, current), saved)
