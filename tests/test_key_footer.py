"""The footer follows the keys a screen offers, greys out the unavailable, and a click presses."""

from __future__ import annotations

from pathlib import Path

from support import make_meeting

from facilitator.tui.widgets.key_footer import KeyFooter


def footer_words(footer: KeyFooter) -> list[str]:
    return [item.description for item in footer.items]


async def test_the_footer_follows_the_keys_and_redraws_only_when_they_change(
    tmp_path: Path,
) -> None:
    meeting = make_meeting(tmp_path)
    async with meeting.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        footer = meeting.app.screen.query_one(KeyFooter)
        words = footer_words(footer)
        assert words[:3] == ["Start/pause", "Next", "Decision"]
        line = footer.render().plain
        assert line.startswith("space Start/pause n Next d Decision")
        # A bindings refresh that changes nothing keeps the very same keys.
        shown = footer.items
        meeting.app.screen.refresh_bindings()
        await pilot.pause()
        assert footer.items is shown
        # Writing notes offers other keys: the footer shows them, and the old ones again after.
        await pilot.press("e")
        await pilot.pause()
        assert footer_words(footer) != words
        await pilot.press("escape")
        await pilot.pause()
        assert footer_words(footer) == words


async def test_a_click_on_a_key_presses_it(tmp_path: Path) -> None:
    meeting = make_meeting(tmp_path)
    async with meeting.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        footer = meeting.app.screen.query_one(KeyFooter)
        footer.render()
        start, _end, item = next(span for span in footer._spans if span[2].display == "n")
        assert item.description == "Next"
        first = meeting.session.current_theme
        await pilot.click(KeyFooter, offset=(start + 1, 0))
        await pilot.pause()
        assert meeting.session.current_theme != first


async def test_the_command_palette_key_stays_on_the_right_of_a_narrow_footer(
    tmp_path: Path,
) -> None:
    from facilitator.tui.app import FacilitatorApp

    app = FacilitatorApp(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.pause()
        line = app.screen.query_one(KeyFooter).render().plain
        assert len(line) == 60
        assert line.endswith("▏^p Commands ")
