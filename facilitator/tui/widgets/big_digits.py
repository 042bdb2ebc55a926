"""Digits drawn from a 3x5 pixel font, scaled to fill whatever room the widget is given.

Textual's `Digits` is three rows high whatever the terminal; a room reading a projector from
ten metres needs the time as large as the screen allows. Half-block characters give square
pixels: a cell is one pixel wide and two pixels high.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

_FONT: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "-": ("...", "...", "###", "...", "..."),
    " ": (".", ".", ".", ".", "."),
}
GLYPH_ROWS = 5
# Two pixel rows per terminal row: the upper, the lower, both or neither.
_HALF_BLOCKS = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def pixel_width(text: str) -> int:
    """Width of a text in font pixels, one pixel of space between glyphs."""
    glyphs = [_FONT.get(char, _FONT[" "]) for char in text]
    return sum(len(glyph[0]) for glyph in glyphs) + max(0, len(glyphs) - 1)


def fit_scale(text: str, width: int, height: int) -> int:
    """The largest whole scale at which the text fits `width` cells by `height` rows."""
    wide = pixel_width(text)
    if not wide:
        return 0
    by_width = width // wide
    by_height = (2 * height) // GLYPH_ROWS
    return max(0, min(by_width, by_height))


def render_lines(text: str, scale: int) -> list[str]:
    """The text drawn at a scale: one string per terminal row, all of the same width."""
    if scale <= 0:
        return [text]
    pixels: list[list[bool]] = [[] for _ in range(GLYPH_ROWS * scale)]
    for index, char in enumerate(text):
        glyph = _FONT.get(char, _FONT[" "])
        for row in range(GLYPH_ROWS):
            line = glyph[row]
            if index:
                line = "." + line
            bits = [bit == "#" for bit in line for _ in range(scale)]
            for repeat in range(scale):
                pixels[row * scale + repeat].extend(bits)
    if len(pixels) % 2:
        pixels.append([False] * len(pixels[0]))
    return [
        "".join(_HALF_BLOCKS[top, bottom] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(pixels[::2], pixels[1::2], strict=True)
    ]


class BigDigits(Widget):
    """A time such as `12:34` or `+01:05`, as large as the widget's region allows."""

    DEFAULT_CSS = """
    BigDigits { height: 1fr; width: 1fr; content-align: center middle; }
    """

    text: reactive[str] = reactive("00:00", layout=False)

    def __init__(self, text: str = "00:00", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(BigDigits.text, text)

    def render(self) -> Text:
        width, height = self.content_region.size
        scale = fit_scale(self.text, width, height)
        lines = render_lines(self.text, scale)
        return Text("\n".join(lines), no_wrap=True, overflow="crop")
