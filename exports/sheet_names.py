"""Names for a workbook's sheets that Excel accepts, made from titles in Thai or English.

Excel refuses a sheet name longer than 31 characters (counted in UTF-16 units), one holding ``[ ] : * ? / \\``,
one starting or ending with an apostrophe, the name "History" (it keeps it for itself), and two names that
differ only in case. :func:`add_sheet` gives every sheet a name within those rules: the forbidden characters and
any control character become spaces, a long title is cut with "…" — never between a Thai letter and its vowel or
tone mark, its sara am or the vowel written before it — and a name already taken gets " (2)", " (3)"….

A workbook with many sheets of one kind (a partnership report's commitments of each partner, its health check
block by block) names each :func:`tagged`: what tells the sheet apart first, then the kind when it still fits,
so a long common title never crowds out the part that differs.
"""

from __future__ import annotations

import unicodedata

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from facilitator.core.shortening import shortened

#: The longest name Excel accepts, in UTF-16 units.
MAX_UNITS = 31
#: Names Excel keeps for itself, compared without case.
RESERVED = frozenset({"history"})
_FORBIDDEN = frozenset("[]:*?/\\")


def sheet_name(title: str, limit: int = MAX_UNITS) -> str:
    """``title`` as a sheet's name of at most ``limit`` UTF-16 units, without what a name may not hold ("-" when
    nothing is left)."""
    kept = "".join(" " if char in _FORBIDDEN or unicodedata.category(char).startswith("C") else char
                   for char in title)
    name = " ".join(kept.split()).strip("'")
    size = limit
    while size > 1 and _units(shortened(name, size)) > limit:
        size -= 1
    return shortened(name, size).strip().strip("'") or "-"


def tagged(distinct: str, tag: str) -> str:
    """A sheet's title from what tells it apart from its siblings and the short name of their kind:
    ``"อบต.ท่าข้าม – งานที่รับไว้"``; ``distinct`` alone when both do not fit in a name."""
    whole = f"{distinct} – {tag}"
    return whole if sheet_name(whole) == sheet_name(whole, len(whole) * 2) else distinct


def add_sheet(book: Workbook, title: str) -> Worksheet:
    """A new last sheet of ``book`` named after ``title`` (:func:`sheet_name`), with a name no other sheet of the
    book has, in any case."""
    taken = {name.casefold() for name in book.sheetnames} | RESERVED
    name, number = sheet_name(title), 1
    while name.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        name = sheet_name(title, MAX_UNITS - len(suffix)) + suffix
    return book.create_sheet(name)


def _units(text: str) -> int:
    """How long Excel finds ``text``: its UTF-16 units (a character beyond the BMP, an emoji, counts two)."""
    return len(text.encode("utf-16-le")) // 2
