"""Review statuses by key on the meeting screen, and the order of its capture keys."""

from __future__ import annotations

from facilitator.session import ReviewStatus

REVIEW_KEYS: dict[str, ReviewStatus] = {
    "1": "done",
    "2": "in-progress",
    "3": "not-started",
    "4": "dropped",
}
# The capture keys in the order the hints name them: decision, agreement, action, question.
CAPTURE_IDS = ("decision", "agreement", "action", "question")
