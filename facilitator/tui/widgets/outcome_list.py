"""The outcomes captured on the current theme: the newest always in view, the rest counted.

One line widget per outcome, reused from theme to theme (mounting is asynchronous, and ids must
stay unique while old lines go). The box is measured once its lines are laid out; the earliest
lines that do not fit are hidden and counted in the title ("+3 more ↑"): the minutes screen
lists every outcome.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from facilitator.i18n import _
from facilitator.session import Outcome
from facilitator.tui.formatting import kind_label, short_date

# No outcome box is taller than this; a theme with a thousand outcomes mounts no more lines.
MOST_LINES = 40
# Laid out within a few refreshes; a very busy machine gets this many more tries.
FIT_TRIES = 20


def outcome_letter(index: int) -> str:
    """A, B, … Z, then AA, AB, …: the outcome's mark on its theme, as the room refers to it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def outcome_line(index: int, outcome: Outcome, unsaved: bool) -> Text:
    """`B Agreement: text — owner · date`, marked when the disk refused it."""
    text = Text(no_wrap=False)
    text.append(f"{outcome_letter(index)} ", style="bold")
    text.append(f"{kind_label(outcome.kind)}: ", style="italic")
    text.append(outcome.text)
    extra = [
        part for part in (outcome.owner, short_date(outcome.due) if outcome.due else "") if part
    ]
    if extra:
        text.append("  — " + " · ".join(extra), style="bold")
    if unsaved:
        text.append("  ⚠ " + _("not saved"), style="bold reverse")
    return text


def _drawn(text: Text) -> tuple[object, ...]:
    # Text's own == leaves out its base style.
    return (text.plain, text.style, tuple(text.spans))


class OutcomeList(VerticalScroll):
    """Lists outcomes, newest at the bottom and always on screen."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, can_focus=False)
        self._not_mounted = 0  # the earliest outcomes of a long theme get no line at all
        self._drawn: dict[Static, tuple[object, ...]] = {}  # what each line shows
        self._most: int | None = None  # the height cap on a tall terminal
        self._fit_tries = 0

    def fit_terminal(self, height: int) -> None:
        """On a projector's 50 rows the outcomes take the room, not an empty notes box."""
        most = height // 2 - 5 if height >= 40 else None
        # Set only when it changes: setting a height, even the same or none, lays the whole
        # screen out again, and a resize is announced several times while a screen settles.
        if most != self._most:
            self._most = most
            self.styles.max_height = most

    def show(self, outcomes: list[Outcome], unsaved: Iterable[str], empty: Text) -> None:
        """List `outcomes` (or the `empty` hint when there are none)."""
        self.border_title = _("Decided and agreed")
        refused = set(unsaved)
        first = max(0, len(outcomes) - MOST_LINES)
        self._not_mounted = first
        texts = [
            outcome_line(index, outcome, outcome.id in refused)
            for index, outcome in enumerate(outcomes[first:], start=first)
        ] or [empty]
        lines = list(self.query(".outcome").results(Static))
        if len(lines) < len(texts):
            new = [
                Static(id=f"outcome-{index}", classes="outcome")
                for index in range(len(lines), len(texts))
            ]
            self.mount_all(new)
            lines += new
        for index, line in enumerate(lines):
            line.display = index < len(texts)
            line.set_class(index < len(texts) and bool(outcomes), "-captured")
            if index < len(texts) and _drawn(texts[index]) != self._drawn.get(line):
                # An unchanged line is not updated: every update lays the screen out again,
                # and the list is shown again on every resize and every theme.
                self._drawn[line] = _drawn(texts[index])
                line.update(texts[index])
        self.set_timer(0.1, self._newest_in_view)

    def _newest_in_view(self) -> None:
        rows = self.scrollable_content_region.height
        lines = [line for line in self.query(".outcome.-captured").results(Static) if line.display]
        if any(line.outer_size.height == 0 for line in lines) and self._fit_tries < FIT_TRIES:
            self._fit_tries += 1
            self.set_timer(0.1, self._newest_in_view)
            return
        self._fit_tries = 0
        used = sum(line.outer_size.height for line in lines)
        for line in lines[:-1]:
            if used <= rows:
                break
            used -= line.outer_size.height
            line.display = False
        # Counted over every line: an earlier measuring may already have hidden some.
        hidden = self._not_mounted + sum(
            1 for line in self.query(".outcome.-captured") if not line.display
        )
        title = _("Decided and agreed")
        if hidden:
            title += " · " + _("+{count} more ↑").format(count=hidden)
        self.border_title = title
        self.scroll_end(animate=False, immediate=True)
