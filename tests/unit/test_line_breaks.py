"""Line breaks at word boundaries: Thai cards break between words, English as Textual always broke it."""

from __future__ import annotations

import unicodedata

import pytest
from rich.cells import cell_len
from textual.content import Content

from facilitator.core import words
from facilitator.core.shortening import shortened
from facilitator.tui.line_breaks import WordBreaks, break_lines, name_kept_whole
from tests.unit.thai_sentences import SEED_SENTENCES

WIDTHS = [14, 20, 27, 40]


def boundaries(text: str) -> set[int]:
    """The offsets between the words of ``text`` (and its ends)."""
    offsets, position = {0}, 0
    for piece in words.segments(text):
        position += len(piece)
        offsets.add(position)
    return offsets


def ends(lines: list[str]) -> list[int]:
    """The offset in the text where each line but the last ends."""
    offsets, position = [], 0
    for line in lines[:-1]:
        position += len(line)
        offsets.append(position)
    return offsets


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("text", SEED_SENTENCES)
def test_seed_sentences_break_between_words_and_lose_nothing(text: str, width: int) -> None:
    lines = break_lines(text, width)
    assert "".join(lines) == text
    longest = max(cell_len(piece) for piece in words.segments(text))
    if longest <= width:  # no word longer than a line: every break is between two words
        assert set(ends(lines)) <= boundaries(text), lines
        assert all(cell_len(line.rstrip()) <= width for line in lines), lines
    assert len(lines) > 1 or cell_len(text) <= width


def test_the_break_that_cut_a_syllable_on_the_wall_now_falls_between_words() -> None:
    text = "ทุกหน่วยงานใช้ข้อมูลผู้ป่วยติดเตียงชุดเดียวกัน"
    lines = break_lines(text, 20)
    assert lines == ["ทุกหน่วยงานใช้ข้อมูลผู้ป่วย", "ติดเตียงชุดเดียวกัน"]
    # Textual alone cuts wherever the line is full: inside a word.
    assert not set(ends([c.plain for c in Content(text).wrap(20)])) <= boundaries(text)


def test_thai_vowel_and_tone_marks_take_no_cell() -> None:
    text = "ผู้สูงอายุที่นี่"  # 16 characters, 8 cells
    assert len(text) == 16 and cell_len(text) == 8
    assert break_lines(text, 8) == [text]
    assert break_lines(text, 7) == ["ผู้สูงอายุ", "ที่นี่"]


@pytest.mark.parametrize("width", [8, 13, 30])
def test_english_wraps_as_textual_wraps_it(width: int) -> None:
    text = "Shared data, shared rules and a shared fund: the four legs of the partnership's chair."
    ours = [line.rstrip() for line in break_lines(text, width)]
    assert ours == [line.plain.rstrip() for line in Content(text).wrap(width)]


def test_a_word_longer_than_the_line_is_cut_without_parting_letters_from_their_marks() -> None:
    text = "ผู้ใหญ่บ้าน"
    lines = break_lines("ก " + text, 3)
    assert "".join(lines) == "ก " + text
    assert all(cell_len(line.rstrip()) <= 3 for line in lines)
    assert not any(line[:1] in "ุู่้ั" for line in lines[1:])  # no line starts with a mark


def test_newlines_end_lines_and_punctuation_stays_with_its_word() -> None:
    assert break_lines("ข้อมูลกลาง\nกองทุนกลาง", 40) == ["ข้อมูลกลาง", "กองทุนกลาง"]
    lines = break_lines("ใช้ข้อมูลร่วมกัน, แบ่งปันกันต่างๆ", 10)
    assert not any(line.startswith((",", "ๆ")) for line in lines)


def test_the_visual_draws_the_broken_lines_and_keeps_styles() -> None:
    content = Content.assemble(Content("ทุกหน่วยงานใช้ข้อมูลผู้ป่วยติดเตียงชุดเดียวกัน"), "\n",
                               Content.styled("[/] รพ.สต.บ้านนา", "dim"))
    visual = WordBreaks(content)
    broken = visual.at_width(20)
    assert broken.plain.split("\n") == ["ทุกหน่วยงานใช้ข้อมูลผู้ป่วย", "ติดเตียงชุดเดียวกัน", "[/] รพ.สต.บ้านนา"]
    assert str(visual) == content.plain
    assert any(span.style == "dim" for span in broken.spans)


def test_until_the_segmenter_is_loaded_the_visual_draws_as_textual_does(monkeypatch: pytest.MonkeyPatch) -> None:
    content = Content("ทุกหน่วยงานใช้ข้อมูลผู้ป่วยติดเตียงชุดเดียวกัน")
    monkeypatch.setattr(words, "ready", lambda: False)
    assert WordBreaks(content).at_width(20) is content


@pytest.mark.parametrize("width", range(1, 12))
def test_at_any_width_lines_fit_nothing_is_lost_and_no_line_starts_with_a_mark(width: int) -> None:
    import unicodedata

    for text in SEED_SENTENCES:
        lines = break_lines(text, width)
        assert "".join(lines) == text
        assert not any(line and unicodedata.category(line[0]).startswith("M") for line in lines), lines
        assert all(cell_len(line.rstrip()) <= width for line in lines), lines


@pytest.mark.parametrize(("byline", "name"), [
    ("มูลนิธิพัฒนาชุมชนลุ่มน้ำ · กมลชนก อินทร์แก้ว", "กมลชนก อินทร์แก้ว"),
    ("โรงเรียนบ้านนาทอง · ครูอรุณี แสงจันทร์", "ครูอรุณี แสงจันทร์"),
    ("กมลชนก อินทร์แก้ว", "กมลชนก อินทร์แก้ว"),
])
@pytest.mark.parametrize("width", [12, 18, 24, 30])
def test_a_name_at_the_end_of_a_byline_breaks_only_at_its_spaces(byline: str, name: str, width: int) -> None:
    lines = break_lines(byline, width, name_kept_whole(name))
    assert "".join(lines) == byline
    name_starts = len(byline) - len(name)
    inside_name = {end - name_starts for end in ends(lines) if end > name_starts}
    assert all(name[at - 1] == " " for at in inside_name), lines


def test_the_segmenter_alone_cuts_such_a_name() -> None:
    """Why names are kept apart: the dictionary finds words inside a Thai name."""
    lines = break_lines("มูลนิธิพัฒนาชุมชนลุ่มน้ำ · กมลชนก อินทร์แก้ว", 24)
    assert lines[0].endswith("กมล"), lines


def test_a_text_that_does_not_end_in_the_name_is_cut_as_the_segmenter_cuts_it() -> None:
    text = "ภาคีเครือข่ายสุขภาพ"
    assert break_lines(text, 8, name_kept_whole("สมศรี")) == break_lines(text, 8)
    assert break_lines(text, 8, name_kept_whole("")) == break_lines(text, 8)


@pytest.mark.parametrize("width", [1, 2, 5, 9, 12, 40])
def test_a_shortened_text_fits_and_keeps_each_letters_marks(width: int) -> None:
    text = "ที่ประชุมภาคีเครือข่ายสุขภาพ"
    short = shortened(text, width, cell_len)
    assert cell_len(short) <= width
    assert short == text if cell_len(text) <= width else short.endswith("…")
    kept = short.removesuffix("…")
    assert text.startswith(kept)
    assert kept == text or not unicodedata.category(text[len(kept)]).startswith("M")


def test_a_paragraph_that_fits_its_width_is_kept_whole_without_finding_its_words() -> None:
    asked: list[str] = []

    def segment(text: str) -> list[str]:
        asked.append(text)
        return words.segments(text)

    long = "อยากให้ชุมชนมีส่วนร่วมในการวางแผนพัฒนาตำบล"
    assert break_lines(f"รพ.สต.บ้านนา  \n{long}", 20, segment) == ["รพ.สต.บ้านนา  ", *break_lines(long, 20)]
    assert asked == [long]   # the line that fits was not cut into words
    for text in SEED_SENTENCES:   # whatever fits comes back as it is, as the whole algorithm gives it
        for width in WIDTHS:
            if cell_len(text.rstrip()) <= width:
                assert break_lines(text, width) == [text]
