"""A session while it runs: the one place where joins, answers and step changes are decided.

The web server calls :class:`LiveSession` for what phones do, the TUI for what the facilitator does; both
receive its :mod:`events <facilitator.core.events>`. Storage is reached through the :class:`SessionSink`
port, so this module stays pure and the order is always: validate → store durably → change state → announce.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Protocol

from facilitator.core import kinds, state, text
from facilitator.core.activity import Bilingual, Option
from facilitator.core.events import (
    AnswerAdded,
    Event,
    ParticipantJoined,
    SessionClosed,
    StepChanged,
    StorageTrouble,
    TasksChanged,
)
from facilitator.core.errors import Rejected, StorageError
from facilitator.core.vocab import SECTORS
from facilitator.core.ids import new_id, participant_id, valid_client_id
from facilitator.core.model import Participant, Answer, Session, Status, now_iso
from facilitator.core.partnership import Partnership, org_key
from facilitator.core.summaries.session import session_summaries

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
        """Store a new answer."""
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
    ) -> None:
        self.session = session
        #: The partnership the session belongs to (its organisations' spellings and sectors), if any.
        self.partnership = partnership
        #: The partnership's commitments so far (what a progress step asks about), from earlier sessions.
        self.commitments: list[dict[str, Any]] = []
        #: The linked BAR's expectations (what an expectations step asks about).
        self.expectations: list[Answer] = []
        self._sink = sink
        self.participants: dict[str, Participant] = {p.id: p for p in participants or []}
        self.answers: list[Answer] = list(answers or [])
        self._by_client: dict[tuple[str, str], Answer] = {
            (r.participant_id, r.client_id): r for r in self.answers
        }
        self._pending: dict[tuple[str, str], asyncio.Future[Answer]] = {}
        self._per_step: Counter[int] = Counter(r.step for r in self.answers)
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
        return self._per_step[step]

    def answers_for(self, step: int) -> list[Answer]:
        """Every answer to ``step`` in arrival order."""
        return [r for r in self.answers if r.step == step]

    def answers_of(self, pid: str, step: int | None = None) -> list[Answer]:
        """A participant's own answers (to one step, or to all)."""
        return [r for r in self.answers if r.participant_id == pid and (step is None or r.step == step)]

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
        if key in self._by_client:
            return self._by_client[key]
        if key in self._pending:
            return await asyncio.shield(self._pending[key])
        if not (self.session.status is Status.RUNNING and self.session.step == step):
            raise Rejected("step_closed")
        step_def = self.session.activity.steps[step]
        try:
            kind = kinds.of(step_def)
        except kinds.UnknownKind as err:  # a record from a newer version: nothing here can take its answers
            raise Rejected("bad_request") from err
        body, data = kind.parse(step_def, form, self.participants[pid], self.context())
        answer = Answer(
            id=new_id(6), session_id=self.session.id, step=step, participant_id=pid, text=body,
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
        self.answers.append(answer)
        self._per_step[step] += 1
        self._by_client[key] = answer
        future.set_result(answer)
        self._emit(AnswerAdded(self.session, answer))
        return answer

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
        """What structured answers may refer to now: tasks, commitments, the linked BAR's expectations."""
        return kinds.StepContext(
            tasks=tuple(kinds.tasks_of(self.session)),
            commitments=tuple(self.commitments),
            expectations=tuple(self.expectations),
        )

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
