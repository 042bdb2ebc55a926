"""The keys a screen offers, on one line at the bottom: one widget, drawn from the bindings.

Textual's Footer makes a widget of every key (styled, data-bound to the footer, laid out) and
builds them all again whenever the screen says its bindings may have changed. On a screen
change that was a third of the CPU between ctrl+e and the minutes (26 restyles for one
footer), and each meeting screen paid for seven key widgets before its first frame. This
footer draws the same line as text, and draws it again only when a key, a word or a greyed-out
state changes. A click on a key presses it, as on Textual's.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class FooterItem(NamedTuple):
    """One key as the footer shows it."""

    key: str  # what a click presses
    display: str  # how the key is written: "^s", "⏎", "f1"
    description: str
    enabled: bool


class KeyFooter(Widget, can_focus=False):
    """Each shown binding as «key word», greyed out when unavailable; the command palette's
    key on the right (unless `show_command_palette` is off); `compact` leaves less space."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-footer--key", "key-footer--description"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom; height: 1; width: 1fr;
        color: $footer-foreground; background: $footer-background;
    }
    KeyFooter > .key-footer--key {
        color: $footer-key-foreground; background: $footer-key-background; text-style: bold;
    }
    KeyFooter > .key-footer--description {
        color: $footer-description-foreground; background: $footer-description-background;
    }
    """

    def __init__(self, *, compact: bool = False, show_command_palette: bool = True) -> None:
        super().__init__()
        self.compact = compact
        self.show_command_palette = show_command_palette
        self.items: tuple[FooterItem, ...] = ()
        self.palette: FooterItem | None = None
        # Where each key is drawn, for clicks: (first column, end column, key).
        self._spans: list[tuple[int, int, FooterItem]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Take the screen's keys; redraw only when what is shown changes.

        Not while the terminal is unfocused (as Textual's Footer): the keys come back as
        they were when it is focused again.
        """
        if not (screen.app.app_focus and self.is_attached and screen is self.screen):
            return
        items, palette = self._items_of(screen)
        if (items, palette) != (self.items, self.palette):
            self.items, self.palette = items, palette
            self.refresh()

    def _items_of(self, screen: Screen[object]) -> tuple[tuple[FooterItem, ...], FooterItem | None]:
        app = screen.app
        active = screen.active_bindings
        seen: set[str] = set()
        items = []
        for _node, binding, enabled, _tooltip in active.values():
            # One entry per action, as Textual's Footer: the first key that shows it.
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                items.append(
                    FooterItem(
                        binding.key, app.get_key_display(binding), binding.description, enabled
                    )
                )
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, _tooltip = found
                palette = FooterItem(
                    binding.key, app.get_key_display(binding), binding.description, enabled
                )
        return tuple(items), palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-footer--key", partial=True)
        word_style = self.get_component_rich_style("key-footer--description", partial=True)
        dim = Style(dim=True)
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for item in self.items:
            start = line.cell_len
            grey = Style() if item.enabled else dim
            if self.compact:
                line.append(item.display, key_style + grey)
                line.append(f" {item.description}" if item.description else "", word_style + grey)
            else:
                line.append(f" {item.display} ", key_style + grey)
                line.append(f"{item.description} " if item.description else "", word_style + grey)
            self._spans.append((start, line.cell_len, item))
            line.append(" " if self.compact else "")
        if self.palette is None:
            return line
        item = self.palette
        right = Text(no_wrap=True, end="")
        right.append("▏", Style(dim=True))
        right.append(item.display, key_style)
        right.append(f" {item.description}" + ("" if self.compact else " "), word_style)
        width = self.size.width
        room = max(0, width - right.cell_len)
        line.truncate(room, overflow="crop", pad=True)
        self._spans = [span for span in self._spans if span[1] <= room]
        self._spans.append((room, width, item))
        return line + right

    def on_click(self, event: events.Click) -> None:
        for start, end, item in self._spans:
            if start <= event.x < end:
                if item.enabled:
                    self.app.simulate_key(item.key)
                else:
                    self.app.bell()
                return
