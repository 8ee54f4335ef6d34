"""A session's record as an Excel workbook: a sheet "About the session" with its facts, a sheet of answers, one
sheet per summary the other reports show, then the commitments with one row per rating.

The summaries are :func:`exports.summary_tables.summary_sections`, as the Markdown post and the HTML and PDF
reports draw them: the overview, the role split (matrix, gaps, overlaps, coordinator, load, resources offered),
the health check, the pilot-area scores, the dot votes and the partnership's progress (commitments, timeline, BAR
expectations beside AAR results). A summary's sheet holds its tables and lines one under the other, an empty row
between two; a table's title and headings are bold, its counts aligned right.

A count or score the program computed (an :class:`exports.cells.Number`: answers, respondents, participants,
votes, points, ratings, load) is a number cell, so a spreadsheet sums it without "number stored as text". Every
other cell is written as a string cell (``data_type "s"``, never a formula or a number guessed from text) and
through :func:`exports.cells.neutralise`, so a formula typed by a participant, or an answer that looks like a
number, stays text even after the coordinator edits the cell. A sheet that starts with a table's headings has them frozen; columns are as wide as
their text, within limits. Sheet names follow Excel's rules (:mod:`exports.sheet_names`).
"""

from __future__ import annotations

import dataclasses
import io
import unicodedata
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exports.cells import Number, neutralise
from exports.registry import Exporter, register
from exports.sheet_names import add_sheet
from exports.summary_tables import Block, Lines, summary_sections
from exports.tables import Table, answers_table, commitments_table, facts_table
from facilitator.core.record import SessionRecord

#: Column widths in characters: no narrower than a heading needs, no wider than a screen can show.
MIN_WIDTH, MAX_WIDTH = 8, 60


def write_xlsx(record: SessionRecord, lang: str) -> bytes:
    """The session's facts (title, activity, when, where, who facilitated, how many took part), its answers, a
    sheet per summary section named after it, and the commitments when the session saved a progress summary."""
    book = Workbook()
    book.remove(book.active)
    for table in (facts_table(record, lang), answers_table(record, lang)):
        fill_sheet(add_sheet(book, table.title), table)
    for section in summary_sections(record, lang):
        fill_blocks(add_sheet(book, section.title), section.blocks)
    commitments = commitments_table(record, lang)
    if commitments is not None:
        fill_sheet(add_sheet(book, commitments.title), commitments)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def fill_sheet(sheet: Worksheet, table: Table) -> None:
    """Write ``table`` into ``sheet``: counts as numbers, the rest string cells, bold frozen header, columns as
    wide as their text."""
    fill_blocks(sheet, [dataclasses.replace(table, title="")])


def fill_blocks(sheet: Worksheet, blocks: Sequence[Block]) -> None:
    """Write ``blocks`` one under the other, an empty row between two: a table under its title with its headings
    (both bold), lines of text a line a row under their title (bold) and lead-in. Headings on the first row are
    frozen; columns are as wide as the tables' text (lines run on over the empty cells beside them)."""
    widths: dict[int, int] = {}
    row = 1
    for block in blocks:
        if row > 1:
            row += 1
        if isinstance(block, Table):
            row = _write_table(sheet, block, row, widths)
        else:
            row = _write_lines(sheet, block, row)
    if blocks and isinstance(blocks[0], Table) and not blocks[0].title:
        sheet.freeze_panes = "A2"
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)


def _write_table(sheet: Worksheet, table: Table, row: int, widths: dict[int, int]) -> int:
    """Write ``table`` from ``row`` on (its title, if any, then its headings and rows); the row after it."""
    if table.title:
        _put(sheet, row, 1, table.title, bold=True, wrap=False)
        row += 1
    for number, values in enumerate([table.headings, *table.rows]):
        for column, value in enumerate(values, start=1):
            widths[column] = max(widths.get(column, 0), _columns(value))
            _put(sheet, row, column, value, bold=not number, right=bool(number) and column - 1 in table.numeric)
        row += 1
    return row


def _write_lines(sheet: Worksheet, lines: Lines, row: int) -> int:
    """Write ``lines`` from ``row`` on, a line a row in the first column; the row after them."""
    if lines.title:
        _put(sheet, row, 1, lines.title, bold=True, wrap=False)
        row += 1
    for text in ([f"{lines.lead}:"] if lines.lead else []) + list(lines.lines):
        _put(sheet, row, 1, text, wrap=False)
        row += 1
    return row


def _put(sheet: Worksheet, row: int, column: int, value: str, *, bold: bool = False, wrap: bool = True,
         right: bool = False) -> None:
    """One cell: a :class:`~exports.cells.Number` as a number, any other text as a string cell, neutralised; an
    empty value leaves the cell empty (it would read back as nothing)."""
    if not value:
        return
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, Number):
        cell.value = value.value
    else:
        cell.value = neutralise(value)
        cell.data_type = "s"
    cell.alignment = Alignment(wrap_text=wrap, vertical="top", horizontal="right" if right else None)
    if bold:
        cell.font = Font(bold=True)


def _columns(text: str) -> int:
    """How many columns the longest line of ``text`` takes: Thai vowel and tone marks sit on their letter and take
    none."""
    return max((sum(1 for char in line if not unicodedata.category(char).startswith("M"))
                for line in text.splitlines()), default=0)


EXPORTER = register(Exporter(
    name="xlsx", suffix=".xlsx", media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    binary=True, write=write_xlsx,
))
