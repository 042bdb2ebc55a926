"""The agenda beside the meeting: every section and theme with its state and minutes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from facilitator.clock import MeetingClock
from facilitator.i18n import _
from facilitator.session import used_minutes

# Each state has its own mark, so the agenda reads the same without colour.
MARKS = {"done": "✓", "active": "▶", "skipped": "↷", "postponed": "»", "pending": " "}


def shorten(title: str, room: int, titles: list[str]) -> str:
    """A title cut to `room` columns; cut in the middle where the start alone is ambiguous.

    "Minimumsforpligtelser for medarbejdere" and "... for ledere" must not both read
    "Minimumsforplig…" in a narrow agenda.
    """
    room = max(room, 4)
    if len(title) <= room:
        return title
    start = title[: room - 1] + "…"
    clashes = [other for other in titles if other != title and other.startswith(title[: room - 1])]
    if not clashes:
        return start
    tail = title.rsplit(" ", 1)[-1]
    head_room = room - 1 - len(tail)
    if head_room < 3:
        return "…" + title[-(room - 1) :]
    return title[:head_room] + "…" + tail


class AgendaPanel(VerticalScroll, can_focus=False):
    """Sections and themes; the current theme marked, time used against each timebox."""

    DEFAULT_CSS = """
    AgendaPanel { scrollbar-size-vertical: 1; }
    AgendaPanel > Static { width: 100%; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="agenda-lines")

    _clock: MeetingClock | None = None
    _drawn: tuple[object, ...] = ()
    _lines = -1  # how many lines were drawn last

    def on_resize(self) -> None:
        # The first drawing may come before layout, when the width is not known yet; and a
        # resize is announced before the panel's own size has settled (a screen pushed over
        # another, a clock growing beside it), so the redraw waits for the next refresh.
        self.call_after_refresh(self._redraw)

    def _redraw(self) -> None:
        if self._clock is not None:
            self.show(self._clock)

    def show(self, clock: MeetingClock) -> None:
        """Redraw from the session and clock, when anything shown has changed."""
        self._clock = clock
        session = clock.session
        width = max(16, self.size.width - 2)
        # Called with every clock tick; the text only changes when a minute or a state does.
        drawn = (
            width,
            session.current_theme,
            tuple(
                (r.state, r.timebox, used_minutes(clock.used(r.theme_id))) for r in session.themes
            ),
        )
        if drawn == self._drawn:
            return
        self._drawn = drawn
        text = Text(no_wrap=True, overflow="ellipsis")
        current_line = 0
        line = 0
        titles = [theme.title for theme in session.agenda.themes]
        for number, section in enumerate(session.agenda.sections, start=1):
            records = [session.record(theme.id) for theme in section.themes]
            # A standing item (or a follow-up's review) is a section of one theme by the same
            # title: one line, numbered like a section and marked like a theme, as the minutes
            # give it one heading («1. Godkendelse af dagsorden»).
            single = section.is_one_item
            if not single:
                is_current = any(r.theme_id == session.current_theme for r in records)
                all_done = all(r.state == "done" for r in records)
                mark = "▶" if is_current else ("✓" if all_done else " ")
                style = "bold" if is_current else ("dim" if all_done else "")
                # Two places for the number, so that «10 Næste møde» starts where «9 …» does.
                heading = f"{mark}{number:>2} {section.title}"
                if len(heading) > width:
                    heading = heading[: width - 1] + "…"
                text.append(heading + "\n", style=style)
                line += 1
            for theme, record in zip(section.themes, records, strict=True):
                current = record.theme_id == session.current_theme
                used = used_minutes(clock.used(theme.id))
                times = (
                    f"{used}/{record.timebox}"
                    if used or record.state != "pending"
                    else f"{record.timebox}"
                )
                over = used > record.timebox
                mark = MARKS["active" if current else record.state]
                room = width - len(times) - 1
                lead = f"{mark}{number:>2} " if single else f"  {mark} "
                label = lead + shorten(theme.title, room - len(lead), titles)
                style = (
                    "reverse bold"
                    if current
                    else ("dim" if record.state in ("done", "skipped", "postponed") else "")
                )
                text.append(label.ljust(room) + " ", style=style)
                text.append(times + ("!" if over else " "), style="bold red" if over else style)
                text.append("\n")
                if current:
                    current_line = line
                line += 1
        # A minute used changes a number on a line of the same width: the screen needs laying
        # out again only when the number of lines changes.
        self.query_one("#agenda-lines", Static).update(text, layout=line != self._lines)
        self._lines = line
        self.scroll_to(y=max(0, current_line - self.size.height // 2), animate=False)

    @staticmethod
    def legend() -> str:
        """What the marks mean, for the help screen."""
        return _("✓ dealt with  ▶ current  ↷ skipped  » postponed")
