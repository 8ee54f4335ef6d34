"""The tabular exports (CSV, XLSX), the one rule that keeps their cells from becoming formulas, and the file
names every export is saved under."""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import unicodedata
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

import exports
from exports.cells import FORMULA_STARTS, Number, neutralise
from exports.filenames import MAX_BYTES, readable_name, safe_stem, write_new
from exports.saving import file_name, save
from exports.summary_tables import summary_sections
from exports.tables import ANSWER_COLUMNS, Table, answers_table, facts_table
from exports.xlsx import MAX_WIDTH, MIN_WIDTH
from facilitator.core.i18n import t
from facilitator.core.model import Answer, SessionDetails
from facilitator.core.record import SessionRecord
from facilitator.core.summaries import progress
from tests.unit.test_exports import assert_golden, with_answer
from tests.unit.records import FORMULA, THAI, make_aar_record, make_record, make_review_record, make_roles_record

#: What a participant may type that a spreadsheet would run.
FORMULAS = ["=1+1", '=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "\t=1", "\r=1", "\n=1",
            "＝1+1", "=cmd|' /C calc'!A0"]


def hostile(record: SessionRecord) -> SessionRecord:
    """``record`` with a formula in every place participant text reaches: answers, names of organisations."""
    answers = [Answer(f"r-{i}", record.session.id, 1, "p-ccc", text, f"c-{i}", f"2026-11-22T04:{i:02d}:00+00:00")
               for i, text in enumerate(FORMULAS)]
    people = [dataclasses.replace(p, organisation="=ORG()") if p.id == "p-ccc" else p for p in record.participants]
    return dataclasses.replace(record, answers=answers, participants=people, summaries=[])


# --- one rule for every cell ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", FORMULAS)
def test_a_formula_becomes_text(value: str) -> None:
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", [THAI, "รพ.สต.บ้านนา", "1", "a=b", " =1", "", "'quoted"])
def test_other_values_are_kept(value: str) -> None:
    assert neutralise(value) == value


def test_a_number_reads_as_its_digits_and_is_only_made_from_a_count() -> None:
    assert Number(12) == "12" and Number(12).value == 12 and neutralise(Number(12)) == "12"
    for wrong in (True, "12", float("nan")):
        with pytest.raises(TypeError):
            Number(wrong)  # type: ignore[arg-type]


def test_every_answer_row_has_every_column_and_the_new_ones_empty() -> None:
    roles_record = make_roles_record()
    table = answers_table(roles_record, "en")
    assert len(table.headings) == len(ANSWER_COLUMNS) == 9
    assert table.headings == ("Session", "Step", "Organisation", "Sector", "Answer", "Theme", "Votes", "Hidden",
                              "Time")
    assert len(table.rows) == len(roles_record.answers)
    assert all(len(row) == 9 and row[5:8] == ("", "", "") for row in table.rows)


# --- CSV -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("maker", "lang", "golden"), [(make_roles_record, "th", "roles.th.csv"),
                                                       (make_record, "en", "session.en.csv")])
def test_csv_matches_golden(maker, lang: str, golden: str) -> None:  # type: ignore[no-untyped-def]
    assert_golden(golden, exports.export(maker(), "csv", lang))


def test_csv_is_utf8_with_a_bom_so_excel_reads_thai() -> None:
    record = make_record()
    data = exports.export(record, "csv", "th")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "การประชุม" and rows[1][4] == THAI


def test_csv_neutralises_every_formula() -> None:
    record = make_record()
    rows = list(csv.reader(io.StringIO(exports.export(hostile(record), "csv", "en").decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert [row[4] for row in rows[1:rows.index([])]] == ["'" + text for text in FORMULAS]
    assert "'=ORG()" in cells
    assert not [cell for cell in cells if cell[:1] in FORMULA_STARTS]


def test_csv_sections_follow_the_answers() -> None:
    roles_record = make_roles_record()
    text = exports.export(roles_record, "csv", "en").decode("utf-8-sig")
    sections = text.split("\r\n\r\n")
    assert [s.split("\r\n")[0] for s in sections[1:]] == ["Role-split summary", "Commitments", "About the session"]
    matrix = list(csv.reader(io.StringIO(sections[1])))
    assert matrix[1][:2] == ["Organisation", "Shared mechanism (coordination)"]
    assert matrix[2][:4] == ["รพ.สต.บ้านนา", "Lead", "Keep informed", "Lead"]
    commitments = list(csv.reader(io.StringIO(sections[2])))
    fund = [row for row in commitments if row[0] == "Shared fund"]
    assert [row[4:] for row in fund] == [["Blocked / at risk", "รออนุมัติ | ข้อบัญญัติ", "Now", ""],
                                         ["Blocked / at risk", "รออนุมัติ | ข้อบัญญัติ", "10 Jan 2027 09:31",
                                          "อบต.ท่าข้าม"]]


def test_a_record_without_role_split_or_progress_has_only_the_answers_and_the_facts() -> None:
    record = make_record()
    sections = exports.export(record, "csv", "en").decode("utf-8-sig").split("\r\n\r\n")
    assert len(sections) == 2 and sections[1].startswith("About the session\r\n")


@pytest.mark.parametrize(("lang", "expected"), [
    ("th", [["ข้อมูลการประชุม"], ["ชื่อการประชุม", "เครือข่ายสุขภาพตำบลท่าข้าม"],
            ["กิจกรรม", "ทบทวนก่อนปฏิบัติงาน (BAR)"], ["วันเวลา", "3 ธ.ค. 2569 09:30"],
            ["สถานที่", "ศาลาประชาคม หมู่ 3"],
            ["ผู้อำนวยความสะดวก", "น้ำฝน ใจดี"], ["ผู้เข้าร่วม", "3"], ["คำตอบ", "4"],
            ["หมายเหตุ", "กิจกรรมซ้อม: คำตอบมาจากโทรศัพท์จำลอง"]]),
    ("en", [["About the session"], ["Title", "เครือข่ายสุขภาพตำบลท่าข้าม"], ["Activity", "Before Action Review (BAR)"],
            ["When", "3 Dec 2026 09:30"], ["Place", "ศาลาประชาคม หมู่ 3"], ["Facilitator", "น้ำฝน ใจดี"],
            ["Participants", "3"], ["Answers", "4"], ["Note", "A rehearsal: the answers come from simulated phones."]]),
])
def test_the_csv_ends_with_the_sessions_facts_as_the_xlsx_begins_with_them(lang: str,
                                                                          expected: list[list[str]]) -> None:
    details = SessionDetails(place="ศาลาประชาคม หมู่ 3", facilitator="น้ำฝน ใจดี", held_at="2026-12-03T09:30+07:00")
    record = make_record()
    record = dataclasses.replace(record, session=dataclasses.replace(record.session, details=details, demo=True))
    text = exports.export(record, "csv", lang).decode("utf-8-sig")
    facts = list(csv.reader(io.StringIO(text.split("\r\n\r\n")[-1])))
    assert facts == expected  # titled once, the session's title labelled, a fact a row, the rehearsal noted
    sheet = workbook(record, lang)[facts[0][0]]
    assert [["" if cell.value is None else str(cell.value) for cell in row] for row in sheet.iter_rows()] == facts[1:]
    # the counts are numbers a spreadsheet sums, every other fact text
    assert [(row[0].value, row[1].value) for row in sheet.iter_rows() if row[1].data_type == "n"] == [
        (facts[6][0], 3), (facts[7][0], 4)]


@pytest.mark.parametrize(("lang", "word"), [("th", "ชื่อการประชุม"), ("en", "Title")])
def test_a_sessions_title_is_named_the_same_in_the_facts_the_timeline_and_the_screens(lang: str, word: str) -> None:
    record = make_review_record()
    # the home screen's sessions table, the new-session form and the timeline board say t("title") too
    section = next(s for s in summary_sections(record, lang) if s.kind == progress.KIND)
    timeline = next(b for b in section.blocks if isinstance(b, Table) and b.title == t("timeline", lang))
    assert facts_table(record, lang).headings[0] == timeline.headings[1] == t("title", lang) == word


def test_facts_a_spreadsheet_would_run_are_written_as_text() -> None:
    details = SessionDetails(place='=HYPERLINK("http://x","ศาลา")', facilitator="+66 81 234 5678")
    record = make_record()
    record = dataclasses.replace(record, session=dataclasses.replace(record.session, details=details, title="@ภาคี"))
    text = exports.export(record, "csv", "en").decode("utf-8-sig")
    facts = list(csv.reader(io.StringIO(text.split("\r\n\r\n")[-1])))
    assert facts[1] == ["Title", "'@ภาคี"] and ["Place", "'" + details.place] in facts
    assert ["Facilitator", "'+66 81 234 5678"] in facts
    assert not [cell for row in facts for cell in row if cell[:1] in FORMULA_STARTS]
    sheet = workbook(record, "en")["About the session"]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value]
    assert "'" + details.place in [cell.value for cell in cells]
    assert [cell.value for cell in cells if cell.data_type != "s"] == [3, 4]  # participants and answers


# --- XLSX ----------------------------------------------------------------------------------------------------


def workbook(record: SessionRecord, lang: str) -> dict[str, Worksheet]:
    book = load_workbook(io.BytesIO(exports.export(record, "xlsx", lang)))
    return {sheet.title: sheet for sheet in book.worksheets}


def dump(sheets: dict[str, Worksheet]) -> str:
    """Every sheet as text: its name, frozen cell, column widths, then each row's cells with their types."""
    lines = []
    for title, sheet in sheets.items():
        widths = [sheet.column_dimensions[letter].width for letter in sorted(sheet.column_dimensions)]
        lines += [f"# {title} (frozen at {sheet.freeze_panes}; widths {widths})"]
        lines += [" | ".join(f"{cell.value!r}:{cell.data_type}" for cell in row) for row in sheet.iter_rows()]
    return "\n".join(lines) + "\n"


def test_xlsx_matches_golden() -> None:
    roles_record = make_roles_record()
    assert_golden("roles.th.xlsx.txt", dump(workbook(roles_record, "th")).encode("utf-8"))


def test_xlsx_has_the_facts_the_tables_and_the_summaries_with_bold_headers() -> None:
    roles_record = make_roles_record()
    sheets = workbook(roles_record, "en")
    assert list(sheets) == ["About the session", "Answers", "Summary", "Role-split summary", "Partnership health",
                            "Pilot-area scores", "Progress summary", "Commitments"]
    facts = {row[0].value: row[1].value for row in sheets["About the session"].iter_rows(min_row=2)}
    assert facts["When"] == "6 Dec 2026 09:00" and facts["Participants"] == 4
    for title, sheet in sheets.items():
        # a sheet that starts with a table's headings has them bold and frozen; one that starts with a table's
        # title or a line of text has nothing frozen
        starts_with_headings = title not in ("Summary", "Progress summary")
        assert sheet.freeze_panes == ("A2" if starts_with_headings else None)
        assert all(cell.font.bold for cell in sheet[1] if cell.value) or not starts_with_headings
        widths = [d.width for d in sheet.column_dimensions.values()]
        assert widths and all(MIN_WIDTH <= w <= MAX_WIDTH for w in widths)
    assert list(workbook(make_record(), "th")) == ["ข้อมูลการประชุม", "คำตอบ", "สรุปผล"]


def test_xlsx_cells_are_strings_and_formulas_stay_text() -> None:
    record = make_record()
    sheet = workbook(hostile(record), "en")["Answers"]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert cells and all(cell.data_type == "s" and isinstance(cell.value, str) for cell in cells)
    expected = ["'" + text.replace("\r", "\n") for text in FORMULAS]  # XML reads a CR back as a line feed
    assert [row[4].value for row in sheet.iter_rows(min_row=2)] == expected
    assert "'=ORG()" in [cell.value for cell in cells]


#: What a participant may type that looks like a number: it is their text, and stays text.
NUMBERLIKE = ["42", "3.5", "1e3", "0081", "๔๒", "1,000", "50%"]


def test_xlsx_counts_are_numbers_and_numberlike_answers_stay_text() -> None:
    record = make_record()
    answers = [dataclasses.replace(answer, text=text) for answer, text in zip(record.answers, NUMBERLIKE)]
    record = dataclasses.replace(record, answers=answers)
    sheets = workbook(record, "en")
    numbers = [cell for sheet in sheets.values() for row in sheet.iter_rows() for cell in row
               if cell.data_type == "n" and cell.value is not None]
    assert numbers and all(type(cell.value) is int for cell in numbers)
    typed = [row[4] for row in sheets["Answers"].iter_rows(min_row=2)]
    assert [cell.value for cell in typed] == NUMBERLIKE[:len(answers)] and {c.data_type for c in typed} == {"s"}
    by_step = next(sheets["Summary"].iter_rows(min_row=3, max_row=3))  # the first step's answers and respondents
    assert [cell.data_type for cell in by_step][:3] == ["s", "n", "n"] and by_step[1].value >= 1
    health = workbook(make_roles_record(), "en")["Partnership health"]
    assert [cell.data_type for cell in health[2]][:6] == ["s", "n", "n", "n", "n", "s"]


def test_xlsx_keeps_thai_exactly() -> None:
    roles_record = make_roles_record()
    answers = workbook(roles_record, "th")["คำตอบ"]
    texts = [row[4].value for row in answers.iter_rows(min_row=2)]
    assert "ยังไม่มีใครติดตามตัวเลข" in texts[5] and texts[-1] == "ทำแผนที่บ้านผู้ป่วยติดเตียง"
    assert workbook(make_record(), "th")["คำตอบ"]["E2"].value == THAI
    assert workbook(make_record(), "th")["คำตอบ"]["E5"].value == "'" + FORMULA


# --- file names ----------------------------------------------------------------------------------------------


def test_names_read_date_activity_and_title() -> None:
    record = make_record()
    assert file_name(record, "pdf", "th") == "2569-11-22 BAR เครือข่ายสุขภาพตำบลท่าข้าม.pdf"
    assert file_name(record, "csv", "en") == "2026-11-22 BAR เครือข่ายสุขภาพตำบลท่าข้าม.csv"
    assert file_name(record, "qr-png", "th") == "2569-11-22 BAR เครือข่ายสุขภาพตำบลท่าข้าม QR.png"
    assert file_name(make_aar_record(), "md", "th") == "2570-01-10 AAR ภาคีท่าข้าม.md"  # not "AAR AAR"
    named = dataclasses.replace(record.session, title="", activity=make_aar_record().session.activity)
    assert readable_name(named, "th", ".md") == "2569-11-22 ทบทวนหลังปฏิบัติการ (AAR).md"
    barn = dataclasses.replace(record.session, title="BARN meeting")
    assert readable_name(barn, "en", ".md") == "2026-11-22 BAR BARN meeting.md"


def test_the_date_is_the_day_in_thailand() -> None:
    record = make_record()
    late = dataclasses.replace(record.session, created_at="2026-12-02T18:30:00.000+00:00")  # 01:30 in Bangkok
    assert readable_name(late, "th", ".pdf").startswith("2569-12-03 ")


@pytest.mark.parametrize("title", ['a/b\\c:d*e?f"g<h>i|j', "../../etc/passwd", "x\x00y\x1fz\x7f", " .. ", "",
                                   "ภาคี\u202efdp.exe", "a\u200bb\ufeffc"])
def test_names_are_safe_on_every_file_system(title: str, tmp_path: Path) -> None:
    record = make_record()
    session = dataclasses.replace(record.session, title=title)
    name = readable_name(session, "en", ".csv")
    assert not set(name) & set('/\\:*?"<>|') and name.isprintable()
    assert not [char for char in name if unicodedata.category(char).startswith("C")]
    assert not name[:-4].endswith((" ", ".")) and name.endswith(".csv")
    written = write_new(tmp_path, name, b"x")
    assert written.parent == tmp_path


def test_long_names_are_cut_between_whole_thai_letters() -> None:
    record = make_record()
    session = dataclasses.replace(record.session, title="ที่" * 200)
    name = readable_name(session, "th", ".pdf")
    assert len(name.encode("utf-8")) <= MAX_BYTES
    stem = name[:-4]
    assert stem.endswith("ที่") and unicodedata.is_normalized("NFC", name)
    assert safe_stem("ab  c. ") == "ab c" and safe_stem("...") == "export"


def test_a_taken_name_gets_a_number(tmp_path: Path) -> None:
    record = make_record()
    first = save(record, "csv", "th", tmp_path)
    second = save(record, "csv", "th", tmp_path)
    third = save(record, "csv", "th", tmp_path)
    assert [first.name, second.name, third.name] == [
        "2569-11-22 BAR เครือข่ายสุขภาพตำบลท่าข้าม.csv",
        "2569-11-22 BAR เครือข่ายสุขภาพตำบลท่าข้าม (2).csv",
        "2569-11-22 BAR เครือข่ายสุขภาพตำบลท่าข้าม (3).csv",
    ]
    assert first.read_bytes() == third.read_bytes() == exports.export(record, "csv", "th")


def test_with_answer_helper_keeps_the_text() -> None:
    record = make_record()
    assert answers_table(with_answer(record, "=1"), "en").rows[0][4] == "=1"  # neutralised only when written


def test_an_export_appears_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    record = make_record()
    (tmp_path / "2569-11-22 BAR เครือข่ายสุขภาพตำบลท่าข้าม.md").write_bytes(b"someone else's")
    written = save(record, "md", "th", tmp_path)
    assert written.name.endswith(" (2).md") and written.read_bytes() == exports.export(record, "md", "th")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    mask = os.umask(0o022)
    os.umask(mask)
    assert written.stat().st_mode & 0o777 == 0o666 & ~mask  # the permissions of any file the user makes
    assert (tmp_path / "2569-11-22 BAR เครือข่ายสุขภาพตำบลท่าข้าม.md").read_bytes() == b"someone else's"
