"""A closed session's summary: the role split, health check, pilot-area scores and the partnership's progress
when the session has them; then answers per step, per sector, per organisation, and who was not heard."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Static

from facilitator.core.i18n import format_date, sector_label, t
from facilitator.core.record import SessionRecord
from facilitator.core.summaries import health, pilot_scores, progress, role_split
from facilitator.tui.localized import LocalizedScreen
from facilitator.tui.render import literal
from facilitator.tui.widgets.boards import (
    Board,
    ExpectationsBoard,
    HealthBoard,
    PointsBoard,
    ProgressBoard,
    RoleBoard,
    TimelineBoard,
)

#: A section per saved summary: (summary kind, heading message key, the board that draws it, its id).
SECTIONS: tuple[tuple[str, str, type[Board], str], ...] = (
    (role_split.KIND, "role_split", RoleBoard, "role-board"),
    (health.KIND, "health", HealthBoard, "health-board"),
    (pilot_scores.KIND, "pilot_scores", PointsBoard, "points-board"),
    (progress.KIND, "progress", ProgressBoard, "progress-board"),
    (progress.KIND, "timeline", TimelineBoard, "timeline-board"),
)


#: Cells the steps table needs besides its prompt column: the other columns, cell padding and margins.
PROMPT_ROOM = 46


class SummaryScreen(LocalizedScreen[None]):
    """The summary of one session; ``e`` exports it (Markdown and JSON) into ``exports_dir``."""

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
            yield from self._boards(lang)
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
        yield Footer()

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
        """Write the Markdown and JSON exports into the exports folder and say where."""
        import exports

        lang = self.lang
        folder = self.exports_dir
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for fmt in ("md", "json"):
            path = folder / f"{self.record.session.id}{exports.suffix(fmt)}"
            path.write_bytes(exports.export(self.record, fmt, lang))
            written.append(str(path))
        self.notify("\n".join(written), title=t("exported", lang), markup=False)

    def action_home(self) -> None:
        """Back to the list of sessions."""
        self.app.pop_screen()
