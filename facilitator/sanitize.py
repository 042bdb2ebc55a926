"""The one output boundary: text from files and people made safe to show on a terminal.

A session file or an agenda may hold ESC sequences (clear the screen, set the clipboard with
OSC 52, retitle the window), C1 controls such as U+009B (a one-byte CSI), bidi overrides that
make a line read differently than it is stored, and zero-width characters that hide text.
Everything written to a terminal passes `terminal_safe` (or `one_line`), and every text
loaded from disk or typed passes `without_controls`, so none of it reaches the terminal as a control.
"""

from __future__ import annotations

import io
import re
from typing import IO, Any

# C0 controls but tab and newline, DEL, C1; bidi embeddings, overrides, isolates and marks;
# zero-width spaces, joiners and invisible operators; the BOM; line/paragraph separators;
# interlinear annotation marks; Unicode tag characters (invisible "ASCII smuggling").
_UNSAFE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000e0000-\U000e007f"
)
_UNSAFE_CHARS = re.compile(f"[{_UNSAFE}]")
# Whole escape sequences go, not only their ESC: "\x1b]0;pwned\x07LMU" reads "LMU", not
# "]0;pwnedLMU". CSI (ESC [ or the C1 byte), OSC/DCS/APC/PM strings up to BEL or ESC \,
# and two-character escapes.
_SEQUENCES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x9d\x98\x9e\x9f])[^\x07\x1b\x9c]{0,4096}(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]"
)
_SURROGATES = re.compile("[\ud800-\udfff]")
_DOCUMENT_UNSAFE = re.compile(
    "[" + _UNSAFE.replace("\x0b-\x1f", "\x0b\x0c\x0e-\x1f").replace("\ufeff", "") + "]"
)
_LINE_BREAKS = re.compile("\r\n?")


def terminal_safe(text: str) -> str:
    """`text` without any character that could steer a terminal; newlines and tabs stay."""
    text = _SEQUENCES.sub("", _LINE_BREAKS.sub("\n", text))
    # Lone surrogates (from undecodable file names) would make the write itself fail.
    return _SURROGATES.sub("\ufffd", _UNSAFE_CHARS.sub("", text))


def one_line(text: str) -> str:
    """Safe text folded onto one line: an error message stays one line whatever it quotes."""
    return " ".join(terminal_safe(text).split())


def without_controls(text: str) -> str:
    """Text as the model keeps it: `\\n` line ends, no unsafe character, no lone surrogate."""
    text = _SEQUENCES.sub("", _LINE_BREAKS.sub("\n", text))
    return _SURROGATES.sub("", _UNSAFE_CHARS.sub("", text))


def quoted(value: Any, limit: int = 60) -> str:
    """A value from a file for a message: in quotes, escaped, cut short, never a control."""
    if isinstance(value, str):
        shown = value if len(value) <= limit else value[: limit - 3] + "..."
        import json  # only for a value that is not text; the start-up path never needs it

        text = json.dumps(shown, ensure_ascii=False)
        return _UNSAFE_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        digits = len(str(abs(value))) if abs(value) < 10**40 else 41
        return str(value) if digits <= 40 else "a number of more than 40 digits"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return one_line(str(value))


class SafeStream(io.TextIOBase):
    """A text stream that passes everything written through `terminal_safe`.

    `buffer` is filtered too (export writes bytes), and `unfiltered` reaches the stream
    underneath for the one writer that needs controls of its own: the progress counter.
    """

    def __init__(self, stream: IO[str]) -> None:
        super().__init__()
        self.unfiltered = stream
        self._buffer = _SafeBuffer(stream)

    def write(self, text: str) -> int:
        self.unfiltered.write(terminal_safe(text))
        return len(text)

    def flush(self) -> None:
        self.unfiltered.flush()

    def isatty(self) -> bool:
        return self.unfiltered.isatty()

    def fileno(self) -> int:
        return self.unfiltered.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.unfiltered, "encoding", "utf-8") or "utf-8"

    @property
    def buffer(self) -> _SafeBuffer:
        return self._buffer

    def close(self) -> None:
        # Only the wrapper closes: it is dropped after each command, the stream lives on.
        super().close()


class _SafeBuffer:
    """The byte side of a SafeStream: UTF-8 in, filtered, UTF-8 out whatever the locale."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, data: bytes) -> int:
        # Bytes are whole documents (CSV for Excel, minutes): their CR LF line ends and a
        # leading byte-order mark are part of the format and harmless on a terminal.
        text = _SEQUENCES.sub("", bytes(data).decode("utf-8", "replace"))
        clean = _SURROGATES.sub("\ufffd", _DOCUMENT_UNSAFE.sub("", text))
        raw = getattr(self._stream, "buffer", None)
        if raw is None:  # a stream without bytes underneath (a test's StringIO)
            self._stream.write(clean)
        else:
            raw.write(clean.encode("utf-8"))
        return len(data)

    def flush(self) -> None:
        self._stream.flush()
        raw = getattr(self._stream, "buffer", None)
        if raw is not None:
            raw.flush()


def unfiltered(stream: IO[str]) -> IO[str]:
    """The stream underneath a SafeStream (or `stream` itself): for trusted control output."""
    inner = getattr(stream, "unfiltered", None)
    return inner if inner is not None else stream
