"""The XLSX export holds every summary the Markdown post and the HTML and PDF reports show — the overview, the
full role split, the health check, the pilot-area scores, the dot votes and the partnership's progress with BAR
expectations beside AAR results — a sheet each, in Thai and English, every cell text that no spreadsheet runs;
and its sheets' names are names Excel accepts, whatever the titles."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

import exports
from exports.cells import FORMULA_STARTS, neutralise
from exports.sheet_names import MAX_UNITS, add_sheet, sheet_name, tagged
from exports.summary_tables import Section, summary_sections
from exports.tables import Table
from facilitator.core.record import SessionRecord
from tests.unit.records import FORMULA, SCRIPT, make_record, make_review_record, make_roles_record


def workbook(record: SessionRecord, lang: str) -> dict[str, Worksheet]:
    book = load_workbook(io.BytesIO(exports.export(record, "xlsx", lang)))
    return {sheet.title: sheet for sheet in book.worksheets}


def rows(sheet: Worksheet) -> list[tuple[str, ...]]:
    """The sheet's rows as text, empty cells at the end of a row left out."""
    found = []
    for row in sheet.iter_rows(values_only=True):
        cells = [str(value) if value is not None else "" for value in row]
        while cells and not cells[-1]:
            cells.pop()
        found.append(tuple(cells))
    return found


def expected_rows(section: Section) -> list[tuple[str, ...]]:
    """What a summary's sheet reads, from its section: each block under its title, an empty row between two."""
    found: list[tuple[str, ...]] = []
    for block in section.blocks:
        if found:
            found.append(())
        if block.title:
            found.append((block.title,))
        if isinstance(block, Table):
            for row in (block.headings, *block.rows):
                cells = [neutralise(cell) if cell else "" for cell in row]
                while cells and not cells[-1]:
                    cells.pop()
                found.append(tuple(cells))
        else:
            found += [(neutralise(line),) for line in ([f"{block.lead}:"] if block.lead else []) + list(block.lines)]
    return found


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("maker", [make_roles_record, make_review_record])
def test_every_summary_section_has_its_sheet(maker, lang: str) -> None:  # type: ignore[no-untyped-def]
    record = maker()
    sheets = workbook(record, lang)
    sections = summary_sections(record, lang)
    assert len(sections) >= 4
    names = list(sheets)
    assert names[2:-1] == [section.title for section in sections]
    for section in sections:
        assert rows(sheets[section.title]) == expected_rows(section), section.title


@pytest.mark.parametrize(("lang", "words"), [
    ("th", {"health": "สุขภาพภาคี", "trust": "ความไว้วางใจ", "pilot": "คะแนนพื้นที่นำร่อง", "area": "ท่าข้าม",
            "votes": "ผลการโหวตด้วยจุด", "progress": "สรุปความก้าวหน้า", "expected": "สิ่งที่คาดหวังไว้ (จาก BAR)",
            "met": "ตามที่คาดหวัง", "roles": "สรุปการแบ่งบทบาท", "gaps": "งานที่ยังไม่มีเจ้าภาพ: กติกากลาง",
            "load": "ภาระงานของแต่ละหน่วยงาน"}),
    ("en", {"health": "Partnership health", "trust": "Trust", "pilot": "Pilot-area scores", "area": "Tha Kham",
            "votes": "Dot vote", "progress": "Progress summary", "expected": "What we expected (from the BAR)",
            "met": "Met", "roles": "Role-split summary", "gaps": "Tasks with no lead: Shared rules",
            "load": "Load per organisation"}),
])
def test_the_summaries_a_coordinator_missed_are_in_the_workbook(lang: str, words: dict[str, str]) -> None:
    review = workbook(make_review_record(), lang)
    health = rows(review[words["health"]])
    assert health[1][0] == words["trust"] and health[1][1:5] == ("1", "0", "1", "2")
    assert rows(review[words["pilot"]])[1][:3] == ("1", words["area"], "13")
    assert ("1", "งบมาช้า *มาก*", "2", "2") in rows(review[words["votes"]])
    progress = rows(review[words["progress"]])
    heading = next(row for row in progress if row and row[0].startswith(words["expected"]))
    expectations = progress[progress.index(heading) + 2:]
    assert expectations[0][:2] == ("ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม", words["met"])
    roles = rows(workbook(make_roles_record(), lang)[words["roles"]])
    assert any(row and row[0].startswith(words["gaps"]) for row in roles)
    load = roles.index((words["load"],))
    assert roles[load + 2][0] == "รพ.สต.บ้านนา" and roles[load + 2][-1] == "6"


def test_participant_text_in_a_summary_never_becomes_a_formula() -> None:
    for lang in ("th", "en"):
        sheets = workbook(make_review_record(), lang)
        cells = [cell for sheet in sheets.values() for row in sheet.iter_rows() for cell in row
                 if cell.value is not None]
        text = [cell for cell in cells if cell.data_type == "s"]
        assert all(isinstance(cell.value, str) for cell in text)
        assert all(cell.data_type == "n" and type(cell.value) is int for cell in cells if cell not in text)
        assert not [cell.value for cell in text if cell.value[:1] in FORMULA_STARTS]
        summaries = [cell.value for name, sheet in sheets.items() if name not in ("Answers", "คำตอบ")
                     for row in sheet.iter_rows() for cell in row]
        assert summaries.count("'" + FORMULA) >= 2  # the dot vote's item and what fell short
        assert SCRIPT in summaries


def test_counts_are_aligned_right_and_headings_bold_as_in_the_reports() -> None:
    health = workbook(make_roles_record(), "en")["Partnership health"]
    assert all(cell.font.bold for cell in health[1] if cell.value)
    assert [cell.alignment.horizontal for cell in health[2]][:2] == [None, "right"]
    assert health.freeze_panes == "A2"


def test_a_session_without_summaries_has_its_overview_only() -> None:
    assert list(workbook(make_record(), "en")) == ["About the session", "Answers", "Summary"]


@pytest.mark.parametrize(("title", "name"), [
    ("สุขภาพภาคี", "สุขภาพภาคี"),
    ("สิ่งที่คาดหวังใน BAR เทียบกับผลใน AAR", "สิ่งที่คาดหวังใน BAR เทียบกับผ…"),  # 36 characters: cut to 31
    ("ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วมมากขึ้น", "ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมี…"),  # not between ม and its ี
    ("'[ภาคี]: งบ/แผน\\ทีม*?'", "ภาคี งบ แผน ทีม"),
    ("ภาคี\u202e\u200bท่าข้าม\t", "ภาคี ท่าข้าม"),
    ("🙂" * 20, "🙂" * 15 + "…"),  # an emoji is two of Excel's 31
    ("ก" * 29 + "เกมส์", "ก" * 29 + "…"),  # never a vowel written before its consonant left without it
    ("ก" * 30 + "ำนาญ", "ก" * 29 + "…"),  # nor a sara am taken from its letter
    ("   ", "-"),
])
def test_a_sheets_name_is_one_excel_accepts(title: str, name: str) -> None:
    assert sheet_name(title) == name
    assert len(name.encode("utf-16-le")) // 2 <= MAX_UNITS


@pytest.mark.parametrize(("distinct", "tag", "name"), [
    ("อบต.ท่าข้าม", "งานที่รับไว้", "อบต.ท่าข้าม – งานที่รับไว้"),
    ("Monitoring and learning", "Health", "Monitoring and learning"),  # 32 with its tag: the part that differs
    ("ความชัดเจนของการจัดการงานร่วมกัน", "สุขภาพภาคี", "ความชัดเจนของการจัดการงานร่วมกัน"),
])
def test_a_sheet_of_many_of_one_kind_is_named_first_by_what_tells_it_apart(distinct: str, tag: str,
                                                                           name: str) -> None:
    assert tagged(distinct, tag) == name


def test_sheet_names_are_unique_in_any_case_and_history_is_left_to_excel() -> None:
    book = Workbook()
    book.remove(book.active)
    long = "สุขภาพภาคี รายหน่วยงาน ในแต่ละครั้งที่ประชุม"
    for title in ("Summary", "SUMMARY", f"{long} ก", f"{long} ข", "History"):
        add_sheet(book, title)
    names = book.sheetnames
    assert len({name.casefold() for name in names}) == len(names) == 5
    assert names[:2] == ["Summary", "SUMMARY (2)"] and names[4] == "History (2)"
    assert all(len(name) <= MAX_UNITS for name in names)
    buffer = io.BytesIO()
    book.save(buffer)
    assert load_workbook(buffer).sheetnames == names
