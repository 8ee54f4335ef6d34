"""The wall of answers: one card per answer, arriving live, batched into one mount per frame. The facilitator
can select one card (to hide it, or show it again); a hidden answer is a text-free stub."""

from __future__ import annotations

from collections.abc import Iterable

from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from facilitator.core.kinds import Card
from facilitator.tui.line_breaks import WordBreaks
from facilitator.tui.render import literal


class AnswerCard(Static):
    """One answer in words, literal, with who gave it underneath (lines break between words, Thai ones too); or,
    when ``stub``, only ``card``'s first line (a hidden answer: the stub's text is the screen's, never the
    participant's)."""

    def __init__(self, card: Card, *, stub: bool = False) -> None:
        super().__init__(classes="card")
        self.answer_id = card.id
        self.show_card(card, stub=stub)

    def show_card(self, card: Card, *, stub: bool = False) -> None:
        """Draw ``card`` (as a stub when ``stub``)."""
        body = literal(card.text)
        if card.byline and not stub:
            body = Content.assemble(body, "\n", literal(card.byline, "dim italic"))
        self.update(WordBreaks(body))
        self.set_class(stub, "stub")

    @property
    def stub(self) -> bool:
        """Whether the card stands for a hidden answer."""
        return self.has_class("stub")


class AnswerWall(VerticalScroll):
    """Cards for the answers of one step. ``hidden_answers`` shows only a count until revealed.

    ``selected`` is the id of the card the facilitator selected (``None``: none); :meth:`select_next` moves it.
    The selection stays on its card as new cards arrive, moves to a neighbour when its card leaves the wall,
    and is cleared when the wall is replaced (another step opened).
    """

    DEFAULT_CSS = """
    AnswerWall { layout: grid; grid-size: 3; grid-gutter: 1 2; grid-rows: auto; padding: 0 1; }
    AnswerWall > .card { height: auto; padding: 0 1; background: $warning 15%; border-left: thick $warning; }
    AnswerWall > .card.stub { background: $panel; border-left: thick $panel-lighten-2; color: $text-muted;
                              text-style: italic; }
    AnswerWall > .card.-selected { background: $accent 40%; border: heavy $accent; }
    AnswerWall > .earlier { column-span: 3; color: $text-muted; height: auto; }
    """

    #: Cards kept on the wall: the newest ones. Older answers are counted, not drawn, so a frame costs the
    #: same after 2 000 answers as after 60.
    MAX_CARDS = 60

    hidden_answers: reactive[bool] = reactive(False)
    """Whether cards are hidden from the room (answers keep arriving and are counted)."""

    selected: reactive[str | None] = reactive(None)
    """The id of the answer whose card the facilitator selected (``None``: no card is selected)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._pending: list[tuple[Card, bool]] = []
        self._shown: set[str] = set()
        self._earlier = Static(classes="earlier")
        self._earlier.display = False

    def watch_hidden_answers(self, hidden: bool) -> None:
        """Hide or show every card at once: one style change on the wall, not one per card."""
        self.styles.visibility = "hidden" if hidden else "visible"

    def watch_selected(self, selected: str | None) -> None:
        """Highlight the selected card (only it), and bring it into view."""
        for card in self.query_children(AnswerCard):
            card.set_class(card.answer_id == selected, "-selected")
            if card.answer_id == selected:
                self.scroll_to_widget(card, animate=False)

    def show(self, cards: Iterable[Card | tuple[Card, bool]]) -> None:
        """Replace the wall with ``cards`` (a step was opened); each a card, or (card, stub). No card is
        selected afterwards."""
        self._pending.clear()
        self._shown.clear()
        self.selected = None
        self.remove_children(AnswerCard)
        self.add(*cards)

    def on_mount(self) -> None:
        """The "+N earlier" line sits above the cards."""
        self.mount(self._earlier)

    def add(self, *cards: Card | tuple[Card, bool]) -> None:
        """Queue cards (or (card, stub) pairs); they are mounted together on the next turn of the event loop."""
        if not self._pending:
            self.call_later(self._flush)
        self._pending.extend(item if isinstance(item, tuple) else (item, False) for item in cards)

    def _flush(self) -> None:
        fresh = []
        for card, stub in self._pending:
            if card.id not in self._shown:
                self._shown.add(card.id)
                fresh.append((card, stub))
        self._pending.clear()
        if not fresh:
            return
        cards = [AnswerCard(card, stub=stub) for card, stub in fresh[-self.MAX_CARDS:]]
        self.mount_all(cards)
        on_wall = list(self.query_children(AnswerCard))
        excess = len(on_wall) + len(cards) - self.MAX_CARDS
        if excess > 0:
            leaving = on_wall[:excess]
            if self.selected in {card.answer_id for card in leaving}:
                self.selected = cards[0].answer_id if excess >= len(on_wall) else on_wall[excess].answer_id
            self.remove_children(leaving)
        self._show_earlier()
        if self.selected is None:
            self.scroll_end(animate=False)
        else:
            self.call_after_refresh(self.watch_selected, self.selected)

    def _show_earlier(self) -> None:
        earlier = self.count - min(self.count, self.MAX_CARDS)
        self._earlier.display = earlier > 0
        self._earlier.update(f"+{earlier} …")

    @property
    def count(self) -> int:
        """Answers of the step on the wall: drawn, counted as earlier, or queued."""
        return len(self._shown) + len(self._pending)

    # -- one card ----------------------------------------------------------------------------------------
    def _card_of(self, answer_id: str) -> AnswerCard | None:
        return next((c for c in self.query_children(AnswerCard) if c.answer_id == answer_id), None)

    def replace(self, card: Card, *, stub: bool = False) -> None:
        """Draw ``card`` in place of the card of the same answer (edited, hidden, shown again), wherever it
        is: drawn, or still queued. A card not on the wall is left out."""
        self._pending = [(card, stub) if queued.id == card.id else (queued, was) for queued, was in self._pending]
        drawn = self._card_of(card.id)
        if drawn is not None:
            drawn.show_card(card, stub=stub)

    def drop(self, answer_id: str) -> None:
        """Take an answer's card off the wall (it was withdrawn); a selection on it moves to a neighbour."""
        self._pending = [(card, stub) for card, stub in self._pending if card.id != answer_id]
        drawn = self._card_of(answer_id)
        if drawn is not None:
            if self.selected == answer_id:
                cards = list(self.query_children(AnswerCard))
                at = cards.index(drawn)
                others = cards[at + 1:] + cards[:at][::-1]
                self.selected = others[0].answer_id if others else None
            drawn.remove()
        self._shown.discard(answer_id)
        self._show_earlier()

    def select_next(self, step: int) -> str | None:
        """Move the selection ``step`` cards on (−1: the one before); with nothing selected yet, select the
        newest card. Returns the selected answer's id (``None`` when the wall has no card)."""
        ids = [card.answer_id for card in self.query_children(AnswerCard)]
        if not ids:
            self.selected = None
        elif self.selected not in ids:
            self.selected = ids[-1]
        else:
            self.selected = ids[max(0, min(len(ids) - 1, ids.index(self.selected) + step))]
        return self.selected
