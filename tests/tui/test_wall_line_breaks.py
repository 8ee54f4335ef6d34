"""Thai cards on the wall break their lines between words, not inside a syllable."""

from __future__ import annotations

from pathlib import Path

import aiohttp

from facilitator.core import words
from tests.support import answer, card_lines, make_app, session_joined, until, wall_texts
from tests.unit.test_line_breaks import boundaries, ends

TEXT = "ทุกหน่วยงานใช้ข้อมูลผู้ป่วยติดเตียงชุดเดียวกันและแบ่งปันข้อมูลกันทุกเดือนผ่านกลุ่มไลน์ของเครือข่าย"


async def test_a_thai_card_breaks_between_words(tmp_path: Path, phone: aiohttp.ClientSession) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        served = await session_joined(pilot, (phone, {"organisation": "รพ.สต.บ้านนา"}))
        await pilot.press("right")
        await until(pilot, lambda: served.step == 0, "the first step")
        await answer(phone, served, {"text": TEXT}, "answer-0001")
        await until(pilot, lambda: wall_texts(app) == [TEXT], "the card")
        await until(pilot, words.ready, "the word segmenter loaded")
        await until(pilot, lambda: "".join(card_lines(app)).startswith("ทุกหน่วยงานใช้"), "the card drawn")
        lines = card_lines(app)
        assert len(lines) > 2  # a card of the wall's two columns at 80 cells: several lines
        text_lines = lines[:next(i for i in range(len(lines) + 1) if "".join(lines[:i]) == TEXT)]
        assert set(ends(text_lines)) <= boundaries(TEXT), text_lines


async def test_a_name_in_a_cards_byline_is_not_cut_inside_a_word(tmp_path: Path, phone: aiohttp.ClientSession) -> None:
    """The dictionary finds "กมล" in "กมลชนก"; a byline breaks before the name or at its space instead."""
    app = make_app(tmp_path)
    organisation, name = "มูลนิธิพัฒนาชุมชนลุ่มน้ำ", "กมลชนก อินทร์แก้ว"
    async with app.run_test(size=(120, 36)) as pilot:   # three columns of cards
        served = await session_joined(pilot, (phone, {"organisation": organisation, "name": name}))
        await pilot.press("right")
        await until(pilot, lambda: served.step == 0, "the first step")
        await answer(phone, served, {"text": "ข้อมูลชุดเดียวกัน"}, "answer-0001")
        await until(pilot, words.ready, "the word segmenter loaded")
        await until(pilot, lambda: "".join(card_lines(app)).endswith("อินทร์แก้ว"), "the card drawn")
        lines = card_lines(app)
        assert len(lines) > 2, lines   # the byline takes more than one line on a card this narrow
        assert any("กมลชนก" in line for line in lines), lines
        assert any(line.startswith("อินทร์แก้ว") or "กมลชนก อินทร์แก้ว" in line for line in lines), lines
