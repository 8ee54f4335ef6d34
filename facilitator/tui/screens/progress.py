"""A partnership's progress summary: its commitments, the timeline of its sessions, BAR expectations beside
AAR results, and its stage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from facilitator.core.i18n import t
from facilitator.core.partnership import Partnership
from facilitator.tui.localized import LocalizedScreen
from facilitator.tui.screens.export_choice import choose_formats, write_and_tell
from facilitator.tui.render import literal
from facilitator.tui.widgets.boards import ExpectationsBoard, PartnersBoard, ProgressBoard, TimelineBoard
from facilitator.tui.widgets.fitting_footer import FittingFooter

#: The footer's keys, the one that matters most first: back home, ``?`` (which lists every key), exporting the
#: report, then the language; on a narrow screen the last are left out whole.
FOOTER_IMPORTANCE = ("app.pop_screen", "help", "export", "switch_language")


class ProgressScreen(LocalizedScreen[None]):
    """Shows one progress summary (plain data, as saved in TinyDB)."""

    CSS_PATH = "summary.tcss"
    BINDINGS = [Binding("e", "export", "export"), Binding("escape", "app.pop_screen", "home")]

    def __init__(self, partnership: Partnership, summary: dict[str, Any], lang: str,
                 exports_dir: Path | None = None) -> None:
        super().__init__(lang)
        self.partnership = partnership
        self.summary = summary
        #: Where ``e`` writes the partnership report (the data directory's exports folder).
        self.exports_dir = exports_dir or Path("exports")

    def compose(self) -> ComposeResult:
        """Headline, commitments, timeline, one section per BAR → AAR review."""
        lang = self.lang
        with VerticalScroll():
            yield Static(literal(f"{t('progress', lang)} · {self.partnership.name}"), id="summary-title")
            yield Static(t("commitments", lang), classes="heading")
            yield ProgressBoard(self.summary, lang=lang, id="progress-board")
            yield Static(t("by_organisation", lang), classes="heading")
            yield PartnersBoard(self.summary, lang=lang, id="partners-board")
            yield Static(t("timeline", lang), classes="heading")
            yield TimelineBoard(self.summary, lang=lang, id="timeline-board")
            for index, review in enumerate(self.summary.get("reviews", [])):
                yield Static(t("expectations", lang), classes="heading")
                yield ExpectationsBoard(review, lang=lang, id=f"review-{index}", classes="review")
        yield FittingFooter(FOOTER_IMPORTANCE)

    def action_export(self) -> None:
        """Ask which format, then write the partnership report into the exports folder and say where."""
        from exports.partnership_report import FORMATS

        choose_formats(self, self.lang, self.write_report, tuple(FORMATS))

    @work(thread=True, exclusive=True, group="export")
    def write_report(self, formats: tuple[str, ...]) -> list[Path]:
        """Write the report in ``formats`` under readable names (off the event loop); notify where, or why not."""
        from exports.partnership_report import save

        lang, folder = self.lang, self.exports_dir
        return write_and_tell(self, lambda: [save(self.partnership, self.summary, fmt, lang, folder) for fmt in formats],
                              lang, folder, "exported")
