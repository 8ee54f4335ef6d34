"""The workshop: where sessions begin, come back and end.

:class:`Workshop` opens a new session (created, saved, and given what it refers to), resumes an unfinished one,
closes one and then refreshes its partnership's progress summary, and decides which BAR an AAR or a check-in
follows. Every session it opens learns the organisations its phones type into the partnership's list. It holds
the :class:`~facilitator.core.room.Room` the participants' server looks sessions up in, so the projected screen,
the server on its own, the tests and the benchmarks all set sessions up the same way. The room it makes also
reads the store's index, so phones holding the code of a session not served yet (the laptop restarted) are told
it will be back.

It does no I/O of its own: it reaches storage through :class:`WorkshopStore` (the real one is
:class:`facilitator.store.Store`), always from the event loop's thread. Only the progress computation runs in a
worker thread, over records loaded beforehand.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import Any, Protocol, runtime_checkable

from facilitator.core import kinds
from facilitator.core.activity import Activity
from facilitator.core.chronology import meeting_key
from facilitator.core.events import Event, ParticipantJoined
from facilitator.core.answer_shelf import AnswerShelf
from facilitator.core.live import LiveSession, SessionSink
from facilitator.core.model import Session, SessionDetails, Status
from facilitator.core.partnership import Partnership
from facilitator.core.record import SessionRecord
from facilitator.core.room import Listed, Room
from facilitator.core.summaries.expectations import expectations
from facilitator.core.summaries.progress import commitments, progress_summary

#: The activity whose sessions an AAR or a check-in follows.
BAR = "bar"


@runtime_checkable
class WorkshopStore(Protocol):
    """The storage a workshop needs. Every call is made from the event loop's thread."""

    def create_session(
        self, activity: Activity, title: str, lang: str = "th", partnership_id: str | None = None,
        follows: str | None = None, *, anonymous: bool = False, details: SessionDetails = SessionDetails(),
        demo: bool = False,
    ) -> Session:
        """Create a session in the lobby with a free join code (not saved yet: see :meth:`sink`); an
        ``anonymous`` one keeps no participant's name; ``details`` are its place, facilitator, date and time; a
        ``demo`` one is a rehearsal."""
        ...

    def sink(self, session: Session) -> SessionSink:
        """Where the live session's records go."""
        ...

    def shelf(self, session: Session) -> AnswerShelf:
        """Where the live session's older answers wait (see :mod:`facilitator.core.answer_shelf`)."""
        ...

    def load(self, session_id: str) -> SessionRecord:
        """A session's whole record."""
        ...

    def sessions(self) -> list[dict[str, Any]]:
        """The index entries of every session (``code``, ``title``, ``lang``, ``status``,
        ``partnership_id``, …)."""
        ...

    def partnership(self, partnership_id: str) -> Partnership:
        """One partnership as stored now."""
        ...

    def save_partnership(self, partnership: Partnership) -> None:
        """Store a partnership."""
        ...

    def partnership_records(self, partnership_id: str) -> list[SessionRecord]:
        """The records of every session of a partnership."""
        ...

    def latest_session(self, partnership_id: str, activity_id: str, *, demo: bool = False) -> str | None:
        """The id of the partnership's newest session of ``activity_id`` (rehearsals only with ``demo``)."""
        ...

    def save_summary(self, summary: dict[str, Any]) -> None:
        """Store a summary document (replacing the previous one of its kind and subject)."""
        ...


class Workshop:
    """Opens, resumes and closes sessions over a store, and serves them in its :attr:`room`."""

    def __init__(self, store: WorkshopStore, room: Room | None = None) -> None:
        self._store = store
        #: The live sessions being served, by join code (and the others of the store, as its index lists them).
        self.room = room if room is not None else Room(self.listed)
        self._progress_locks: dict[str, asyncio.Lock] = {}

    # -- opening -----------------------------------------------------------------------------------------
    async def open_session(
        self, activity: Activity, title: str, *, lang: str = "th", partnership_id: str | None = None,
        follows: str | None = None, anonymous: bool = False, details: SessionDetails = SessionDetails(),
        demo: bool = False,
    ) -> LiveSession:
        """Create a session of ``activity`` (in a partnership, following a BAR, ``anonymous``: keeping no
        participant's name; with its place, facilitator, date and time; ``demo``: a rehearsal), save it, and
        serve it."""
        session = self._store.create_session(activity, title, lang, partnership_id, follows, anonymous=anonymous,
                                             details=details, demo=demo)
        sink = self._store.sink(session)
        await sink.save_session(session)
        return self._serve(LiveSession(session, sink, shelf=self._store.shelf(session)))

    def resume_session(self, session_id: str) -> LiveSession:
        """Serve an unfinished session again (after a restart or a crash) with everything it had; a session
        already being served is returned as it is."""
        running = self.running(session_id)
        if running is not None:
            return running
        record = self._store.load(session_id)
        live = LiveSession(record.session, self._store.sink(record.session), record.participants,
                           record.every_answer(), shelf=self._store.shelf(record.session))
        return self._serve(live)

    def running(self, session_id: str) -> LiveSession | None:
        """The live session with id ``session_id``, if it is being served."""
        return next((live for live in self.room.lives() if live.session.id == session_id), None)

    def listed(self) -> list[Listed]:
        """Every session of the store as its index lists it (read afresh: another session may have closed)."""
        return [
            Listed(code=row["code"], title=row["title"], lang=row.get("lang") or "th",
                   partnership_id=row.get("partnership_id"), finished=row["status"] == Status.CLOSED)
            for row in self._store.sessions()
        ]

    def bar_to_follow(self, activity: Activity, partnership_id: str | None, *, demo: bool = False) -> str | None:
        """The BAR a new session of ``activity`` follows by default: the partnership's latest, when the activity
        refers back to one (a rehearsal, ``demo``, may follow a rehearsed BAR; a real session never does)."""
        if partnership_id is None or not kinds.follows_bar(activity):
            return None
        return self._store.latest_session(partnership_id, BAR, demo=demo)

    def _serve(self, live: LiveSession) -> LiveSession:
        self._give_context(live)
        live.subscribe(partial(self._learn_organisations, live))
        self.room.open(live)
        return live

    def _give_context(self, live: LiveSession) -> None:
        """Give a live session what it refers to: its partnership, the commitments made at the partnership's
        meetings held before this one (a rehearsal's only to another rehearsal; a meeting typed in afterwards is
        placed by the date its facilitator gave), and the expectations of the BAR it follows."""
        session = live.session
        if session.partnership_id:
            live.partnership = self._store.partnership(session.partnership_id)
            held = meeting_key(session)
            earlier = [rec for rec in self._store.partnership_records(session.partnership_id)
                       if meeting_key(rec.session) < held and (session.demo or not rec.session.demo)]
            live.commitments = commitments(earlier, live.partnership)
        if session.follows:
            try:
                live.expectations = expectations(self._store.load(session.follows))
            except LookupError:  # the BAR was deleted (it is in the trash): nothing to hold the review against
                live.expectations = []

    # -- organisations -----------------------------------------------------------------------------------
    def _learn_organisations(self, live: LiveSession, event: Event) -> None:
        """An organisation a participant typed joins the partnership's list (the next phones can pick it; the
        facilitator can merge it if it was another spelling)."""
        if not isinstance(event, ParticipantJoined) or not event.session.partnership_id or event.session.demo:
            return  # a rehearsal's simulated organisations stay out of the partnership's list
        person = event.participant
        if live.partnership is not None and all(_knows(live.partnership, name) for name in person.organisations):
            return
        partnership = self._store.partnership(event.session.partnership_id)
        known = {org.name for org in partnership.organisations}
        for name in person.organisations:
            if partnership.canonical(name) not in known:
                partnership.add(name, person.sector if name == person.organisation else "")
        if len(partnership.organisations) > len(known):
            self._store.save_partnership(partnership)
            self._share(partnership)

    def _share(self, partnership: Partnership) -> None:
        """Hand the partnership as now stored to every open live session of it."""
        for live in self.room.lives():
            if live.session.partnership_id == partnership.id:
                live.partnership = partnership

    async def merge_organisations(self, partnership_id: str, duplicate: str, into: str) -> Partnership:
        """Make ``duplicate`` another spelling of ``into`` in the partnership (open sessions included), and
        refresh its progress summary."""
        partnership = self._store.partnership(partnership_id)
        partnership.merge(duplicate, into)
        self._store.save_partnership(partnership)
        self._share(partnership)
        await self.refresh_progress(partnership_id)
        return partnership

    # -- closing -----------------------------------------------------------------------------------------
    async def close_session(self, live: LiveSession) -> list[dict[str, Any]]:
        """Close ``live`` (its summaries saved), then refresh its partnership's progress summary; returns the
        session's summaries. Raises what :meth:`LiveSession.close` raises, or a :class:`StorageError` from
        saving the progress summary (the session is closed by then)."""
        summaries = await live.close()
        if live.session.partnership_id:
            await self.refresh_progress(live.session.partnership_id)
        return summaries

    async def refresh_progress(self, partnership_id: str) -> dict[str, Any]:
        """Recompute and save the partnership's progress summary (rehearsals left out); returns it.

        The records are read here, on the event loop's thread; the summary is computed in a worker thread, so
        the room's phones are served meanwhile. Refreshes of one partnership run one after the other, so an
        older summary never replaces a newer one.
        """
        async with self._progress_locks.setdefault(partnership_id, asyncio.Lock()):
            partnership = self._store.partnership(partnership_id)
            records = self._store.partnership_records(partnership_id)
            summary = await asyncio.to_thread(progress_summary, partnership, records)
            self._store.save_summary(summary)
            return summary


def _knows(partnership: Partnership, name: str) -> bool:
    """Whether ``name`` is (a spelling of) one of the partnership's organisations."""
    canonical = partnership.canonical(name)
    return any(org.name == canonical for org in partnership.organisations)
