"""The PDF report: Sarabun, Thai shaped, text that copies out exactly, tables that run across pages."""

from __future__ import annotations

import dataclasses
import io

import pytest
from pypdf import PdfReader

import exports
from exports.pdf_report import report_pages
from exports.thai_words import ZWSP
from facilitator.core.model import Answer
from tests.unit.test_exports import assert_golden
from tests.unit.records import SCRIPT, THAI, make_record, make_roles_record

#: Thai that HarfBuzz draws with more glyphs than letters (SARA AM), or with a mark moved left over a tall
#: letter (ปั้, ฝั่ง): the cases whose copied text came out wrong before the corrections in exports.pdf_fonts.
HARD_THAI = ["น้ำปั้น", "กำลังทำ", "ฝั่งฟ้า ฟั่นเฝือ ปั่นป่วน", "ผู้ใหญ่ที่นี่", "ยั่งยืน", "ป้ำ"]


def text_of(data: bytes) -> list[str]:
    """Each page's text as pypdf extracts it."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def roles_th() -> bytes:
    return exports.export(make_roles_record(), "pdf", "th")


def test_pdf_text_matches_golden(roles_th: bytes) -> None:
    assert_golden("roles.th.pdf.txt", "\n\f\n".join(text_of(roles_th)).encode("utf-8"))


def test_pdf_holds_the_thai_answers_exactly(roles_th: bytes) -> None:
    text = "".join(text_of(roles_th))
    record = make_roles_record()
    typed = [a.text for a in record.answers if a.text]
    assert typed == ["ยังไม่มีใครติดตามตัวเลข", "นัดประชุมภาคีทุกสองเดือน", "ทำแผนที่บ้านผู้ป่วยติดเตียง"]
    for answer in typed:
        assert answer in text
    assert "รวบรวมทะเบียนผู้สูงอายุ" in text and "อสม. 12 คน เก็บข้อมูล" in text
    assert "\u200b" not in text and not any(ord(char) < 32 and char != "\n" for char in text)


def test_thai_that_needs_shaping_copies_out_exactly() -> None:
    record = make_record()
    answers = [Answer(f"r-{i}", record.session.id, 0, "p-aaa", text, f"c-{i}", f"2026-11-22T03:{i:02d}:00+00:00")
               for i, text in enumerate([THAI, *HARD_THAI, SCRIPT])]
    text = "".join(text_of(exports.export(dataclasses.replace(record, answers=answers), "pdf", "th")))
    for answer in [THAI, *HARD_THAI, SCRIPT]:
        assert answer in text


def test_thai_report_has_buddhist_era_dates_and_english_has_common_era() -> None:
    thai = "".join(text_of(exports.export(make_record(), "pdf", "th")))
    english = "".join(text_of(exports.export(make_record(), "pdf", "en")))
    assert "22 พ.ย. 2569" in thai and "2026" not in thai
    assert "22 Nov 2026" in english and "2569" not in english
    assert "What do we expect from this meeting?" in english and THAI in english


def test_pdf_is_a4_with_sarabun_embedded(roles_th: bytes) -> None:
    reader = PdfReader(io.BytesIO(roles_th))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    fonts = {str(font["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert fonts and all("Sarabun" in name for name in fonts)
    assert reader.metadata is not None and reader.metadata.title == "แบ่งบทบาท ภาคีท่าข้าม"


def test_a_long_table_repeats_its_header_on_every_page() -> None:
    record = make_record()
    answers = [Answer(f"r-{i}", record.session.id, 0, "p-aaa", f"{THAI} {i:03d}", f"c-{i}",
                      f"2026-11-22T04:{i % 60:02d}:00+00:00") for i in range(120)]
    pages = text_of(exports.export(dataclasses.replace(record, answers=answers, summaries=[]), "pdf", "en"))
    running_on = [text for text in pages[1:] if THAI in text]
    assert len(running_on) >= 2
    for text in running_on:
        assert text.startswith("Organisation Answer Time\n") or "\nOrganisation Answer Time\n" in text
    joined = "".join(pages)
    assert all(f"{THAI} {i:03d}" in joined for i in range(120))


def test_people_s_names_in_the_report_are_never_cut_across_lines() -> None:
    """Thai names the segmenter cuts in two (สม|ศรี, อรุ|ณี, ปิยะ|นุช…), on a line wrapped at every width from
    30 to 120 mm: each comes out whole on its line (breaking only at its space)."""
    record = make_roles_record(with_summaries=False)
    names = ["สมศรี ใจดี", "อรุณี ศรีสุข", "ปิยะนุช มั่นคง", "ชยพล บุญมา", "สุภาพร ทองดี"]
    people = [dataclasses.replace(record.participants[0], id=f"p-{i}", name=name) for i, name in enumerate(names)]
    pdf = report_pages(dataclasses.replace(record, participants=people), "th")
    line = "คนที่สวมหลายหมวก: " + ", ".join(f"{name} (รพ.สต.บ้านนา, อสม.บ้านนา)" for name in names)
    words = [word for name in names for word in name.split()]
    cut_elsewhere = False
    for width in range(30, 121):
        lines = pdf.multi_cell(width, 6, pdf.breakable(line), dry_run=True, output="LINES")
        wrapped = "\n".join(lines).replace(ZWSP, "")
        assert all(word in wrapped for word in words), width
        cut_elsewhere |= any(word not in wrapped for word in ("สวมหลายหมวก", "บ้านนา"))
    assert cut_elsewhere   # the other words still break where lines need it
