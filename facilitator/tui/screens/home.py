"""Home: every session in this data directory, newest first; start a new one or open an old one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from facilitator.core.i18n import format_date, t
from facilitator.tui.render import literal

if TYPE_CHECKING:
    from facilitator.tui.app import FacilitatorApp


class HomeScreen(Screen[None]):
    """The list of sessions. Enter opens one: its summary when closed, its live screen otherwise."""

    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("n", "new", "New session"),
        Binding("enter", "open", "Open", show=True),
        Binding("q", "app.quit", "Quit"),
    ]

    @property
    def facilitator(self) -> FacilitatorApp:
        """The app, typed."""
        return cast("FacilitatorApp", self.app)

    def compose(self) -> ComposeResult:
        """Header, the sessions table (or a hint when there is none), footer."""
        lang = self.facilitator.lang
        yield Header()
        yield Static(t("sessions", lang), id="home-title")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static(t("no_sessions", lang), id="empty")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the table."""
        self.refresh_sessions()

    def on_screen_resume(self) -> None:
        """Coming back from a session: show its new state."""
        self.refresh_sessions()

    def refresh_sessions(self) -> None:
        """Reload the session index from the store."""
        lang = self.facilitator.lang
        table = self.query_one("#sessions", DataTable)
        table.clear(columns=True)
        table.add_columns(t("date", lang), t("title", lang), t("activity", lang), t("status", lang),
                          t("participants", lang), t("answers", lang))
        rows: list[dict[str, Any]] = self.facilitator.store.sessions()
        for row in rows:
            table.add_row(
                format_date(row["created_at"], lang),
                literal(row["title"]),
                literal(row["activity_name"][lang] or row["activity_id"]),
                t(row["status"], lang),
                row["participants"],
                row["answers"],
                key=row["id"],
            )
        self.query_one("#empty").display = not rows
        table.display = bool(rows)
        if rows:
            table.focus()

    def action_new(self) -> None:
        """Ask for an activity and a title, then start the session."""
        from facilitator.tui.screens.new_session import NewSessionScreen

        def started(choice: tuple[str, str] | None) -> None:
            if choice is not None:
                self.run_worker(self._start(*choice), exclusive=True)

        self.app.push_screen(NewSessionScreen(), started)

    async def _start(self, activity_id: str, title: str) -> None:
        from activities import load

        await self.facilitator.start_session(load(activity_id), title)

    def action_open(self) -> None:
        """Open the highlighted session."""
        table = self.query_one("#sessions", DataTable)
        if not table.row_count:
            return
        session_id = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        self.run_worker(self._open(session_id), exclusive=True)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter (or a click) on a row opens it."""
        event.stop()
        self.action_open()

    async def _open(self, session_id: str) -> None:
        from facilitator.tui.screens.summary import SummaryScreen

        entry = self.facilitator.store.catalog.session(session_id)
        if entry is None:
            return
        if entry["status"] == "closed":
            await self.app.push_screen(SummaryScreen(self.facilitator.store.load(session_id)))
        else:
            await self.facilitator.resume_session(session_id)
