"""Reading session records from other laptops into this data directory (``facilitator import``).

:mod:`facilitator.core.merge` decides which session and partnership a record is and what it adds; this module
stores that, through the same session files and catalog the app writes, and refreshes the progress summary of
every partnership an import changed. Importing a file a second time finds everything already held and writes
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from facilitator.core.ids import new_id
from facilitator.core.merge import Arrival, arrival, learn_organisations, matching_partnership, same_session
from facilitator.core.model import Session
from facilitator.core.partnership import Partnership
from facilitator.core.record import SessionRecord
from facilitator.core.workshop import Workshop
from facilitator.store.index import index_entry
from facilitator.store.store import Store, UnknownSession


@dataclass(slots=True)
class Imported:
    """What importing one record did."""

    arrival: Arrival
    partnership: Partnership | None
    new_partnership: bool = False
    #: Organisations the partnership learned from the record.
    organisations: list[str] = field(default_factory=list)

    @property
    def session(self) -> Session:
        """The session as stored here now."""
        return self.arrival.session


class Importer:
    """Imports records into ``store`` (opened for writing, the data directory held by this process)."""

    def __init__(self, store: Store, *, into: str | None = None) -> None:
        """``into``: the id of the partnership every record joins (else each finds its own)."""
        self._store = store
        self._into = store.partnership(into) if into is not None else None
        #: Ids this import gave sessions whose own id was taken, so records that follow them follow the copy.
        self._renamed: dict[str, str] = {}
        self._touched: set[str] = set()

    async def add(self, record: SessionRecord) -> Imported:
        """Store what ``record`` adds; returns what that was."""
        held = self._held_copy(record.session)
        if held is not None:
            session_id = held.session.id
        elif self._store.catalog.session(record.session.id) is None:
            session_id = record.session.id
        else:
            session_id = new_id()
        if session_id != record.session.id:
            self._renamed[record.session.id] = session_id
        partnership, created = self._partnership_for(record, held)
        follows = held.session.follows if held is not None else self._follows(record.session.follows)
        result = arrival(record, held, session_id=session_id,
                         partnership_id=partnership.id if partnership else None, follows=follows)
        learned = learn_organisations(partnership, record) if partnership is not None else []
        if partnership is not None and (created or learned):
            self._store.save_partnership(partnership)
        if result.changes:
            await self._write(result, new=held is None)
            if partnership is not None:
                self._touched.add(partnership.id)
        return Imported(result, partnership, created, learned)

    async def finish(self) -> None:
        """Refresh the progress summary of every partnership that changed, then flush every file written."""
        workshop = Workshop(self._store)
        for partnership_id in sorted(self._touched):
            await workshop.refresh_progress(partnership_id)
        await self._store.close()

    # -- deciding ----------------------------------------------------------------------------------------
    def _held_copy(self, session: Session) -> SessionRecord | None:
        for row in self._store.catalog.sessions():
            if (row.get("created_at"), row.get("code"), row.get("activity_id")) != (
                session.created_at, session.code, session.activity.id
            ):
                continue
            try:
                held = self._store.load(row["id"])
            except UnknownSession:
                continue
            if same_session(held.session, session):
                return held
        return None

    def _partnership_for(self, record: SessionRecord, held: SessionRecord | None) -> tuple[Partnership | None, bool]:
        """The partnership ``record`` joins here, and whether it was made for it."""
        if self._into is not None:
            return self._into, False
        if held is not None and held.session.partnership_id:
            return self._store.partnership(held.session.partnership_id), False
        pid = record.session.partnership_id
        if not pid:
            return None, False
        incoming = record.partnership or Partnership(id=pid, name=record.session.title)
        found = matching_partnership(incoming, self._store.partnerships())
        if found is not None:
            return found, False
        taken = {p.id for p in self._store.partnerships()}
        made = Partnership(id=incoming.id if incoming.id not in taken else new_id(), name=incoming.name,
                           stage=incoming.stage, created_at=incoming.created_at)
        return made, True

    def _follows(self, follows: str | None) -> str | None:
        if follows is None:
            return None
        return self._renamed.get(follows, follows)

    # -- storing -----------------------------------------------------------------------------------------
    async def _write(self, result: Arrival, *, new: bool) -> None:
        """The session first (so a file interrupted here is still a session), then who joined and answered."""
        if new:
            self._store.catalog.put_session(index_entry(result.session))
        sink = self._store.sink(result.session)
        if result.session_changed:
            await sink.save_session(result.session)
        for person in result.participants:
            await sink.save_participant(person)
        for answer in result.answers:
            await sink.save_answer(answer)
        await sink.save_session(result.session)  # the index entry counts what the file now holds
        for summary in result.summaries:
            self._store.save_summary(summary)
