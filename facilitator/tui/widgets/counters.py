"""Big counters for the projector look: the answers to the open step and who joined, in digits three rows
tall, readable from the back row (shown only while the app carries the projector class, see ``app.tcss``)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from facilitator.core.i18n import t


class BigCounts(Vertical):
    """Two labelled counters; :meth:`show` sets them."""

    DEFAULT_CSS = """
    BigCounts { height: auto; display: none; }
    BigCounts > Digits { width: auto; text-style: bold; color: $accent; }
    BigCounts > .big-label { text-style: bold; }
    """

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang

    def compose(self) -> ComposeResult:
        """Each counter's label above its digits."""
        yield Static(t("answers", self.lang), classes="big-label", markup=False)
        yield Digits("0", id="big-answers")
        yield Static(t("joined", self.lang), classes="big-label", markup=False)
        yield Digits("0", id="big-joined")

    def show(self, answers: int | None, joined: int) -> None:
        """The open step's answers (``None`` in the lobby: left as they were) and who joined."""
        if answers is not None:
            self.query_one("#big-answers", Digits).update(str(answers))
        self.query_one("#big-joined", Digits).update(str(joined))
