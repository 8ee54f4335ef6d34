"""Where Thai text may break between lines: Thai has no spaces between words, so a line breaker that only
breaks at spaces cuts a word in two. :func:`breakable` marks the word boundaries with ZERO WIDTH SPACE, where
the app's own segmenter (:func:`facilitator.core.words.segments`, loaded on first use) puts them, and keeps a
number with the Thai word before it ("ครั้งที่ 2" is never cut before its 2).
"""

from __future__ import annotations

import re

from facilitator.core import words

#: The mark of a place a line may break; drawn as nothing.
ZWSP = "\u200b"
#: A space no line breaks at (drawn as a space).
NBSP = "\u00a0"
_THAI = re.compile(r"[\u0e00-\u0e7f]+")
#: A space between a Thai letter and a number.
_BEFORE_NUMBER = re.compile(r"(?<=[\u0e00-\u0e7f]) (?=[0-9])")


def breakable(text: str) -> str:
    """``text`` with a ZERO WIDTH SPACE between each two Thai words, and the space between a Thai word and a
    number after it made one no line breaks at (the text is otherwise unchanged)."""
    if not _THAI.search(text):
        return text
    return _BEFORE_NUMBER.sub(NBSP, _THAI.sub(lambda run: ZWSP.join(words.segments(run.group())), text))
