"""The wall of answers: one card per answer, arriving live, batched into one mount per frame."""

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
    """One answer in words, literal, with who gave it underneath; lines break between words, Thai ones too."""

    def __init__(self, card: Card) -> None:
        body = literal(card.text)
        if card.byline:
            body = Content.assemble(body, "\n", literal(card.byline, "dim italic"))
        super().__init__(WordBreaks(body), classes="card")


class AnswerWall(VerticalScroll):
    """Cards for the answers of one step. ``hidden_answers`` shows only a count until revealed."""

    DEFAULT_CSS = """
    AnswerWall { layout: grid; grid-size: 3; grid-gutter: 1 2; grid-rows: auto; padding: 0 1; }
    AnswerWall > .card { height: auto; padding: 0 1; background: $warning 15%; border-left: thick $warning; }
    AnswerWall > .earlier { column-span: 3; color: $text-muted; height: auto; }
    """

    #: Cards kept on the wall: the newest ones. Older answers are counted, not drawn, so a frame costs the
    #: same after 2 000 answers as after 60.
    MAX_CARDS = 60

    hidden_answers: reactive[bool] = reactive(False)
    """Whether cards are hidden from the room (answers keep arriving and are counted)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._pending: list[Card] = []
        self._shown: set[str] = set()
        self._earlier = Static(classes="earlier")
        self._earlier.display = False

    def watch_hidden_answers(self, hidden: bool) -> None:
        """Hide or show every card at once: one style change on the wall, not one per card."""
        self.styles.visibility = "hidden" if hidden else "visible"

    def show(self, cards: Iterable[Card]) -> None:
        """Replace the wall with ``cards`` (a step was opened)."""
        self._pending.clear()
        self._shown.clear()
        self.remove_children(AnswerCard)
        self.add(*cards)

    def on_mount(self) -> None:
        """The "+N earlier" line sits above the cards."""
        self.mount(self._earlier)

    def add(self, *cards: Card) -> None:
        """Queue cards; they are mounted together on the next turn of the event loop."""
        if not self._pending:
            self.call_later(self._flush)
        self._pending.extend(cards)

    def _flush(self) -> None:
        fresh = []
        for card in self._pending:
            if card.id not in self._shown:
                self._shown.add(card.id)
                fresh.append(card)
        self._pending.clear()
        if not fresh:
            return
        cards = [AnswerCard(card) for card in fresh[-self.MAX_CARDS:]]
        self.mount_all(cards)
        on_wall = list(self.query_children(AnswerCard))
        excess = len(on_wall) + len(cards) - self.MAX_CARDS
        if excess > 0:
            self.remove_children(on_wall[:excess])
        earlier = self.count - min(self.count, self.MAX_CARDS)
        self._earlier.display = earlier > 0
        self._earlier.update(f"+{earlier} …")
        self.scroll_end(animate=False)

    @property
    def count(self) -> int:
        """Answers of the step on the wall: drawn, counted as earlier, or queued."""
        return len(self._shown) + len(self._pending)
