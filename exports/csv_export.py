"""A session's record as one CSV file for shared data: UTF-8 with a byte-order mark (so Excel reads Thai).

The file holds its tables one after the other, each under a row with its title and separated by an empty row:
the answers (one row per answer, first, so tools that read a plain table find it at the top), the role-split
matrix and the partnership's commitments with their history when the session saved them, and last the session's
facts under "About the session" — its title, activity, when and where it was held, who facilitated it, how many
took part, a rehearsal's or an anonymous session's note — as the XLSX export's first sheet has them. One file,
not three, because an export is one file a person opens, mails or drops in a LINE group; the XLSX export puts the
same tables on sheets of their own for those who want them apart.

Every cell passes :func:`exports.cells.neutralise`: nothing a participant typed becomes a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from exports.cells import neutralise
from exports.registry import Exporter, register
from exports.tables import Table, answers_table, commitments_table, facts_table, role_matrix
from facilitator.core.record import SessionRecord

#: Makes Excel read the file as UTF-8 (without it, Thai comes out as mojibake).
BOM = "\ufeff"


def tables(record: SessionRecord, lang: str) -> list[Table]:
    """The tables the CSV holds before the session's facts, in order: answers, then the role split and the
    commitments when the session saved them."""
    matrix = role_matrix(record, lang)
    found = [answers_table(record, lang), matrix.table(lang) if matrix else None, commitments_table(record, lang)]
    return [table for table in found if table is not None]


def write_csv(record: SessionRecord, lang: str) -> bytes:
    """The tables of :func:`tables`, then the session's facts (:func:`exports.tables.facts_table`: when and
    where it was held, who facilitated it…), as CSV (RFC 4180, CRLF line ends), UTF-8 with a BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for number, table in enumerate([*tables(record, lang), facts_table(record, lang)]):
        if number:
            writer.writerow([])
            writer.writerow(_cells([table.title]))
        writer.writerow(_cells(table.headings))
        writer.writerows(_cells(row) for row in table.rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def _cells(values: Iterable[str]) -> list[str]:
    return [neutralise(value) for value in values]


EXPORTER = register(Exporter(name="csv", suffix=".csv", media_type="text/csv", binary=False, write=write_csv))
