"""Where a field of a TOML file is written: tomllib keeps no positions, so the source is scanned for the line of
each table header and ``key =`` line, and a mistake found in the parsed data can name its line."""

from __future__ import annotations

import re

#: A path into the parsed document, e.g. ``("steps", 2, "prompt", "en")``.
FieldPath = tuple[str | int, ...]

_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_DOTTED_KEY = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_ARRAY_HEADER = re.compile(rf"^\s*\[\[\s*({_DOTTED_KEY})\s*\]\]")
_TABLE_HEADER = re.compile(rf"^\s*\[\s*({_DOTTED_KEY})\s*\]")
_KEY_VALUE = re.compile(rf"^\s*({_DOTTED_KEY})\s*=(.*)$")
_PART = re.compile(_KEY_PART)


def _key_parts(dotted: str) -> tuple[str, ...]:
    parts = []
    for match in _PART.finditer(dotted):
        part = match.group(0)
        if part[0] in "\"'":
            part = part[1:-1]
        parts.append(part)
    return tuple(parts)


class LineLocator:
    """Finds the line of a field by scanning the TOML source (tomllib keeps no positions).

    Every table header and ``key =`` line is given its concrete path: ``[[steps]]`` headers are counted,
    so the third one is ``("steps", 2)``, a ``[steps.prompt]`` header after it is ``("steps", 2, "prompt")``
    and an ``en =`` line below that is ``("steps", 2, "prompt", "en")``. A field is found at its own line,
    or else at the line of the nearest enclosing table or key that exists (a missing key points at the
    header of its table).
    """

    def __init__(self, text: str):
        self.first_line: dict[FieldPath, int] = {}
        self._scan(text)

    def _remember(self, path: FieldPath, line: int) -> None:
        self.first_line.setdefault(path, line)

    def _scan(self, text: str) -> None:
        arrays: dict[FieldPath, int] = {}
        current: FieldPath = ()
        closing: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if closing is not None:
                if closing in line:
                    closing = None
                continue
            if match := _ARRAY_HEADER.match(line):
                parts = _key_parts(match.group(1))
                parent = self._concrete(parts[:-1], arrays)
                array_path = (*parent, parts[-1])
                arrays[array_path] = arrays.get(array_path, 0) + 1
                current = (*array_path, arrays[array_path] - 1)
                self._remember(array_path, number)
                self._remember(current, number)
                continue
            if match := _TABLE_HEADER.match(line):
                current = self._concrete(_key_parts(match.group(1)), arrays)
                self._remember(current, number)
                continue
            if match := _KEY_VALUE.match(line):
                parts = _key_parts(match.group(1))
                for depth in range(1, len(parts) + 1):
                    self._remember((*current, *parts[:depth]), number)
                closing = _unclosed_multiline(match.group(2))

    @staticmethod
    def _concrete(parts: tuple[str, ...], arrays: dict[FieldPath, int]) -> FieldPath:
        path: FieldPath = ()
        for part in parts:
            path = (*path, part)
            if path in arrays:
                path = (*path, arrays[path] - 1)
        return path

    def find(self, field: FieldPath) -> int | None:
        """The line of ``field``, or of its nearest located parent; ``None`` for the document root."""
        for end in range(len(field), 0, -1):
            line = self.first_line.get(field[:end])
            if line is not None:
                return line
        return None


def _unclosed_multiline(value: str) -> str | None:
    """The delimiter still to be closed when a value opens a multi-line string and does not end it."""
    value = value.strip()
    for quote in ('"""', "'''"):
        if value.startswith(quote) and value.count(quote) == 1:
            return quote
    return None
