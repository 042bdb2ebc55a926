"""Command palette: jump to any theme, run any meeting action, named `category: action`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from facilitator.i18n import _
from facilitator.sanitize import one_line
from facilitator.tui.keys import key_label

if TYPE_CHECKING:
    from facilitator.tui.screens.meeting import MeetingScreen


class MeetingCommands(Provider):
    """Every theme of the agenda, and the meeting's actions that apply right now."""

    def _entries(self) -> list[tuple[str, Callable[[], object], str]]:
        from facilitator.tui.screens.meeting import MeetingScreen

        screen = self.screen
        if not isinstance(screen, MeetingScreen):
            return []
        entries: list[tuple[str, Callable[[], object], str]] = []
        session = screen.session
        for number, section in enumerate(session.agenda.sections, start=1):
            for theme in section.themes:
                if theme.id == session.current_theme:
                    continue
                entries.append(
                    (
                        one_line(f"{_('Theme')}: {number} {section.title} › {theme.title}"),
                        partial(screen.goto, theme.id),
                        _("Go to this theme"),
                    )
                )
        seen: set[str] = set()
        for _key, binding in screen._bindings:
            if binding.id is None or binding.id in seen or binding.id in _NOT_IN_PALETTE:
                continue
            seen.add(binding.id)
            action = binding.action
            name = action.split("(", 1)[0]
            if screen.check_action(name, ()) is not True:
                continue
            entries.append(
                (
                    f"{_('Meeting')}: {binding.description}",
                    partial(_run, screen, action),
                    f"{_('key')} {key_label(binding)}",
                )
            )
        return entries

    async def discover(self) -> AsyncIterator[DiscoveryHit]:
        for name, command, help_text in self._entries():
            yield DiscoveryHit(Content(name), command, text=name, help=help_text)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        for name, command, help_text in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, _highlight(matcher, name), command, text=name, help=help_text)


def _highlight(matcher: Matcher, name: str) -> Content:
    """The name with the matched letters marked, as plain text: agenda titles are not markup.

    (Matcher.highlight reads its candidate as markup: "[/]" in a theme title would crash the
    palette and "[Udkast]" would vanish.)
    """
    content = Content(name)
    score, offsets = matcher.fuzzy_search.match(matcher.query, name)
    if score:
        for offset in offsets:
            if not name[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


# Keys that only make sense pressed, not chosen from a list.
_NOT_IN_PALETTE = {"review_down", "review_up", "leave_notes"}


def _run(screen: MeetingScreen, action: str) -> None:
    screen.run_worker(screen.run_action(action), exclusive=False)
