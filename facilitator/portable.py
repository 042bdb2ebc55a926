"""What differs between Linux, macOS and Windows, decided in one place.

Signals, worker processes, the default sessions folder and the encoding of what the command
line prints. Everything here asks the running platform what it has instead of assuming Linux.
"""

from __future__ import annotations

import io
import os
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

__all__ = [
    "default_sessions_dir",
    "pool_context",
    "termination_signals",
    "utf8_output",
]


def termination_signals() -> list[signal.Signals]:
    """The signals that ask this program to stop, as far as the platform has them.

    SIGTERM and SIGINT exist everywhere; SIGHUP (terminal closed) only on POSIX; SIGBREAK
    (ctrl+break, and the console window being closed) only on Windows.
    """
    names = ("SIGTERM", "SIGINT", "SIGHUP", "SIGBREAK")
    return [getattr(signal, name) for name in names if hasattr(signal, name)]


def pool_context() -> BaseContext | None:
    """How to start worker processes here, or None to stay serial.

    `fork` is cheap, but copies only the calling thread: with other threads running (the TUI
    reads the register from a worker thread) a lock one of them holds stays locked in the
    child, so it is used only on Linux with one thread. Otherwise (Windows, macOS, where
    forking is unsafe, and Linux with threads) workers start with `spawn`, which costs each
    worker a fresh interpreter but is safe everywhere; spawn runs the main script again in each worker,
    which the `facilitator` command and `python -m facilitator` survive (their code runs
    under `if __name__ == "__main__"`).
    """
    import multiprocessing  # only HR's register uses workers; a meeting's start-up does not

    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "spawn" in methods:
        return multiprocessing.get_context("spawn")
    return None


def default_sessions_dir() -> Path:
    """Where meetings are saved unless told otherwise (FACILITATOR_SESSIONS_DIR or an option).

    `./sessions` on Linux and macOS; on Windows, in the user's own profile, which only that
    user can read, rather than wherever the console happens to start (often a shared folder).
    """
    if os.name == "nt":
        return Path.home() / "Documents" / "facilitator" / "sessions"
    return Path("sessions")


def utf8_output(stream: TextIO) -> TextIO:
    """The stream itself, re-encoded as UTF-8 when the locale chose another code page.

    On Windows a pipe or a file gets the ANSI code page (cp1252), which cannot write "→",
    box drawing or many names; everything facilitator prints is UTF-8 instead.
    """
    encoding = (getattr(stream, "encoding", None) or "").replace("_", "-").lower()
    if encoding in ("utf-8", "utf8"):
        return stream
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding="utf-8", errors="replace")
    return stream
