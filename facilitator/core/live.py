"""A session while it runs: the one place where joins, answers and step changes are decided.

The web server calls :class:`LiveSession` for what phones do, the TUI for what the facilitator does; both
receive its :mod:`events <facilitator.core.events>`. Storage is reached through the :class:`SessionSink`
port, so this module stays pure and the order is always: validate → store durably → change state → announce.
"""

from __future__ import annotations

import asyncio
import copy
import time
from collections.abc import Awaitable, Callable, Collection, Iterable
from dataclasses import replace
from typing import Any, Protocol

from facilitator.core import kinds, state, text
from facilitator.core.activity import Bilingual, Option, Step
from facilitator.core.answer_book import AnswerBook
from facilitator.core.answer_shelf import AnswerShelf
from facilitator.core.events import (
    AnswerAdded,
    AnswerChanged,
    Change,
    Event,
    ParticipantJoined,
    SessionClosed,
    StepChanged,
    StorageTrouble,
    TasksChanged,
    TimerChanged,
    ThemesChanged,
)
from facilitator.core.errors import Rejected, StorageError
from facilitator.core.vocab import SECTORS
from facilitator.core.ids import new_id, participant_id, valid_client_id
from facilitator.core.model import Participant, Answer, Session, Status, now_iso
from facilitator.core.partnership import Partnership, org_key
from facilitator.core.step_timer import MAX_MINUTES, Clock, StepTimer
from facilitator.core.summaries.session import session_summaries
from facilitator.core.summaries.votes import VotedOver
from facilitator.core.themes import Theme

Listener = Callable[[Event], None]
#: Organisations one person may speak for besides their own.
MAX_HATS = 5
__all__ = ["LiveSession", "Rejected", "SessionSink", "StorageError"]


class SessionSink(Protocol):
    """Where a live session's records go. Each coroutine returns only once its record is durable."""

    async def save_session(self, session: Session) -> None:
        """Store the session record (status, open step)."""
        ...

    async def save_participant(self, participant: Participant) -> None:
        """Store a participant (insert or update)."""
        ...

    async def save_answer(self, answer: Answer) -> None:
        """Store an answer: a new one, or a new version of one stored before (the same ``id``)."""
        ...

    async def close_session(self, session: Session, summaries: list[dict[str, Any]]) -> None:
        """Store the closed session and its summaries, and make the record final."""
        ...


class LiveSession:
    """The state of one running session, kept in memory and mirrored durably through a :class:`SessionSink`."""

    def __init__(
        self,
        session: Session,
        sink: SessionSink,
        participants: list[Participant] | None = None,
        answers: list[Answer] | None = None,
        partnership: Partnership | None = None,
        *,
        shelf: AnswerShelf | None = None,
        clock: Clock = time.monotonic,
        wall: Clock = time.time,
    ) -> None:
        self.session = session
        #: What the steps' countdowns count with (monotonic seconds); ``wall``: epoch seconds, to keep them.
        self.clock, self.wall = clock, wall
        #: The countdown of each step the facilitator set one on, by step index (kept in ``session.timers``).
        self.timers: dict[int, StepTimer] = _read_timers(session, clock, wall())
        #: The partnership the session belongs to (its organisations' spellings and sectors), if any.
        self.partnership = partnership
        #: The partnership's commitments so far (what a progress step asks about), from earlier sessions.
        self.commitments: list[dict[str, Any]] = []
        #: The linked BAR's expectations (what an expectations step asks about).
        self.expectations: list[Answer] = []
        self._sink = sink
        self.participants: dict[str, Participant] = {p.id: p for p in participants or []}
        #: Every answer of the record (hidden and withdrawn ones too), and those that stand; a long session's
        #: older notes wait on ``shelf`` (the answers of the steps the boards read stay in memory).
        self.book = AnswerBook(answers or [], shelf=shelf, keeps=self._boards_read)
        self._pending: dict[tuple[str, str], asyncio.Future[Answer]] = {}
        self._listeners: list[Listener] = []
        self._lock = asyncio.Lock()
        self._storage_ok = True

    # -- listening ---------------------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` with every event from now on; returns the function that stops it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _emit(self, event: Event) -> None:
        for listener in list(self._listeners):
            listener(event)

    async def _durably(self, write: Awaitable[None]) -> None:
        """Await a sink write; tell listeners when storing starts failing and when it works again."""
        try:
            await write
        except StorageError as err:
            if self._storage_ok:
                self._storage_ok = False
                self._emit(StorageTrouble(ok=False, detail=str(err)))
            raise
        if not self._storage_ok:
            self._storage_ok = True
            self._emit(StorageTrouble(ok=True, detail=""))

    # -- reading -----------------------------------------------------------------------------------------
    @property
    def n_steps(self) -> int:
        """How many steps the activity has."""
        return len(self.session.activity.steps)

    def count_for(self, step: int) -> int:
        """How many answers ``step`` has (without scanning them)."""
        return self.book.count_for(step)

    @property
    def answers(self) -> list[Answer]:
        """The answers that stand (neither hidden nor withdrawn), in arrival order: what boards and summaries
        read (a new list each time)."""
        return self.book.standing

    def answers_for(self, step: int) -> list[Answer]:
        """Every answer to ``step`` that stands, in arrival order."""
        return self.book.standing_in((step,))

    def answers_in(self, steps: Collection[int]) -> list[Answer]:
        """The answers to ``steps`` that stand, in arrival order: what a board reads, without the rest."""
        return self.book.standing_in(steps)

    def structured_answers(self) -> list[Answer]:
        """The answers that stand to every step whose answers carry data (all but text-only steps: notes)."""
        return self.book.standing_in([i for i, step in enumerate(self.session.activity.steps)
                                      if not _text_only(step)])

    def _boards_read(self, step: int) -> bool:
        """Whether the answers to ``step`` stay in memory: those of a step whose later answer replaces the
        earlier (role claims, ratings, ballots: a few per person, read by a board on every frame); a note is
        read again only when asked for. (A step this version does not know: kept.)"""
        steps = self.session.activity.steps
        kind = _kind_of(steps[step]) if 0 <= step < len(steps) else None
        return kind is None or not kind.adds_up

    def answers_of(self, pid: str, step: int | None = None) -> list[Answer]:
        """A participant's own answers that stand (to one step, or to all), found without the room's."""
        return self.book.of(pid, step)

    def summaries(self) -> list[dict[str, Any]]:
        """Every summary of the session as of now (overview, role split, health, pilot scores)."""
        return session_summaries(self.session, self.participants.values(), self.answers, self.partnership)

    # -- participants ------------------------------------------------------------------------------------
    async def join(
        self, token: str, *, name: str = "", organisation: str = "", sector: str = "", lang: str = "th",
        also: Iterable[str] = (),
    ) -> Participant:
        """Join (or update the profile of) the phone holding ``token``; ``also`` are other organisations the
        person speaks for (at most :data:`MAX_HATS`). An anonymous session keeps no ``name``, whatever was sent.
        The sector of an organisation the partnership knows it for is the partnership's (the phone is not asked).
        Raises :class:`Rejected`."""
        if self.session.status is Status.CLOSED:
            raise Rejected("closed_title")
        if self.session.anonymous:
            name = ""
        try:
            clean_name = text.clean(name, text.NAME, required=False)
            clean_org = text.clean(organisation, text.NAME, required=False)
            hats = [text.clean(other, text.NAME, required=False) for other in list(also)[:MAX_HATS]]
        except text.TextRejected as err:
            raise Rejected(err.reason) from err
        hats = list(dict.fromkeys(h for h in hats if h and org_key(h) != org_key(clean_org)))
        if sector not in SECTORS:
            sector = ""
        if self.partnership is not None and clean_org:
            sector = self.partnership.sector_of(clean_org) or sector
        pid = participant_id(token)
        previous = self.participants.get(pid)
        person = Participant(
            id=pid,
            session_id=self.session.id,
            name=clean_name,
            organisation=clean_org,
            sector=sector,
            lang="en" if lang == "en" else "th",
            joined_at=previous.joined_at if previous else now_iso(),
            also=hats,
        )
        if person != previous:
            await self._durably(self._sink.save_participant(person))
            self.participants[pid] = person
            self._emit(ParticipantJoined(self.session, person))
        return person

    async def answer(self, pid: str, step: int, raw: str, client_id: str) -> Answer:
        """Store one written answer of participant ``pid`` to ``step`` (see :meth:`submit`)."""
        return await self.submit(pid, step, client_id, {"text": [raw]})

    async def submit(self, pid: str, step: int, client_id: str, form: kinds.Form) -> Answer:
        """Store what participant ``pid`` sent for ``step``: a note, role claims, ratings… (see
        :mod:`facilitator.core.kinds`). A repeated ``client_id`` stores nothing new and gets the first reply.

        Raises :class:`Rejected` (not joined, closed step, invalid or empty answer) or :class:`StorageError`.
        """
        if pid not in self.participants:
            raise Rejected("not_joined")
        if not valid_client_id(client_id):
            raise Rejected("bad_request")
        key = (pid, client_id)
        sent = self.book.sent(pid, client_id)
        if sent is not None:
            return sent
        if key in self._pending:
            return await asyncio.shield(self._pending[key])
        if not (self.session.status is Status.RUNNING and self.session.step == step):
            raise Rejected("step_closed")
        timer = self.timers.get(step)
        if timer is not None and timer.closes_answers:
            raise Rejected("time_up")
        step_def = self.session.activity.steps[step]
        try:
            kind = kinds.of(step_def)
        except kinds.UnknownKind as err:  # a record from a newer version: nothing here can take its answers
            raise Rejected("bad_request") from err
        person = self.participants[pid]
        body, data = kind.parse(step_def, form, person, self.context())
        answer = Answer(  # the participant's own id string, not the request's equal copy: one kept per phone
            id=new_id(6), session_id=self.session.id, step=step, participant_id=person.id, text=body,
            client_id=client_id, data=data,
        )
        future: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        try:
            await self._durably(self._sink.save_answer(answer))
        except BaseException as err:
            future.set_exception(err)
            future.exception()  # retrieved: a twin request re-raises it, nobody else needs to
            raise
        finally:
            del self._pending[key]
        self.book.add(answer)
        future.set_result(answer)
        self._emit(AnswerAdded(self.session, answer))
        return answer

    # -- changing a stored answer ------------------------------------------------------------------------
    async def edit(self, pid: str, answer_id: str, raw: str) -> Answer:
        """Replace the text of participant ``pid``'s answer ``answer_id`` while its step is open, checked like a
        new answer; only an answer that stands alone (a note, an action) is edited this way, the others are
        answered again. Sending the text it has already changes nothing. Raises :class:`Rejected` (not theirs,
        unknown, hidden, step closed, bad text) or :class:`StorageError`; nothing is changed then."""
        async with self._lock:
            answer, step_def, kind = self._changeable(pid, answer_id)
            if not kind.adds_up:
                raise Rejected("bad_request")
            if answer.hidden:
                raise Rejected("answer_hidden")
            form = {**kind.form_values(step_def, answer), "text": [raw]}
            body, data = kind.parse(step_def, form, self.participants[pid], self.context())
            if body == answer.text and data == answer.data:
                return answer
            (answer,) = await self._store([replace(answer, text=body, data=data, edited_at=now_iso())])
        self._emit(AnswerChanged(self.session, answer, Change.EDITED))
        return answer

    async def withdraw(self, pid: str, answer_id: str) -> list[Answer]:
        """Withdraw participant ``pid``'s answer ``answer_id`` while its step is open: it stays in the record,
        marked withdrawn, and counts nowhere. For a kind whose later answer replaces the earlier (role claims,
        ratings…) the person's answer to the step is withdrawn whole, every earlier version with it, so that
        none comes back. Returns the answers withdrawn (withdrawing again changes nothing). Raises
        :class:`Rejected` or :class:`StorageError`; nothing is changed then."""
        async with self._lock:
            answer, _, kind = self._changeable(pid, answer_id, withdrawn_too=True)
            if answer.withdrawn:
                return []
            versions = [answer] if kind.adds_up else self.book.listed_for(pid, answer.step)
            versions = await self._store([replace(a, withdrawn=True) for a in versions])
        for version in versions:
            self._emit(AnswerChanged(self.session, version, Change.WITHDRAWN))
        return versions

    async def set_hidden(self, answer_id: str, hidden: bool) -> Answer:
        """The facilitator hides answer ``answer_id`` (kept in the record, marked hidden, off the wall, the
        boards and every summary) or shows it again. Only answers that stand alone (cards on the wall) are
        hidden one by one. Raises :class:`Rejected` (unknown or withdrawn answer, session closed) or
        :class:`StorageError`."""
        async with self._lock:
            if self.session.status is Status.CLOSED:
                raise Rejected("closed_title")
            answer = self.book.get(answer_id)
            if answer is None or answer.withdrawn:
                raise Rejected("no_such_answer")
            if not kinds.of(self.session.activity.steps[answer.step]).adds_up:
                raise Rejected("bad_request")
            if answer.hidden == hidden:
                return answer
            (answer,) = await self._store([replace(answer, hidden=hidden)])
        self._emit(AnswerChanged(self.session, answer, Change.HIDDEN if hidden else Change.SHOWN))
        return answer

    def _changeable(
        self, pid: str, answer_id: str, *, withdrawn_too: bool = False,
    ) -> tuple[Answer, Step, kinds.StepKind]:
        """Participant ``pid``'s answer ``answer_id``, its step and kind, if they may change it now."""
        if pid not in self.participants:
            raise Rejected("not_joined")
        answer = self.book.get(answer_id)
        if answer is None or (answer.withdrawn and not withdrawn_too):
            raise Rejected("no_such_answer")
        if answer.participant_id != pid:
            raise Rejected("not_yours")
        if not (self.session.status is Status.RUNNING and self.session.step == answer.step):
            raise Rejected("change_closed")
        step_def = self.session.activity.steps[answer.step]
        try:
            return answer, step_def, kinds.of(step_def)
        except kinds.UnknownKind as err:
            raise Rejected("bad_request") from err

    async def _store(self, versions: list[Answer]) -> list[Answer]:
        """Store new versions of answers durably (in one batch), then take them in; returns the answers as the
        book now keeps them. Raises the first failure, taking in only those that were stored."""
        results = await asyncio.gather(
            *(self._durably(self._sink.save_answer(v)) for v in versions), return_exceptions=True
        )
        kept = [self.book.take_in(version) for version, result in zip(versions, results, strict=True)
                if result is None]
        for result in results:
            if isinstance(result, BaseException):
                raise result
        return kept

    async def add_task(self, name: str, added_by: str = "facilitator") -> Option:
        """Add a task to split (the facilitator's, or one a participant proposed); returns it."""
        if self.session.status is Status.CLOSED:
            raise Rejected("closed_title")
        try:
            label = text.clean(name, text.NAME)
        except text.TextRejected as err:
            raise Rejected(err.reason) from err
        for task in kinds.tasks_of(self.session):
            if org_key(task.label.th) == org_key(label) or org_key(task.label.en) == org_key(label):
                return task
        task = Option(id=f"t-{new_id(3)}", label=Bilingual(label, label))
        async with self._lock:
            self.session.tasks.append(task)
            try:
                await self._durably(self._sink.save_session(self.session))
            except BaseException:
                self.session.tasks.remove(task)
                raise
        self._emit(TasksChanged(self.session, task, added_by))
        return task

    def context(self) -> kinds.StepContext:
        """What structured answers may refer to now: tasks, commitments, the linked BAR's expectations, and the
        answers to the steps a later step votes over."""
        return kinds.StepContext(
            tasks=tuple(kinds.tasks_of(self.session)),
            commitments=tuple(self.commitments),
            expectations=tuple(self.expectations),
            voted_over=VotedOver(self.session.activity.steps, lambda: self.answers),
        )

    # -- the countdown -----------------------------------------------------------------------------------
    @property
    def timer(self) -> StepTimer | None:
        """The open step's countdown, if the facilitator set one."""
        step = self.session.step
        return self.timers.get(step) if step is not None else None

    async def set_timer(self, minutes: int, *, stop_at_zero: bool = False) -> StepTimer:
        """Start a countdown of ``minutes`` on the open step (replacing the one it had); ``stop_at_zero``: the
        step takes no answers once it runs out. Raises :class:`Rejected` or :class:`StorageError`."""
        step = self.session.step
        if self.session.status is not Status.RUNNING or step is None:
            raise Rejected("timer_no_step")
        if not 1 <= minutes <= MAX_MINUTES:
            raise Rejected("timer_bad_minutes")
        return await self._keep_timer(step, StepTimer(minutes * 60, stop_at_zero=stop_at_zero, clock=self.clock))

    async def toggle_timer(self) -> StepTimer:
        """Pause the open step's countdown, or resume it."""
        step, changed = self._changing_timer()
        changed.toggle()
        return await self._keep_timer(step, changed)

    async def add_minute(self) -> StepTimer:
        """Give the open step's countdown a minute more (a step that stopped taking answers at zero takes them
        again)."""
        step, changed = self._changing_timer()
        changed.add()
        return await self._keep_timer(step, changed)

    def _changing_timer(self) -> tuple[int, StepTimer]:
        """The open step and a copy of its countdown to change (the countdown itself changes once stored)."""
        step, timer = self.session.step, self.timer
        if step is None or timer is None or self.session.status is not Status.RUNNING:
            raise Rejected("timer_none")
        return step, copy.copy(timer)

    async def _keep_timer(self, step: int, timer: StepTimer) -> StepTimer:
        """Store ``timer`` as step ``step``'s countdown with the session, then use it and announce it."""
        key = str(step)
        async with self._lock:
            before = self.session.timers.get(key)
            self.session.timers[key] = timer.to_record(self.wall())
            try:
                await self._durably(self._sink.save_session(self.session))
            except BaseException:
                if before is None:
                    del self.session.timers[key]
                else:
                    self.session.timers[key] = before
                raise
            self.timers[step] = timer
        self._emit(TimerChanged(self.session, step, timer))
        return timer

    # -- the facilitator ---------------------------------------------------------------------------------
    async def _move(self, target: state.Position) -> None:
        async with self._lock:
            before = (self.session.status, self.session.step)
            self.session.status, self.session.step = target.status, target.step
            try:
                await self._durably(self._sink.save_session(self.session))
            except BaseException:
                self.session.status, self.session.step = before
                raise
        self._emit(StepChanged(self.session))

    def _position(self) -> state.Position:
        return state.Position(self.session.status, self.session.step)

    async def advance(self) -> None:
        """Open the next step (from the lobby: the first)."""
        await self._move(state.advance(self._position(), self.n_steps))

    async def back(self) -> None:
        """Reopen the previous step (from the first: the lobby)."""
        await self._move(state.back(self._position(), self.n_steps))

    async def goto(self, step: int) -> None:
        """Open step ``step`` (0-based)."""
        await self._move(state.goto(self._position(), step, self.n_steps))

    async def close(self) -> list[dict[str, Any]]:
        """Close the session, save it with its summaries, announce it; returns the summaries."""
        async with self._lock:
            target = state.close(self._position())
            before = self.session.status
            self.session.status, self.session.closed_at = target.status, now_iso()
            if self._pending:  # answers accepted before the close belong in its summaries
                await asyncio.gather(*self._pending.values(), return_exceptions=True)
            summaries = self.summaries()
            try:
                await self._durably(self._sink.close_session(self.session, summaries))
            except BaseException:
                self.session.status, self.session.closed_at = before, None
                raise
        self._emit(SessionClosed(self.session, summaries))
        return summaries

    async def change_themes(self, change: Callable[[list[Theme]], list[Theme]]) -> list[Theme]:
        """Apply ``change`` (a function of :mod:`facilitator.core.themes`) to the session's themes, store the
        session, announce it; returns the themes now. Raises :class:`Rejected` (a closed session, or what
        ``change`` refuses) or :class:`StorageError` (nothing changed)."""
        async with self._lock:
            if self.session.status is Status.CLOSED:
                raise Rejected("closed_title")
            before = self.session.themes
            self.session.themes = change(list(before))
            try:
                await self._durably(self._sink.save_session(self.session))
            except BaseException:
                self.session.themes = before
                raise
        self._emit(ThemesChanged(self.session))
        return self.session.themes


def _kind_of(step: Step) -> kinds.StepKind | None:
    """The kind of ``step`` (``None``: a kind this version does not know, from a newer record)."""
    try:
        return kinds.of(step)
    except kinds.UnknownKind:
        return None


def _text_only(step: Step) -> bool:
    """Whether the answers to ``step`` are their text alone (a step of an unknown kind: not said to be)."""
    kind = _kind_of(step)
    return kind is not None and kind.text_only


def _read_timers(session: Session, clock: Clock, wall_now: float) -> dict[int, StepTimer]:
    """The countdowns kept in ``session``'s record, counted on to ``wall_now`` (one it cannot read is left
    out)."""
    timers: dict[int, StepTimer] = {}
    for key, record in session.timers.items():
        try:
            timers[int(key)] = StepTimer.from_record(record, clock=clock, wall_now=wall_now)
        except ValueError:
            continue
    return timers
