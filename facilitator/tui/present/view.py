"""What the room sees, as plain Rich text built from a session read from disk.

Every text here comes from a file that another program wrote, so it is cleaned to one line
or plain paragraphs and handed to Rich as `Text`, never parsed as markup.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from rich.text import Text

from facilitator.clock import Phase, phase_of
from facilitator.i18n import _
from facilitator.live import LiveClock
from facilitator.session import Outcome, Session, ThemeRecord, clean_line, used_minutes
from facilitator.tui.formatting import clock_time, countdown, kind_label, short_date
from facilitator.tui.present.lists import AgendaRow, Entry

# A state word beside each theme of the agenda, so the states do not rely on colour.
_STATE_MARK = {"done": "✓", "active": "▶", "skipped": "–", "postponed": "→", "pending": "·"}


def phase(live: LiveClock) -> Phase:
    """Normal, warning, overtime or paused, by the rules the meeting screen uses."""
    record = live.session.current
    return phase_of(live.remaining(), record.timebox * 60, live.running)


def digits(live: LiveClock) -> str:
    """The big digits: time left, or `+MM:SS` in overtime."""
    return countdown(live.remaining())


def phase_line(live: LiveClock) -> Text:
    """The clock's state in words, for a room that may not see the colour."""
    record = live.session.current
    left = live.remaining()
    current = phase(live)
    if current == "overtime":
        minutes = int(-left // 60)
        words = _("OVERTIME") + (f" +{minutes} min" if minutes else "")
        return Text(words, style="bold reverse")
    if current == "warning":
        return Text(_("Nearly out of time"), style="bold")
    if current == "paused":
        return Text(_("Paused"))
    return Text(_("of {minutes} min").format(minutes=record.timebox))


def where(session: Session) -> tuple[str, str]:
    """The current section's line ("2 Forebyggelse") and the theme's title; a standing item
    is its own title ("1 Godkendelse af dagsorden"), numbered as the minutes number it."""
    agenda = session.agenda
    theme = session.theme(session.current_theme)
    ref = agenda.ref(theme.id)
    section = agenda.section_of(theme.id)
    heading = f"{ref.section} {clean_line(section.title)}"
    if section.is_one_item:
        return "", heading
    return heading, f"{ref} {clean_line(theme.title)}"


def prompts_heading(session: Session) -> str:
    """What the prompts are: questions to discuss, or the points of an obligation."""
    theme = session.theme(session.current_theme)
    return _("The obligations") if theme.is_obligation else _("Questions")


def prompts(session: Session) -> list[Entry]:
    """The current theme's guiding questions (or an obligation's points), one bullet each."""
    return [(Text("•"), Text(clean_line(p))) for p in session.theme(session.current_theme).prompts]


def outcome_entries(record: ThemeRecord) -> list[Entry]:
    """What the meeting has captured on the theme, newest first."""
    entries: list[Entry] = []
    for outcome in reversed(record.outcomes):
        text = Text(clean_line(outcome.text))
        details = _details(outcome)
        if details:
            text.append(f"  ({details})", style="dim")
        entries.append((Text(kind_label(outcome.kind), style="bold"), text))
    return entries


def _details(outcome: Outcome) -> str:
    parts = [clean_line(outcome.owner)] if outcome.owner.strip() else []
    if outcome.due is not None:
        parts.append(short_date(outcome.due))
    return ", ".join(parts)


def agenda_rows(live: LiveClock) -> tuple[list[AgendaRow], int]:
    """Every section and theme with its state and time, and which row is the current theme."""
    session = live.session
    rows: list[AgendaRow] = []
    current_row = 0
    refs = session.agenda.refs()
    for number, section in enumerate(session.agenda.sections, start=1):
        if not section.is_one_item:
            title = Text(f"{number} {clean_line(section.title)}", style="bold")
            rows.append((Text(""), title, Text()))
        for theme in section.themes:
            record = session.record(theme.id)
            current = theme.id == session.current_theme
            state = "active" if current else record.state
            style = "bold reverse" if current else ""
            if current:
                current_row = len(rows)
            used = used_minutes(live.used(theme.id))
            rows.append(
                (
                    Text(_STATE_MARK.get(state, "?"), style=style),
                    Text(
                        f"{number} {clean_line(theme.title)}"
                        if section.is_one_item
                        else f"\u00a0\u00a0{refs[theme.id]} {clean_line(theme.title)}",
                        style=style,
                    ),
                    Text(f"{used}/{record.timebox} min", style="dim"),
                )
            )
    return rows, current_row


def planned_end(session: Session) -> datetime | None:
    """When the meeting is planned to end, from its (planned or actual) start."""
    start = session.planned_start or session.started
    if start is None:
        return None
    return start + timedelta(minutes=session.planned_minutes)


def top_right(session: Session, at: datetime) -> str:
    """The time of day and the planned end, as the meeting screen shows them."""
    end = planned_end(session)
    text = _("at {time}").format(time=clock_time(at))
    if end is not None:
        text += "  ·  " + _("planned end {time}").format(time=clock_time(end))
    return text
