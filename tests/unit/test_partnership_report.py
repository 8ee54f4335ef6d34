"""The partnership report: who committed to what and where it stands, the meetings, expectations beside
results and health by organisation — as data, as Markdown that renders literally, and from the command line."""

from __future__ import annotations

import asyncio
import html
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from activities import load
from exports.labels import label
from exports.partnership_report import Report, markdown, report
from facilitator.__main__ import main
from facilitator.core.summaries.progress import progress_summary
from facilitator.core.workshop import Workshop
from facilitator.store import Store
from tests.unit.test_health_trend import two_meetings
from tests.unit.test_progress import HC, SAO, records, thakham

MADE = "2026-12-03T03:00:00+00:00"


def thakham_report(lang: str = "en") -> Report:
    partnership = thakham("implementing")
    return report(partnership, progress_summary(partnership, [*records(), *two_meetings()]), lang, made_at=MADE)


def section(doc: Report, title: str):  # noqa: ANN201
    return next(s for s in doc.sections if s.title == title)


def test_the_facts_name_the_stage_in_the_cycle_and_the_period() -> None:
    facts = dict(thakham_report("th").facts)
    assert facts["ระยะของภาคี"] == "7/12 ดำเนินการ (แนะนำ: ทบทวน)"
    assert facts["ช่วงเวลา"] == "1 พ.ย. 2569 – 1 ก.พ. 2570" and facts["จำนวนครั้งที่ประชุม"] == "5"


def test_every_commitment_with_its_lead_supporters_history_and_blockers() -> None:
    [(_, grid)] = section(thakham_report(), "Commitments by task").tables
    rows = {row[0]: dict(zip(grid.headings, row)) for row in grid.rows}
    data = rows["Shared data"]
    assert (data["Lead organisation"], data["Supporters"], data["Status"]) == (HC, f"{SAO}, อสม.บ้านนา",
                                                                               "Blocked / at risk")
    assert data["Blocked by"] == "รอข้อมูลจาก อบต."
    assert rows["Shared mechanism (coordination)"]["History"] == (
        f"In progress (1 Dec 2026, {HC}) → Done (15 Jan 2027, {HC})"
    )
    assert rows["นัดประชุมภาคีทุกสองเดือน"]["Due"] == "1 Mar 2027"


def test_by_partner_counts_and_lists_each_partners_commitments() -> None:
    by_partner = section(thakham_report(), "Commitments by partner")
    counts = {row[0]: row[1:] for row in by_partner.tables[0][1].rows}
    assert counts[SAO][:1] == ("2",)
    assert {subtitle for subtitle, _ in by_partner.tables[1:]} == {HC, SAO, "ชมรมผู้สูงอายุ", "อสม.บ้านนา"}


def test_health_by_organisation_says_where_partners_differ() -> None:
    health = section(thakham_report(), "Partnership health by organisation, meeting by meeting")
    assert health.lines == ("Trust: partners see it very differently (green beside red) on 1 Nov 2026",)
    trust = dict(health.tables)["Trust"]
    assert (SAO, "Red (a problem)", "Amber (needs attention)", "Better") in trust.rows


def test_expectations_beside_results_and_the_timeline() -> None:
    doc = thakham_report()
    assert section(doc, "BAR expectations beside AAR results").tables
    [(_, timeline)] = section(doc, "Timeline of sessions").tables
    assert len(timeline.rows) == 5


def test_the_markdown_renders_participant_text_literally() -> None:
    partnership = thakham("implementing")
    summary = progress_summary(partnership, records())
    hostile = "<b>รอ</b> | *อนุมัติ* [x](y)"
    summary["commitments"][1]["history"][0]["note"] = hostile
    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(
        markdown(report(partnership, summary, "th", made_at=MADE)))
    assert f"<td>{html.escape(hostile, quote=False)}</td>" in rendered
    assert "<b>" not in rendered and "<em>" not in rendered and "<a " not in rendered
    assert rendered.count("<h1>") == 1 and rendered.count("<table>") >= 5


@pytest.fixture
def partnership_dir(tmp_path: Path) -> tuple[Path, str]:
    """A data directory with a partnership whose BAR gave one lead claim with a due date and a contact."""

    async def fill() -> str:
        store = Store(tmp_path)
        partnership = store.create_partnership("ภาคีตำบลหนองบัว", [("อบต.หนองบัว", "local_admin")])
        workshop = Workshop(store)
        live = await workshop.open_session(load("role-split"), "แบ่งบทบาท", partnership_id=partnership.id)
        person = await live.join("token-aaaaaaaaaaaaaaaaaaaa", organisation="อบต.หนองบัว")
        await live.advance()
        await live.submit(person.id, 0, "client-0001", {"organisation": ["อบต.หนองบัว"], "level.fund": ["lead"],
                                                        "due.fund": ["31/3/2570"], "contact.fund": ["ปลัด 081"]})
        await workshop.close_session(live)
        await store.close()
        return partnership.id

    return tmp_path, asyncio.run(fill())


def test_a_readable_file_name_by_default(partnership_dir: tuple[Path, str], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    data_dir, partnership_id = partnership_dir
    assert main(["export", "--partnership", partnership_id[:4], "--format", "md", "--out", str(tmp_path),
                 "--data-dir", str(data_dir)]) == 0
    [written] = tmp_path.glob("*.md")
    assert written.name.endswith(" รายงานภาคี ภาคีตำบลหนองบัว.md") and written.name.startswith("25")
    assert capsys.readouterr().out.strip() == str(written)


def test_the_command_line_writes_the_partnership_report(partnership_dir: tuple[Path, str], tmp_path: Path) -> None:
    data_dir, partnership_id = partnership_dir
    out = tmp_path / "report.md"
    assert main(["export", "--partnership", partnership_id, "--format", "md", "--lang", "th", "--out", str(out),
                 "--data-dir", str(data_dir)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# ภาคีตำบลหนองบัว\n")
    assert "| กองทุนกลาง | อบต.หนองบัว |  | 31 มี.ค. 2570 | ปลัด 081 | ยังไม่เริ่ม |" in text


@pytest.mark.parametrize("argv, message", [
    (["--partnership", "nope", "--format", "md"], "nope"),
    (["--partnership", "x", "--format", "json"], "the partnership report is written as"),
    (["--format", "md"], "export needs a SESSION_ID, or --partnership ID"),
])
def test_mistakes_are_one_line_errors(partnership_dir: tuple[Path, str], argv: list[str], message: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", *argv, "--lang", "en", "--data-dir", str(partnership_dir[0])]) == 2
    assert message in capsys.readouterr().err



def test_the_report_as_xlsx_pdf_and_html(tmp_path: Path) -> None:
    import io
    from html.parser import HTMLParser

    from openpyxl import load_workbook
    from pypdf import PdfReader

    from exports.partnership_report import FORMATS

    partnership = thakham("implementing")
    summary = progress_summary(partnership, [*records(), *two_meetings()])
    summary["commitments"][1]["history"][0]["note"] = '=HYPERLINK("x") <script>x</script>'
    book = load_workbook(io.BytesIO(FORMATS["xlsx"][1](partnership, summary, "th")))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value]
    assert any(cell.value == "รอข้อมูลจาก อบต." for cell in cells)
    text = [cell for cell in cells if cell.data_type == "s"]  # no formula, no number guessed from text
    assert all(isinstance(cell.value, str) for cell in text)
    assert all(cell.data_type == "n" and type(cell.value) is int for cell in cells if cell not in text)
    facts = {row[0].value: row[1].value for row in book.worksheets[0].iter_rows(min_row=2)}
    assert facts[label("meetings", "th")] == len(summary["sessions"])  # a count, written as a number
    by_partner = book[label("commitments_by_partner", "th")]
    assert [cell.data_type for cell in by_partner[2]][:3] == ["s", "n", "n"]
    assert not any(str(cell.value).startswith("=") for cell in cells)
    pdf = PdfReader(io.BytesIO(FORMATS["pdf"][1](partnership, summary, "th")))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "งานที่รับไว้ แยกตามงาน" in text and "รอข้อมูลจาก อบต." in text and "1 มี.ค. 2570" in text
    page = FORMATS["html"][1](partnership, summary, "th").decode("utf-8")
    tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tags.append((tag, attrs))

    Tags().feed(page)
    assert "script" not in {tag for tag, _ in tags}  # the participant's note is text
    assert not any(value and "://" in value for _, attrs in tags for _, value in attrs)  # nothing fetched
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<h2>สุขภาพภาคี รายหน่วยงาน" in page


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_sheet_of_the_report_workbook_is_told_apart_within_excels_31(lang: str) -> None:
    import io

    from openpyxl import load_workbook

    from exports.partnership_report import FORMATS
    from exports.sheet_names import MAX_UNITS

    partnership = thakham("implementing")
    summary = progress_summary(partnership, [*records(), *two_meetings()])
    names = load_workbook(io.BytesIO(FORMATS["xlsx"][1](partnership, summary, lang))).sheetnames
    assert all(len(name.encode("utf-16-le")) // 2 <= MAX_UNITS for name in names)
    assert len({name.casefold() for name in names}) == len(names)
    assert not [name for name in names if name.endswith(")")]  # none told apart by a number only
    doc = report(partnership, summary, lang)
    # each table of a section of many has its own sheet, named first by what tells it apart
    for title in (label("commitments_by_partner", lang), label("expectations_vs_results", lang),
                  label("health_by_organisation", lang)):
        grids = [grid for _, grid in section(doc, title).tables if grid.sheet]
        assert len(grids) >= 2
        assert all(sum(name.startswith(grid.sheet) for name in names) == 1 for grid in grids), title
    days = {"th": ["1 ธ.ค. 2569 – BAR เทียบ AAR", "15 ม.ค. 2570 – BAR เทียบ AAR"],
            "en": ["1 Dec 2026 – BAR vs AAR", "15 Jan 2027 – BAR vs AAR"]}
    assert [name for name in names if "AAR" in name] == days[lang]
    assert f"{HC} – {label('sheet_commitments', lang)}" in names


def test_two_aars_held_the_same_day_are_told_apart_by_their_titles() -> None:
    import io

    from openpyxl import load_workbook

    from exports.partnership_report import FORMATS

    partnership = thakham("implementing")
    summary = progress_summary(partnership, records())
    aars = {review["aar_session"] for review in summary["reviews"]}
    for meeting in summary["sessions"]:
        if meeting["id"] in aars:
            meeting["held_at"] = "2027-01-15"
    names = load_workbook(io.BytesIO(FORMATS["xlsx"][1](partnership, summary, "th"))).sheetnames
    titles = [str(meeting["title"]) for meeting in summary["sessions"] if meeting["id"] in aars]
    reviews = [name for name in names if name.startswith("15 ม.ค. 2570")]
    assert len(reviews) == 2 and all(any(name.startswith(f"15 ม.ค. 2570 {t[:5]}") for name in reviews)
                                      for t in titles)
