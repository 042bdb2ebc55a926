"""The footer follows the keys a screen offers, and is not rebuilt when they stay the same."""

from __future__ import annotations

from pathlib import Path

from support import make_meeting
from textual.widgets._footer import FooterKey

from facilitator.tui.widgets.key_footer import KeyFooter


def footer_words(footer: KeyFooter) -> list[str]:
    return [str(key.description) for key in footer.query(FooterKey)]


async def test_the_footer_is_rebuilt_only_when_its_keys_change(tmp_path: Path) -> None:
    meeting = make_meeting(tmp_path)
    async with meeting.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        footer = meeting.app.screen.query_one(KeyFooter)
        first = list(footer.query(FooterKey))
        words = footer_words(footer)
        assert words, "the meeting's keys are in the footer"
        # A bindings refresh that changes nothing leaves the very same key widgets.
        meeting.app.screen.refresh_bindings()
        await pilot.pause()
        assert list(footer.query(FooterKey)) == first
        # Writing notes offers other keys: the footer shows them.
        await pilot.press("e")
        await pilot.pause()
        assert footer_words(footer) != words
        await pilot.press("escape")
        await pilot.pause()
        assert footer_words(footer) == words
