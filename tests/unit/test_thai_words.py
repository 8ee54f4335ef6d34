"""Where exported Thai text may break between lines: between words, never inside one, never before a number."""

from __future__ import annotations

from exports.thai_words import NBSP, ZWSP, breakable, name_words


def test_thai_words_are_marked_where_a_line_may_break() -> None:
    marked = breakable("ข้อมูลกลางของตำบล")
    assert ZWSP in marked and marked.replace(ZWSP, "") == "ข้อมูลกลางของตำบล"


def test_a_number_stays_with_the_thai_word_before_it() -> None:
    marked = breakable("ประชุมภาคีเครือข่าย ครั้งที่ 2 ปี 2569")
    assert marked.endswith(f"ที่{NBSP}2 ปี{NBSP}2569")
    assert marked.replace(ZWSP, "").replace(NBSP, " ") == "ประชุมภาคีเครือข่าย ครั้งที่ 2 ปี 2569"


def test_text_without_thai_is_left_as_it_is() -> None:
    assert breakable("Partnership meeting 2") == "Partnership meeting 2"


def test_the_words_of_people_s_names_are_kept_whole_and_break_at_their_spaces() -> None:
    line = "คนที่มีหลายบทบาท: สมศรี ใจดี (อสม.บ้านนา), อรุณี ศรีสุข"
    assert ZWSP in breakable("สมศรี") and ZWSP in breakable("อรุณี")   # the segmenter cuts these names
    whole = name_words(["สมศรี ใจดี", "อรุณี ศรีสุข", "Nok", ""])
    assert whole == {"สมศรี", "ใจดี", "อรุณี", "ศรีสุข"}
    marked = breakable(line, whole)
    assert "สมศรี ใจดี" in marked and "อรุณี ศรีสุข" in marked
    assert ZWSP in marked and marked.replace(ZWSP, "") == line               # the other words still break
