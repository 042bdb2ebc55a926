"""The minutes as they will be sent, drawn from their Markdown.

Textual's Markdown widget makes a widget of every paragraph and table cell: the minutes of a
meeting with a hundred outcomes came to some five thousand widgets and took seconds to lay
out. Here the Markdown is rendered by Rich, once per width and off the UI thread, into lines;
only the lines on screen are painted, so a long meeting's minutes open at once.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from rich.console import Console
from rich.markdown import Markdown
from rich.segment import Segment
from rich.theme import Theme
from textual import work
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from facilitator.i18n import _
from facilitator.sanitize import terminal_safe


def markdown_theme(colors: dict[str, str]) -> Theme:
    """Rich's Markdown styles in the app's colours (Rich's own are magenta and cyan)."""
    primary = colors.get("primary", "blue")
    return Theme(
        {
            "markdown.h1": f"bold {primary}",
            "markdown.h1.border": primary,
            "markdown.h2": f"bold underline {primary}",
            "markdown.h3": f"bold {primary}",
            "markdown.h4": "bold italic",
            "markdown.block_quote": "italic",
            "markdown.list": "none",
            "markdown.item.number": "bold",
            "markdown.code": "bold",
            "markdown.code_block": "none",
            "markdown.link": "underline",
            "markdown.table.border": primary,
            "markdown.table.header": "bold",
        }
    )


HEADING = re.compile(r"^#{1,6} ", re.MULTILINE)


def sections(source: str) -> list[str]:
    """The Markdown cut before each heading: one theme's section is rendered on its own."""
    starts = [match.start() for match in HEADING.finditer(source)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    ends = [*starts[1:], len(source)]
    return [source[a:b].strip("\n") for a, b in zip(starts, ends, strict=True)]


class MinutesText(ScrollView, can_focus=True):
    """Scrollable minutes; `show` replaces the text, the rendering follows within a moment."""

    DEFAULT_CSS = """
    MinutesText { height: 1fr; scrollbar-gutter: stable; }
    """

    class Rendered(Message):
        """Lines of the minutes rendered at one width, for the text they were made from."""

        def __init__(
            self, source: str, width: int, lines: list[Strip], complete: bool = True
        ) -> None:
            super().__init__()
            self.source = source
            self.width = width
            self.lines = lines
            self.complete = complete

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # The Markdown as it is saved and exported: what the minutes say, before drawing.
        self.source = ""
        self._lines: list[Strip] = []
        self._rendered: tuple[str, int] | None = None
        self._drawing: tuple[str, int] | None = None
        # Rendered lines by (section, width). Shared with the rendering thread: one get or set
        # of a dict at a time is atomic in CPython, and a lost entry is only rendered again.
        self._cache: dict[tuple[str, int], list[Strip]] = {}
        self._theme = Theme()
        self._colors: dict[str, str] = {}

    def show(self, source: str) -> None:
        """Show these minutes (Markdown); the old lines stay up until the new ones are ready."""
        self.source = source
        colors = self.app.theme_variables
        if colors != self._colors:  # another theme: what was rendered has the old colours
            self._colors = dict(colors)
            self._theme = markdown_theme(colors)
            self._cache.clear()
        if not self._lines:
            # The first screenful is drawn here, so it comes up with the screen; the worker
            # finds it in the cache when the width was foreseen right.
            width = self._text_width() if self.size.width else self._expected_width()
            screenful = self.size.height or self.app.size.height
            lines = self._lines_of(source, width, lambda lines: len(lines) >= screenful)
            self._lines = lines or [Strip([Segment(_("Preparing the minutes…"))])]
            self.virtual_size = Size(width, len(self._lines))
            self.refresh()
        self._render_soon()

    @property
    def rendered(self) -> bool:
        """Whether the lines on screen are those of the current text at the current width."""
        return self._rendered == (self.source, self._text_width())

    @property
    def text(self) -> str:
        """The lines drawn so far, as plain text (what a reader sees, scrolled through)."""
        return "\n".join(line.text.rstrip() for line in self._lines)

    def on_resize(self) -> None:
        self._render_soon()

    def _text_width(self) -> int:
        return max(self.scrollable_content_region.width, 20)

    def _expected_width(self) -> int:
        # Before the first layout: the terminal less the border, padding and scrollbar.
        styles = self.styles
        frame = styles.gutter.width + styles.scrollbar_size_vertical
        return max(self.app.size.width - frame, 20)

    def _render_soon(self) -> None:
        target = (self.source, self._text_width())
        # Only the text and the width change the lines; a new height does not.
        if not self.size.width or self._rendered == target or self._drawing == target:
            return
        self._drawing = target
        self._draw(self.source, self._text_width())

    @work(thread=True, exclusive=True, group="minutes-text")
    def _draw(self, source: str, width: int) -> None:
        worker = get_current_worker()
        screenful = max(self.size.height, 1)
        posted = False

        def first_screenful_up(lines: list[Strip]) -> bool:
            # The first screenful goes up at once; the rest of a long meeting follows.
            nonlocal posted
            if worker.is_cancelled:
                return True
            if not posted and len(lines) >= screenful:
                self.post_message(self.Rendered(source, width, list(lines), complete=False))
                posted = True
            return False

        lines = self._lines_of(source, width, first_screenful_up)
        if not worker.is_cancelled:
            self.post_message(self.Rendered(source, width, lines))

    def _lines_of(
        self, source: str, width: int, enough: Callable[[list[Strip]], bool]
    ) -> list[Strip]:
        """The minutes' lines, section by section, until `enough` says so or all are done."""
        # A console of its own: the app's belongs to the UI thread.
        console = Console(
            theme=self._theme,
            file=io.StringIO(),
            width=width,
            color_system="truecolor",
            force_terminal=True,
            legacy_windows=False,
            markup=False,
            emoji=False,
            highlight=False,
        )
        lines: list[Strip] = []
        for number, section in enumerate(sections(terminal_safe(source))):
            if number:
                lines.append(Strip.blank(0))
            lines.extend(self._section_lines(console, section, width))
            if enough(lines):
                break
        return lines

    def _section_lines(self, console: Console, section: str, width: int) -> list[Strip]:
        # An edit changes one theme's section: the others come from the cache.
        key = (section, width)
        cached = self._cache.get(key)
        if cached is None:
            document = Markdown(section, hyperlinks=False)
            rows = console.render_lines(document, console.options.update_width(width), pad=False)
            cached = [Strip(row).simplify() for row in rows]
            self._cache[key] = cached
        return cached

    def on_minutes_text_rendered(self, message: MinutesText.Rendered) -> None:
        message.stop()
        if (message.source, message.width) != (self.source, self._text_width()):
            return  # the text or the width changed meanwhile; a newer rendering follows
        self._lines = message.lines
        if message.complete:
            self._rendered = (message.source, message.width)
            self._keep_only(message.source, message.width)
        self.virtual_size = Size(message.width, len(message.lines))
        self.refresh()

    def _keep_only(self, source: str, width: int) -> None:
        # What an edit or a resize left behind goes: a long review would otherwise keep every
        # version of every section it ever showed. list() copies the keys in one step, as the
        # rendering thread may be adding to the cache.
        wanted = {(section, width) for section in sections(terminal_safe(source))}
        for key in list(self._cache):
            if key not in wanted:
                self._cache.pop(key, None)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        style = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, style)
        line = self._lines[index].crop_extend(scroll_x, scroll_x + width, style)
        return line.apply_style(style)
