"""The terminal under the program: starting only with one, and leaving it cleanly on a signal."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import TextIO

# 128 + the signal's number, as a shell reports a program ended by it.
SIGNAL_EXIT_CODES = {"SIGTERM": 143, "SIGHUP": 129}


def missing_terminal(stdin: TextIO | None = None) -> str | None:
    """Why the meeting screen cannot run here, or None when there is a terminal to run in.

    Without one (input from a file or /dev/null, a service, a closed SSH session) the screen
    would read end-of-file forever, burning a processor core and showing nothing.
    """
    stream = stdin if stdin is not None else sys.stdin
    try:
        interactive = stream is not None and stream.isatty()
    except (OSError, ValueError):  # closed or detached
        interactive = False
    if interactive:
        return None
    return (
        "the meeting screen needs a terminal, and standard input is not one "
        "(run it in a terminal window; export, agreements and coverage work without one)"
    )


def stop_on_signals(loop: asyncio.AbstractEventLoop, stop: Callable[[int], None]) -> list[str]:
    """Call `stop(exit_code)` on the event loop at SIGTERM and SIGHUP; the names handled.

    SIGHUP exists only where terminals hang up (not on Windows): it is skipped there.
    """
    handled: list[str] = []
    for name, code in SIGNAL_EXIT_CODES.items():
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            loop.add_signal_handler(number, stop, code)
        except (NotImplementedError, RuntimeError):
            # Windows' event loop takes no signal handlers: the handler hands over to the loop.
            def hand_over(_signum: int, _frame: object, code: int = code) -> None:
                loop.call_soon_threadsafe(stop, code)

            signal.signal(number, hand_over)
        handled.append(name)
    return handled


def leave_anyway(exit_code: int, after: float) -> None:
    """End the process with `exit_code` in `after` seconds, unless it has ended by then.

    Told to stop because the terminal hung up, Textual's shutdown can wait forever on its
    writer thread, or the interpreter on its input thread reading a terminal that is gone:
    the process then lives on, burning a core. Everything is saved and the locks are free
    before this is armed; a daemon timer never keeps a finished process alive.
    """
    timer = threading.Timer(after, os._exit, args=(exit_code,))
    timer.daemon = True
    timer.start()
