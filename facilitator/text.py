"""Text as the model keeps it: cleaned once, when it enters from a form, a file or a flag."""

from __future__ import annotations

import unicodedata

from facilitator.sanitize import without_controls


def clean_text(text: str) -> str:
    """Text as it is stored: `\\n` line ends, no control characters or lone surrogates.

    People paste from Word and mail; TOML cannot hold lone surrogates and `\\r\\n` does not
    survive a round trip, so text is normalised once, when it enters the model.
    """
    return unicodedata.normalize("NFC", without_controls(text))


def clean_line(text: str) -> str:
    """A one-line field (a name, a title): cleaned, newlines folded, ends trimmed."""
    return " ".join(clean_text(text).split())
