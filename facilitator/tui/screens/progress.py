"""A partnership's progress summary: its commitments, the timeline of its sessions, BAR expectations beside
AAR results, and its stage."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from facilitator.core.i18n import t
from facilitator.core.partnership import Partnership
from facilitator.tui.localized import LocalizedScreen
from facilitator.tui.render import literal
from facilitator.tui.widgets.boards import ExpectationsBoard, PartnersBoard, ProgressBoard, TimelineBoard


class ProgressScreen(LocalizedScreen[None]):
    """Shows one progress summary (plain data, as saved in TinyDB)."""

    CSS_PATH = "summary.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "home")]

    def __init__(self, partnership: Partnership, summary: dict[str, Any], lang: str) -> None:
        super().__init__(lang)
        self.partnership = partnership
        self.summary = summary

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
        yield Footer()
