"""A closed session's summary: the role split, health check, pilot-area scores and the partnership's progress
when the session has them; then answers per step, per sector, per organisation, and who was not heard."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Static

from facilitator.core.i18n import format_date, sector_label, t
from facilitator.core.record import SessionRecord
from facilitator.core.summary import KIND, session_overview
from facilitator.tui.localized import LocalizedScreen
from facilitator.tui.render import literal
from facilitator.tui.widgets.boards import (
    ExpectationsBoard,
    HealthBoard,
    PointsBoard,
    ProgressBoard,
    RoleBoard,
    TimelineBoard,
)

if TYPE_CHECKING:
    from facilitator.tui.app import FacilitatorApp


def latest_of(record: SessionRecord, kind: str) -> dict[str, Any] | None:
    """The newest saved summary of ``kind`` in ``record``, if there is one."""
    saved = [s for s in record.summaries if s.get("kind") == kind]
    return max(saved, key=lambda s: str(s.get("computed_at", ""))) if saved else None


def overview_of(record: SessionRecord) -> dict[str, Any]:
    """The saved overview summary of ``record`` (computed when none was saved yet)."""
    return latest_of(record, KIND) or session_overview(record.session, record.participants, record.responses)


class SummaryScreen(LocalizedScreen[None]):
    """The summary of one session; ``e`` exports it (Markdown and JSON) next to the database."""

    CSS_PATH = "summary.tcss"
    BINDINGS = [Binding("e", "export", "export"), Binding("escape", "home", "home")]

    def __init__(self, record: SessionRecord) -> None:
        super().__init__()
        self.record = record

    @property
    def facilitator(self) -> FacilitatorApp:
        """The app, typed."""
        return cast("FacilitatorApp", self.app)

    def compose(self) -> ComposeResult:
        """Headline figures and three tables."""
        lang = self.facilitator.lang
        session = self.record.session
        summary = overview_of(self.record)
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
            steps.add_column("", width=60)
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
            orgs.add_column(t("organisation", lang), width=40)
            orgs.add_column(t("participants", lang), width=12)
            orgs.add_column(t("answers", lang), width=10)
            for row in summary["by_organisation"]:
                orgs.add_row(literal(row["organisation"] or t("no_org", lang)), row["participants"], row["answers"])
            yield orgs
        yield Footer()

    def _boards(self, lang: str) -> ComposeResult:
        """A section for each saved summary besides the overview: role split, health, pilot scores, progress."""
        roles = latest_of(self.record, "role_split")
        if roles is not None:
            yield Static(t("role_split", lang), classes="heading")
            yield RoleBoard(roles, lang=lang, id="role-board")
        health = latest_of(self.record, "health")
        if health is not None:
            yield Static(t("health", lang), classes="heading")
            yield HealthBoard(health, lang=lang, id="health-board")
        points = latest_of(self.record, "pilot_scores")
        if points is not None:
            yield Static(t("pilot_scores", lang), classes="heading")
            yield PointsBoard(points, lang=lang, id="points-board")
        progress = latest_of(self.record, "progress")
        if progress is not None:
            yield Static(t("progress", lang), classes="heading")
            yield ProgressBoard(progress, lang=lang, id="progress-board")
            yield Static(t("timeline", lang), classes="heading")
            yield TimelineBoard(progress, lang=lang, id="timeline-board")
            for index, review in enumerate(progress.get("reviews", [])):
                yield Static(t("expectations", lang), classes="heading")
                yield ExpectationsBoard(review, lang=lang, id=f"review-{index}", classes="review")

    def action_export(self) -> None:
        """Write the Markdown and JSON exports into ``<data dir>/exports`` and say where."""
        import exports

        lang = self.facilitator.lang
        folder = self.facilitator.store.data_dir / "exports"
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name in ("md", "json"):
            exporter = exports.get(name)
            path = folder / f"{self.record.session.id}{exporter.suffix}"
            path.write_bytes(exporter.write(self.record, lang))
            written.append(str(path))
        self.notify("\n".join(written), title=t("exported", lang), markup=False)

    def action_home(self) -> None:
        """Back to the list of sessions."""
        self.app.pop_screen()
