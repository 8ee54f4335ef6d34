"""The storage facade: a data directory with a catalog and one database file per session."""

from __future__ import annotations

import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from facilitator.core.activity import Activity
from facilitator.core.chronology import entry_key
from facilitator.core.ids import new_id, new_join_code
from facilitator.core.live import StorageError
from facilitator.core.model import Answer, Participant, Session, SessionDetails, Status, now_iso
from facilitator.core.partnership import Partnership
from facilitator.core.record import SessionRecord
from facilitator.store.atomic import StoreUnavailable, remove_temp_files
from facilitator.store.catalog import Catalog, add, drop
from facilitator.store.index import counts_of, index_entry, state_of
from facilitator.store.sessionfile import SessionFile
from facilitator.store.shelf_file import FileShelf
from facilitator.store.trash import NotInTrash, Trash, Trashed


@contextmanager
def _as_storage_error(path: Path) -> Iterator[None]:
    """Report a failed write (disk full, read-only, …) as the core's :class:`StorageError`, naming the file."""
    try:
        yield
    except OSError as err:
        raise StorageError(f"{path}: {err.strerror or err}") from err


class UnknownSession(LookupError):
    """No session with that id in this data directory."""


class UnknownPartnership(LookupError):
    """No partnership with that id in this data directory."""


class SessionInUse(RuntimeError):
    """The session is being served by this process (opened for writing and not closed): close it first."""


class CannotRestore(RuntimeError):
    """An item of the trash cannot come back as it is (its partnership is in the trash too)."""


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


class Store:
    """Everything Facilitator keeps in one data directory. Use from one thread (the app's event loop)."""

    def __init__(self, data_dir: Path, *, read_only: bool = False) -> None:
        """Open ``data_dir`` for the app: created if missing, temp files a crash left removed.

        ``read_only`` opens it for reading beside a running app (``facilitator sessions``, ``export``): nothing
        is created, removed or written, and each session is read as a consistent snapshot.
        """
        self.data_dir = Path(data_dir)
        self.sessions_dir = self.data_dir / "sessions"
        self.read_only = read_only
        self._open: dict[str, SessionFile] = {}
        self._stored: dict[str, tuple[Any, dict[str, Any]]] = {}
        self.trash = Trash(self.data_dir, self.sessions_dir, create=False)
        if read_only:
            try:
                if not stat.S_ISDIR(self.data_dir.stat().st_mode):
                    raise StoreUnavailable(f"cannot use data directory {self.data_dir}: not a directory")
            except FileNotFoundError:
                pass  # nothing stored yet: an empty catalog
            except OSError as err:
                raise StoreUnavailable(f"cannot use data directory {self.data_dir}: {err.strerror or err}") from err
            self.catalog = Catalog(self.data_dir, read_only=True)
            self.sessions()  # a corrupt session file is refused at open, by name, as for the app
            return
        try:
            self.sessions_dir.mkdir(parents=True, exist_ok=True)
            self.trash = Trash(self.data_dir, self.sessions_dir)
            for directory in (self.data_dir, self.sessions_dir):
                remove_temp_files(directory)
                with tempfile.TemporaryFile(dir=directory):
                    pass
        except OSError as err:
            raise StoreUnavailable(f"cannot use data directory {self.data_dir}: {err.strerror or err}") from err
        self.catalog = Catalog(self.data_dir)
        self.trash.settle(self._lists)
        self.sessions()  # reads every session file: a corrupt one is refused now, by name, not mid-meeting

    # -- sessions ----------------------------------------------------------------------------------------
    def create_session(
        self, activity: Activity, title: str, lang: str = "th", partnership_id: str | None = None,
        follows: str | None = None, *, anonymous: bool = False, details: SessionDetails = SessionDetails(),
        demo: bool = False,
    ) -> Session:
        """Create a session in the lobby, with a join code not used by any unfinished session.

        ``follows`` links an AAR or check-in to the BAR it follows; an ``anonymous`` session keeps no names;
        ``details`` are its place, facilitator, date and time; a ``demo`` session is a rehearsal answered by
        simulated phones.
        """
        if partnership_id is not None and self.catalog.partnership(partnership_id) is None:
            raise UnknownPartnership(partnership_id)
        if follows is not None and self.catalog.session(follows) is None:
            raise UnknownSession(follows)
        taken = {row["code"] for row in self.catalog.sessions() if row["status"] != Status.CLOSED}
        session = Session(
            id=new_id(), code=new_join_code(taken), title=title, lang=lang, activity=activity,
            partnership_id=partnership_id, follows=follows, anonymous=anonymous, details=details, demo=demo,
        )
        self.catalog.put_session(index_entry(session))
        return session

    def sessions(self) -> list[dict[str, Any]]:
        """Index entries of every session, the latest meeting first (:func:`~facilitator.core.chronology.entry_key`:
        by the date it was held, else started; on the same day the later first), with what the session's file
        and journal hold.

        The counts of participants and of the answers that stand (:func:`~facilitator.store.index.counts_of`),
        the status and the title come from the stored records (as :meth:`load` reads them), not from the index
        entry, which is written only when the session record is saved and can lag behind its journal after a
        crash.
        """
        return self._listed(self.catalog.sessions())

    def _listed(self, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Index ``entries`` with what their sessions' files hold, the latest meeting first."""
        rows = [{**row, **self._stored_state(row["id"])} for row in entries]
        return sorted(rows, key=entry_key, reverse=True)

    def _stored_state(self, session_id: str) -> dict[str, Any]:
        if session_id in self._open:
            return state_of(self._open[session_id])
        path = self.sessions_dir / f"{session_id}.json"
        stamp = (_stamp(path), _stamp(path.with_suffix(".journal")))
        cached = self._stored.get(session_id)
        if cached is None or cached[0] != stamp:  # read again only when the file or its journal changed
            cached = self._stored[session_id] = (stamp, state_of(SessionFile.snapshot(path)))
        return cached[1]

    def reconcile_index(self) -> tuple[list[str], list[str]]:
        """Make the catalog list exactly the session files there are, after it was brought back from an older
        copy: index every session file it does not list, and forget every started session whose files are gone
        (deleted for good since). Returns the ids (indexed, forgotten)."""
        listed = {row["id"]: row for row in self.catalog.sessions()}
        indexed = []
        for path in sorted(self.sessions_dir.glob("*.json")):
            if path.stem in listed:
                continue
            sf = SessionFile(path, writable=False)
            docs = sf.docs("session")
            if docs:
                session = Session.from_dict(docs[-1])
                self.catalog.put_session(index_entry(session, **counts_of(sf)))
                indexed.append(session.id)
        gone = [sid for sid, row in listed.items() if row["status"] != Status.LOBBY
                and not (self.sessions_dir / f"{sid}.json").exists()
                and not (self.sessions_dir / f"{sid}.journal").exists()]
        if gone:
            self.catalog.change(lambda data: drop(data.setdefault("sessions", {}), lambda doc: doc["id"] not in gone))
        return indexed, gone

    def _file(self, session_id: str, *, writable: bool = True) -> SessionFile:
        if session_id in self._open:
            return self._open[session_id]
        if self.catalog.session(session_id) is None:
            raise UnknownSession(session_id)
        path = self.sessions_dir / f"{session_id}.json"
        if not writable:
            return SessionFile.snapshot(path)
        if self.read_only:
            raise PermissionError(f"{self.data_dir} is open read-only")
        sf = self._open[session_id] = SessionFile(path)
        return sf

    def load(self, session_id: str) -> SessionRecord:
        """The whole record of a session (reading its file and the journal since)."""
        entry = self.catalog.session(session_id)
        if entry is None:
            raise UnknownSession(session_id)
        sf = self._file(session_id, writable=False)
        docs = sf.docs("session")
        if not docs:  # created, never opened: the index entry is all there is
            raise UnknownSession(session_id)
        session = Session.from_dict(docs[-1])
        summaries = self.catalog.summaries(session_id)
        partnership = None
        if session.partnership_id:
            summaries += self.catalog.partnership_summaries(session.partnership_id)
            stored = self.catalog.partnership(session.partnership_id)
            partnership = Partnership.from_dict(stored) if stored else None
        return SessionRecord(
            session=session,
            participants=[Participant.from_dict(d) for d in sf.docs("participants")],
            answers=[Answer.from_dict(d) for d in sf.docs("responses")],
            summaries=summaries,
            partnership=partnership,
        )

    # -- partnerships ------------------------------------------------------------------------------------
    def create_partnership(self, name: str, organisations: Iterable[tuple[str, str]] = ()) -> Partnership:
        """A new partnership with its invited organisations as (name, sector) pairs."""
        partnership = Partnership(id=new_id(), name=name.strip())
        for org_name, sector in organisations:
            if org_name.strip():
                partnership.add(org_name, sector)
        self.save_partnership(partnership)
        return partnership

    def save_partnership(self, partnership: Partnership) -> None:
        """Store a partnership (after adding, merging or renaming its organisations, or setting its stage)."""
        self.catalog.put_partnership(partnership.to_dict())

    def partnerships(self) -> list[Partnership]:
        """Every partnership, oldest first."""
        return [Partnership.from_dict(d) for d in self.catalog.partnerships()]

    def partnership(self, partnership_id: str) -> Partnership:
        """One partnership; :class:`UnknownPartnership` if there is none with that id."""
        data = self.catalog.partnership(partnership_id)
        if data is None:
            raise UnknownPartnership(partnership_id)
        return Partnership.from_dict(data)

    def partnership_records(self, partnership_id: str) -> list[SessionRecord]:
        """The records of every session of a partnership, oldest first (sessions never opened are left out)."""
        records = []
        for entry in reversed(self.catalog.sessions()):
            if entry.get("partnership_id") == partnership_id:
                try:
                    records.append(self.load(entry["id"]))
                except UnknownSession:
                    continue
        return records

    def latest_session(self, partnership_id: str, activity_id: str, *, demo: bool = False) -> str | None:
        """The id of the partnership's session of ``activity_id`` held last (for linking an AAR to its BAR), as
        :meth:`sessions` orders them; rehearsals count only with ``demo``. Only those sessions' files are read."""
        candidates = [entry for entry in self.catalog.sessions() if (demo or not entry.get("demo"))
                      and entry.get("partnership_id") == partnership_id and entry["activity_id"] == activity_id]
        listed = self._listed(candidates)
        return str(listed[0]["id"]) if listed else None

    def save_summary(self, summary: dict[str, Any]) -> None:
        """Store a summary document, replacing the one of its kind for its session (or, for a partnership-wide
        summary such as the progress summary, for its partnership)."""
        with _as_storage_error(self.catalog.path):
            self.catalog.put_summary(summary)

    def sink(self, session: Session) -> SessionSink:
        """The durable sink of a live session (opens its file for writing)."""
        return SessionSink(self, self._file(session.id))

    def shelf(self, session: Session) -> FileShelf:
        """Scratch space for a live session's older answers: an unnamed file in the sessions' folder."""
        return FileShelf(self.sessions_dir)

    # -- the trash ---------------------------------------------------------------------------------------
    def _lists(self, item: Trashed) -> bool:
        if item.kind == "partnership":
            return self.catalog.partnership(item.id) is not None
        return self.catalog.session(item.id) is not None

    def _release(self, session_ids: list[str]) -> None:
        """Close the files of these sessions if this process has them open; refuse a session being served."""
        for session_id in session_ids:
            sf = self._open.get(session_id)
            if sf is not None and not sf.releasable():
                raise SessionInUse(session_id)
        for session_id in session_ids:
            sf = self._open.pop(session_id, None)
            if sf is not None:
                sf.release()
            self._stored.pop(session_id, None)

    def trash_session(self, session_id: str) -> Trashed:
        """Move a session into the trash: its files, its index entry and its summaries, whole.

        :class:`SessionInUse` if this process is serving it.
        """
        entry = self.catalog.session(session_id)
        if entry is None:
            raise UnknownSession(session_id)
        self._release([session_id])
        item = Trashed("session", session_id, entry["title"], now_iso(), [entry], self.catalog.summaries(session_id),
                       None)
        self._put_in_trash(item)
        return item

    def trash_partnership(self, partnership_id: str) -> Trashed:
        """Move a partnership into the trash together with its sessions (files, index entries, summaries).

        :class:`SessionInUse` if this process is serving one of its sessions.
        """
        data = self.catalog.partnership(partnership_id)
        if data is None:
            raise UnknownPartnership(partnership_id)
        entries = [row for row in self.catalog.sessions() if row.get("partnership_id") == partnership_id]
        self._release([row["id"] for row in entries])
        summaries = self.catalog.partnership_summaries(partnership_id)
        for row in entries:
            summaries += self.catalog.summaries(row["id"])
        item = Trashed("partnership", partnership_id, data["name"], now_iso(), entries, summaries, data)
        self._put_in_trash(item)
        return item

    def _put_in_trash(self, item: Trashed) -> None:
        ids = set(item.session_ids)

        def remove(data: dict[str, dict[str, dict[str, Any]]]) -> None:
            drop(data.setdefault("sessions", {}), lambda doc: doc["id"] not in ids)
            drop(data.setdefault("summaries", {}),
                 lambda doc: doc.get("session_id") not in ids and not (
                     doc.get("session_id") is None and doc.get("partnership_id") == item.id))
            if item.partnership is not None:
                drop(data.setdefault("partnerships", {}), lambda doc: doc["id"] != item.id)

        with _as_storage_error(self.catalog.path):
            self.trash.put(item, lambda: self.catalog.change(remove))

    def trashed(self) -> list[Trashed]:
        """What is in the trash, most recently deleted first."""
        return self.trash.items()

    def restore_trashed(self, item_id: str) -> Trashed:
        """Bring a session or partnership back from the trash, whole. :class:`NotInTrash` if it is not there;
        :class:`CannotRestore` for a session whose partnership is in the trash."""
        try:
            item = self.trash.find(item_id)
        except NotInTrash:
            for holder in self.trash.items():
                if item_id in holder.session_ids:
                    raise CannotRestore(f"it is in the trash with its partnership {holder.id}: restore that") from None
            raise
        partnership_id = item.sessions[0].get("partnership_id") if item.kind == "session" else None
        if partnership_id and self.catalog.partnership(partnership_id) is None:
            raise CannotRestore(f"its partnership {partnership_id} is in the trash: restore that first")

        def put_back(data: dict[str, dict[str, dict[str, Any]]]) -> None:
            add(data.setdefault("sessions", {}), item.sessions)
            add(data.setdefault("summaries", {}), item.summaries)
            if item.partnership is not None:
                add(data.setdefault("partnerships", {}), [item.partnership])

        with _as_storage_error(self.catalog.path):
            self.trash.take_out(item, lambda: self.catalog.change(put_back))
        return item

    def empty_trash(self) -> int:
        """Really delete everything in the trash; returns how many items went."""
        return self.trash.empty()

    async def close(self) -> None:
        """Flush and checkpoint every open session file. Writes after this raise :class:`StoreClosed`."""
        for sf in self._open.values():
            await sf.close()
        self._open.clear()


class SessionSink:
    """Implements :class:`facilitator.core.live.SessionSink` over a session file and the catalog."""

    def __init__(self, store: Store, sf: SessionFile) -> None:
        self._store = store
        self._file = sf

    async def save_session(self, session: Session) -> None:
        """Store the session record and refresh its index entry."""
        with _as_storage_error(self._file.path):
            await self._file.put("session", session.to_dict())
            self._store.catalog.put_session(self._entry(session))

    async def save_participant(self, participant: Participant) -> None:
        """Store a participant."""
        with _as_storage_error(self._file.path):
            await self._file.put("participants", participant.to_dict())

    async def save_answer(self, response: Answer) -> None:
        """Store an answer."""
        with _as_storage_error(self._file.path):
            await self._file.put("responses", response.to_dict())

    async def close_session(self, session: Session, summaries: list[dict[str, Any]]) -> None:
        """Store the closed session, its index entry and its summaries; fold the journal into the file."""
        with _as_storage_error(self._file.path):
            await self._file.put("session", session.to_dict())
            for summary in summaries:
                self._store.catalog.put_summary(summary)
            self._store.catalog.put_session(self._entry(session))
            await self._file.checkpoint()

    def _entry(self, session: Session) -> dict[str, Any]:
        return index_entry(session, **counts_of(self._file))
