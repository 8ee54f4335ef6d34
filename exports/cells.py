"""Spreadsheet cells that stay text: a value a spreadsheet would read as a formula is neutralised.

Excel, LibreOffice and Google Sheets treat a cell starting with ``=``, ``+``, ``-`` or ``@`` (and, after a TAB,
CR or LF, whatever follows) as a formula: a participant typing ``=HYPERLINK(...)`` must not get a live link or
a computation in the coordinator's spreadsheet (OWASP "CSV injection"). The CSV and XLSX exports both write
every cell through :func:`neutralise`.
"""

from __future__ import annotations

#: What may start a formula (the full-width forms too: some spreadsheets read them as the ASCII ones).
FORMULA_STARTS = frozenset("=+-@\t\r\n＝＋－＠")


def neutralise(value: str) -> str:
    """``value`` as a cell that reads as text: a leading apostrophe when it could start a formula."""
    return f"'{value}" if value[:1] in FORMULA_STARTS else value
