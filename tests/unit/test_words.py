"""Counting the words of answers: Thai segmented, stop words, punctuation and numbers left out."""

from __future__ import annotations

import pytest

from facilitator.core import words
from tests.unit.thai_sentences import SEED_SENTENCES


@pytest.mark.parametrize("text", SEED_SENTENCES)
def test_segments_keep_every_character(text: str) -> None:
    assert "".join(words.segments(text)) == text


def test_thai_is_split_into_words_without_stop_words_numbers_or_marks() -> None:
    found = words.words(SEED_SENTENCES[4])  # พบปะพูดคุยกันบ่อยๆ ก็ดีนะค่ะ จะได้ทราบข้อมูลที่เป็นข้อมูลล่าสุด…
    assert found.count("ข้อมูล") == 2
    assert {"พูดคุย", "ทราบ", "แนวทาง"} <= set(found)
    assert not {"ๆ", "ก็", "ที่", "เป็น", "จะ"} & set(found)
    assert words.words(SEED_SENTENCES[2]).count("เครือข่าย") == 1
    assert not any(ch in "๔๐" for word in words.words(SEED_SENTENCES[2]) for ch in word)


def test_english_is_lowercased_and_punctuation_and_numbers_dropped() -> None:
    assert words.words("Shared DATA, shared data! 2024 ๒๕๖๗ (the data) — ok?") == [
        "shared", "data", "shared", "data", "data", "ok",
    ]


def test_markup_and_html_are_only_words() -> None:
    assert words.words("[@click=app.quit]x <script>alert(1)</script>") == [
        "click", "app", "quit", "script", "alert", "script",
    ]


def test_top_words_count_across_answers_most_frequent_first() -> None:
    assert words.top_words(SEED_SENTENCES, limit=5) == [
        ("ทำ", 4), ("การทำงาน", 3), ("สร้าง", 3), ("ภาคี", 3), ("เครือข่าย", 3),
    ]
    assert dict(words.top_words(SEED_SENTENCES))["ข้อมูล"] == 3


def test_decomposed_thai_counts_as_composed() -> None:
    typed = ["น้ำท่วมถนน", "น\u0e49\u0e4d\u0e32ท่วมถนน", "น\u0e4d\u0e49\u0e32ท่วมถนน", "น\u0e49\u0e33ท่วมถนน"]
    assert len(set(typed)) == 3  # SARA AM, or NIKHAHIT and SARA AA around or after the tone mark
    assert dict(words.top_words(typed))["น้ำท่วม"] == 4


def test_agency_abbreviations_are_one_word_each() -> None:
    assert words.segments("ร่วมกับรพ.สต.บ้านนาและธ.ก.ส.") == ["ร่วมกับ", "รพ.สต.", "บ้าน", "นา", "และ", "ธ.ก.ส."]
    assert words.words("ทำงานกับพอช.และสสส.") == ["ทำงาน", "พอช.", "สสส."]
    assert words.words("สสอ.และสสจ.") == ["สสอ.", "สสจ."]   # two offices, not one word "สส" twice


def test_an_abbreviation_counts_as_one_word_however_it_is_typed() -> None:
    counted = dict(words.top_words(["ประชุมกับพอช.", "ประชุมกับพอช", "พ.ร.บ. ใหม่", "พรบ.ใหม่"]))
    assert counted["พอช."] == 2 and counted["พ.ร.บ."] == 2
    assert not {"พอช", "พรบ", "พอ", "ช"} & counted.keys()


def test_a_word_that_starts_like_an_abbreviation_stays_whole() -> None:
    assert words.words("ผอมลง ผอ.โรงเรียน") == ["ผอม", "ผอ.", "โรงเรียน"]
