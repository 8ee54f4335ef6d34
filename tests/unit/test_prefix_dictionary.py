"""The segmenter's dictionary: the same words as pythainlp's trie, held where the garbage collector does not walk."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pythainlp.tokenize import word_tokenize
from pythainlp.util import Trie

from facilitator.core.prefix_dictionary import PrefixDictionary
from tests.unit.thai_sentences import SEED_SENTENCES

WORDS = ["สวัสดี", "สวัส", "ดี", "ครับ", " ภาคี ", "ภาคีเครือข่าย", "เครือข่าย", ""]


@pytest.mark.parametrize("text", ["สวัสดีครับ", "ภาคีเครือข่ายดี", "xสวัสดี", "", "ครั"])
@pytest.mark.parametrize("start", [0, 1, 4])
def test_prefixes_are_the_words_a_trie_finds(text: str, start: int) -> None:
    assert PrefixDictionary(WORDS).prefixes(text, start) == Trie(WORDS).prefixes(text, start)


def test_words_are_in_it_and_their_prefixes_alone_are_not() -> None:
    dictionary = PrefixDictionary(WORDS)
    assert "ภาคี" in dictionary and "สวัส" in dictionary
    assert "สวั" not in dictionary and "" not in dictionary and 3 not in dictionary
    assert len(dictionary) == 7  # the empty word is no word


def test_newmm_cuts_the_seed_reports_as_with_pythainlps_own_trie() -> None:
    from pythainlp.corpus import thai_words

    dictionary = PrefixDictionary(thai_words())
    for text in SEED_SENTENCES:
        ours = word_tokenize(text, engine="newmm", custom_dict=dictionary, keep_whitespace=True)
        assert ours == word_tokenize(text, engine="newmm", keep_whitespace=True)


def test_loading_the_segmenter_gives_the_collector_almost_nothing_to_walk() -> None:
    """pythainlp's own trie is ~420 000 objects a full collection walks; the loaded segmenter adds a few
    thousand (its modules), and pythainlp's trie is never built."""
    probe = (
        "import gc\n"
        "from facilitator.core import words\n"
        "import pythainlp.tokenize, pythainlp.corpus\n"
        "gc.collect(); before = len(gc.get_objects())\n"
        "words.warm(); words.segments('ภาคีเครือข่ายพอช.')\n"
        "gc.collect(); print(len(gc.get_objects()) - before)\n"
        "from pythainlp.tokenize import word_dict_trie\n"
        "print(word_dict_trie.cache_info().currsize)\n"
    )
    added, tries_built = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert int(added) < 50_000
    assert tries_built == "0"
