"""Where keys stand in a TOML text: line and column for messages about valid TOML's content."""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from typing import Any

Path_ = tuple[str | int, ...]


class KeyLines:
    """Where each key and table stands in the source text, so schema problems can name a line.

    A small lexer over text that tomllib has already accepted, not a line heuristic: it follows
    table headers, dotted and quoted keys, all four kinds of string, comments, arrays and inline
    tables, and records each key by its path in the data, like ("sections", 0, "themes", 1,
    "timebox"). When anything looks off it knows no positions at all: no line beats a wrong one.
    """

    def __init__(self) -> None:
        self._positions: dict[Path_, tuple[int, int]] = {}
        # How to find the positions, until they are first asked for: only a file with a
        # problem needs them, and lexing a valid file again would cost as much as parsing it.
        self._pending: Callable[[], dict[Path_, tuple[int, int]]] | None = None

    @property
    def positions(self) -> dict[Path_, tuple[int, int]]:
        """Each key's path in the data and its (line, column)."""
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._positions = pending()
        return self._positions

    @positions.setter
    def positions(self, value: dict[Path_, tuple[int, int]]) -> None:
        self._positions, self._pending = value, None

    @classmethod
    def scan(cls, text: str, data: Mapping[str, Any] | None = None) -> KeyLines:
        """Positions of the keys in `text`; with `data`, every path found must exist in it.

        The text is lexed when a position is first asked for.
        """
        found = cls()
        found._pending = lambda: _scan(text, data)
        return found

    def near(self, path: Path_) -> tuple[int, int] | None:
        """Where `path` stands, else the nearest enclosing key or table that has a position."""
        for end in range(len(path), -1, -1):
            if (found := self.positions.get(path[:end])) is not None:
                return found
        return None

    def sub(self, prefix: Path_) -> KeyLines:
        """The positions inside the table at `prefix`, as paths relative to it."""
        inner = KeyLines()
        size = len(prefix)
        inner._pending = lambda: {
            path[size:]: position
            for path, position in self.positions.items()
            if path[:size] == prefix
        }
        return inner

    def at(
        self, section: int | None, theme: int | None, key: str, item: int | None = None
    ) -> tuple[int, int] | None:
        """Where `key` (or its list item) of a theme, section or the top stands; else its table."""
        table: Path_ = ()
        if section is not None:
            table = (
                ("sections", section) if theme is None else ("sections", section, "themes", theme)
            )
        return self.find(table, key, item)

    def find(self, table: Path_, key: str, item: int | None = None) -> tuple[int, int] | None:
        """Where `key` (or its list item) of the table at `table` stands; else the table's own."""
        if key:
            if item is not None and (*table, key, item) in self.positions:
                return self.positions[(*table, key, item)]
            if (*table, key) in self.positions:
                return self.positions[(*table, key)]
        return self.positions.get(table)


def _scan(text: str, data: Mapping[str, Any] | None) -> dict[Path_, tuple[int, int]]:
    try:
        positions = _Lexer(text).run()
    except (IndexError, ValueError, RecursionError, tomllib.TOMLDecodeError):
        return {}
    if data is not None and not all(_has_path(data, path) for path in positions):
        return {}
    # A key missing at the top is reported at the start of the file.
    positions.setdefault((), (1, 1))
    return positions


def _has_path(data: Any, path: Path_) -> bool:
    """Whether the parsed data holds the key or item at `path`."""
    for step in path:
        in_list = isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data)
        if not (in_list or (isinstance(data, dict) and step in data)):
            return False
        data = data[step]
    return True


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR_END = re.compile(r"[,\]}\r\n#]")


class _Lexer:
    """Walks valid TOML once, noting the position of every key, table and array item."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.arrays: dict[Path_, int] = {}  # array-of-tables path -> tables so far

    def run(self) -> dict[Path_, tuple[int, int]]:
        """Every statement of the document: table headers and key/value pairs."""
        table: Path_ = ()
        text = self.text
        while True:
            self.skip_blank(newlines=True)
            if self.i >= len(text):
                return self.positions
            start = self.i
            if text.startswith("[[", start):
                self.i += 2
                parts = self.key()
                self.expect("]]")
                array = (*self.resolve(parts[:-1]), parts[-1][0])
                self.note(array, parts[-1][1])
                count = self.arrays.get(array, 0)
                self.arrays[array] = count + 1
                table = (*array, count)
                self.note(table, start)
            elif text[start] == "[":
                self.i += 1
                parts = self.key()
                self.expect("]")
                table = self.resolve(parts)
                self.note(table, start)
            else:
                self.key_value(table)
            self.skip_blank(newlines=False)
            if self.i < len(text) and text[self.i] not in "\r\n":
                raise ValueError("expected the end of a line")

    def resolve(self, parts: list[tuple[str, int]]) -> Path_:
        """A header's dotted key as a data path: arrays of tables stand for their last table."""
        path: Path_ = ()
        for name, start in parts:
            path = (*path, name)
            self.note(path, start)
            if path in self.arrays:
                path = (*path, self.arrays[path] - 1)
        return path

    def key_value(self, table: Path_) -> None:
        """`key = value` in a table, noting each part of a dotted key."""
        path = table
        for name, start in self.key():
            path = (*path, name)
            self.note(path, start)
        self.expect("=")
        self.skip_blank(newlines=False)
        self.value(path)

    def key(self) -> list[tuple[str, int]]:
        """A bare, quoted or dotted key: each part's name and where it starts."""
        parts: list[tuple[str, int]] = []
        while True:
            self.skip_blank(newlines=False)
            start = self.i
            if self.text[start] in "\"'":
                self.string()
                name = tomllib.loads("k = " + self.text[start : self.i])["k"]
            else:
                match = _BARE_KEY.match(self.text, start)
                if not match:
                    raise ValueError("expected a key")
                name, self.i = match.group(), match.end()
            parts.append((name, start))
            self.skip_blank(newlines=False)
            if self.text.startswith(".", self.i):
                self.i += 1
                continue
            return parts

    def value(self, path: Path_) -> None:
        """Skip one value; in arrays and inline tables, note the items and keys within."""
        char = self.text[self.i]
        if char in "\"'":
            self.string()
        elif char == "[":
            for index in self.items("]"):
                self.note((*path, index), self.i)
                self.value((*path, index))
        elif char == "{":
            for _index in self.items("}"):
                self.key_value(path)
        else:
            match = _SCALAR_END.search(self.text, self.i)
            end = match.start() if match else len(self.text)
            if end == self.i:
                raise ValueError("expected a value")
            self.i = end

    def items(self, close: str) -> Iterator[int]:
        """Step over an array's or inline table's commas up to `close`; at each item, its number.

        The caller reads the item before asking for the next one.
        """
        self.i += 1  # the opening bracket or brace
        index = 0
        while True:
            self.skip_blank(newlines=True)
            if self.text[self.i] == close:
                self.i += 1
                return
            if self.text[self.i] == ",":
                self.i += 1
                continue
            yield index
            index += 1

    def string(self) -> None:
        """Skip a string of any of the four kinds, escapes and all."""
        text, start = self.text, self.i
        quote = text[start]
        if text.startswith(quote * 3, start):
            end = start + 3
            while True:
                if quote == '"' and text[end] == "\\":
                    end += 2
                elif text.startswith(quote * 3, end):
                    end += 3
                    # Up to two more quotes belong to the content, before the closing three.
                    for _ in range(2):
                        if end < len(text) and text[end] == quote:
                            end += 1
                    break
                else:
                    end += 1
        else:
            end = start + 1
            while text[end] != quote:
                if text[end] in "\r\n":
                    raise ValueError("unterminated string")
                end += 2 if quote == '"' and text[end] == "\\" else 1
            end += 1
        self.i = end

    def skip_blank(self, newlines: bool) -> None:
        text = self.text
        while self.i < len(text):
            char = text[self.i]
            if char in " \t" or (newlines and char in "\r\n"):
                self.i += 1
            elif char == "#":
                end = text.find("\n", self.i)
                self.i = len(text) if end < 0 else end
            else:
                return

    def expect(self, token: str) -> None:
        self.skip_blank(newlines=False)
        if not self.text.startswith(token, self.i):
            raise ValueError(f"expected {token}")
        self.i += len(token)

    def note(self, path: Path_, index: int) -> None:
        line = bisect.bisect_right(self.line_starts, index)
        self.positions.setdefault(path, (line, index - self.line_starts[line - 1] + 1))
