"""Aligned columns of ``Content``: the tables the boards are drawn with.

Widths are terminal cells (Thai vowel and tone marks take none), so columns line up whatever the script.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from textual.content import Content

from facilitator.tui.render import joined, literal

#: Widest a column may grow before its cells are cut with an ellipsis (in terminal cells).
MAX_COLUMN = 28
#: Narrowest a column is squeezed to when a table must fit a width.
MIN_COLUMN = 6


def table(
    header: Sequence[Content],
    rows: Sequence[Sequence[Content]],
    *,
    right: frozenset[int] = frozenset(),
    max_width: int | Sequence[int] = MAX_COLUMN,
    width: int | None = None,
    gap: int = 2,
    widths: Sequence[int] | None = None,
) -> Content:
    """Rows of cells in aligned columns, the header bold. Widths are terminal cells (Thai vowel and tone marks
    take none), so columns line up whatever the script; a cell wider than its column ends with "…".

    ``right`` are the indexes of right-aligned (number) columns; ``max_width`` caps every column or each one;
    with ``width`` the widest columns give up room until the table fits in it. ``widths`` are the columns'
    widths when the caller has measured them already (fitted with :func:`squeezed`).
    """
    fit = tuple(widths) if widths is not None else column_widths(
        header, rows, max_width=max_width, width=width, gap=gap
    )

    def line(cells: Sequence[Content]) -> Content:
        return _line(tuple((cell.plain, *cell.spans) for cell in cells), fit, right, gap)

    head = line(header)
    head = head.stylize("bold", 0, len(head.plain))
    return joined("\n", [head, *(line(row) for row in rows)])


def column_widths(
    header: Sequence[Content],
    rows: Sequence[Sequence[Content]],
    *,
    max_width: int | Sequence[int] = MAX_COLUMN,
    width: int | None = None,
    gap: int = 2,
) -> tuple[int, ...]:
    """The width :func:`table` gives each column: its widest cell up to its cap, then, with ``width``, one cell
    at a time from the widest column (down to :data:`MIN_COLUMN`) until the table fits."""
    caps = [max_width] * len(header) if isinstance(max_width, int) else list(max_width)
    widths = [
        max(1, min(cap, max(cell.cell_length for cell in column)))
        for cap, column in zip(caps, zip(header, *rows, strict=True), strict=True)
    ]
    return squeezed(widths, width, gap)


def squeezed(
    widths: Sequence[int], width: int | None, gap: int = 2, floors: int | Sequence[int] = MIN_COLUMN,
) -> tuple[int, ...]:
    """Columns of ``widths`` made to fit ``width`` (when given): one cell at a time from the widest column
    (the first of the widest) still above its floor, down to ``floors`` (one for every column, or each one's:
    a column whose floor is its width is never cut)."""
    widths = list(widths)
    lowest = [floors] * len(widths) if isinstance(floors, int) else list(floors)
    if width is not None and widths:
        excess = sum(widths) + gap * (len(widths) - 1) - width
        while excess > 0:
            above = [index for index, (each, floor) in enumerate(zip(widths, lowest, strict=True)) if each > floor]
            if not above:
                break
            widest = max(above, key=lambda index: widths[index])
            widths[widest] -= 1
            excess -= 1
    return tuple(widths)


@functools.lru_cache(maxsize=4096)
def _line(cells: tuple[tuple[Any, ...], ...], widths: tuple[int, ...], right: frozenset[int], gap: int) -> Content:
    """One row of a table, each cell (its text, then its spans) cut or padded to its column. Kept for the rows
    drawn last: a live board is drawn again with every claim, and most of its rows read as before."""
    parts = []
    for index, ((text, *spans), room) in enumerate(zip(cells, widths, strict=True)):
        cut = Content(text, spans).truncate(room, ellipsis=True)
        spare = room - cut.cell_length
        parts.append(cut.pad_left(spare) if index in right else cut.pad_right(spare))
    return joined(" " * gap, parts).rstrip()


def labelled(
    name: str, items: Sequence[Content], *, mark: str = "", style: str = "", empty: str = ""
) -> Content | None:
    """One line "mark name: a, b, c" (``empty`` when there are no items; ``None`` when ``empty`` is "")."""
    if not items and not empty:
        return None
    head = f"{mark} {name}: " if mark else f"{name}: "
    body = joined(", ", items) if items else literal(empty, "dim")
    return Content.assemble((head, style or "bold"), body)


def lines(*parts: Content | None) -> Content:
    """The parts one per line, leaving out ``None``."""
    return joined("\n", [part for part in parts if part is not None])
