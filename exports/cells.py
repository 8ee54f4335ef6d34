"""Spreadsheet cells that stay text: a value a spreadsheet would read as a formula is neutralised.

Excel, LibreOffice and Google Sheets treat a cell starting with ``=``, ``+``, ``-`` or ``@`` (and, after a TAB,
CR or LF, whatever follows) as a formula: a participant typing ``=HYPERLINK(...)`` must not get a live link or
a computation in the coordinator's spreadsheet (OWASP "CSV injection"). The CSV and XLSX exports both write
every text cell through :func:`neutralise`.

A count or score the program computed itself (answers, votes, points, participants) is a :class:`Number`: it reads
as its digits in every report and the CSV, and the XLSX writes it as a number cell, so a spreadsheet can sum it.
Text a participant typed is never a :class:`Number`, even when it looks like one.
"""

from __future__ import annotations

import math
from typing import Any, Self

#: What may start a formula (the full-width forms too: some spreadsheets read them as the ASCII ones).
FORMULA_STARTS = frozenset("=+-@\t\r\n＝＋－＠")


def neutralise(value: str) -> str:
    """``value`` as a cell that reads as text: a leading apostrophe when it could start a formula."""
    return f"'{value}" if value[:1] in FORMULA_STARTS else value


class Number(str):
    """A count or score the program computed, as the text every report prints; :attr:`value` is the number
    itself, which the XLSX export writes as a number cell. Never made from what a participant typed."""

    value: float

    def __new__(cls, value: float) -> Self:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise TypeError(f"a count or score, not {value!r}")
        made = super().__new__(cls, str(value))
        made.value = value
        return made


def count(value: Any) -> Number:
    """A count the program keeps (an int, or its saved form in a summary) as a :class:`Number`."""
    return Number(int(value))
