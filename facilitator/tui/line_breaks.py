"""Line breaks at word boundaries, Thai included.

Textual wraps text at spaces; Thai writes no spaces between words, so a Thai card wraps wherever its line is
full, often inside a syllable. :func:`break_lines` breaks at spaces as before and also between Thai words (found
by :func:`facilitator.core.words.segments`), measuring in terminal cells (Thai vowel and tone marks take none).
:class:`WordBreaks` draws a ``Content`` with those breaks at whatever width its widget has.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from facilitator.core import words
from facilitator.tui.render import joined

Segmenter = Callable[[str], list[str]]


def _opens_word(ch: str) -> bool:
    """Whether a word may start a line with ``ch`` (a letter; not a mark, ``ๆ`` or punctuation)."""
    return unicodedata.category(ch) in ("Lo", "Lu", "Ll", "Lt") and ch not in "ๆฯ"


def _breakable(before: str, after: str) -> bool:
    """Whether a line may break between segment ``before`` and segment ``after``: after spaces, or between two
    words when one of them is Thai."""
    if before[-1].isspace():
        return True
    if after[0].isspace() or not _opens_word(after[0]):
        return False
    closes = unicodedata.category(before[-1])[0] in "LM"
    return closes and (words.is_thai(before[-1]) or words.is_thai(after[0]))


def units(line: str, segment: Segmenter = words.segments) -> list[str]:
    """``line`` as the pieces no line break may cut (a word with the spaces after it, or Thai words stuck to
    punctuation), in order: ``"".join(units(line)) == line``."""
    pieces = segment(line) if line else []
    found: list[str] = []
    for piece in pieces:
        if found and not _breakable(found[-1], piece):
            found[-1] += piece
        else:
            found.append(piece)
    return found


def name_kept_whole(name: str, segment: Segmenter = words.segments) -> Segmenter:
    """A segmenter for a text that ends in a person's ``name`` (a card's "organisation · name"): what comes
    before the name is cut as ``segment`` cuts it, the name only at its spaces. A Thai name is in no dictionary,
    and cut between the words the dictionary finds in it ("ครูอรุณี" → "ครูอรุ" "ณี") it reads as two."""

    def cut(text: str) -> list[str]:
        if not name or not text.endswith(name):
            return segment(text)
        head = text[: len(text) - len(name)]
        return [*(segment(head) if head else []), *_NAME_PARTS.findall(name)]

    return cut


#: A name's parts: each word with the spaces after it (and spaces it starts with).
_NAME_PARTS = re.compile(r"\s+|\S+\s*")


def _fold(unit: str, width: int) -> list[str]:
    """A unit wider than ``width`` cut into pieces that fit, never between a letter and its marks."""
    pieces = [""]
    for ch in unit:
        if pieces[-1] and cell_len(pieces[-1].rstrip() + ch) > width and unicodedata.category(ch)[0] != "M":
            pieces.append("")
        pieces[-1] += ch
    return pieces


def break_lines(text: str, width: int, segment: Segmenter = words.segments) -> list[str]:
    """``text`` as lines of at most ``width`` cells (spaces at a line's end not counted), broken at spaces and
    between Thai words; a word longer than a line is cut. Newlines in ``text`` end lines.

    The lines keep every character: ``"".join(lines)`` is ``text`` without its newlines."""
    width = max(width, 1)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if cell_len(paragraph.rstrip()) <= width:   # fits whole: no need to find its words
            lines.append(paragraph)
            continue
        current = ""
        for unit in units(paragraph, segment):
            if current and cell_len((current + unit).rstrip()) > width:
                lines.append(current)
                current = ""
            if cell_len(unit.rstrip()) > width:
                *full, current = _fold(unit, width)
                lines += full
            else:
                current += unit
        lines.append(current)
    return lines


class WordBreaks(Visual):
    """A ``Content`` drawn with its lines broken by :func:`break_lines` at the width it is given (words found by
    ``segment``).

    Until the segmenter is loaded (:func:`facilitator.core.words.ready`) it draws as plain ``Content`` does,
    so drawing never waits for it; refresh the widget's layout once it is.
    """

    def __init__(self, content: Content, segment: Segmenter = words.segments) -> None:
        self.content = content
        self._segment = segment
        self._broken: tuple[int, Content] | None = None

    def __str__(self) -> str:
        return self.content.plain

    def at_width(self, width: int) -> Content:
        """The content with a newline at each break for ``width`` (itself while the segmenter is loading)."""
        if not words.ready():
            return self.content
        if self._broken is None or self._broken[0] != width:
            lines: list[Content] = []
            for paragraph in self.content.split("\n", allow_blank=True):
                offsets, position = [], 0
                for line in break_lines(paragraph.plain, width, self._segment)[:-1]:
                    position += len(line)
                    offsets.append(position)
                lines += [piece.rstrip() for piece in paragraph.divide(offsets)]
            self._broken = (width, joined("\n", lines))
        return self._broken[1]

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        """Draw the broken lines (each fits, so Textual's own wrapping changes nothing)."""
        return self.at_width(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap) -> int:
        """As wide as the longest line of the text."""
        return self.content.get_optimal_width(rules)

    def get_minimal_width(self, rules: RulesMap) -> int:
        """As narrow as the content's longest word."""
        return self.content.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        """How many lines the broken text takes at ``width``."""
        return self.at_width(width).get_height(rules, width)
