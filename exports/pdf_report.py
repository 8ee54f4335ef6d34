"""A session's record as an A4 PDF report in Thai or English, for the provincial office.

Sarabun (the Thai government's font) shaped by HarfBuzz, so vowels and tone marks stack as they should; Thai
breaks between words (:mod:`exports.thai_words`); dates in the Buddhist era in Thai. Tables break across pages
and repeat their header row on each. The text copies out exactly as typed (:mod:`exports.pdf_fonts`).
"""

from __future__ import annotations

from collections.abc import Sequence

from fpdf import FPDF
from fpdf.fonts import FontFace

from exports.facts import record_notes
from exports.labels import label
from exports.pdf_fonts import FAMILY, use_sarabun
from exports.registry import Exporter, register
from exports.tables import Table, by_sector, commitments_table, facts, role_matrix, step_entries, title_of
from exports.thai_words import breakable
from facilitator.core.record import SessionRecord

#: The header row of every table: bold on a pale green.
HEADINGS = FontFace(emphasis="BOLD", fill_color=(226, 239, 231))
#: Dark green of the headings.
GREEN = (27, 94, 59)


def write_pdf(record: SessionRecord, lang: str) -> bytes:
    """The report: title and facts, participation by sector, the role split, the answers step by step and the
    partnership's commitments."""
    title = title_of(record, lang)
    pdf = use_sarabun(ReportPages(title))
    pdf.set_lang(lang)
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 20)
    pdf.set_text_color(*GREEN)
    pdf.multi_cell(0, 10, breakable(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    pdf.set_font(FAMILY, "", 11)
    pdf.multi_cell(0, 6, breakable(" · ".join(f"{name}: {value}" for name, value in facts(record, lang))),
                   new_x="LMARGIN", new_y="NEXT")
    for note in record_notes(record, lang):
        pdf.multi_cell(0, 6, breakable(note), new_x="LMARGIN", new_y="NEXT")

    heading(pdf, label("by_sector", lang))
    sectors = [(sector, str(people), str(answers)) for sector, people, answers in by_sector(record, lang)]
    draw_table(pdf, Table("", (label("sector", lang), label("participants", lang), label("answers", lang)), sectors),
           (4, 1, 1))

    matrix = role_matrix(record, lang)
    if matrix is not None:
        heading(pdf, label("role_split", lang))
        table = matrix.table(lang)
        draw_table(pdf, table, (3, *([2] * len(matrix.tasks))), size=9)

    heading(pdf, label("answers", lang))
    headings = (label("organisation_column", lang), label("answer_text", lang), label("time", lang))
    for title, entries in step_entries(record, lang):
        heading(pdf, title, size=12)
        if entries:
            rows = [(entry.organisation, "\n".join(entry.lines), entry.time) for entry in entries]
            draw_table(pdf, Table("", headings, rows), (3, 7, 2))
        else:
            pdf.set_font(FAMILY, "", 11)
            pdf.multi_cell(0, 6, label("no_answers_yet", lang), new_x="LMARGIN", new_y="NEXT")

    commitments = commitments_table(record, lang)
    if commitments is not None:
        heading(pdf, commitments.title)
        draw_table(pdf, commitments, (3, 2, 2, 1.5, 1.5, 2.5, 2, 2), size=8)
    return bytes(pdf.output())


class ReportPages(FPDF):
    """The report's pages: a footer with the title and the page number."""

    def __init__(self, title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.report_title = title
        self.set_title(title)
        self.set_creator("Facilitator")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(110)
        self.cell(0, 5, f"{self.report_title} · {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0)


def heading(pdf: FPDF, text: str, size: int = 15) -> None:
    """A heading in the report's green, breaking between Thai words."""
    pdf.ln(3)
    pdf.set_font(FAMILY, "B", size)
    pdf.set_text_color(*GREEN)
    pdf.multi_cell(0, size * 0.5, breakable(text), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    pdf.ln(1)


def draw_table(pdf: FPDF, table: Table, widths: Sequence[float], size: int = 10) -> None:
    """``table`` across the page, its header row repeated on every page it runs onto."""
    pdf.set_font(FAMILY, "", size)
    with pdf.table(col_widths=tuple(widths), headings_style=HEADINGS, text_align="LEFT", v_align="TOP",
                   line_height=size * 0.5, padding=1, repeat_headings=1) as grid:
        for values in (table.headings, *table.rows):
            grid.row([breakable(value) for value in values])


EXPORTER = register(
    Exporter(name="pdf", suffix=".pdf", media_type="application/pdf", binary=True, write=write_pdf)
)
