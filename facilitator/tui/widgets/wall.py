"""The wall of answers: one card per answer, arriving live, batched into one mount per frame."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from facilitator.core.model import Participant, Response
from facilitator.tui.render import literal


class AnswerCard(Static):
    """One answer, literal, with who gave it underneath."""

    def __init__(self, response: Response, byline: str) -> None:
        body = literal(response.text)
        if byline:
            body = Content.assemble(body, "\n", literal(byline, "dim italic"))
        super().__init__(body, classes="card")
        self.response_id = response.id


class AnswerWall(VerticalScroll):
    """Cards for the answers of one step. ``hidden_answers`` shows only a count until revealed."""

    DEFAULT_CSS = """
    AnswerWall { layout: grid; grid-size: 3; grid-gutter: 1 2; grid-rows: auto; padding: 0 1; }
    AnswerWall > .card { height: auto; padding: 0 1; background: $warning 15%; border-left: thick $warning; }
    AnswerWall.-hidden > .card { display: none; }
    """

    hidden_answers: reactive[bool] = reactive(False)
    """Whether cards are hidden from the room (answers keep arriving and are counted)."""

    def __init__(self, byline: Callable[[Participant | None], str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._byline = byline
        self._people: dict[str, Participant] = {}
        self._pending: list[Response] = []
        self._shown: set[str] = set()

    def watch_hidden_answers(self, hidden: bool) -> None:
        """Hide or show every card at once."""
        self.set_class(hidden, "-hidden")

    def show(self, responses: Iterable[Response], people: dict[str, Participant]) -> None:
        """Replace the wall with ``responses`` (a step was opened)."""
        self._people = people
        self._pending.clear()
        self._shown.clear()
        self.remove_children()
        self.add(*responses)

    def add(self, *responses: Response) -> None:
        """Queue cards; they are mounted together before the next frame."""
        if not self._pending:
            self.call_after_refresh(self._flush)
        self._pending.extend(responses)

    def _flush(self) -> None:
        cards = []
        for response in self._pending:
            if response.id not in self._shown:
                self._shown.add(response.id)
                cards.append(AnswerCard(response, self._byline(self._people.get(response.participant_id))))
        self._pending.clear()
        if cards:
            self.mount_all(cards)
            self.scroll_end(animate=False)

    @property
    def count(self) -> int:
        """Cards on the wall (shown or queued)."""
        return len(self._shown) + len(self._pending)
