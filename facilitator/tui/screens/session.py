"""A live session on the wall: the join view (QR code, address, who joined) and the step view (the prompt and
the answers arriving: a wall of cards for notes and actions, a summary board for structured steps). The
facilitator drives it with the keyboard."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Digits, Static

from facilitator.core import kinds, words
from facilitator.core.activity import Step
from facilitator.core.events import (
    AnswerAdded,
    AnswerChanged,
    Change,
    Event,
    ParticipantJoined,
    StepChanged,
    StorageTrouble,
    TasksChanged,
    TimerChanged,
)
from facilitator.core.i18n import t
from facilitator.core.live import LiveSession, Rejected, StorageError
from facilitator.core.model import Answer, Session, Status
from facilitator.core.record import SessionRecord
from facilitator.core.state import InvalidTransition
from facilitator.core.workshop import Workshop
from facilitator.tui import heap
from facilitator.tui.messages import LiveEvents, follow
from facilitator.tui.screens.countdown_keys import COUNTDOWN_BINDINGS, CountdownKeys
from facilitator.tui.render import literal, sector_counts
from facilitator.tui.widgets.boards import BOARDS, Board
from facilitator.tui.widgets.counters import BigCounts
from facilitator.tui.widgets.fitting_footer import FittingFooter
from facilitator.qr import wifi_payload
from facilitator.tui.widgets.qr_code import QRCode
from facilitator.tui.widgets.session_bar import SessionBar
from facilitator.tui.widgets.wall import AnswerWall

#: However fast answers come, the bar's counters and the big digits are counted again at most this often
#: (seconds).
COUNT_EVERY = 0.1

#: The footer's keys, the one that matters most first: below 120 columns the last ones are left out whole
#: (``?``, which lists them all, is kept first).
FOOTER_IMPORTANCE = (
    "help", "switch_language", "advance", "back", "toggle_hidden", "toggle_join", "close_session",
    "set_timer", "toggle_timer", "add_minute", "toggle_card", "add_task", "home",
)


def prompt_with_hint(step: Step, lang: str) -> Content:
    """The step's question, and under it its hint ("เช่น …", an example answer) when the activity gives one."""
    prompt = literal(step.prompt(lang))
    hint = step.hint(lang) if step.hint is not None else ""
    return Content.assemble(prompt, "\n", literal(hint, "not bold italic $text-muted")) if hint else prompt


class SessionScreen(CountdownKeys):
    """Runs one :class:`LiveSession`: it listens to the session's events and sends the facilitator's moves.

    ``join_url`` gives the address phones open for a join code; ``wifi`` is the hotspot to offer as
    (SSID, password). Once the session is closed (through ``workshop``) the screen posts :class:`Closed`;
    ``e`` writes the join handout (QR code, address and join code as PNG and PDF) into ``exports_dir``.
    """

    class Closed(Message):
        """The session was closed and its summaries saved: its summary can be shown."""

        def __init__(self, session_id: str) -> None:
            super().__init__()
            self.session_id = session_id

    CSS_PATH = "session.tcss"
    BINDINGS = [
        Binding("right,space", "advance", "next"),
        Binding("left", "back", "previous"),
        Binding("h", "toggle_hidden", "hide"),
        Binding("up", "select_card(-1)", "select_card", show=False, priority=True),
        Binding("down", "select_card(1)", "select_card", show=False, priority=True),
        Binding("x", "toggle_card", "hide_card"),
        Binding("a", "add_task", "add_task"),
        *COUNTDOWN_BINDINGS,
        Binding("j", "toggle_join", "join_screen"),
        Binding("c", "close_session", "close"),
        Binding("escape", "home", "home"),
        # Kept out of the footer, which holds at 120 columns what a running step needs; ``?`` lists them.
        Binding("g", "themes_board", "themes_board", show=False),
        Binding("w", "word_view", "words_view", show=False),
        Binding("e", "handout", "handout", show=False),
        Binding("s", "snapshot", "snapshot_export", show=False),
    ]

    step_started: reactive[float] = reactive(time.monotonic)
    """When the open step was opened (monotonic seconds), for the timer."""
    #: The step ``step_started`` is for.
    _timed_step: int | None = None

    def __init__(
        self, live: LiveSession, workshop: Workshop, lang: str, join_url: Callable[[str], str],
        wifi: tuple[str, str] | None = None, exports_dir: Path | None = None,
    ) -> None:
        super().__init__(lang)
        self.live = live
        self.workshop = workshop
        self.join_url = join_url
        self.wifi = wifi
        #: Where ``e`` writes the join handout (the data directory's exports folder).
        self.exports_dir = exports_dir or Path("exports")
        self._unsubscribe: object = None
        self._board_due = False
        self._bar_timer: Timer | None = None   # the bar's count, due (see :meth:`_schedule_bar`)

    def compose(self) -> ComposeResult:
        """Status bar, the join and step views, footer."""
        url = self.join_url(self.live.session.code)
        yield SessionBar(id="bar")
        with ContentSwitcher(initial="join", id="views"):
            with Horizontal(id="join"):
                yield QRCode(url, id="big-qr")
                with Vertical(id="join-info"):
                    yield Static(literal(self.live.session.title), id="join-title")
                    yield Static(t("join_at", self.lang), classes="muted")
                    yield Static(literal(url), id="join-url")
                    yield Static(t("code", self.lang), classes="muted")
                    yield Digits(self.live.session.code, id="join-code")
                    if self.live.session.anonymous:
                        yield Static(t("anonymous_intro", self.lang), classes="muted", id="join-anonymous")
                    if self.live.session.demo:
                        yield Static(t("rehearsal_intro", self.lang), classes="muted", id="join-rehearsal")
                    if self.wifi is not None:
                        ssid, password = self.wifi
                        text = f"{t('wifi_step', self.lang)}: {ssid}"
                        if password:
                            text += f"\n{t('wifi_password', self.lang)}: {password}"
                        yield Static(literal(text), id="wifi-text")
                        yield QRCode(wifi_payload(ssid, password, "WPA" if password else "nopass"), id="wifi-qr")
                    yield Static(id="join-counts")
                    yield Static(t("press_start", self.lang), classes="muted", id="join-hint")
            with Horizontal(id="step"):
                with Vertical(id="step-main"):
                    yield Static(id="prompt")
                    yield Static(id="hidden-note")
                    yield AnswerWall(id="wall")
                    yield Vertical(id="board-area")
                with Vertical(id="side"):
                    yield self.countdown()
                    yield QRCode(url, id="small-qr")
                    yield Static(literal(url), id="side-url")
                    yield Static(id="side-counts")
                    yield BigCounts(self.lang, id="big-counts")
        # The room's screen: Ctrl+P still opens the command palette, ``?`` lists it.
        yield FittingFooter(FOOTER_IMPORTANCE, show_command_palette=False)

    async def on_mount(self) -> None:
        """Listen to the session; show where it stands."""
        self._unsubscribe = follow(self.live, self)
        self.set_interval(1.0, self._update_bar)
        self.set_interval(1.0, self._update_countdown)
        await self._show_position()
        self._update_counts()
        if not words.ready():
            self._warm_words()

    def on_unmount(self) -> None:
        """Stop listening."""
        if callable(self._unsubscribe):
            self._unsubscribe()

    async def change_language(self, lang: str) -> None:
        """Compose the wall again in ``lang``, keeping what the room sees: the view, and hidden answers hidden."""
        hidden, view = self.query_one(AnswerWall).hidden_answers, self.query_one(ContentSwitcher).current
        await super().change_language(lang)
        self.query_one(AnswerWall).hidden_answers = hidden
        await self._show_position()
        self.query_one(ContentSwitcher).current = view
        self._update_counts()
        self.call_after_refresh(self.on_resize)  # once the new views have their size

    def on_resize(self) -> None:
        """Make the big QR code as large as the join view allows."""
        qr = self.query_one("#big-qr", QRCode)
        region = self.query_one("#views").size
        qr.scale = max(1, qr.largest_scale(max(region.width // 2, 1), max(region.height - 1, 1)))

    # -- events from the session ---------------------------------------------------------------------
    async def on_live_events(self, message: LiveEvents) -> None:
        """Apply the events from the core to the screen, in order; the new answers of a run of them go onto the
        wall together."""
        cards: list[kinds.Card] = []
        for event in message.take():
            if isinstance(event, AnswerAdded):
                if event.answer.step == self.live.session.step:
                    if self.open_board is not None:
                        self._schedule_board()
                    else:
                        cards.append(self._card(event.answer))
                self._schedule_bar()
                continue
            if cards:
                self.query_one(AnswerWall).add(*cards)
                cards = []
            await self._apply(event)
        if cards:
            self.query_one(AnswerWall).add(*cards)

    async def _apply(self, event: Event) -> None:
        """Apply one event other than a new answer."""
        if isinstance(event, AnswerChanged):
            self._answer_changed(event)
        elif isinstance(event, ParticipantJoined):
            self._update_counts()
            self._schedule_board()
        elif isinstance(event, TasksChanged):
            self._schedule_board()
            if event.added_by != "facilitator":
                self.notify(event.task.label(self.lang), title=t("task_added", self.lang), markup=False)
        elif isinstance(event, StepChanged):
            await self._show_position()
        elif isinstance(event, TimerChanged):
            self._update_countdown()
            self.refresh_bindings()
        elif isinstance(event, StorageTrouble):
            self.notify(event.detail, title=t("storage_warning" if not event.ok else "storage_ok", self.lang),
                        severity="error" if not event.ok else "information", markup=False)

    @property
    def open_step(self) -> Step | None:
        """The open step, or ``None`` in the lobby."""
        session = self.live.session
        return session.activity.steps[session.step] if session.step is not None else None

    @property
    def open_kind(self) -> kinds.StepKind | None:
        """The open step's kind, or ``None`` in the lobby."""
        step = self.open_step
        return kinds.of(step) if step is not None else None

    @property
    def open_board(self) -> type[Board] | None:
        """The board that replaces the wall of cards for the open step, if its kind has one."""
        kind = self.open_kind
        return BOARDS[kind.board] if kind is not None and kind.board is not None else None

    async def _show_position(self) -> None:
        session = self.live.session
        views = self.query_one(ContentSwitcher)
        step = self.open_step
        if step is None or session.step is None:
            views.current = "join"
        else:
            views.current = "step"
            self.query_one("#prompt", Static).update(prompt_with_hint(step, self.lang))
            wall = self.query_one(AnswerWall)
            board_class = self.open_board
            wall.display = board_class is None
            area = self.query_one("#board-area", Vertical)
            area.display = board_class is not None and not wall.hidden_answers
            if board_class is None:
                await area.remove_children()
                wall.show([self._wall_item(a) for a in self.live.book.wall_answers(session.step)])
            else:
                wall.show([])
                current = area.query("#board")
                if not (current and type(current.first()) is board_class):
                    await area.remove_children()
                    board = board_class(self._board_data(), lang=self.lang, id="board")
                    board.can_focus = True   # it scrolls itself: ↑/↓ and the page keys reach every row
                    await area.mount(board)
                else:
                    self._refresh_board()
            if session.step != self._timed_step:   # a step opened (not the same one drawn again in a language)
                self.step_started, self._timed_step = time.monotonic(), session.step
        self.refresh_bindings()
        self._update_bar()
        self._update_countdown()

    def _card(self, answer: Answer) -> kinds.Card:
        """``answer`` in words, with who gave it: what its card on the wall shows."""
        step = self.live.session.activity.steps[answer.step]
        person = self.live.participants.get(answer.participant_id)
        return kinds.card(step, answer, person, self.lang, self.live.context())

    def _wall_item(self, answer: Answer) -> tuple[kinds.Card, bool]:
        """What the wall draws for ``answer``: its card, or for a hidden answer a stub that says so and nothing
        of what it says (the room never sees a hidden text)."""
        if answer.hidden:
            return kinds.Card(answer.id, (t("card_hidden_stub", self.lang),)), True
        return self._card(answer), False

    def _answer_changed(self, event: AnswerChanged) -> None:
        """An answer of the open step was edited, withdrawn, hidden or shown again: its card follows in place
        (a board is drawn again)."""
        if event.answer.step == self.live.session.step:
            if self.open_board is not None:
                self._schedule_board()
            elif event.change is Change.WITHDRAWN:
                self.query_one(AnswerWall).drop(event.answer.id)
            else:
                card, stub = self._wall_item(event.answer)
                self.query_one(AnswerWall).replace(card, stub=stub)
        self._schedule_bar()

    # -- the board -----------------------------------------------------------------------------------
    def _schedule_board(self) -> None:
        """Recompute the board once before the next frame, however many answers arrive until then."""
        if not self._board_due and self.open_board is not None:
            self._board_due = True
            self.call_after_refresh(self._refresh_board)

    def _refresh_board(self) -> None:
        self._board_due = False
        if self._bar_timer is not None:   # the count the same claim changed: in the board's frame, not one more
            self._update_bar()
        boards = self.query("#board")
        if boards and self.open_board is not None:
            boards.first(Board).data = self._board_data()

    def _board_data(self) -> dict[str, Any] | None:
        """What the open step's board draws, as of now."""
        index, kind = self.live.session.step, self.open_kind
        if index is None or kind is None:
            return None
        return kind.board_data(index, self.live)

    def _update_counts(self) -> None:
        counts = sector_counts(self.live.participants.values(), self.lang)
        self.query_one("#join-counts", Static).update(counts)
        self.query_one("#side-counts", Static).update(counts)
        self._update_bar()

    def _schedule_bar(self) -> None:
        """Count again soon: once for every answer until then (see :data:`COUNT_EVERY`), so answers arriving
        faster than the eye reads them cost one update of the bar and the digits, not one each."""
        if self._bar_timer is None:
            self._bar_timer = self.set_timer(COUNT_EVERY, self._update_bar, name="count")

    def _update_bar(self) -> None:
        if self._bar_timer is not None:
            self._bar_timer.stop()
            self._bar_timer = None
        session, lang = self.live.session, self.lang
        self.query_one(SessionBar).show(self.live, int(time.monotonic() - self.step_started), lang)
        answers = self.live.count_for(session.step) if session.step is not None else None
        self.query_one(BigCounts).show(answers, len(self.live.participants))
        wall = self.query_one(AnswerWall)
        note = self.query_one("#hidden-note", Static)
        note.display = wall.hidden_answers
        if wall.hidden_answers:
            count = self.live.count_for(session.step) if session.step is not None else wall.count
            note.update(f"{t('hidden', lang)} · {t('answers', lang)}: {count}")

    # -- the facilitator's keys ----------------------------------------------------------------------
    @work(exclusive=True, group="move")
    async def _move(self, how: str) -> None:
        try:
            if how == "advance":
                await self.live.advance()
            else:
                await self.live.back()
        except InvalidTransition:
            self.notify(t("cannot_move", self.lang), severity="warning", markup=False)
        except StorageError as err:
            self.notify(str(err), title=t("storage_warning", self.lang), severity="error", markup=False)

    def action_advance(self) -> None:
        """Open the next step (from the join view: the first)."""
        if self.live.session.step is not None and self.live.session.step + 1 >= self.live.n_steps:
            self.notify(t("last_step", self.lang), markup=False)
            return
        self._move("advance")

    def action_back(self) -> None:
        """Reopen the previous step (from the first: the join view)."""
        if self.live.session.step is None:
            self.notify(t("in_lobby_already", self.lang), markup=False)
            return
        self._move("back")

    def action_toggle_hidden(self) -> None:
        """Hide the answers (the wall or the board) from the room, or reveal them."""
        wall = self.query_one(AnswerWall)
        wall.hidden_answers = not wall.hidden_answers
        self.query_one("#board-area").display = self.open_board is not None and not wall.hidden_answers
        self._update_bar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Adding a task is offered only while a role-claim step is open; selecting and hiding a card only
        while the wall of cards is on the screen (elsewhere the arrows scroll as usual); showing the join view
        over a step only once a step is open (the lobby is the join view); the countdown's keys as
        :meth:`CountdownKeys.check_action` says."""
        running = self.live.session.status is Status.RUNNING
        if action == "toggle_join":
            return self.open_step is not None
        if action == "add_task":
            kind = self.open_kind
            return kind is not None and kind.takes_tasks and running
        if action in ("select_card", "toggle_card"):
            return self._wall_on_screen()
        if action in ("themes_board", "word_view"):
            return self.open_step is not None and self.open_board is None
        return super().check_action(action, parameters)

    def _wall_on_screen(self) -> bool:
        views = self.query(ContentSwitcher)
        return bool(views) and views.first().current == "step" and self.open_step is not None \
            and self.open_board is None and self.live.session.status is Status.RUNNING

    def action_select_card(self, step: int) -> None:
        """Select the card before or after the selected one (the first press: the newest card)."""
        self.query_one(AnswerWall).select_next(step)

    def action_toggle_card(self) -> None:
        """Hide the selected answer from the wall, the boards and every summary, or show it again."""
        selected = self.query_one(AnswerWall).selected
        answer = self.live.book.get(selected) if selected is not None else None
        if answer is None:
            self.notify(t("select_card_first", self.lang), severity="warning", markup=False)
            return
        self._set_hidden(answer.id, not answer.hidden)

    @work(group="moderation")
    async def _set_hidden(self, answer_id: str, hidden: bool) -> None:
        try:
            await self.live.set_hidden(answer_id, hidden)
        except Rejected as err:
            self.notify(t(err.reason, self.lang), severity="warning", markup=False)
        except StorageError as err:
            self.notify(str(err), title=t("storage_warning", self.lang), severity="error", markup=False)

    def action_add_task(self) -> None:
        """Ask for the name of a task to add to the split; the board gains a column."""
        from facilitator.tui.screens.add_task import AddTaskScreen

        def named(name: str | None) -> None:
            if name:
                self._add_task(name)

        self.app.push_screen(AddTaskScreen(self.lang), named)

    @work(group="tasks")
    async def _add_task(self, name: str) -> None:
        try:
            await self.live.add_task(name)
        except Rejected as err:
            self.notify(t(err.reason, self.lang), severity="warning", markup=False)
        except StorageError as err:
            self.notify(str(err), title=t("storage_warning", self.lang), severity="error", markup=False)

    def action_toggle_join(self) -> None:
        """Show the join view over a step (for latecomers), and back."""
        views = self.query_one(ContentSwitcher)
        if self.live.session.step is not None:
            views.current = "step" if views.current == "join" else "join"

    def action_handout(self) -> None:
        """Write the join handout, to print or send, with the address phones open now."""
        self.notify(t("exporting", self.lang), timeout=2)
        self.write_handout(self.join_url(self.live.session.code))

    @work(thread=True, exclusive=True, group="handout")
    def write_handout(self, url: str) -> list[Path]:
        """The handout as PNG and PDF in the exports folder (off the event loop); notify where, or why not."""
        from facilitator.tui.screens.export_choice import save_and_tell

        return save_and_tell(self, SessionRecord(self.live.session), ("qr-png", "qr-pdf"), self.lang,
                             self.exports_dir, "handout_saved", url)

    def action_snapshot(self) -> None:
        """Ask which format, then write the session as it stands now (marked as a snapshot) and say where."""
        from facilitator.tui.screens.export_choice import choose_formats

        choose_formats(self, self.lang, self._snapshot_formats)

    def _snapshot_formats(self, formats: tuple[str, ...]) -> None:
        live = self.live
        record = SessionRecord(Session.from_dict(live.session.to_dict()), list(live.participants.values()),
                               list(live.book.every), live.summaries(), live.partnership)  # taken now, here
        self.write_snapshot(record, formats)

    @work(thread=True, exclusive=True, group="export")
    def write_snapshot(self, record: SessionRecord, formats: tuple[str, ...]) -> list[Path]:
        """Write ``record`` in ``formats`` off the event loop (the room keeps answering); notify where."""
        from facilitator.tui.screens.export_choice import save_and_tell

        return save_and_tell(self, record, formats, self.lang, self.exports_dir, "exported")

    def action_close_session(self) -> None:
        """Ask, then close the session and show its summary."""
        from facilitator.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._close()

        self.app.push_screen(
            ConfirmScreen(t("close_confirm", self.lang), t("yes_close", self.lang), t("cancel", self.lang)),
            answered,
        )

    @work(group="close")
    async def _close(self) -> None:
        # Not exclusive: a key pressed meanwhile must not cancel a close that is saving its summaries.
        try:
            await self.workshop.close_session(self.live)
        except InvalidTransition:  # closed already: the first close shows the summary
            return
        except StorageError as err:
            self.notify(str(err), title=t("storage_warning", self.lang), severity="error", markup=False)
        if self.live.session.status is Status.CLOSED:
            self.post_message(self.Closed(self.live.session.id))

    def action_home(self) -> None:
        """Back to the list of sessions; an open session keeps taking answers."""
        if self.live.session.status is not Status.CLOSED:
            self.app.pop_screen()

    # -- words and themes ----------------------------------------------------------------------------
    @work(group="words")
    async def _warm_words(self) -> None:
        """Load the Thai word segmenter in a worker thread, then break the cards' lines between words."""
        await asyncio.to_thread(words.warm)
        heap.tidy()   # the dictionary lives as long as the app: out of the collector's full passes at once
        self.query_one(AnswerWall).relayout()

    def action_word_view(self) -> None:
        """Show the most frequent words of the open step's answers."""
        from facilitator.tui.screens.words import WordsScreen

        step, index = self.open_step, self.live.session.step
        if step is not None and index is not None:
            texts = [self._card(answer).text for answer in self.live.answers_for(index)]
            self.app.push_screen(WordsScreen(self.lang, step.prompt(self.lang), texts))

    def action_themes_board(self) -> None:
        """Open the themes board of the open step."""
        from facilitator.tui.screens.themes import ThemesScreen

        index = self.live.session.step
        if index is not None:
            self.app.push_screen(ThemesScreen(self.live, index, self.lang, self._card))
