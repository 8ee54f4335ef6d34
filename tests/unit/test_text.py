"""Cleaning participant text before it is stored."""

from __future__ import annotations

import unicodedata

import pytest

from facilitator.core.text import ANSWER, MAX_ANSWER_CHARS, MAX_NAME_CHARS, NAME, TextRejected, clean

THAI = "ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม"


def test_thai_combining_marks_in_either_order_clean_to_the_same_text() -> None:
    # กุ่ : a phone may send the tone mark before the vowel mark; NFC puts them in canonical order.
    tone_first = "\u0e01\u0e48\u0e38"
    vowel_first = "\u0e01\u0e38\u0e48"
    assert tone_first != vowel_first
    assert clean(tone_first) == clean(vowel_first) == vowel_first


def test_decomposed_latin_composes() -> None:
    assert clean("Cafe\u0301") == "Caf\u00e9"


def test_sara_am_typed_as_two_characters_is_made_sara_am() -> None:
    # SARA AM (U+0E33) has only a compatibility decomposition: NFC alone keeps both spellings apart.
    composed = "\u0e19\u0e49\u0e33"
    spelled = "\u0e19\u0e49\u0e4d\u0e32"
    assert unicodedata.normalize("NFC", spelled) == spelled
    assert clean(composed) == composed
    assert clean(spelled) == composed


def test_thai_text_is_kept_as_is() -> None:
    assert clean(THAI) == THAI


def test_nul_and_control_characters_are_removed() -> None:
    assert clean("a\x00b\x07c\x1bd\x7f") == "abcd"


def test_tab_becomes_a_space() -> None:
    assert clean("a\tb") == "a b"


@pytest.mark.parametrize("control", ["\u202e", "\u202a", "\u202b", "\u202c", "\u202d", "\u2066", "\u2067",
                                     "\u2068", "\u2069", "\u200e", "\u200f"])
def test_bidi_controls_are_removed(control: str) -> None:
    assert clean(f"abc{control}def") == "abcdef"


def test_right_to_left_override_cannot_reverse_the_wall() -> None:
    assert clean("safe \u202etxt.exe") == "safe txt.exe"


def test_zero_width_joiner_is_kept_in_emoji_sequences() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert clean(f"team {family}") == f"team {family}"


def test_emoji_are_kept() -> None:
    assert clean("ดีมาก 👍🏽🎉") == "ดีมาก 👍🏽🎉"


def test_newlines_are_kept_in_answers() -> None:
    assert clean("line one\r\nline two\rline three\n") == "line one\nline two\nline three"


def test_blank_lines_and_surrounding_spaces_are_dropped_in_answers() -> None:
    assert clean("  one  \n\n   \n  two   three ") == "one\ntwo three"


def test_newlines_become_spaces_in_names() -> None:
    assert clean("Somsri\nJaidee", NAME) == "Somsri Jaidee"
    assert "\n" not in clean("a\r\nb\rc", NAME)


def test_space_runs_collapse() -> None:
    assert clean("a   b\u00a0\u00a0c\u3000d") == "a b c d"


@pytest.mark.parametrize("raw", ["", "   ", "\n\n", "\x00", "\u202e", "\t \r\n"])
def test_empty_answer_is_rejected(raw: str) -> None:
    with pytest.raises(TextRejected) as info:
        clean(raw)
    assert info.value.reason == "empty"


def test_empty_name_is_allowed_when_not_required() -> None:
    assert clean("  ", NAME, required=False) == ""


def test_long_answer_is_rejected() -> None:
    assert clean("x" * MAX_ANSWER_CHARS) == "x" * MAX_ANSWER_CHARS
    with pytest.raises(TextRejected) as info:
        clean("x" * (MAX_ANSWER_CHARS + 1))
    assert info.value.reason == "too_long"


def test_limit_counts_characters_not_bytes() -> None:
    thai = ("ก" * MAX_ANSWER_CHARS)
    assert len(thai.encode()) > MAX_ANSWER_CHARS
    assert clean(thai) == thai


def test_hundred_kilobyte_answer_is_rejected() -> None:
    with pytest.raises(TextRejected) as info:
        clean("ก" * 100_000)
    assert info.value.reason == "too_long"


def test_long_name_is_rejected() -> None:
    with pytest.raises(TextRejected) as info:
        clean("n" * (MAX_NAME_CHARS + 1), NAME, required=False)
    assert info.value.reason == "too_long"


@pytest.mark.parametrize(
    "raw",
    ["[/]", "a [/] b", "[/", "[TODO]", "[$accent]", "[@click=app.quit]x", "[link=https://x]y",
     "<script>alert(1)</script>", '"><img onerror=alert(1)>', '=HYPERLINK("http://x")', "+1", "@SUM(A1)"],
)
def test_markup_html_and_formulas_are_stored_unchanged(raw: str) -> None:
    assert clean(raw, ANSWER) == raw


@pytest.mark.parametrize("raw", ["\u200b", "\u200b\u200d\ufeff \u2060", "\u00ad", "\u2028\u2029", "\u200b\n\u200c"])
def test_an_answer_of_only_invisible_characters_is_empty(raw: str) -> None:
    with pytest.raises(TextRejected) as info:
        clean(raw)
    assert info.value.reason == "empty"


def test_a_name_of_only_invisible_characters_is_no_name() -> None:
    assert clean("\u200b\u200b", NAME, required=False) == ""


def test_invisible_characters_inside_visible_text_are_kept() -> None:
    assert clean("\u200bก\u200bข") == "\u200bก\u200bข"
    assert clean("\u0e48") == "\u0e48"  # a lone Thai tone mark is still something to show
