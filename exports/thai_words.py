"""Where Thai text may break between lines: Thai has no spaces between words, so a line breaker that only
breaks at spaces cuts a word in two. :func:`breakable` marks the word boundaries with ZERO WIDTH SPACE.

pythainlp's dictionary takes a few seconds to load, so it is imported on first use.
"""

from __future__ import annotations

import functools
import re

#: The mark of a place a line may break; drawn as nothing.
ZWSP = "\u200b"
_THAI = re.compile(r"[\u0e00-\u0e7f]+")


@functools.cache
def _tokenize() -> object:
    from pythainlp.tokenize import word_tokenize

    return word_tokenize


def breakable(text: str) -> str:
    """``text`` with a ZERO WIDTH SPACE between each two Thai words (the text is otherwise unchanged)."""
    if not _THAI.search(text):
        return text
    tokenize = _tokenize()
    return _THAI.sub(lambda run: ZWSP.join(tokenize(run.group(), engine="newmm")), text)  # type: ignore[operator]
