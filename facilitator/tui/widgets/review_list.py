"""A follow-up meeting's review of earlier outcomes, as drawn on the meeting screen."""

from __future__ import annotations

from rich.text import Text

from facilitator.i18n import _, kind_label, status_label
from facilitator.session import Review
from facilitator.tui.formatting import short_date


def review_text(reviews: list[Review], selected_index: int, keys: str) -> Text:
    """The earlier outcomes under review, the selected one marked, and `keys` to judge them."""
    text = Text()
    if not reviews:
        text.append(_("Nothing to review."))
        return text
    for index, review in enumerate(reviews):
        selected = index == selected_index
        mark = "▶" if selected else " "
        status = status_label(review.status)
        due = f" · {short_date(review.due)}" if review.due else ""
        owner = f" · {review.owner}" if review.owner else ""
        line = f"{mark} [{status}] {kind_label(review.kind)}: {review.text}{owner}{due}"
        text.append(line, style="reverse" if selected else ("dim" if review.status else ""))
        if review.comment:
            text.append(f"\n     {_('Comment')}: {review.comment}", style="italic")
        text.append("\n")
    text.append(keys, style="dim")
    return text
