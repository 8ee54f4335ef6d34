"""The PNG poster and the join handout (PNG and PDF): Thai drawn by RAQM, a QR code that scans."""

from __future__ import annotations

import io
import re

import pytest
import zxingcpp
from PIL import Image, ImageChops, ImageDraw, ImageFont
from pypdf import PdfReader

import exports
from exports.handout import handout_image, printed_address
from exports.poster import GREEN, Canvas, Placed, font_for, poster
from facilitator.core.record import SessionRecord
from tests.unit.records import make_record, make_roles_record

URL = "http://192.168.1.23:8765/j/K7Q2?t=0123456789abcdef"
THAI_TONE = re.compile(r"[\u0e48-\u0e4b]")


def redrawn(placed: Placed, size: tuple[int, int], engine: ImageFont.Layout) -> Image.Image:
    """``placed`` drawn alone on its background, with layout ``engine``."""
    image = Image.new("RGB", size, placed.background)
    ImageDraw.Draw(image).text(placed.xy, placed.text, font=font_for(placed.size, placed.bold, engine),
                               fill=placed.fill)
    return image


def region(placed: Placed) -> tuple[int, int, int, int]:
    """Where RAQM draws ``placed``: the box of its ink."""
    draw = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    left, top, right, bottom = draw.textbbox(placed.xy, placed.text, font=font_for(placed.size, placed.bold))
    return int(left), int(top), int(right), int(bottom)


def thai_rows(canvas: Canvas) -> list[Placed]:
    return [p for p in canvas.placed if re.search(r"[\u0e00-\u0e7f]", p.text)]


@pytest.mark.parametrize("lang", ["th", "en"])
def test_poster_thai_rows_match_raqm_and_not_the_basic_layout(lang: str) -> None:
    canvas = poster(make_roles_record(), lang)
    rows = thai_rows(canvas)
    assert len(rows) >= 8
    differs = 0
    for placed in rows:
        box = region(placed)
        drawn = canvas.image.crop(box)
        raqm = redrawn(placed, canvas.image.size, ImageFont.Layout.RAQM).crop(box)
        assert ImageChops.difference(drawn, raqm).getbbox() is None, placed.text
        basic = redrawn(placed, canvas.image.size, ImageFont.Layout.BASIC).crop(box)
        if THAI_TONE.search(placed.text):
            assert ImageChops.difference(drawn, basic).getbbox() is not None, placed.text
            differs += 1
    assert differs >= 5


def test_poster_shows_title_date_participation_and_role_split() -> None:
    canvas = poster(make_roles_record(), "th")
    texts = [p.text for p in canvas.placed]
    assert texts[0] == "แบ่งบทบาท ภาคีท่าข้าม" and "แบ่งบทบาทและสุขภาพภาคี · 6 ธ.ค. 2569" in texts
    assert ["4", "ผู้เข้าร่วม", "12", "คำตอบ"] == texts[2:6]
    assert "สรุปการแบ่งบทบาท" in texts and "5. รถรับส่ง *ผู้ป่วย* <ติดเตียง>" in texts
    assert canvas.image.getpixel((5, 5)) == GREEN and canvas.image.width == 1080
    plain = poster(make_record(), "en")
    assert "Role-split summary" not in [p.text for p in plain.placed]
    assert plain.image.height < canvas.image.height


def test_poster_lists_the_themes_with_most_answers() -> None:
    import dataclasses

    from facilitator.core.themes import Theme

    record = make_record()
    ids = [a.id for a in record.answers if a.step == 0]
    themes = [Theme("t1", 0, "ข้อมูลกลาง", tuple(ids[:2])), Theme("t2", 0, "งบประมาณ", tuple(ids[2:3])),
              Theme("t3", 0, "ว่าง")]
    themed = dataclasses.replace(record, session=dataclasses.replace(record.session, themes=themes))
    texts = [p.text for p in poster(themed, "th").placed]
    start = texts.index("ประเด็นเด่น")
    assert texts[start + 1:start + 5] == ["2", "ข้อมูลกลาง", "1", "งบประมาณ"]  # most answers first; an empty one left out
    assert "ประเด็นเด่น" not in [p.text for p in poster(record, "th").placed]


def test_poster_png_is_the_drawn_poster() -> None:
    data = exports.export(make_roles_record(), "png", "th")
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    assert ImageChops.difference(image.convert("RGB"), poster(make_roles_record(), "th").image).getbbox() is None


@pytest.mark.parametrize("fmt", ["qr-png", "qr-pdf"])
def test_the_handout_needs_the_join_address(fmt: str) -> None:
    with pytest.raises(exports.MissingUrl, match="--url"):
        exports.export(make_record(), fmt, "th")


def test_handout_png_scans_and_prints_the_address_and_code() -> None:
    record: SessionRecord = make_record()
    image = Image.open(io.BytesIO(exports.export(record, "qr-png", "th", url=URL)))
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [URL]
    texts = [p.text for p in handout_image(record, "th", URL).placed]
    assert "http://192.168.1.23:8765/j/K7Q2" in texts and "K7Q2" in texts and "รหัส" in texts
    assert printed_address(URL) == "http://192.168.1.23:8765/j/K7Q2"


def test_handout_pdf_is_one_page_whose_qr_scans() -> None:
    reader = PdfReader(io.BytesIO(exports.export(make_record(), "qr-pdf", "en", url=URL)))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "เครือข่ายสุขภาพตำบลท่าข้าม" in text and "http://192.168.1.23:8765/j/K7Q2" in text and "K7Q2" in text
    (picture,) = reader.pages[0].images
    assert [code.text for code in zxingcpp.read_barcodes(picture.image)] == [URL]
