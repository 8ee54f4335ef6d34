"""The word view: the most frequent words of a step's answers, with how often each occurs."""

from __future__ import annotations

import asyncio

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from facilitator.core import words
from facilitator.core.i18n import t
from facilitator.tui.localized import LocalizedModal
from facilitator.tui.render import literal


class WordsScreen(LocalizedModal[None]):
    """The top words of ``texts`` (Thai segmented, stop words, punctuation and numbers left out, English
    lowercased) over the wall; Escape closes it. The words are counted in a worker thread."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [Binding("escape", "close", "back")]
    DEFAULT_CSS = """
    WordsScreen .dialog { max-height: 90%; }
    WordsScreen DataTable { height: auto; max-height: 30; }
    """

    #: Words listed.
    LIMIT = 30

    def __init__(self, lang: str, prompt: str, texts: list[str]) -> None:
        super().__init__(lang)
        self.prompt = prompt
        self.texts = texts

    def compose_dialog(self) -> ComposeResult:
        """The step's prompt, a line saying what is shown, and the table (filled once counted)."""
        with Vertical(classes="dialog"):
            yield Static(t("words_title", self.lang), classes="question")
            yield Static(literal(self.prompt, "italic"))
            yield Static(t("words_loading", self.lang), id="words-note", markup=False)
            table: DataTable[object] = DataTable(id="words", cursor_type="row")
            table.add_column(t("words_word", self.lang), width=36)
            table.add_column(t("words_count", self.lang), width=12)
            yield table

    def on_mount(self) -> None:
        """Count the words."""
        self.query_one(DataTable).focus()
        self._count()

    @work(exclusive=True)
    async def _count(self) -> None:
        counted = await asyncio.to_thread(words.top_words, self.texts, self.LIMIT)
        table = self.query_one(DataTable)
        for word, count in counted:
            table.add_row(literal(word), count)
        note = self.query_one("#words-note", Static)
        table.display = bool(counted)
        note.display = not counted
        note.update(t("words_none", self.lang))

    def action_close(self) -> None:
        """Back to the wall."""
        self.dismiss(None)
