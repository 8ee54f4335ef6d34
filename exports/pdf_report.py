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
from exports.summary_tables import Section, summary_sections
from exports.tables import Table, facts, step_entries, title_of
from exports.thai_words import ZWSP, breakable, name_words
from facilitator.core.record import SessionRecord

#: The header row of every table: bold on a pale green.
HEADINGS = FontFace(emphasis="BOLD", fill_color=(226, 239, 231))
#: Dark green of the headings.
GREEN = (27, 94, 59)
#: How much room (mm) a heading wants under it on its page, besides its own height, not to stand alone.
KEEP_WITH_NEXT = 20
#: What a table cell adds to its text's width (mm): the padding on both sides and a little to spare.
CELL_PADDING = 3.0
#: The most a single word (a link, say) claims of a table's width (mm) before it is broken inside.
WIDEST_WORD = 30.0
#: How much of a cell's line is measured: beyond this, a line wraps anyway.
LONGEST_MEASURED = 300


def write_pdf(record: SessionRecord, lang: str) -> bytes:
    """The report: title and facts, the summaries (:func:`summary_sections`: participation, the role split, the
    health check, the pilot-area scores, the dot votes and the partnership's progress), then the answers step
    by step."""
    title = title_of(record, lang)
    pdf = report_pages(record, lang)
    pdf.set_font(FAMILY, "B", 20)
    pdf.set_text_color(*GREEN)
    pdf.multi_cell(0, 10, pdf.breakable(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    pdf.set_font(FAMILY, "", 11)
    pdf.multi_cell(0, 6, pdf.breakable(" · ".join(f"{name}: {value}" for name, value in facts(record, lang))),
                   new_x="LMARGIN", new_y="NEXT")
    for note in record_notes(record, lang):
        pdf.multi_cell(0, 6, pdf.breakable(note), new_x="LMARGIN", new_y="NEXT")

    for section in summary_sections(record, lang):
        draw_section(pdf, section)

    heading(pdf, label("answers", lang))
    headings = (label("organisation_column", lang), label("answer_text", lang), label("time", lang))
    for title, entries in step_entries(record, lang):
        heading(pdf, title, size=12)
        if entries:
            rows = [(entry.organisation, "\n".join(entry.lines), entry.time) for entry in entries]
            draw_table(pdf, Table("", headings, rows), (3, 7, 2))
        else:
            paragraph(pdf, label("no_answers_yet", lang))
    return bytes(pdf.output())


def report_pages(record: SessionRecord, lang: str) -> ReportPages:
    """The report's first page, ready to be written: Sarabun, the margins, and the words of the names of the
    people in ``record`` (its participants, its facilitator) kept whole."""
    names = [person.name for person in record.participants] + [record.session.details.facilitator]
    pdf = use_sarabun(ReportPages(title_of(record, lang), name_words(names)))
    pdf.set_lang(lang)
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    return pdf


class ReportPages(FPDF):
    """The report's pages: a footer with the title and the page number; ``names``, the words of the people's
    names the report holds (:func:`~exports.thai_words.name_words`), never broken inside."""

    def __init__(self, title: str, names: frozenset[str] = frozenset()) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.report_title = title
        self.names = names
        self.set_title(title)
        self.set_creator("Facilitator")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(110)
        self.cell(0, 5, f"{self.report_title} · {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0)

    def breakable(self, text: str) -> str:
        """``text`` with the places a line may break between Thai words marked, never inside a name."""
        return breakable(text, self.names)


def heading(pdf: ReportPages, text: str, size: int = 15) -> None:
    """A heading in the report's green, breaking between Thai words; on a new page when too little of this one
    is left for a line or two under it."""
    if pdf.will_page_break(KEEP_WITH_NEXT + size):
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(FAMILY, "B", size)
    pdf.set_text_color(*GREEN)
    pdf.multi_cell(0, size * 0.5, pdf.breakable(text), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    pdf.ln(1)


def draw_table(pdf: ReportPages, table: Table, widths: Sequence[float], size: int = 10) -> None:
    """``table`` across the page, its header row repeated on every page it runs onto; its numeric columns
    aligned right."""
    pdf.set_font(FAMILY, "", size)
    align = tuple("RIGHT" if column in table.numeric else "LEFT" for column in range(len(table.headings)))
    with pdf.table(col_widths=tuple(widths), headings_style=HEADINGS, text_align=align, v_align="TOP",
                   line_height=size * 0.5, padding=1, repeat_headings=1) as grid:
        for values in (table.headings, *table.rows):
            grid.row([pdf.breakable(value) for value in values])


def draw_section(pdf: ReportPages, section: Section) -> None:
    """A summary's section: its title, then each block — a table at :func:`column_widths`, or lines of text,
    a titled block under a smaller heading."""
    heading(pdf, section.title)
    for block in section.blocks:
        if block.title:
            heading(pdf, block.title, size=12)
        if isinstance(block, Table):
            size = 8 if len(block.headings) > 6 else 10
            draw_table(pdf, block, column_widths(pdf, block, size), size=size)
            continue
        if not block.title:
            pdf.ln(3)
        if block.lead:
            pdf.set_font(FAMILY, "B", 11)
            pdf.multi_cell(0, 6, pdf.breakable(f"{block.lead}:"), new_x="LMARGIN", new_y="NEXT")
        for line in block.lines:
            paragraph(pdf, f"• {line}" if block.bulleted else line)
        pdf.ln(1)


def paragraph(pdf: ReportPages, text: str) -> None:
    """A line of text across the page, breaking between Thai words."""
    pdf.set_font(FAMILY, "", 11)
    pdf.multi_cell(0, 6, pdf.breakable(text), new_x="LMARGIN", new_y="NEXT")


def column_widths(pdf: ReportPages, table: Table, size: int) -> tuple[float, ...]:
    """Widths (mm) for ``table``'s columns at ``size``, shared out fairly: every column that fits its longest
    line in an equal share of what is left gets that line's width (so a status, a date or a name stays on one
    line), the others split the rest equally but never below their longest word (a Thai word, a name, a count
    under its heading; a link claims at most :data:`WIDEST_WORD`). When every line fits, the text columns
    share the room left over."""
    needs, wants = [], []
    for column, heading_text in enumerate(table.headings):
        need = want = 0.0
        for text, style in ((heading_text, "B"), *((row[column], "") for row in table.rows)):
            pdf.set_font(FAMILY, style, size)
            for line in text[:LONGEST_MEASURED].splitlines():
                words = pdf.breakable(line).replace(ZWSP, " ").split()
                need = max(need, *(min(pdf.get_string_width(word), WIDEST_WORD) for word in words), 0.0)
                want = max(want, pdf.get_string_width(line))
        needs.append(need + CELL_PADDING)
        wants.append(max(want, need) + CELL_PADDING)
    widths = list(wants)
    left, crowded = pdf.epw, list(range(len(wants)))
    while crowded:
        share = left / len(crowded)
        fitting = [column for column in crowded if wants[column] <= share]
        if not fitting:  # first the columns whose longest word is more than a share, then equal shares
            fitting = [column for column in crowded if needs[column] > share]
            if not fitting:
                for column in crowded:
                    widths[column] = share
                return tuple(widths)
            for column in fitting:
                widths[column] = needs[column]
        left -= sum(widths[column] for column in fitting)
        crowded = [column for column in crowded if column not in fitting]
    text = [column for column in range(len(wants)) if column not in table.numeric] or list(range(len(wants)))
    for column in text:
        widths[column] += left * wants[column] / sum(wants[c] for c in text)
    return tuple(widths)


EXPORTER = register(
    Exporter(name="pdf", suffix=".pdf", media_type="application/pdf", binary=True, write=write_pdf)
)
