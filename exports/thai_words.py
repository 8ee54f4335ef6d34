"""Where Thai text may break between lines: Thai has no spaces between words, so a line breaker that only
breaks at spaces cuts a word in two. :func:`breakable` marks the word boundaries with ZERO WIDTH SPACE, where
the app's own segmenter (:func:`facilitator.core.words.segments`, loaded on first use) puts them, and keeps a
number with the Thai word before it ("ครั้งที่ 2" is never cut before its 2). People's names are not in the
segmenter's dictionary, which cuts many of them ("สม|ศรี", "อรุ|ณี"): the words of names given in ``whole``
(:func:`name_words`) are kept whole, breaking only at their spaces, as the wall does.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from facilitator.core import words

#: The mark of a place a line may break; drawn as nothing.
ZWSP = "\u200b"
#: A space no line breaks at (drawn as a space).
NBSP = "\u00a0"
_THAI = re.compile(r"[\u0e00-\u0e7f]+")
#: A space between a Thai letter and a number.
_BEFORE_NUMBER = re.compile(r"(?<=[\u0e00-\u0e7f]) (?=[0-9])")


def breakable(text: str, whole: Collection[str] = ()) -> str:
    """``text`` with a ZERO WIDTH SPACE between each two Thai words — but inside none of the words in ``whole``
    (runs of Thai letters, as :func:`name_words` gives) — and the space between a Thai word and a number after it
    made one no line breaks at (the text is otherwise unchanged)."""
    if not _THAI.search(text):
        return text

    def marked(run: re.Match[str]) -> str:
        return run.group() if run.group() in whole else ZWSP.join(words.segments(run.group()))

    return _BEFORE_NUMBER.sub(NBSP, _THAI.sub(marked, text))


def name_words(names: Iterable[str]) -> frozenset[str]:
    """The runs of Thai letters in ``names`` (people's names): what :func:`breakable` keeps whole."""
    return frozenset(word for name in names for word in _THAI.findall(name))
