"""The MED standing items that frame a dialogue paper: approvals and news first, then the paper,
then any other business, the evaluation and the next meeting.

Each is an item like a theme, with notes and outcomes; each sits in a section of its own, so the
minutes number it as a top-level point («2. Godkendelse af referat fra sidste møde»). An agenda
turns them off with `standing_items = false`.
"""

from __future__ import annotations

from typing import NamedTuple

AGENDA_ID = "godkendelse-af-dagsorden"
MINUTES_ID = "godkendelse-af-referat"
NEWS_ID = "meddelelser"
OTHER_BUSINESS_ID = "eventuelt"
EVALUATION_ID = "evaluering-af-moedet"
NEXT_MEETING_ID = "naeste-moede"


class StandingItem(NamedTuple):
    """One standing item: its id, its titles in Danish and English, and its timebox."""

    id: str
    da: str
    en: str
    minutes: int


OPENING: tuple[StandingItem, ...] = (
    StandingItem(AGENDA_ID, "Godkendelse af dagsorden", "Approval of the agenda", 2),
    StandingItem(
        MINUTES_ID,
        "Godkendelse af referat fra sidste møde",
        "Approval of the minutes of the last meeting",
        3,
    ),
    StandingItem(NEWS_ID, "Meddelelser", "Announcements", 5),
)
CLOSING: tuple[StandingItem, ...] = (
    StandingItem(OTHER_BUSINESS_ID, "Eventuelt", "Any other business", 5),
    StandingItem(EVALUATION_ID, "Evaluering af mødet", "Evaluation of the meeting", 5),
    StandingItem(NEXT_MEETING_ID, "Næste møde", "Next meeting", 2),
)
STANDING_IDS = frozenset(item.id for item in (*OPENING, *CLOSING))
