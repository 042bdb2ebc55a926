"""A `\\r` counter on stderr while many session files are read, for the commands that read them."""

from __future__ import annotations

import time
from typing import IO

from facilitator.sanitize import unfiltered

# Quick runs stay silent: the counter appears only once reading has taken this long.
PROGRESS_AFTER_SECONDS = 1.0


class TerminalProgress:
    """Counts files read on a terminal once reading takes more than a second; cleared at the end.

    Nothing is written when the stream is not a terminal, so a redirected stderr stays clean.
    """

    def __init__(self, stream: IO[str], label: str) -> None:
        self.label = label
        # The counter's own \r and erase-line must reach the terminal: past the output filter.
        self.stream = unfiltered(stream) if _is_terminal(stream) else None
        self.started = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if self.stream is None or time.monotonic() - self.started < PROGRESS_AFTER_SECONDS:
            return
        self.stream.write(f"\r{self.label} {done}/{total}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """Clear the counter's line, if one was written."""
        if self.stream is not None and self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
