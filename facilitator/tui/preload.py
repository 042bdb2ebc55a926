"""Imports made ahead of need, while the program waits on the user.

The review screen and the Markdown renderer under it take a fifth of a second to import: that
would stand between ctrl+e and the minutes. A meeting runs for minutes or hours before it ends,
so they are imported on a thread of their own a second after the first frame, whatever the
first screen is (the minutes open from the home screen too).
"""

from __future__ import annotations

import threading

PRELOAD_REVIEW_AFTER = 1.0  # seconds after the first frame


def preload_review() -> None:
    """Import what the review screen needs, on a thread of its own."""
    threading.Thread(target=_import_review, name="preload-review", daemon=True).start()


def _import_review() -> None:
    import facilitator.tui.screens.minutes  # noqa: F401 - only for the import
