"""The session's HTML and PDF reports carry every summary the Markdown post does — the overview, the role split,
the health check, the pilot-area scores, the dot votes and the partnership's progress with the BAR's expectations
beside the AAR's results — from the one set of tables in exports/summary_tables.py, in Thai and in English, with
participant text kept literal."""

from __future__ import annotations

import dataclasses
import re

import pytest

import exports
from exports.summary_tables import Lines, sector_table, summary_sections
from exports.tables import Table
from facilitator.core.record import SessionRecord
from tests.unit.records import FORMULA, SCRIPT, make_record, make_review_record, make_roles_record
from tests.unit.test_export_html import Page
from tests.unit.test_export_pdf import text_of

#: What each report must say about the review day, in each language: the section titles, then rows of values.
EXPECTED = {
    "th": {
        "titles": ["สรุปผล", "สุขภาพภาคี", "คะแนนพื้นที่นำร่อง", "ผลการโหวตด้วยจุด", "สรุปความก้าวหน้า"],
        "values": [
            ("ความไว้วางใจ", "1", "0", "1", "2", "เหลือง (ต้องปรับ)"),
            ("เป้าหมายร่วม", "0", "2", "0", "2", "เหลือง (ต้องปรับ)"),
            ("1", "ท่าข้าม", "13", "2", "ภาครัฐ 3, องค์กรปกครองส่วนท้องถิ่น 10"),
            ("เรื่องใดต้องแก้ก่อน", "โหวตแล้ว 2 คน · 3 จุด"),
            ("1", "งบมาช้า *มาก*", "2", "2"),
            ("สิ่งที่คาดหวังไว้ (จาก BAR): AAR ภาคีท่าข้าม (10 ม.ค. 2570)",),
            ("ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม", "ตามที่คาดหวัง", "ตามที่คาดหวัง 2"),
            ("สิ่งที่ได้ตามหรือเกินคาด:", "มีผู้ประสานประจำแล้ว"),
            ("ติดขัด (10 ม.ค. 2570, อบต.ท่าข้าม)",),
        ],
    },
    "en": {
        "titles": ["Summary", "Partnership health", "Pilot-area scores", "Dot vote", "Progress summary"],
        "values": [
            ("Trust", "1", "0", "1", "2", "Amber (needs attention)"),
            ("Shared purpose", "0", "2", "0", "2", "Amber (needs attention)"),
            ("1", "Tha Kham", "13", "2", "Government agency 3, Local administration 10"),
            ("Which shortfall must we fix first?", "2 voted · 3 dots placed"),
            ("1", "งบมาช้า *มาก*", "2", "2"),
            ("What we expected (from the BAR): AAR ภาคีท่าข้าม (10 Jan 2027)",),
            ("ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม", "Met", "Met 2"),
            ("Met or exceeded:", "มีผู้ประสานประจำแล้ว"),
            ("Blocked / at risk (10 Jan 2027, อบต.ท่าข้าม)",),
        ],
    },
}


def squeezed(text: str) -> str:
    """``text`` without white space, as a PDF's extracted text and an HTML page's text can both be compared
    (a PDF cell wraps where the page breaks it)."""
    return re.sub(r"\s+", "", text)


def html_text(record: SessionRecord, lang: str) -> tuple[Page, str]:
    parsed = Page(exports.export(record, "html", lang).decode("utf-8"))
    return parsed, "".join(parsed.text)


def pdf_text(record: SessionRecord, lang: str) -> str:
    return "\n".join(text_of(exports.export(record, "pdf", lang)))


def in_order(text: str, parts: list[str]) -> bool:
    """Whether every one of ``parts`` is in ``text``, each after the one before."""
    at = 0
    for part in parts:
        found = text.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


@pytest.fixture(scope="module")
def review() -> SessionRecord:
    return make_review_record()


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_html_report_has_each_summary_with_its_values(review: SessionRecord, lang: str) -> None:
    html = exports.export(review, "html", lang).decode("utf-8")
    titles = re.findall(r"<h2>([^<]*)</h2>", html)
    answers = "คำตอบ" if lang == "th" else "Answers"
    assert titles == [*EXPECTED[lang]["titles"], answers]  # every summary, then the answers step by step
    _, text = html_text(review, lang)
    for row in EXPECTED[lang]["values"]:
        assert in_order(squeezed(text), [squeezed(cell) for cell in row]), row


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_pdf_report_has_each_summary_with_its_values(review: SessionRecord, lang: str) -> None:
    text = squeezed(pdf_text(review, lang))
    assert in_order(text, [squeezed(title) for title in EXPECTED[lang]["titles"]])
    for row in EXPECTED[lang]["values"]:
        assert in_order(text, [squeezed(cell) for cell in row]), row
    assert ("2026" not in text and "2570" in text) if lang == "th" else ("2570" not in text and "2027" in text)


@pytest.mark.parametrize("maker", [make_review_record, make_roles_record])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_cell_and_line_of_every_summary_reaches_both_reports(maker, lang: str) -> None:  # type: ignore[no-untyped-def]
    record = maker()
    sections = summary_sections(record, lang)
    assert {section.kind for section in sections} >= {"session_overview", "progress"}
    _, html = html_text(record, lang)
    pdf = squeezed(pdf_text(record, lang))
    html = squeezed(html)
    chart = sector_table(record.overview(), lang)  # the HTML draws it as a bar chart: names and counts, no headings
    for section in sections:
        for block in section.blocks:
            texts = [block.title, *block.headings, *(cell for row in block.rows for cell in row)] \
                if isinstance(block, Table) else [block.title, block.lead, *block.lines]
            for value in filter(None, texts):
                assert squeezed(value) in pdf, (section.kind, value)
                if block != chart or value not in chart.headings:
                    assert squeezed(value) in html, (section.kind, value)


def test_the_markdown_post_is_drawn_from_the_same_sections(review: SessionRecord) -> None:
    post = exports.export(review, "md", "en").decode("utf-8")
    for section in summary_sections(review, "en"):
        assert f"\n## {section.title}\n" in post
        for block in section.blocks:
            if isinstance(block, Lines) and block.lead:
                assert f"\n{block.lead}:\n" in post
    assert "| 1 | Tha Kham | 13 | 2 | Government agency 3, Local administration 10 |\n" in post
    assert "| 1 | งบมาช้า \\*มาก\\* | 2 | 2 |\n" in post


def test_hostile_text_in_the_summaries_stays_text_in_the_html(review: SessionRecord) -> None:
    for lang, answers in (("th", "คำตอบ"), ("en", "Answers")):
        html = exports.export(review, "html", lang).decode("utf-8")
        summaries = html[:html.index(f"<h2>{answers}</h2>")]
        parsed = Page(summaries)
        assert not {"script", "b", "img", "a"} & set(parsed.names())
        assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in summaries
        text = "".join(parsed.text)
        # the health check's comment, the expectation judged; the shortfall voted on and listed: read as typed
        assert text.count(SCRIPT) == 2 and text.count(FORMULA) == 2
        assert "เยาวชน | <b>ท่าข้าม</b>" in text  # an organisation's name, in the commitments


def test_hostile_text_in_the_summaries_copies_out_of_the_pdf_as_typed(review: SessionRecord) -> None:
    text = pdf_text(review, "en")
    summaries = squeezed(text[:text.index("\nAnswers\n")])
    assert summaries.count(squeezed(SCRIPT)) == 2 and summaries.count(squeezed(FORMULA)) == 2


def test_a_summary_the_session_did_not_save_has_no_section() -> None:
    record = make_record()  # a BAR of notes: only the overview
    assert [section.kind for section in summary_sections(record, "en")] == ["session_overview"]
    for fmt in ("html", "pdf", "md"):
        data = exports.export(record, fmt, "en")
        text = pdf_text(record, "en") if fmt == "pdf" else data.decode("utf-8")
        for title in ("Partnership health", "Pilot-area scores", "Dot vote", "Progress summary",
                      "Role-split summary"):
            assert title not in text, (fmt, title)
        assert "Summary" in text


def test_an_empty_health_check_pilot_scoring_or_vote_has_no_section(review: SessionRecord) -> None:
    emptied = dataclasses.replace(review, summaries=[
        {**summary, "blocks": [], "notes": [], "areas": [], "steps": []}
        if summary["kind"] in ("health", "pilot_scores", "votes") else summary
        for summary in review.summaries
    ])
    assert [s.kind for s in summary_sections(emptied, "en")] == ["session_overview", "progress"]
    _, text = html_text(emptied, "en")
    assert "Partnership health" not in text and "Dot vote" not in text and "Pilot-area scores" not in text
    assert "Partnership health" in html_text(review, "en")[1]


def test_counts_are_aligned_right_in_the_html(review: SessionRecord) -> None:
    html = exports.export(review, "html", "en").decode("utf-8")
    health = html[html.index("<h2>Partnership health</h2>"):html.index("<h2>Pilot-area scores</h2>")]
    assert re.findall(r"<td[^>]*>([^<]*)</td>", health)[:6] == ["Trust", "1", "0", "1", "2", "Amber (needs attention)"]
    assert health.count('<td class="num">') == 2 * 4 and '<th class="num">Green</th>' in health
