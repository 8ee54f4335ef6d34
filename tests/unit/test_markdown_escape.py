"""Escaped participant text renders as itself — in a paragraph, a bullet, a nested bullet, a heading and a table
cell — under markdown-it-py (CommonMark with GFM tables and strikethrough), and a backslash appears only where
the text would otherwise be read as Markdown."""

from __future__ import annotations

import html.parser
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import tests.fuzz  # noqa: F401 - the Hypothesis profiles
from tests.unit.thai_sentences import SEED_SENTENCES
from exports.md_escape import escape, escape_lines

RENDERER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def shown(markdown: str) -> tuple[str, list[str]]:
    """The text a reader sees (whitespace runs as one space) and the HTML tags the rendering used."""
    parser = _Text()
    parser.feed(RENDERER.render(markdown))
    return " ".join("".join(parser.parts).split()), parser.tags


def expected(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


CONTEXTS = {
    "paragraph": ("{}", ["p"]),
    "bullet": ("- {}", ["ul", "li"]),
    "nested": ("- head\n  - {}", ["ul", "li", "ul", "li"]),
    "heading": ("## {}", ["h2"]),
}

#: Markdown's punctuation, the characters around it that matter (spaces, digits, letters), and Thai.
ALPHABET = st.sampled_from(list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t0123456789aZx") + list("กขัิ์่้ำะเ."))
LINES = st.text(ALPHABET, min_size=1, max_size=24).filter(lambda s: s.strip())


@pytest.mark.parametrize("context", CONTEXTS)
@given(line=LINES)
def test_a_line_renders_as_itself(context: str, line: str) -> None:
    template, tags = CONTEXTS[context]
    text, used = shown(template.format(escape(line)))
    if context == "nested":
        text = text.removeprefix("head ")
    assert text == expected(line)
    assert used == tags


@given(line=LINES)
def test_a_cell_renders_as_itself(line: str) -> None:
    text, used = shown(f"| h |\n| --- |\n| {escape(line, cell=True)} |")
    assert text == "h " + expected(line)
    assert used.count("td") == 1


@given(lines=st.lists(LINES, min_size=2, max_size=4))
def test_lines_of_one_answer_stay_lines(lines: list[str]) -> None:
    escaped = escape_lines("\n".join(lines))
    markdown = "\n".join(["- head", *(f"  - {line}" for line in escaped)])
    parser = _Text()
    parser.feed(RENDERER.render(markdown))
    assert parser.tags.count("li") == 1 + len(lines)
    assert " ".join("".join(parser.parts).split()) == " ".join(["head", *(expected(line) for line in lines)])


@pytest.mark.parametrize("text", [
    "อบต.หนองบัว", "3 ธ.ค. 2569", "ทบทวนก่อนปฏิบัติการ (BAR)", "เวลา 09:30 น.", "งบ 20,000 บาท - 50%",
    "โทร 081-234-5678", "#ภาคีหนองบัว", "1.5 ล้าน", "a < b", "R&D", "ใช้ได้!",
])
def test_ordinary_punctuation_gets_no_backslash(text: str) -> None:
    assert escape(text) == text


@pytest.mark.parametrize("text, escaped", [
    ("1. ข้อแรก", "1\\. ข้อแรก"), ("- ข้อ", "\\- ข้อ"), ("# หัวข้อ", "\\# หัวข้อ"), ("> อ้าง", "\\> อ้าง"),
    ("*สำคัญ*", "\\*สำคัญ\\*"), ("<b>ตัวหนา</b>", "\\<b>ตัวหนา\\</b>"), ("[ลิงก์](http://x)", "\\[ลิงก์](http://x)"),
    ("&amp;", "\\&amp;"), ("~~ขีดฆ่า~~", "\\~\\~ขีดฆ่า\\~\\~"), ("ท้าย #", "ท้าย \\#"),
])
def test_what_would_be_markdown_is_escaped(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def test_field_reports_need_almost_no_backslashes() -> None:
    lines = SEED_SENTENCES
    added = sum(len(e) - len(line.strip()) for line in lines for e in escape_lines(line))
    assert added == 0  # was one backslash in every ~15 characters of Thai prose
    for line in lines:
        assert shown(escape(line))[0] == expected(line)
