"""The MED standing items that frame a dialogue paper: approvals and news first, then the paper,
then any other business, the evaluation and the next meeting.

Each is an item like a theme, with notes and outcomes; each sits in a section of its own, so the
minutes number it as a top-level point («2. Godkendelse af referat fra sidste møde»). An agenda
turns them off with `standing_items = false`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from facilitator.agenda import PLANNED_MAX, Agenda, Section, Theme
from facilitator.items import insert_section, remove_theme, unique_id
from facilitator.session import Session

AGENDA_ID = "godkendelse-af-dagsorden"
MINUTES_ID = "godkendelse-af-referat"
NEWS_ID = "meddelelser"
OTHER_BUSINESS_ID = "eventuelt"
EVALUATION_ID = "evaluering-af-moedet"
NEXT_MEETING_ID = "naeste-moede"


class StandingItem(NamedTuple):
    """One standing item: its id, its titles in Danish and English, timebox and questions."""

    id: str
    da: str
    en: str
    minutes: int
    # What the chair asks, shown on the meeting screen like a theme's prompts (da, en).
    prompts: tuple[tuple[str, str], ...] = ()


OPENING: tuple[StandingItem, ...] = (
    StandingItem(
        AGENDA_ID,
        "Godkendelse af dagsorden",
        "Approval of the agenda",
        2,
        (
            ("Er der bemærkninger til dagsordenen?", "Any remarks on the agenda?"),
            ("Skal et punkt flyttes eller udsættes?", "Should an item be moved or postponed?"),
        ),
    ),
    StandingItem(
        MINUTES_ID,
        "Godkendelse af referat fra sidste møde",
        "Approval of the minutes of the last meeting",
        3,
        (("Er der bemærkninger til referatet?", "Any remarks on the minutes?"),),
    ),
    StandingItem(
        NEWS_ID,
        "Meddelelser",
        "Announcements",
        5,
        (
            ("Meddelelser fra ledelsen", "From management"),
            ("Meddelelser fra medarbejdersiden", "From the employee side"),
        ),
    ),
)
CLOSING: tuple[StandingItem, ...] = (
    StandingItem(
        OTHER_BUSINESS_ID,
        "Eventuelt",
        "Any other business",
        5,
        (("Er der andet, før vi slutter?", "Anything else before we close?"),),
    ),
    StandingItem(
        EVALUATION_ID,
        "Evaluering af mødet",
        "Evaluation of the meeting",
        5,
        (
            ("Nåede vi det, vi ville?", "Did we do what we set out to do?"),
            ("Hvad gør vi anderledes næste gang?", "What do we do differently next time?"),
        ),
    ),
    StandingItem(
        NEXT_MEETING_ID,
        "Næste møde",
        "Next meeting",
        2,
        (
            ("Dato, tid og sted for næste møde", "Date, time and place of the next meeting"),
            ("Punkter til næste dagsorden", "Items for the next agenda"),
        ),
    ),
)
STANDING_IDS = frozenset(item.id for item in (*OPENING, *CLOSING))
# What the standing items add to the paper's planned length.
STANDING_MINUTES = sum(item.minutes for item in (*OPENING, *CLOSING))


_PREVIOUS = {
    "da": "Godkendelse af referat fra mødet den {date}",
    "en": "Approval of the minutes of the meeting on {date}",
}


def _section(
    session: Session, item: StandingItem, language: str, previous: date | None = None
) -> Section:
    title = item.da if language == "da" else item.en
    if item.id == MINUTES_ID and previous is not None:
        from facilitator.i18n import format_date

        title = _PREVIOUS["da" if language == "da" else "en"].format(
            date=format_date(previous, language)
        )
    prompts = tuple(da if language == "da" else en for da, en in item.prompts)
    theme = Theme(
        id=unique_id(session, item.id), title=title, timebox=item.minutes, prompts=prompts
    )
    return Section(id=unique_id(session, f"punkt-{item.id}"), title=title, themes=(theme,))


def standing_item_of(theme: Theme) -> StandingItem | None:
    """The standing item `theme` is, by its id (`eventuelt`, `eventuelt-2`) or its title.

    Whoever put it there: this program, or an agenda or an earlier follow-up that copied it.
    """
    title = " ".join(theme.title.split()).casefold()
    for item in (*OPENING, *CLOSING):
        if re.fullmatch(rf"{re.escape(item.id)}(-\d+)?", theme.id):
            return item
        titles = {item.da.casefold(), item.en.casefold()}
        if title in titles:
            return item
        if item.id == MINUTES_ID and any(
            title.startswith(text.split("{", 1)[0].casefold()) for text in _PREVIOUS.values()
        ):
            return item
    return None


def minutes_to_add(agenda: Agenda) -> int:
    """The minutes the standing items add to a meeting on `agenda`: none for an agenda that
    opts out, and none for an item it already has (a follow-up's agenda lists them)."""
    if not agenda.standing_items:
        return 0
    have = {standing_item_of(theme) for theme in agenda.themes}
    return sum(item.minutes for item in (*OPENING, *CLOSING) if item not in have)


def add_standing_items(session: Session, previous: date | None = None) -> None:
    """Frame a new session's dialogue paper with the MED standing items, unless it opts out.

    Each item is a section of one theme, added through the same mechanism as items added on
    the spot (facilitator/items.py); the meeting starts on the first one. The planned length
    grows by the items' minutes: they come on top of the paper. `previous` is the date of the
    meeting whose minutes are approved, in a follow-up. An item the paper already has (an
    agenda that lists «Eventuelt» itself) is not added a second time.
    """
    if not session.agenda.standing_items or any(
        record.origin == "standing" for record in session.themes
    ):
        return
    agenda = session.agenda
    have = {standing_item_of(theme) for theme in agenda.themes}
    language = agenda.language
    added = 0
    for item in OPENING:
        if item not in have:
            section = _section(session, item, language, previous)
            insert_section(session, section, added, origin="standing")
            added += 1
    end = len(session.agenda.sections)
    for item in CLOSING:
        if item not in have:
            insert_section(session, _section(session, item, language), end, "standing")
            end += 1
    session.planned_minutes = min(session.planned_minutes + minutes_to_add(agenda), PLANNED_MAX)
    session.current_theme = session.themes[0].theme_id


def duplicates(session: Session) -> list[str]:
    """Themes that repeat a standing item the session has as its own standing item.

    A follow-up of an agenda without a follow-up section used to take the earlier meeting's
    last section, «Næste møde», for its paper and carry it on: files on disk may hold such a
    copy beside the session's own item.
    """
    own = {
        standing_item_of(session.theme(record.theme_id))
        for record in session.themes
        if record.origin == "standing"
    }
    own.discard(None)
    return [
        record.theme_id
        for record in session.themes
        if record.origin != "standing" and standing_item_of(session.theme(record.theme_id)) in own
    ]


def drop_duplicates(session: Session) -> list[str]:
    """Take out the copies of standing items nothing happened on; returns their ids.

    A copy the meeting worked on (time, notes, outcomes) stays: it is what the meeting did.
    """
    dropped = []
    for theme_id in duplicates(session):
        try:
            remove_theme(session, theme_id)
        except ValueError:
            continue
        dropped.append(theme_id)
    return dropped
