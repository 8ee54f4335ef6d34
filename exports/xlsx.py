"""A session's record as an Excel workbook: the session's facts, then sheets Answers, Role split and Commitments.

Every cell is written as a string cell (``data_type "s"``, never a formula or a number guessed from text) and
through :func:`exports.cells.neutralise`, so a formula typed by a participant stays text even after the
coordinator edits the cell. The header row is frozen and bold; columns are as wide as their text, within limits.
"""

from __future__ import annotations

import io
import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exports.cells import neutralise
from exports.csv_export import tables
from exports.registry import Exporter, register
from exports.tables import Table, facts_table
from facilitator.core.record import SessionRecord

#: Column widths in characters: no narrower than a heading needs, no wider than a screen can show.
MIN_WIDTH, MAX_WIDTH = 8, 60
#: A sheet's name may not hold these, and at most 31 characters.
_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def write_xlsx(record: SessionRecord, lang: str) -> bytes:
    """A first sheet with the session's facts (title, when, where, who facilitated, how many took part), then one
    sheet per table of :func:`exports.csv_export.tables`, named after the table."""
    book = Workbook()
    book.remove(book.active)
    about = facts_table(record, lang)
    fill_sheet(book.create_sheet(sheet_name(about.title)), about)
    for table in tables(record, lang):
        fill_sheet(book.create_sheet(sheet_name(table.title)), table)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def fill_sheet(sheet: Worksheet, table: Table) -> None:
    """Write ``table`` into ``sheet``: string cells, bold frozen header, columns as wide as their text."""
    widths = [_columns(h) for h in table.headings]
    for row_number, values in enumerate([table.headings, *table.rows], start=1):
        for column, value in enumerate(values, start=1):
            if not value:
                continue  # left empty: an empty string cell reads back as nothing anyway
            cell = sheet.cell(row=row_number, column=column)
            cell.value = neutralise(value)
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if row_number == 1:
                cell.font = Font(bold=True)
            longest = max((_columns(line) for line in value.splitlines()), default=0)
            widths[column - 1] = max(widths[column - 1], longest)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    sheet.freeze_panes = "A2"


def sheet_name(title: str) -> str:
    """``title`` as a sheet's name: without the characters a name may not hold, at most 31 of them."""
    return title.translate(_SHEET_FORBIDDEN)[:31] or "-"


def _columns(line: str) -> int:
    """How many columns ``line`` takes: Thai vowel and tone marks sit on their letter and take none."""
    return sum(1 for char in line if not unicodedata.category(char).startswith("M"))


EXPORTER = register(Exporter(
    name="xlsx", suffix=".xlsx", media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    binary=True, write=write_xlsx,
))
