"""Which format to export a closed session in: a list to pick from, every format first."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator.core.i18n import t
from facilitator.tui.localized import LocalizedModal

#: The formats offered, in the order shown (the join handout is written from the session screen, which knows
#: the join address).
FORMATS = ("pdf", "html", "xlsx", "csv", "md", "png", "json")
#: The first choice: every format at once.
ALL = "all"


class ExportChoiceScreen(LocalizedModal[tuple[str, ...]]):
    """Dismisses with the formats picked (every one for the first choice), or ``()`` on Escape."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def compose(self) -> ComposeResult:
        """A title and the list of formats."""
        lang = self.lang
        with Vertical(classes="dialog"):
            yield Static(t("export_choose", lang), classes="question")
            yield OptionList(Option(t("format_all", lang), id=ALL),
                             *(Option(t(f"format_{fmt}", lang), id=fmt) for fmt in FORMATS), id="formats")

    @on(OptionList.OptionSelected, "#formats")
    def picked(self, message: OptionList.OptionSelected) -> None:
        """Enter (or a click) on a format."""
        choice = message.option.id
        self.dismiss(FORMATS if choice == ALL else (str(choice),))

    def action_cancel(self) -> None:
        """Escape: export nothing."""
        self.dismiss(())
