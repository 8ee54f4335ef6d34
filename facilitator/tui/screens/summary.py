"""A closed session's summary: the role split, health check, pilot-area scores, dot votes and the partnership's
progress when the session has them, and its themes; then answers per step, per sector, per organisation, and who
was not heard."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from facilitator.core.i18n import format_date, sector_label, t
from facilitator.core.record import SessionRecord
from facilitator.core.summaries import health, pilot_scores, progress, role_split, votes
from facilitator.tui.localized import LocalizedScreen
from facilitator.tui.screens.export_choice import choose_formats, save_and_tell
from facilitator.tui.render import literal
from facilitator.tui.widgets.fitting_footer import FittingFooter
from facilitator.tui.widgets.theme_groups import ThemeGroups, theme_groups
from facilitator.tui.widgets.boards import (
    Board,
    ExpectationsBoard,
    HealthBoard,
    PointsBoard,
    ProgressBoard,
    RoleBoard,
    TimelineBoard,
    VotesBoard,
)

#: A section per saved summary: (summary kind, heading message key, the board that draws it, its id).
SECTIONS: tuple[tuple[str, str, type[Board], str], ...] = (
    (role_split.KIND, "role_split", RoleBoard, "role-board"),
    (health.KIND, "health", HealthBoard, "health-board"),
    (pilot_scores.KIND, "pilot_scores", PointsBoard, "points-board"),
    (votes.KIND, "dot_vote", VotesBoard, "votes-board"),
    (progress.KIND, "progress", ProgressBoard, "progress-board"),
    (progress.KIND, "timeline", TimelineBoard, "timeline-board"),
)


#: Cells the steps table needs besides its prompt column: the other columns, cell padding and margins.
PROMPT_ROOM = 46

#: The footer's keys, the one that matters most first: back home, ``?`` (which lists every key), exporting, then
#: the language; on a narrow screen the last are left out whole.
FOOTER_IMPORTANCE = ("home", "help", "export", "switch_language")


class SummaryScreen(LocalizedScreen[None]):
    """The summary of one session; ``e`` exports it, in the formats the facilitator picks, into ``exports_dir``."""

    CSS_PATH = "summary.tcss"
    BINDINGS = [Binding("e", "export", "export"), Binding("escape", "home", "home")]

    def __init__(self, record: SessionRecord, lang: str, exports_dir: Path) -> None:
        super().__init__(lang)
        self.record = record
        #: Where ``e`` writes the exports.
        self.exports_dir = exports_dir

    def compose(self) -> ComposeResult:
        """Headline figures and three tables."""
        lang = self.lang
        session = self.record.session
        summary = self.record.overview()
        with VerticalScroll():
            yield Static(literal(f"{t('summary', lang)} · {session.title}"), id="summary-title")
            yield Static(
                f"{session.activity.name(lang)} · {format_date(session.created_at, lang)} · "
                f"{t('participants', lang)} {summary['participants']} · {t('answers', lang)} {summary['answers']}"
                f" · {t('silent', lang)} {summary['silent_participants']}",
                markup=False, classes="muted",
            )
            if session.demo:
                yield Static(t("rehearsal_record", lang), markup=False, id="summary-rehearsal")
            yield from self._boards(lang)
            grouped = theme_groups(self.record, lang)
            if grouped is not None:
                yield Static(t("themes_title", lang), classes="heading")
                yield ThemeGroups(grouped, id="themes-summary")
            yield Static(t("by_step", lang), classes="heading")
            steps = DataTable(id="steps", cursor_type="row")
            steps.add_column(t("step", lang), width=6)
            steps.add_column("", width=max(24, min(60, self.app.size.width - PROMPT_ROOM)))
            steps.add_column(t("answers", lang), width=10)
            steps.add_column(t("participants", lang), width=12)
            for row in summary["steps"]:
                steps.add_row(row["index"] + 1, literal(row["prompt"][lang]), row["answers"], row["respondents"])
            yield steps
            yield Static(t("by_sector", lang), classes="heading")
            sectors = DataTable(id="sectors", cursor_type="row")
            sectors.add_column(t("sector", lang), width=40)
            sectors.add_column(t("participants", lang), width=12)
            sectors.add_column(t("answers", lang), width=10)
            for row in summary["by_sector"]:
                sectors.add_row(sector_label(row["sector"], lang), row["participants"], row["answers"])
            yield sectors
            yield Static(t("by_organisation", lang), classes="heading")
            orgs = DataTable(id="orgs", cursor_type="row")
            orgs.add_column(t("organisation_col", lang), width=40)
            orgs.add_column(t("participants", lang), width=12)
            orgs.add_column(t("answers", lang), width=10)
            for row in summary["by_organisation"]:
                orgs.add_row(literal(row["organisation"] or t("no_org", lang)), row["participants"], row["answers"])
            yield orgs
        yield FittingFooter(FOOTER_IMPORTANCE)

    def _boards(self, lang: str) -> ComposeResult:
        """A section for each saved summary besides the overview: role split, health, pilot scores, progress."""
        for kind, heading, board, board_id in SECTIONS:
            summary = self.record.latest(kind)
            if summary is not None:
                yield Static(t(heading, lang), classes="heading")
                yield board(summary, lang=lang, id=board_id)
        saved = self.record.latest(progress.KIND)
        if saved is not None:
            for index, review in enumerate(saved.get("reviews", [])):
                yield Static(t("expectations", lang), classes="heading")
                yield ExpectationsBoard(review, lang=lang, id=f"review-{index}", classes="review")

    def action_export(self) -> None:
        """Ask which format, then write it into the exports folder and say where."""
        choose_formats(self, self.lang, self.write_exports)

    @work(thread=True, exclusive=True, group="export")
    def write_exports(self, formats: tuple[str, ...]) -> list[Path]:
        """Write ``formats`` under readable names (off the event loop); notify the paths written, or why not."""
        return save_and_tell(self, self.record, formats, self.lang, self.exports_dir, "exported")

    def action_home(self) -> None:
        """Back to the list of sessions."""
        self.app.pop_screen()
