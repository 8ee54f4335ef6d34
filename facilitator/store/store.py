"""The storage facade: a data directory with a catalog and one database file per session."""

from __future__ import annotations

import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from facilitator.core.activity import Activity
from facilitator.core.ids import new_id, new_join_code
from facilitator.core.live import StorageError
from facilitator.core.model import Participant, Answer, Session, Status
from facilitator.core.partnership import Partnership
from facilitator.core.record import SessionRecord
from facilitator.store.atomic import StoreUnavailable, remove_temp_files
from facilitator.store.catalog import Catalog
from facilitator.store.sessionfile import SessionFile


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


def _index_entry(session: Session, participants: int = 0, answers: int = 0) -> dict[str, Any]:
    return {
        "id": session.id,
        "code": session.code,
        "title": session.title,
        "activity_id": session.activity.id,
        "activity_name": session.activity.name.to_dict(),
        "lang": session.lang,
        "status": str(session.status),
        "created_at": session.created_at,
        "closed_at": session.closed_at,
        "participants": participants,
        "answers": answers,
        "partnership_id": session.partnership_id,
    }


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
        if read_only:
            try:
                if not stat.S_ISDIR(self.data_dir.stat().st_mode):
                    raise StoreUnavailable(f"cannot use data directory {self.data_dir}: not a directory")
            except FileNotFoundError:
                pass  # nothing stored yet: an empty catalog
            except OSError as err:
                raise StoreUnavailable(f"cannot use data directory {self.data_dir}: {err.strerror or err}") from err
            self.catalog = Catalog(self.data_dir, read_only=True)
            return
        try:
            self.sessions_dir.mkdir(parents=True, exist_ok=True)
            for directory in (self.data_dir, self.sessions_dir):
                remove_temp_files(directory)
                with tempfile.TemporaryFile(dir=directory):
                    pass
        except OSError as err:
            raise StoreUnavailable(f"cannot use data directory {self.data_dir}: {err.strerror or err}") from err
        self.catalog = Catalog(self.data_dir)

    # -- sessions ----------------------------------------------------------------------------------------
    def create_session(
        self, activity: Activity, title: str, lang: str = "th", partnership_id: str | None = None,
        follows: str | None = None,
    ) -> Session:
        """Create a session in the lobby, with a join code not used by any unfinished session.

        ``follows`` links an AAR or check-in to the BAR it follows.
        """
        if partnership_id is not None and self.catalog.partnership(partnership_id) is None:
            raise UnknownPartnership(partnership_id)
        if follows is not None and self.catalog.session(follows) is None:
            raise UnknownSession(follows)
        taken = {row["code"] for row in self.catalog.sessions() if row["status"] != Status.CLOSED}
        session = Session(
            id=new_id(), code=new_join_code(taken), title=title, lang=lang, activity=activity,
            partnership_id=partnership_id, follows=follows,
        )
        self.catalog.put_session(_index_entry(session))
        return session

    def sessions(self) -> list[dict[str, Any]]:
        """Index entries of every session, newest first."""
        return self.catalog.sessions()

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
        if session.partnership_id:
            summaries += self.catalog.partnership_summaries(session.partnership_id)
        return SessionRecord(
            session=session,
            participants=[Participant.from_dict(d) for d in sf.docs("participants")],
            answers=[Answer.from_dict(d) for d in sf.docs("responses")],
            summaries=summaries,
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

    def latest_session(self, partnership_id: str, activity_id: str) -> str | None:
        """The id of the partnership's newest session of ``activity_id`` (for linking an AAR to its BAR)."""
        for entry in self.catalog.sessions():
            if entry.get("partnership_id") == partnership_id and entry["activity_id"] == activity_id:
                return str(entry["id"])
        return None

    def save_summary(self, summary: dict[str, Any]) -> None:
        """Store a summary document, replacing the one of its kind for its session (or, for a partnership-wide
        summary such as the progress summary, for its partnership)."""
        with _as_storage_error(self.catalog.path):
            self.catalog.put_summary(summary)

    def sink(self, session: Session) -> SessionSink:
        """The durable sink of a live session (opens its file for writing)."""
        return SessionSink(self, self._file(session.id))

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
        return _index_entry(session, self._file.count("participants"), self._file.count("responses"))
