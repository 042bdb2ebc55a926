"""Carrying themes into the next meeting: what an earlier meeting postponed or never reached.

`leftovers(earlier)` says what is left; `carry_into(session, items)` puts it into a session as
one section, after the review of earlier outcomes. Anything else that leaves themes for later
(an agenda plan that leaves themes out) builds `Leftover`s and calls `carry_into` the same way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from facilitator.agenda import Section, Theme
from facilitator.items import insert_section, unique_id
from facilitator.session import REVIEW_THEME_ID, Session, ThemeRecord
from facilitator.standing import standing_item_of

CARRIED_SECTION_ID = "overfoert"
_TITLES = {"da": "Overført fra sidste møde", "en": "Carried over from the last meeting"}


@dataclass(frozen=True)
class Leftover:
    """A theme an earlier meeting did not deal with, and why."""

    theme: Theme
    meeting_date: date
    reason: str = ""  # why it was postponed; "" when it was never reached
    postponed: bool = False


def leftovers(earlier: Session) -> list[Leftover]:
    """The themes `earlier` postponed or never reached, in agenda order, at their timeboxes.

    The review of earlier outcomes and the standing items are never carried: the follow-up
    builds its own.
    """
    items: list[Leftover] = []
    for record in earlier.themes:
        if record.theme_id == REVIEW_THEME_ID or record.state not in ("pending", "postponed"):
            continue
        if record.origin == "standing" or standing_item_of(earlier.theme(record.theme_id)):
            continue  # the next meeting has its own standing items
        if record.state == "pending" and earlier.has_capture(record.theme_id):
            continue  # something was captured on it: the minutes hold it, it was reached
        theme = dataclasses.replace(earlier.theme(record.theme_id), timebox=record.timebox)
        postponed = record.state == "postponed"
        items.append(Leftover(theme, earlier.date, record.reason if postponed else "", postponed))
    return items


def carry_into(session: Session, items: Iterable[Leftover]) -> list[ThemeRecord]:
    """Add `items` to `session` as one section after the review; themes it already has are
    left out (a follow-up agenda may hold them anyway). Returns the new records."""
    have = {theme.id for theme in session.agenda.themes}
    themes: list[Theme] = []
    wanted: list[Leftover] = []
    for item in items:
        if item.theme.id in have:
            continue
        have.add(item.theme.id)
        themes.append(item.theme)
        wanted.append(item)
    if not themes:
        return []
    language = "da" if session.agenda.language == "da" else "en"
    section = Section(unique_id(session, CARRIED_SECTION_ID), _TITLES[language], tuple(themes))
    first = session.agenda.sections[0]
    index = 1 if any(theme.id == REVIEW_THEME_ID for theme in first.themes) else 0
    records = insert_section(session, section, index, origin="carried")
    for record, item in zip(records, wanted, strict=True):
        record.carried_from = item.meeting_date
        record.carried_reason = item.reason
    return records


def carried(session: Session) -> list[ThemeRecord]:
    """The session's carried themes, in agenda order (what a follow-up form lists)."""
    return [record for record in session.themes if record.origin == "carried"]
