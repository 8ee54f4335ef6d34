"""Home: partnerships on the left, their sessions as a timeline on the right (or every session); both lists
newest first. Below 140 columns the partnerships sit above the sessions, which get the whole width."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Header, OptionList, Static
from textual.content import Content
from textual.widgets.option_list import Option

from facilitator.core.activity import Activity
from facilitator.core.chronology import listed_held_at
from facilitator.core.i18n import format_when, t
from facilitator.core.model import SessionDetails
from facilitator.core.partnership import Partnership, suggest_stage
from facilitator.core.vocab import STAGES
from facilitator.core.workshop import Workshop
from facilitator.store import Store
from facilitator.tui.localized import LocalizedScreen
from facilitator.tui.render import literal
from facilitator.tui.widgets.fitting_footer import FittingFooter
from facilitator.tui.widgets.sessions_table import SessionsTable

if TYPE_CHECKING:
    from facilitator.tui.screens.new_session import NewSession
    from facilitator.tui.screens.partnership_forms import Merge, NewPartnership

ALL = "*"
#: The sessions table's columns, by the message key of each header.
COLUMNS = ("date", "title", "activity", "status", "participants", "answers")

#: The footer's keys, the one that matters most first: opening a session (or moving to a partnership's
#: sessions) and starting one, then ``?`` and quitting, which stay on the narrowest screen; the partnership's
#: rarer keys are the first left out whole (``?`` lists them).
FOOTER_IMPORTANCE = (
    "select_cursor", "select", "new", "help", "app.quit", "switch_language", "progress", "new_partnership",
    "stage", "merge", "delete",
)


class PartnershipList(OptionList):
    """The partnerships; Enter moves to the highlighted one's sessions (and the footer says so)."""

    BINDINGS = [Binding("enter", "select", "to_sessions")]


class HomeScreen(LocalizedScreen[None]):
    """Partnerships and sessions. Enter opens a session: its summary when closed, its live screen otherwise.

    It reads and edits partnerships in ``store`` and refreshes progress through ``workshop``; for another screen
    it posts a request (:class:`StartRequested`, :class:`ResumeRequested`, :class:`SummaryRequested`,
    :class:`ProgressRequested`).
    """

    class StartRequested(Message):
        """Start a new session of ``activity`` (in a partnership, following a BAR, anonymous or not, with its
        place, facilitator, date and time, a rehearsal or not) and show it."""

        def __init__(self, activity: Activity, title: str, partnership_id: str | None, follows: str | None,
                     anonymous: bool = False, details: SessionDetails = SessionDetails(),
                     demo: bool = False) -> None:
            super().__init__()
            self.activity, self.title = activity, title
            self.partnership_id, self.follows = partnership_id, follows
            self.anonymous, self.details, self.demo = anonymous, details, demo

    class ResumeRequested(Message):
        """Serve an unfinished session again and show it."""

        def __init__(self, session_id: str) -> None:
            super().__init__()
            self.session_id = session_id

    class SummaryRequested(Message):
        """Show a closed session's summary."""

        def __init__(self, session_id: str) -> None:
            super().__init__()
            self.session_id = session_id

    class ProgressRequested(Message):
        """Show a partnership's progress summary, recomputed."""

        def __init__(self, partnership: Partnership) -> None:
            super().__init__()
            self.partnership = partnership

    CSS_PATH = "home.tcss"
    #: Below 140 columns the screen carries ``-narrow``: the sessions table's six columns want the whole width
    #: (beside the partnerships, at 120 columns a session's title would get a dozen cells).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]
    AUTO_FOCUS = "#sessions"
    BINDINGS = [
        Binding("n", "new", "new_session"),
        Binding("p", "new_partnership", "new_partnership"),
        Binding("m", "merge", "merge"),
        Binding("s", "stage", "stage"),
        Binding("v", "progress", "progress"),
        Binding("d", "delete", "delete"),
        Binding("q", "app.quit", "quit"),
    ]

    def __init__(self, store: Store, workshop: Workshop, lang: str) -> None:
        super().__init__(lang)
        self.store = store
        self.workshop = workshop

    def compose(self) -> ComposeResult:
        """Partnerships list, sessions table (or a hint when there is none), footer."""
        lang = self.lang
        yield Header()
        with Horizontal(id="panes"):
            with Vertical(id="partnerships-pane"):
                yield Static(t("partnerships", lang), classes="pane-title")
                with Container(id="partnership-info"):   # the list, then its stage (side by side when narrow)
                    yield PartnershipList(id="partnerships")
                    yield Static(id="stage")
            with Vertical(id="sessions-pane"):
                yield Static(t("sessions", lang), classes="pane-title", id="home-title")
                yield SessionsTable(id="sessions")
                yield Static(t("no_sessions", lang), id="empty")
        yield FittingFooter(FOOTER_IMPORTANCE)

    def on_mount(self) -> None:
        """Fill both lists."""
        self.refresh_all()

    def on_screen_resume(self) -> None:
        """Coming back from a session: show its new state."""
        self.refresh_all()

    async def change_language(self, lang: str) -> None:
        """Compose the screen in ``lang``, then fill its lists again, the same partnership highlighted."""
        selected = self.selected
        await super().change_language(lang)
        self.refresh_all(selected)

    # -- reading -----------------------------------------------------------------------------------------
    @property
    def selected(self) -> str:
        """The highlighted partnership's id, or ``ALL``."""
        options = self.query_one("#partnerships", OptionList)
        if options.highlighted is None:
            return ALL
        return str(options.get_option_at_index(options.highlighted).id)

    def partnership(self) -> Partnership | None:
        """The highlighted partnership, if one is (not "all sessions")."""
        selected = self.selected
        return None if selected == ALL else self.store.partnership(selected)

    def chosen_partnership(self) -> Partnership | None:
        """The highlighted partnership, for a key that acts on one; with "all sessions" highlighted, ``None``
        and a word on screen saying what to select."""
        partnership = self.partnership()
        if partnership is None:
            self.notify(t("select_partnership_first", self.lang), severity="warning", markup=False)
        return partnership

    def refresh_all(self, highlight: str | None = None) -> None:
        """Reload partnerships (newest first) and sessions from the store; ``highlight`` a partnership's id
        (or ``ALL``) instead of the one highlighted."""
        lang = self.lang
        options = self.query_one("#partnerships", OptionList)
        keep = highlight or (self.selected if options.option_count else ALL)
        options.clear_options()
        options.add_option(Option(t("all_sessions", lang), id=ALL))
        for partnership in reversed(self.store.partnerships()):
            options.add_option(Option(literal(partnership.name), id=partnership.id))
        ids = [str(options.get_option_at_index(i).id) for i in range(options.option_count)]
        options.highlighted = ids.index(keep) if keep in ids else 0
        self.refresh_sessions()
        table = self.query_one("#sessions", DataTable)
        if table.row_count and not options.has_focus:
            table.focus()

    @on(OptionList.OptionHighlighted, "#partnerships")
    def show_timeline(self, event: OptionList.OptionHighlighted) -> None:
        """Another partnership: show its timeline."""
        event.stop()
        self.refresh_sessions()

    @on(OptionList.OptionSelected, "#partnerships")
    def to_sessions(self, event: OptionList.OptionSelected) -> None:
        """Enter on a partnership moves to its sessions."""
        event.stop()
        table = self.query_one("#sessions", DataTable)
        if table.row_count:
            table.focus()

    def refresh_sessions(self) -> None:
        """Fill the table: every session, or one partnership's timeline, the latest meeting first, dated by the day
        it was held (else started); its counts are those of
        :meth:`Store.sessions`, the answers that stand (as ``facilitator sessions`` lists them)."""
        lang = self.lang
        table = self.query_one("#sessions", SessionsTable)
        rows: list[dict[str, Any]] = self.store.sessions()
        partnership = self.partnership()
        if partnership is not None:
            rows = [row for row in rows if row.get("partnership_id") == partnership.id]
        table.show([(key, t(key, lang)) for key in COLUMNS], [(row["id"], self._cells(row)) for row in rows])
        self.query_one("#empty").display = not rows
        table.display = bool(rows)
        self._show_stage(partnership, rows)

    def _cells(self, row: dict[str, Any]) -> list[object]:
        """A session's row in the table, a cell for each of :data:`COLUMNS`."""
        lang = self.lang
        title = literal(row["title"])
        if row.get("demo"):   # first, where a narrow column still shows it
            title = Content.assemble((f"{t('rehearsal_mark', lang)} · ", "italic $warning"), title)
        return [format_when(listed_held_at(row), lang), title, literal(row["activity_name"][lang] or row["activity_id"]),
                t(row["status"], lang), row["participants"], row["answers"]]

    def _show_stage(self, partnership: Partnership | None, rows: list[dict[str, Any]]) -> None:
        stage = self.query_one("#stage", Static)
        stage.display = partnership is not None
        if partnership is None:
            return
        lang = self.lang
        suggested = suggest_stage(row["activity_id"] for row in reversed(rows) if not row.get("demo"))
        current = partnership.stage or suggested
        text = f"{t('stage', lang)}: {STAGES[current](lang)}"
        if current != suggested:
            text += f"\n({t('stage_suggested', lang)}: {STAGES[suggested](lang)})"
        orgs = "\n".join(f"· {org.name}" for org in partnership.organisations)
        stage.update(literal(f"{text}\n\n{orgs}"))

    # -- actions -----------------------------------------------------------------------------------------
    def action_new(self) -> None:
        """Ask for an activity, a title, a partnership (and the BAR an AAR follows), anonymous or not, then start
        it."""
        from facilitator.tui.screens.new_session import NewSessionScreen

        def started(choice: NewSession | None) -> None:
            if choice is not None:
                from activities import ActivityError, UnknownActivity
                from activities.library import find

                try:
                    activity = find(choice.activity_id, self.store.data_dir)  # built-in, or the facilitator's own
                except (ActivityError, UnknownActivity) as err:  # its file was changed since the dialog opened
                    self.notify(str(err), severity="error", markup=False)
                    return
                self.post_message(self.StartRequested(activity, choice.title, choice.partnership_id,
                                                      choice.follows, choice.anonymous, choice.details,
                                                      choice.demo))

        selected = self.selected
        self.app.push_screen(NewSessionScreen(self.store, self.lang, None if selected == ALL else selected), started)

    def action_new_partnership(self) -> None:
        """Create a partnership with its invited organisations."""
        from facilitator.tui.screens.partnership_forms import NewPartnershipScreen

        def created(new: NewPartnership | None) -> None:
            if new is not None:  # highlighted: a session started next belongs to it unless told otherwise
                self.refresh_all(self.store.create_partnership(new.name, new.organisations).id)

        self.app.push_screen(NewPartnershipScreen(), created)

    def action_merge(self) -> None:
        """Merge two spellings of one organisation in the highlighted partnership."""
        from facilitator.tui.screens.partnership_forms import MergeScreen

        partnership = self.chosen_partnership()
        if partnership is None:
            return
        seen = {org.name for org in partnership.organisations}
        for record in self.store.partnership_records(partnership.id):
            if not record.session.demo:   # a rehearsal's simulated organisations are nobody's spelling
                seen.update(name for person in record.participants for name in person.organisations)

        def merged(merge: Merge | None) -> None:
            if merge is not None and partnership is not None:
                self.run_worker(self._merge(partnership, merge), exclusive=True)

        self.app.push_screen(MergeScreen(sorted(seen)), merged)

    async def _merge(self, partnership: Partnership, merge: Merge) -> None:
        await self.workshop.merge_organisations(partnership.id, merge.duplicate, merge.into)
        self.notify(f"{merge.duplicate} → {merge.into}", title=t("merged", self.lang), markup=False)
        self.refresh_all()

    def action_stage(self) -> None:
        """Set the highlighted partnership's stage in the partnering cycle."""
        from facilitator.tui.screens.partnership_forms import StageScreen

        partnership = self.chosen_partnership()
        if partnership is None:
            return
        rows = [row for row in self.store.sessions() if row.get("partnership_id") == partnership.id]
        suggested = suggest_stage(row["activity_id"] for row in reversed(rows))

        def chosen(stage: str | None) -> None:
            if stage is not None and partnership is not None:
                partnership.stage = stage
                self.store.save_partnership(partnership)
                self.refresh_all()

        self.app.push_screen(StageScreen(partnership.stage, suggested), chosen)

    def action_progress(self) -> None:
        """The highlighted partnership's progress summary."""
        partnership = self.chosen_partnership()
        if partnership is not None:
            self.post_message(self.ProgressRequested(partnership))

    def action_delete(self) -> None:
        """Ask, then move the highlighted session (sessions table focused) or partnership (list focused) into
        the trash. A session that is not closed — being served, or left unfinished — is refused: close it first;
        a rehearsal left unfinished goes at once (one being served is still refused)."""
        from facilitator.tui.screens.confirm import ConfirmScreen

        lang = self.lang
        table = self.query_one("#sessions", DataTable)
        rows = {row["id"]: row for row in self.store.sessions()}
        partnership, session_id = None, None
        if table.has_focus and table.row_count:
            row = rows[str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)]
            session_id = row["id"]
            unfinished = [row] if row["status"] != "closed" and not row.get("demo") else []
            question = t("delete_session_confirm", lang, title=row["title"], id=row["id"])
            refusal = "delete_close_first"
        elif self.query_one("#partnerships", OptionList).has_focus and (partnership := self.partnership()):
            own = [row for row in rows.values() if row.get("partnership_id") == partnership.id]
            unfinished = [row for row in own if row["status"] != "closed"]
            question = t("delete_partnership_confirm", lang, name=partnership.name, n=len(own), id=partnership.id)
            refusal = "delete_partnership_close_first"
        elif self.query_one("#partnerships", OptionList).has_focus:  # "all sessions": nothing to delete
            self.notify(t("select_partnership_first", lang), severity="warning", markup=False)
            return
        else:
            return
        if unfinished:
            self.notify(t(refusal, lang), severity="warning", markup=False)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(session_id, partnership)

        self.app.push_screen(ConfirmScreen(question, t("yes_delete", lang), t("cancel", lang)), answered)

    def _delete(self, session_id: str | None, partnership: Partnership | None) -> None:
        from facilitator.store import SessionInUse

        lang = self.lang
        try:
            if partnership is not None:
                item = self.store.trash_partnership(partnership.id)
            else:
                assert session_id is not None
                item = self.store.trash_session(session_id)
        except SessionInUse:
            self.notify(t("delete_close_first", lang), severity="warning", markup=False)
            return
        self.notify(item.title, title=t("moved_to_trash", lang), markup=False)
        self.refresh_all()

    def action_open(self) -> None:
        """Open the highlighted session."""
        table = self.query_one("#sessions", DataTable)
        if not table.row_count or not table.has_focus:
            return
        session_id = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        self._open(session_id)

    @on(DataTable.RowSelected, "#sessions")
    def open_row(self, event: DataTable.RowSelected) -> None:
        """Enter (or a click) on a row opens it."""
        event.stop()
        self.action_open()

    def _open(self, session_id: str) -> None:
        entry = self.store.catalog.session(session_id)
        if entry is None:
            return
        if entry["status"] == "closed":
            self.post_message(self.SummaryRequested(session_id))
        else:
            self.post_message(self.ResumeRequested(session_id))
