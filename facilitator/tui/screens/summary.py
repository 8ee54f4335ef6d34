"""A closed session's summary: answers per step, per sector, per organisation, and who was not heard."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from facilitator.core.i18n import format_date, sector_label, t
from facilitator.core.record import SessionRecord
from facilitator.core.summary import KIND, session_overview
from facilitator.tui.render import literal

if TYPE_CHECKING:
    from facilitator.tui.app import FacilitatorApp


def overview_of(record: SessionRecord) -> dict[str, Any]:
    """The saved overview summary of ``record`` (computed when none was saved yet)."""
    saved = [s for s in record.summaries if s.get("kind") == KIND]
    if saved:
        return max(saved, key=lambda s: str(s.get("computed_at", "")))
    return session_overview(record.session, record.participants, record.responses)


class SummaryScreen(Screen[None]):
    """The summary of one session; ``e`` exports it (Markdown and JSON) next to the database."""

    CSS_PATH = "summary.tcss"
    BINDINGS = [Binding("e", "export", "Export"), Binding("escape", "home", "Home")]

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
