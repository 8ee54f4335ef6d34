"""A text cut to fit a length, with "…", at whole Thai letters.

Thai writes a letter with marks above and below it (no column of their own), sara am after it (a column of its
own, yet part of the letter), and some vowels before the consonant they are read after. A cut between any of
those leaves a letter that reads as another: :func:`shortened` never cuts there, whether the length is counted in
characters (a spreadsheet's sheet name, a chart's label) or in terminal cells (the session's bar).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

#: Thai letters that belong to the letter before them though they take a column: sara am (ำ) and lakkhangyao (ๅ).
_THAI_TRAILING = frozenset("\u0e33\u0e45")
#: Thai vowels written before the consonant they are read after (เ แ โ ใ ไ): never left without it.
_THAI_LEADING = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")
#: What ends a cut text.
ELLIPSIS = "…"


def shortened(text: str, limit: int, measure: Callable[[str], int] = len) -> str:
    """``text`` whole when ``measure`` finds it within ``limit``, else cut so that it and "…" are: never between
    a letter and its marks or its sara am, nor right after a vowel written before its consonant. ``measure``
    counts characters (``len``) or terminal cells (``rich.cells.cell_len``), one character at a time."""
    if measure(text) <= limit:
        return text
    room, cut = limit - measure(ELLIPSIS), 0
    for ch in text:
        room -= measure(ch)
        if room < 0:
            break
        cut += 1
    while cut and (unicodedata.category(text[cut]).startswith("M") or text[cut] in _THAI_TRAILING
                   or text[cut - 1] in _THAI_LEADING):
        cut -= 1
    return text[:cut] + ELLIPSIS
