"""Textual's Footer, built again only when the keys it shows have changed.

The Footer rebuilds all its keys (a widget each, styled and laid out) whenever the screen says
its bindings may have changed: on every focus move, mount and `refresh_bindings`, which at a
meeting's start alone came to several rebuilds before and after the first frame. Most of those
change nothing it shows.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """A Footer that skips a rebuild when its keys, words and greyed-out states are the same."""

    def __init__(self, *, compact: bool = False, show_command_palette: bool = True) -> None:
        super().__init__(compact=compact, show_command_palette=show_command_palette)
        self._shown: tuple[tuple[str, str, bool, str], ...] | None = None

    def _keys(self, screen: Screen[object]) -> tuple[tuple[str, str, bool, str], ...]:
        return tuple(
            (binding.key, binding.description, enabled, tooltip)
            for _node, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show or binding.action == "command_palette"
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        keys = self._keys(screen)
        if keys == self._shown:
            return
        super().bindings_changed(screen)
        # Remembered only when the Footer did rebuild (not while the terminal is unfocused).
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = keys
