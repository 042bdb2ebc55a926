"""A follow-up's verdicts over several meetings: which review of an outcome is the latest."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Protocol, TypeVar


class Reviewed(Protocol):
    """A follow-up verdict as read from a session or from a register summary of one."""

    @property
    def outcome_id(self) -> str: ...

    @property
    def status(self) -> str: ...

    @property
    def reviewed(self) -> datetime | None: ...


ReviewT = TypeVar("ReviewT", bound=Reviewed)


def latest_reviews(meetings: Iterable[tuple[date, Iterable[ReviewT]]]) -> dict[str, ReviewT]:
    """Each outcome's latest review with a status: by the reviewing meeting's date, then time.

    A review without a status (not reviewed yet at an unfinished meeting) hides nothing.
    """
    latest: dict[str, tuple[tuple[date, float], ReviewT]] = {}
    for day, reviews in meetings:
        for review in reviews:
            if not review.status:
                continue
            # Aware times with different offsets compare by timestamp; none sorts first.
            stamp = review.reviewed.timestamp() if review.reviewed else float("-inf")
            key = (day, stamp)
            known = latest.get(review.outcome_id)
            if known is None or key >= known[0]:
                latest[review.outcome_id] = (key, review)
    return {outcome_id: review for outcome_id, (_, review) in latest.items()}
