"""Words in answers: Thai split into words (it has no spaces between them), and the words worth counting.

Segmentation is pythainlp's ``newmm`` dictionary tokenizer, offline, over pythainlp's word list held in a
:class:`~facilitator.core.prefix_dictionary.PrefixDictionary` (which the garbage collector does not walk); the
pieces it cuts an agency's abbreviation into ("รพ." "สต.", "พอ" "ช" ".") are joined again
(:data:`~facilitator.core.vocab.AGENCY_ABBREVIATIONS`), so that each counts as one word however it is typed.
Importing it and building the dictionary take about a second, so it is loaded lazily: :func:`warm` loads it (call it
from a worker thread), :func:`ready` says whether it is loaded, and :func:`segments` loads it on first use if
nobody warmed it.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable

from facilitator.core.prefix_dictionary import PrefixDictionary
from facilitator.core.vocab import AGENCY_ABBREVIATIONS

_lock = threading.Lock()
_tokenize: Callable[[str], list[str]] | None = None
_stop_words: frozenset[str] = frozenset()

#: English words too common to say anything about an answer (Thai ones come from pythainlp).
ENGLISH_STOP_WORDS = frozenset(
    "a an and are as at be been but by can could do does for from had has have how i if in into is it its "
    "just more most my no not of on or our so such than that the their them then there these they this to "
    "too us very was we were what when where which who will with would you your".split()
)
#: SARA AM typed as NIKHAHIT (+ a tone mark) + SARA AA: it looks the same, so it is made the same word.
_SPLIT_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
#: Thai repetition and abbreviation marks: never words of their own.
_THAI_MARKS = frozenset("ๆฯ")
#: Every spelling of an agency's abbreviation → the one counted and shown.
_ABBREVIATED = {spelling: spellings[0] for spellings in AGENCY_ABBREVIATIONS for spelling in spellings}
#: The most pieces the segmenter cuts one abbreviation into ("ธ" "." "ก" "." …: one spelling's letters and dots).
_MOST_PIECES = max(len(spelling) for spelling in _ABBREVIATED)


def warm() -> None:
    """Load the tokenizer and the Thai stop words (about a second the first time; then nothing)."""
    global _tokenize, _stop_words
    with _lock:
        if _tokenize is not None:
            return
        from pythainlp.corpus import thai_stopwords, thai_words
        from pythainlp.tokenize import word_tokenize

        dictionary = PrefixDictionary(thai_words())

        def tokenize(text: str) -> list[str]:
            return list(word_tokenize(text, engine="newmm", custom_dict=dictionary, keep_whitespace=True))

        _stop_words = frozenset(thai_stopwords())
        _tokenize = tokenize


def ready() -> bool:
    """Whether :func:`warm` has finished: :func:`segments` will not block."""
    return _tokenize is not None


def segments(text: str) -> list[str]:
    """``text`` cut into words, spaces and punctuation, in order: ``"".join(segments(text)) == text``.

    The last few thousand texts are remembered: a card is broken into lines again at each width it is drawn."""
    return list(_segments(text))


@functools.lru_cache(maxsize=4096)
def _segments(text: str) -> tuple[str, ...]:
    warm()
    assert _tokenize is not None
    pieces = _abbreviations_joined([piece for piece in _tokenize(text) if piece])
    return pieces if "".join(pieces) == text else (text,)


def _abbreviations_joined(pieces: list[str]) -> tuple[str, ...]:
    """``pieces`` with the runs that spell an agency's abbreviation made one piece (the longest run first)."""
    joined: list[str] = []
    at = 0
    while at < len(pieces):
        for end in range(min(len(pieces), at + _MOST_PIECES), at + 1, -1):
            if (run := "".join(pieces[at:end])) in _ABBREVIATED:
                joined.append(run)
                at = end
                break
        else:
            joined.append(pieces[at])
            at += 1
    return tuple(joined)


def is_thai(ch: str) -> bool:
    """Whether ``ch`` is in the Thai block of Unicode."""
    return "\u0e00" <= ch <= "\u0e7f"


def _letter_runs(piece: str) -> list[str]:
    """The runs of letters (with their vowel and tone marks) in ``piece``: punctuation, digits, symbols and
    ``ๆ`` separate them (newmm keeps non-Thai text such as ``"(the"`` or ``"app.quit"`` in one piece)."""
    runs, current = [], ""
    for ch in piece:
        if unicodedata.category(ch)[0] in "LM" and ch not in _THAI_MARKS:
            current += ch
        elif current:
            runs.append(current)
            current = ""
    return [*runs, current] if current else runs


def words(text: str) -> list[str]:
    """The words of ``text`` worth counting, in order: Thai segmented (composed, SARA AM however typed),
    English lowercased, an agency's abbreviation as its one spelling ("พอช" → "พอช."); stop words,
    punctuation, numbers and one-letter words left out."""
    normal = _SPLIT_SARA_AM.sub("\\1\u0e33", unicodedata.normalize("NFC", text)).lower()
    return [
        run for piece in segments(normal)
        for run in ([_ABBREVIATED[piece]] if piece in _ABBREVIATED else _letter_runs(piece))
        if len(run) > 1 and run not in _stop_words and run not in ENGLISH_STOP_WORDS
    ]


def top_words(texts: Iterable[str], limit: int = 30) -> list[tuple[str, int]]:
    """The ``limit`` most frequent words of ``texts`` with how often each occurs, most frequent first (ties in
    the order of first appearance)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(words(text))
    return counts.most_common(limit)
