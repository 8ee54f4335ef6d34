"""Words in answers: Thai split into words (it has no spaces between them), and the words worth counting.

Segmentation is pythainlp's ``newmm`` dictionary tokenizer, offline. Importing it and its first call take about
a second, so it is loaded lazily: :func:`warm` loads it (call it from a worker thread), :func:`ready` says whether
it is loaded, and :func:`segments` loads it on first use if nobody warmed it.
"""

from __future__ import annotations

import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable

_lock = threading.Lock()
_tokenize: Callable[[str], list[str]] | None = None
_stop_words: frozenset[str] = frozenset()

#: English words too common to say anything about an answer (Thai ones come from pythainlp).
ENGLISH_STOP_WORDS = frozenset(
    "a an and are as at be been but by can could do does for from had has have how i if in into is it its "
    "just more most my no not of on or our so such than that the their them then there these they this to "
    "too us very was we were what when where which who will with would you your".split()
)
#: Thai repetition and abbreviation marks: never words of their own.
_THAI_MARKS = frozenset("ๆฯ")


def warm() -> None:
    """Load the tokenizer and the Thai stop words (about a second the first time; then nothing)."""
    global _tokenize, _stop_words
    with _lock:
        if _tokenize is not None:
            return
        from pythainlp.corpus import thai_stopwords
        from pythainlp.tokenize import word_tokenize

        def tokenize(text: str) -> list[str]:
            return list(word_tokenize(text, engine="newmm", keep_whitespace=True))

        tokenize("ภาคีเครือข่าย")  # the first call builds the dictionary's trie
        _stop_words = frozenset(thai_stopwords())
        _tokenize = tokenize


def ready() -> bool:
    """Whether :func:`warm` has finished: :func:`segments` will not block."""
    return _tokenize is not None


def segments(text: str) -> list[str]:
    """``text`` cut into words, spaces and punctuation, in order: ``"".join(segments(text)) == text``."""
    warm()
    assert _tokenize is not None
    pieces = [piece for piece in _tokenize(text) if piece]
    return pieces if "".join(pieces) == text else [text]


def is_thai(ch: str) -> bool:
    """Whether ``ch`` is in the Thai block of Unicode."""
    return "\u0e00" <= ch <= "\u0e7f"


def _counts(token: str) -> bool:
    """Whether ``token`` (lowercased) is a word worth counting: it has letters, is no number, punctuation or
    stop word, and is longer than one character."""
    if len(token) < 2 or token in _THAI_MARKS:
        return False
    if not any(unicodedata.category(ch).startswith("L") and ch not in _THAI_MARKS for ch in token):
        return False
    return token not in _stop_words and token not in ENGLISH_STOP_WORDS


def words(text: str) -> list[str]:
    """The words of ``text`` worth counting, in order: Thai segmented, English lowercased, stop words,
    punctuation and numbers left out."""
    normal = unicodedata.normalize("NFC", text)
    return [token for piece in segments(normal) if _counts(token := piece.strip().lower())]


def top_words(texts: Iterable[str], limit: int = 30) -> list[tuple[str, int]]:
    """The ``limit`` most frequent words of ``texts`` with how often each occurs, most frequent first (ties in
    the order of first appearance)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(words(text))
    return counts.most_common(limit)
