"""Where Thai text may break between lines: Thai has no spaces between words, so a line breaker that only
breaks at spaces cuts a word in two. :func:`breakable` marks the word boundaries with ZERO WIDTH SPACE, where
the app's own segmenter (:func:`facilitator.core.words.segments`, loaded on first use) puts them.
"""

from __future__ import annotations

import re

from facilitator.core import words

#: The mark of a place a line may break; drawn as nothing.
ZWSP = "\u200b"
_THAI = re.compile(r"[\u0e00-\u0e7f]+")


def breakable(text: str) -> str:
    """``text`` with a ZERO WIDTH SPACE between each two Thai words (the text is otherwise unchanged)."""
    if not _THAI.search(text):
        return text
    return _THAI.sub(lambda run: ZWSP.join(words.segments(run.group())), text)
