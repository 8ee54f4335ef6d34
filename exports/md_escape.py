"""Participant text as Markdown that renders literally, with as few backslashes as that takes.

A post is pasted into blogs, Word and LINE as often as it is rendered, so a backslash that changes nothing
where it stands is noise a reader sees (``อบต\\.หนองบัว``, ``3 ธ\\.ค\\. 2569``). A character is escaped only where
CommonMark (with GFM tables and strikethrough) could read it as syntax:

- anywhere in a line: ``\\`` before punctuation or at the end, `````, ``*``, ``_``, ``[``, ``~~``, ``<`` that
  could open a tag or an autolink, ``&`` that could start an entity, ``|`` in a table cell;
- at the start of a line (a paragraph, a list item's text, a heading's text): what would make it a heading,
  a quote, a list item, a thematic break or a code fence;
- at the end: a ``#`` after a space, which a heading would drop.

Thai and every other letter or mark passes through unchanged (in NFC). ``tests/unit/test_markdown_escape.py``
renders escaped text with markdown-it-py and compares the text shown with the text given.
"""

from __future__ import annotations

import re
import unicodedata

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
#: Always literal once escaped, wherever they stand.
_INLINE = frozenset("`*_[")
#: ``<`` opens raw HTML or an autolink only before a letter, ``/``, ``!`` or ``?``.
_TAG_START = re.compile(r"[A-Za-z/!?]")
#: ``&`` starts an entity only as ``&name;``, ``&#123;`` or ``&#x1F;``.
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
#: Line starts that open a block: an ATX heading, a bullet, an ordered item (each needs a space or the end
#: after it), a thematic break or setext underline (the whole line), a quote, a code fence.
_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
_BULLET = re.compile(r"[-+*](?:[ \t]|$)")
_ORDERED = re.compile(r"(\d{1,9})[.)](?:[ \t]|$)")
_RULE = re.compile(r"(?:(?:-[ \t]*){2,}|(?:=[ \t]*)+|(?:_[ \t]*){3,}|(?:\*[ \t]*){3,})$")
_FENCE = re.compile(r"`{3,}|~{3,}")
#: A GFM table's delimiter row (``|---|:-:|``), which turns the line before it into a table header.
_DELIMITER_ROW = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?$")


def escape_lines(text: str, *, cell: bool = False) -> list[str]:
    """``text``'s non-blank lines, each escaped, their outer blanks dropped (indentation could start code).

    ``cell``: the lines go into a GFM table cell, where ``|`` ends the cell.
    """
    lines = (line.strip() for line in _LINE_BREAK.split(unicodedata.normalize("NFC", text)))
    return [_escape_line(line, cell) for line in lines if line]


def escape(text: str, *, cell: bool = False) -> str:
    """``text`` as one line of Markdown that renders it literally; its line breaks become spaces."""
    return " ".join(escape_lines(text, cell=cell))


def _escape_line(line: str, cell: bool) -> str:
    delimiter_row = "|" in line and bool(_DELIMITER_ROW.match(line))
    out: list[str] = []
    n = len(line)
    for i, ch in enumerate(line):
        nxt = line[i + 1] if i + 1 < n else ""
        if ch == "\\":
            needed = not nxt or nxt in _ASCII_PUNCTUATION
        elif ch in _INLINE:
            needed = True
        elif ch == "~":
            needed = nxt == "~" or (i > 0 and line[i - 1] == "~")
        elif ch == "<":
            needed = bool(_TAG_START.match(nxt))
        elif ch == "&":
            needed = bool(_ENTITY.match(line, i))
        elif ch == "|":
            needed = cell or delimiter_row
        elif ch == "#" and i == n - 1 and i > 0:
            needed = line[i - 1] in " \t#"  # a closing sequence a heading would drop
        else:
            needed = False
        out.append(f"\\{ch}" if needed else ch)
    escaped = "".join(out)
    if escaped.startswith("\\"):
        return escaped  # its first character is literal already
    ordered = _ORDERED.match(line)
    if ordered:
        digits = ordered.group(1)
        return f"{digits}\\{escaped[len(digits):]}"
    if line[0] in ">" or any(rule.match(line) for rule in (_HEADING, _BULLET, _RULE, _FENCE)):
        return "\\" + escaped
    return escaped
