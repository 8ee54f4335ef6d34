"""Exporting from the screens: which format (a list to pick from, every format first), and writing the files
from a worker thread with a notification of where they went."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator.core.i18n import t
from facilitator.core.record import SessionRecord
from facilitator.tui.localized import LocalizedModal

#: The formats offered, in the order shown (the join handout is written from the session screen, which knows
#: the join address).
FORMATS = ("pdf", "html", "xlsx", "csv", "md", "png", "json")
#: The first choice: every format at once.
ALL = "all"


class ExportChoiceScreen(LocalizedModal[tuple[str, ...]]):
    """Dismisses with the formats picked among ``formats`` (every one for the first choice), or ``()`` on
    Escape."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def __init__(self, lang: str, formats: tuple[str, ...] = FORMATS) -> None:
        super().__init__(lang)
        self.formats = formats

    def compose_dialog(self) -> ComposeResult:
        """A title and the list of formats."""
        lang = self.lang
        with Vertical(classes="dialog"):
            yield Static(t("export_choose", lang), classes="question")
            yield OptionList(Option(t("format_all", lang), id=ALL),
                             *(Option(t(f"format_{fmt}", lang), id=fmt) for fmt in self.formats), id="formats")

    @on(OptionList.OptionSelected, "#formats")
    def picked(self, message: OptionList.OptionSelected) -> None:
        """Enter (or a click) on a format."""
        choice = message.option.id
        self.dismiss(self.formats if choice == ALL else (str(choice),))

    def action_cancel(self) -> None:
        """Escape: export nothing."""
        self.dismiss(())


def choose_formats(screen: Screen[object], lang: str, start: Callable[[tuple[str, ...]], object],
                   formats: tuple[str, ...] = FORMATS) -> None:
    """Ask which of ``formats`` to write; once some are chosen, say the export has begun and call ``start`` with
    them (nothing happens when the choice is cancelled)."""

    def chosen(picked: tuple[str, ...] | None) -> None:
        if picked:
            screen.notify(t("exporting", lang), timeout=2)
            start(picked)

    screen.app.push_screen(ExportChoiceScreen(lang, formats), chosen)


def save_and_tell(screen: Screen[object], record: SessionRecord, formats: tuple[str, ...], lang: str, folder: Path,
                  done: str, url: str | None = None) -> list[Path]:
    """Write ``record`` in ``formats`` into ``folder`` under readable names and notify the paths (titled by the
    message ``done``), or why nothing was written. Call it from a worker thread: a PDF takes seconds."""
    from exports.saving import save

    return write_and_tell(screen, lambda: [save(record, fmt, lang, folder, url=url) for fmt in formats], lang,
                          folder, done)


def write_and_tell(screen: Screen[object], write: Callable[[], list[Path]], lang: str, folder: Path,
                   done: str) -> list[Path]:
    """Run ``write`` (from a worker thread) and notify the paths it wrote, titled by the message ``done``, or
    why it wrote nothing."""
    try:
        written = write()
    except OSError as err:
        screen.app.call_from_thread(screen.notify, f"{folder}: {err.strerror or err}", title=t("export_failed", lang),
                                    severity="error", markup=False)
        return []
    screen.app.call_from_thread(screen.notify, "\n".join(map(str, written)), title=t(done, lang), markup=False,
                                timeout=10)
    return written
