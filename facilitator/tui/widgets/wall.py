"""The wall of answers: one card per answer, arriving live, drawn line by line.

The wall is one widget that draws its cards itself (Textual's line API): a new answer costs the lines of its own
card — broken between words once per width and kept — and a new arrangement of the others' kept lines, never a
new widget to mount, style and lay out among sixty others. So the frame a card costs stays small however fast
answers come, and the phones waiting on the same event loop do not wait behind it.

The facilitator can select one card (to hide it, or show it again); a hidden answer is a text-free stub.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from facilitator.core.kinds import Card
from facilitator.tui.line_breaks import WordBreaks, name_kept_whole
from facilitator.tui.render import literal
from facilitator.tui.widgets.scroll_height import set_virtual_size

#: Columns of cards (on a narrow screen, below 120 columns: fewer), and the gaps between them (cells across,
#: lines down).
COLUMNS, NARROW_COLUMNS, GUTTER_X, GUTTER_Y = 3, 2, 2, 1
#: Narrower than this, the wall has fewer columns (a card keeps at least this many cells).
MIN_CARD_WIDTH = 12
#: The card's left edge, as Textual draws a thick left border.
EDGE = "▌"
#: How a card's byline differs from its text.
BYLINE = RichStyle(dim=True, italic=True)
#: However fast answers come, the wall is laid out again at most this often (seconds): one arrangement for
#: every answer that arrived meanwhile.
ARRANGE_EVERY = 0.05
#: The most of the event loop's time laying the wall out may take: after an arrangement that took ``t``
#: seconds, the next waits at least ``t × (1 − ARRANGE_SHARE) / ARRANGE_SHARE``. A room answering faster than
#: the wall can draw sees it catch up a few times a second, and the phones' requests keep the rest of the loop.
#: (A tenth: with 100 phones sending back to back, each arrangement breaks sixty new cards, ~12 ms; a quarter
#: cost phones 7 % of their answers a second, and nobody reads sixty cards in less than a tenth of a second.)
ARRANGE_SHARE = 0.10
_serials = itertools.count()


@dataclass(slots=True)
class _Placed:
    """A card on the wall: what it says, whether it stands for a hidden answer, its lines at a width."""

    card: Card
    stub: bool
    width: int = 0
    lines: tuple[tuple[Content, bool], ...] = ()   # (line, is the byline)
    #: The card's drawn lines, and what they were drawn for (width, look).
    drawn: tuple[tuple[int, str], list[list[Segment]]] | None = None
    #: Tells this placing of a card from every other (a row of the wall is kept drawn by its cards' serials).
    serial: int = field(default_factory=lambda: next(_serials))

    def broken(self, width: int) -> tuple[tuple[Content, bool], ...]:
        """The card's lines at ``width`` cells of text, broken between words (kept until the width changes)."""
        if width != self.width or not self.lines:
            body = [(line, False) for line in WordBreaks(literal(self.card.text)).at_width(width).split("\n")]
            if self.card.byline and not self.stub:
                breaks = WordBreaks(literal(self.card.byline), name_kept_whole(self.card.name))
                body += [(line, True) for line in breaks.at_width(width).split("\n")]
            self.width, self.lines = width, tuple(body)
        return self.lines


class AnswerWall(ScrollView, can_focus=False):
    """Cards for the answers of one step. ``hidden_answers`` shows only a count until revealed.

    ``selected`` is the id of the card the facilitator selected (``None``: none); :meth:`select_next` moves it.
    The selection stays on its card as new cards arrive, moves to a neighbour when its card leaves the wall,
    and is cleared when the wall is replaced (another step opened).
    """

    COMPONENT_CLASSES = {"wall--card", "wall--card-edge", "wall--stub", "wall--stub-edge", "wall--selected",
                         "wall--selected-edge", "wall--earlier"}
    DEFAULT_CSS = """
    AnswerWall { padding: 0 1; }
    AnswerWall > .wall--card { background: $warning 15%; }
    AnswerWall > .wall--card-edge { color: $warning; background: $warning 15%; }
    AnswerWall > .wall--stub { background: $panel; color: $text-muted; text-style: italic; }
    AnswerWall > .wall--stub-edge { color: $panel-lighten-2; background: $panel; }
    AnswerWall > .wall--selected { background: $accent 40%; text-style: bold; }
    AnswerWall > .wall--selected-edge { color: $accent; background: $accent 40%; }
    AnswerWall > .wall--earlier { color: $text-muted; }
    """

    #: Cards kept on the wall: the newest ones. Older answers are counted, not drawn, so a frame costs the
    #: same after 2 000 answers as after 60. They leave a whole row at a time, so the rows that stay are the
    #: same rows, kept drawn: a new card costs its own row.
    MAX_CARDS = 60

    hidden_answers: reactive[bool] = reactive(False)
    """Whether cards are hidden from the room (answers keep arriving and are counted)."""

    selected: reactive[str | None] = reactive(None)
    """The id of the answer whose card the facilitator selected (``None``: no card is selected)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._cards: list[_Placed] = []
        self._counted = 0           # answers of the step no longer drawn (older than the newest MAX_CARDS)
        self._lines: list[Strip] = []
        self._tops: dict[str, int] = {}
        self._arranged_for: tuple[int, int] | None = None
        self._rows: dict[tuple[object, ...], list[Strip]] = {}   # drawn rows, by width and their cards' looks
        self._arrange_due = False
        self._arrange_gap = ARRANGE_EVERY   # seconds until the next arrangement (longer after a costly one)
        self._follow_end = True
        #: How many columns of cards the wall was last drawn in.
        self.columns = COLUMNS

    # -- what is on the wall -----------------------------------------------------------------------------
    @property
    def cards(self) -> list[Card]:
        """The cards drawn now, oldest first."""
        return [placed.card for placed in self._cards]

    def is_stub(self, answer_id: str) -> bool:
        """Whether the card of ``answer_id`` stands for a hidden answer."""
        return any(p.stub for p in self._cards if p.card.id == answer_id)

    @property
    def count(self) -> int:
        """Answers of the step on the wall: drawn, or counted as earlier."""
        return len(self._cards) + self._counted

    def show(self, cards: Iterable[Card | tuple[Card, bool]]) -> None:
        """Replace the wall with ``cards`` (a step was opened); each a card, or (card, stub). No card is
        selected afterwards."""
        self._cards, self._counted = [], 0
        self.selected = None
        self._follow_end = True
        self.add(*cards)

    def add(self, *cards: Card | tuple[Card, bool]) -> None:
        """Put cards (or (card, stub) pairs) on the wall, newest last; a card already there is left as it is."""
        shown = {placed.card.id for placed in self._cards}
        for item in cards:
            card, stub = item if isinstance(item, tuple) else (item, False)
            if card.id not in shown:
                shown.add(card.id)
                self._cards.append(_Placed(card, stub))
        excess = len(self._cards) - self.MAX_CARDS
        if excess > 0:
            excess = -(-excess // self.columns) * self.columns   # whole rows
            leaving = {placed.card.id for placed in self._cards[:excess]}
            self._cards = self._cards[excess:]
            self._counted += excess
            if self.selected in leaving:
                self.selected = self._cards[0].card.id
        self._changed()

    def replace(self, card: Card, *, stub: bool = False) -> None:
        """Draw ``card`` in place of the card of the same answer (edited, hidden, shown again). A card not on
        the wall is left out."""
        for index, placed in enumerate(self._cards):
            if placed.card.id == card.id:
                self._cards[index] = _Placed(card, stub)
                self._changed()
                return

    def drop(self, answer_id: str) -> None:
        """Take an answer's card off the wall (it was withdrawn); a selection on it moves to a neighbour."""
        ids = [placed.card.id for placed in self._cards]
        if answer_id not in ids:
            return
        at = ids.index(answer_id)
        if self.selected == answer_id:
            others = ids[at + 1:] + ids[:at][::-1]
            self.selected = others[0] if others else None
        del self._cards[at]
        self._changed()

    def select_next(self, step: int) -> str | None:
        """Move the selection ``step`` cards on (−1: the one before); with nothing selected yet, select the
        newest card. Returns the selected answer's id (``None`` when the wall has no card)."""
        ids = [placed.card.id for placed in self._cards]
        if not ids:
            self.selected = None
        elif self.selected not in ids:
            self.selected = ids[-1]
        else:
            self.selected = ids[max(0, min(len(ids) - 1, ids.index(self.selected) + step))]
        return self.selected

    def relayout(self) -> None:
        """Break every card's lines again (the word segmenter has loaded)."""
        for placed in self._cards:
            placed.width, placed.drawn = 0, None
        self._rows = {}
        self._changed()

    # -- reacting ------------------------------------------------------------------------------------------
    def watch_hidden_answers(self, hidden: bool) -> None:
        """Hide or show every card at once."""
        self.styles.visibility = "hidden" if hidden else "visible"

    def watch_selected(self, selected: str | None) -> None:
        """Highlight the selected card (only it), and bring it into view."""
        self._follow_end = selected is None
        self._changed()

    def on_resize(self) -> None:
        """Cards are broken again for the new width, at once."""
        self._arrange()
        self.refresh()

    def notify_style_update(self) -> None:
        """A new theme: the cards are drawn again in its colours."""
        super().notify_style_update()
        for placed in self._cards:
            placed.drawn = None
        self._arranged_for = None
        self._rows = {}
        self.refresh()

    def _changed(self) -> None:
        """Lay the wall out again soon: once for every change until then (see :data:`ARRANGE_EVERY` and
        :data:`ARRANGE_SHARE`)."""
        self._arranged_for = None
        if self.is_mounted and not self._arrange_due:
            self._arrange_due = True
            self.set_timer(self._arrange_gap, self._arrange_now, name="arrange")

    def _arrange_now(self) -> None:
        self._arrange_due = False
        if self._arranged_for is None:
            started = time.perf_counter()
            self._arrange()
            cost = time.perf_counter() - started
            self._arrange_gap = max(ARRANGE_EVERY, cost * (1 - ARRANGE_SHARE) / ARRANGE_SHARE)
            self.refresh()

    # -- drawing -------------------------------------------------------------------------------------------
    def _arrange(self) -> None:
        """Lay the cards out in rows of columns and keep the wall's lines; scroll to the newest card, or to the
        selected one."""
        width = self.scrollable_content_region.width or self.size.width
        if width <= 0:
            return
        wanted = NARROW_COLUMNS if self.screen.has_class("-narrow") else COLUMNS
        columns = self.columns = max(1, min(wanted, (width + GUTTER_X) // (MIN_CARD_WIDTH + GUTTER_X)))
        card_width = max(4, (width - GUTTER_X * (columns - 1)) // columns)
        base = self.rich_style   # the wall's own background under the gaps between cards
        # Each look over the wall's background, once: the cards' segments are drawn in them, never restyled.
        styles = {name: base + self.get_component_rich_style(name) for name in self.COMPONENT_CLASSES}
        styles[""] = base
        lines: list[Strip] = []
        tops: dict[str, int] = {}
        if self._counted:
            earlier = Strip([Segment(f"+{self._counted} …", styles["wall--earlier"])])
            lines.append(earlier.adjust_cell_length(width, base))
        kept, self._rows = self._rows, {}
        for start in range(0, len(self._cards), columns):
            row = self._cards[start:start + columns]
            key = (width, card_width, *((placed.serial, self._look(placed)) for placed in row))
            drawn = kept.get(key)
            if drawn is None:
                drawn = self._row_lines(row, width, card_width, styles)
            self._rows[key] = drawn
            for placed in row:
                tops[placed.card.id] = len(lines)
            lines += drawn
        self._lines, self._tops = lines, tops
        self._arranged_for = (width, len(self._cards))
        set_virtual_size(self, Size(width, len(lines)))   # the wall's own size stays: no layout
        if self.selected in tops:
            top = tops[self.selected]
            if not self.scroll_y <= top < self.scroll_y + self.scrollable_content_region.height - 1:
                self.scroll_to(y=top, animate=False, immediate=True)
        elif self._follow_end:
            self.scroll_end(animate=False, immediate=True)

    def _row_lines(self, row: list[_Placed], width: int, card_width: int, styles: dict[str, RichStyle]) -> list[Strip]:
        """One row of cards side by side, then the gap under it, ``width`` cells wide on the wall's background."""
        drawn = [self._card_lines(placed, card_width, styles) for placed in row]
        base = styles[""]
        gutter, blank = Segment(" " * GUTTER_X, base), [Segment(" " * card_width, base)]
        used = card_width * len(row) + GUTTER_X * (len(row) - 1)
        rest = [Segment(" " * (width - used), base)] if width > used else []
        lines: list[Strip] = []
        for y in range(max(len(card) for card in drawn)):
            pieces: list[Segment] = []
            for index, card in enumerate(drawn):
                if index:
                    pieces.append(gutter)
                pieces.extend(card[y] if y < len(card) else blank)
            line = Strip(pieces + rest, max(used, width))
            lines.append(line if used <= width else line.crop(0, width))
        lines.extend(Strip.blank(width, base) for _ in range(GUTTER_Y))
        return lines

    def _look(self, placed: _Placed) -> str:
        """How a card is drawn: selected, a hidden answer's stub, or a card."""
        return "wall--selected" if placed.card.id == self.selected else "wall--stub" if placed.stub else "wall--card"

    def _card_lines(self, placed: _Placed, width: int, styles: dict[str, RichStyle]) -> list[list[Segment]]:
        """One card's lines, ``width`` cells wide: its edge, a space, its text, a space, on its background (the
        segments of each line, in their final styles)."""
        kind = self._look(placed)
        if placed.drawn is not None and placed.drawn[0] == (width, kind):
            return placed.drawn[1]
        background, edge = styles[kind], styles[f"{kind}-edge"]
        text_width = max(1, width - 3)
        lines = []
        for line, byline in placed.broken(text_width):
            style = background + BYLINE if byline else background
            text = Segment.adjust_line_length(list(Segment.apply_style(line.render_segments(), style)), text_width,
                                              style)
            lines.append([Segment(EDGE, edge), Segment(" ", background), *text, Segment(" ", background)])
        placed.drawn = ((width, kind), lines)
        return lines

    def render_line(self, y: int) -> Strip:
        """The wall's line ``y`` of the view, from the kept lines."""
        if not self._lines and self._cards:   # the first frame: later changes are laid out on their timer
            self._arrange()
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width or self.size.width
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        return self._lines[index].crop_extend(scroll_x, scroll_x + width, self.rich_style)
