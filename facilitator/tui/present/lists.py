"""Lists drawn to the width they are given: bullets with hanging indents, and an agenda.

Rich tables inside Textual lose their column padding and wrap under the bullet, so these
widgets wrap each entry themselves, at the width they have on screen.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

# Textual drops ordinary spaces at the start of a rendered line; these keep indents in place.
_INDENT = "\u00a0"
Entry = tuple[Text, Text]  # a marker ("•", a kind) and the text that wraps beside it
AgendaRow = tuple[Text, Text, Text]  # state mark, title, time ("8/10 min")


class HangingList(Widget):
    """Entries with a marker column; wrapped lines start under the text, not the marker."""

    DEFAULT_CSS = "HangingList { height: auto; width: 1fr; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entries: list[Entry] = []
        self._empty = Text()

    def show(self, entries: list[Entry], empty: Text | None = None) -> None:
        """Replace the entries; `empty` is shown when there are none."""
        self._entries = entries
        self._empty = empty or Text()
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Text]:
        """The list laid out `width` cells wide."""
        if not self._entries:
            return [self._empty] if self._empty else []
        marker_width = max(cell_len(marker.plain) for marker, _ in self._entries)
        room = max(8, width - marker_width - 1)
        result: list[Text] = []
        for marker, body in self._entries:
            wrapped = body.wrap(self.app.console, room)
            for index, line in enumerate(wrapped):
                head = Text()
                if index == 0:
                    head.append_text(marker)
                head.append(_INDENT * (marker_width - cell_len(head.plain) + 1))
                head.append_text(line)
                result.append(head)
        return result

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Text:
        return Text("\n").join(self.lines(self.content_region.width or self.size.width))


class AgendaList(Widget):
    """The agenda: a mark, the title cut to fit, and the time right-aligned on every row."""

    DEFAULT_CSS = "AgendaList { height: auto; width: 1fr; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[AgendaRow] = []
        self._current = 0

    def show(self, rows: list[AgendaRow], current: int = 0) -> None:
        """Replace the rows; `current` is the row kept in sight when not all of them fit."""
        self._rows = rows
        self._current = current
        self.refresh(layout=True)

    def window(self, height: int) -> list[AgendaRow]:
        """The rows that fit `height`: all, or a window with the current row a third down."""
        if height <= 0 or len(self._rows) <= height:
            return self._rows
        first = max(0, min(self._current - height // 3, len(self._rows) - height))
        return self._rows[first : first + height]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._rows)

    def render(self) -> Text:
        width = self.content_region.width or self.size.width
        rows = self.window(self.content_region.height or self.size.height)
        mark_width = max((cell_len(mark.plain) for mark, _, _ in self._rows), default=1)
        time_width = max((cell_len(time.plain) for _, _, time in self._rows), default=0)
        room = max(4, width - mark_width - time_width - 2)
        lines: list[Text] = []
        for mark, title, time in rows:
            line = Text()
            line.append_text(mark)
            line.append(_INDENT * (mark_width - cell_len(mark.plain) + 1))
            cut = title.copy()
            cut.truncate(room, overflow="ellipsis", pad=True)
            line.append_text(cut)
            line.append(" ")
            line.append_text(time.copy())
            lines.append(line)
        return Text("\n").join(lines)
