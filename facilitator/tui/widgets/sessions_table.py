"""The home screen's table of sessions, its columns fitted to the table's width at every size: the date, the
status and the two counts are never cut; the title and the activity share the rest, cut with "…" when they
must be, so that every column shows and none runs past the edge."""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable

from facilitator.tui.widgets.columns import column_widths, squeezed

#: The columns of free text, which give way first when the table is narrow: the title and the activity.
TEXT_COLUMNS = frozenset({"title", "activity"})
#: The fewest cells a column of free text is cut to.
TEXT_FLOOR = 8


class SessionsTable(DataTable[object]):
    """The sessions, a row each; Enter opens the highlighted one (and the footer says so)."""

    BINDINGS = [Binding("enter", "select_cursor", "open")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._columns: list[tuple[str, str]] = []
        self._rows: list[tuple[str, list[object]]] = []

    def show(self, columns: Sequence[tuple[str, str]], rows: Sequence[tuple[str, Sequence[object]]]) -> None:
        """Show ``rows`` — (key, cells), each cell a :class:`Content`, our own words or a number — under
        ``columns`` — (name, header), a name from :data:`TEXT_COLUMNS` for a column that may be cut."""
        self._columns = list(columns)
        self._rows = [(key, list(cells)) for key, cells in rows]
        self._fill()

    def fitted_widths(self) -> tuple[int, ...]:
        """Each column's width in cells: its widest cell or header, the free text cut (the widest first, down to
        :data:`TEXT_FLOOR`) until the table fits its width with room kept for its scrollbar."""
        header = [Content(label) for _, label in self._columns]
        cells = [[cell if isinstance(cell, Content) else Content(str(cell)) for cell in row] for _, row in self._rows]
        natural = column_widths(header, cells, max_width=10_000)   # no cap of its own: the table's width decides
        floors = [min(width, TEXT_FLOOR) if name in TEXT_COLUMNS else width
                  for (name, _), width in zip(self._columns, natural, strict=True)]
        room = self.size.width - self.styles.scrollbar_size_vertical - 2 * self.cell_padding * len(natural)
        return squeezed(natural, room, gap=0, floors=floors)

    def on_resize(self) -> None:
        """Another width: fit the columns to it, the same row highlighted."""
        if self._columns and self.fitted_widths() != tuple(column.width for column in self.columns.values()):
            row = self.cursor_row
            self._fill()
            self.move_cursor(row=row)

    def _fill(self) -> None:
        self.clear(columns=True)
        widths = self.fitted_widths()
        for (_, label), width in zip(self._columns, widths, strict=True):
            self.add_column(label, width=width)
        for key, cells in self._rows:
            self.add_row(*(cut(cell, width) for cell, width in zip(cells, widths, strict=True)), key=key)


def cut(cell: object, width: int) -> object:
    """``cell`` as its column of ``width`` cells shows it: a text too long for it ends with "…"."""
    if isinstance(cell, Content) and cell.cell_length > width:
        return cell.truncate(width, ellipsis=True)
    return cell
