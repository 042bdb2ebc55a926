"""Reading TOML files that may be hostile: regular files only, a size cap, no parser traceback.

Session and agenda files travel between laptops, shared drives, backups and hand edits. Before
a byte is parsed, what is not a regular file (a folder, a FIFO that would block forever, a
device such as /dev/zero that never ends) is refused, and so is a file larger than any real
meeting could make. Whatever the parser then chokes on (nesting deep enough to exhaust the
stack, integers of thousands of digits) becomes one line naming the file.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

# A three-hour meeting with long notes is well under 1 MB; 8 MB leaves room for a decade.
MAX_BYTES = 8 * 1024 * 1024
# Sessions nest four deep (themes > outcomes > table); anything past this is not ours.
MAX_DEPTH = 24

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)$")

_KINDS = (
    (stat.S_ISDIR, "is a folder, not a file"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a regular file"),
    (stat.S_ISCHR, "is a device, not a regular file"),
    (stat.S_ISBLK, "is a device, not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
)


class UnreadableError(Exception):
    """The file could not be read or parsed; the message is one line naming the file."""


def read_limited(path: Path | str, shown: str = "", limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file no larger than `limit`, or UnreadableError saying why.

    The file is opened without blocking and checked on the open descriptor, so a FIFO or a
    device swapped in between a check and the read is still refused.
    """
    shown = shown or str(path)
    fd, size = _open_regular(path, shown)
    try:
        if size > limit:
            raise UnreadableError(f"{shown}: {_too_big(size, limit)}")
        data = _read(fd, limit + 1)
        if len(data) > limit:  # a file that grows while being read
            raise UnreadableError(f"{shown}: {_too_big(len(data), limit)}")
        return data
    except OSError as error:
        raise UnreadableError(f"{shown}: cannot read the file ({_why(error)})") from None
    finally:
        os.close(fd)


def read_head(path: Path | str, limit: int, shown: str = "") -> bytes:
    """At most the first `limit` bytes of a regular file, refused as `read_limited` refuses."""
    shown = shown or str(path)
    fd, _size = _open_regular(path, shown)
    try:
        return _read(fd, limit)
    except OSError as error:
        raise UnreadableError(f"{shown}: cannot read the file ({_why(error)})") from None
    finally:
        os.close(fd)


def _open_regular(path: Path | str, shown: str) -> tuple[int, int]:
    """A descriptor open on a regular file, and its size; UnreadableError for anything else."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise UnreadableError(f"{shown}: file not found") from None
    except IsADirectoryError:
        raise UnreadableError(f"{shown}: is a folder, not a file") from None
    except PermissionError:
        if os.path.isdir(path):  # Windows refuses to open folders with EACCES
            raise UnreadableError(f"{shown}: is a folder, not a file") from None
        raise UnreadableError(f"{shown}: permission denied") from None
    except OSError as error:
        raise UnreadableError(f"{shown}: cannot read the file ({_why(error)})") from None
    try:
        info = os.fstat(fd)
        for test, words in _KINDS:
            if test(info.st_mode):
                raise UnreadableError(f"{shown}: {words}")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableError(f"{shown}: is not a regular file")
    except OSError as error:
        os.close(fd)
        raise UnreadableError(f"{shown}: cannot read the file ({_why(error)})") from None
    except UnreadableError:
        os.close(fd)
        raise
    return fd, info.st_size


def _read(fd: int, most: int) -> bytes:
    """Up to `most` bytes from the descriptor, in chunks of at most 1 MB."""
    chunks: list[bytes] = []
    size = 0
    while size < most:
        chunk = os.read(fd, min(1 << 20, most - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def decode_text(raw: bytes, shown: str) -> str:
    """UTF-8 text (a BOM allowed), or UnreadableError with `FILE:LINE:COL` of the bad byte."""
    if b"\x00" in raw:
        raise UnreadableError(f"{shown}: not a text file (it contains NUL bytes); expected TOML")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        body = raw.removeprefix(codecs.BOM_UTF8)
        line = body[: error.start].count(b"\n") + 1
        start = body.rfind(b"\n", 0, error.start) + 1
        # Count characters, not bytes: in "Æble H\xe5ndtering" the bad byte is character 7.
        before = body[start : error.start].decode("utf-8", "replace")
        raise UnreadableError(
            f"{shown}:{line}:{len(before) + 1}: not valid UTF-8 (byte 0x{body[error.start]:02x});"
            " save the file as UTF-8"
        ) from None


def parse_toml(text: str, shown: str) -> dict[str, Any]:
    """Parse TOML; syntax errors as `FILE:LINE:COL`, parser exhaustion as one plain line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UnreadableError(toml_error_line(shown, error, text)) from None
    except RecursionError:
        raise UnreadableError(
            f"{shown}: arrays or tables are nested too deeply to be a facilitator file"
        ) from None
    except (ValueError, OverflowError, MemoryError) as error:
        # tomllib turns a 5,000-digit integer into int(), which refuses it with ValueError.
        raise UnreadableError(f"{shown}: cannot be read as TOML ({_first_words(error)})") from None
    if (depth := nesting_depth(data)) > MAX_DEPTH:
        raise UnreadableError(
            f"{shown}: arrays or tables are nested {depth} deep; a facilitator file needs at "
            f"most {MAX_DEPTH}"
        )
    return data


def load_toml_file(path: Path | str, shown: str = "") -> tuple[str, Any]:
    """The text and parsed data of a TOML file, every failure an UnreadableError of one line."""
    shown = shown or str(path)
    text = decode_text(read_limited(path, shown), shown)
    return text, parse_toml(text, shown)


def nesting_depth(data: Any) -> int:
    """How deep lists and tables nest (a scalar is 0), found without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest > MAX_DEPTH:
                return deepest
        stack.extend((child, depth) for child in children)
    return deepest


def toml_error_line(shown: str, error: tomllib.TOMLDecodeError, text: str = "") -> str:
    """`FILE:LINE:COL: message` for a TOML syntax error (3.11 keeps the position in the text).

    With the text, an error "at end of document" gets the position of the file's last line.
    """
    message = str(error)
    match = _TOML_POSITION.search(message)
    if match:
        detail = message[: match.start()]
        return f"{shown}:{match.group(1)}:{match.group(2)}: TOML syntax error: {detail}"
    end = _TOML_AT_END.search(message)
    if end and text:
        lines = text.rstrip("\r\n").split("\n")
        line, column = len(lines), len(lines[-1].rstrip("\r")) + 1
        detail = message[: end.start()]
        return f"{shown}:{line}:{column}: TOML syntax error: {detail} (at the end of the file)"
    return f"{shown}: TOML syntax error: {message}"


def _too_big(size: int, limit: int) -> str:
    return (
        f"is {size / 1_048_576:.1f} MB, larger than any facilitator file can be "
        f"(at most {limit // 1_048_576} MB); not read"
    )


def _why(error: OSError) -> str:
    return " ".join(str(error.strerror or error).split())


def _first_words(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 120 else text[:117] + "..."
