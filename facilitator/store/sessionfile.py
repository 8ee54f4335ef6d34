"""One TinyDB file per session, kept durable by a journal.

``sessions/<id>.json`` is a TinyDB database (tables ``session``, ``participants``, ``responses``) written
whole and atomically; ``sessions/<id>.journal`` holds the records stored since. Opening replays the journal
into the database; once the journal is big it is folded into the file in the background while answers go on
being written, and :meth:`SessionFile.checkpoint` folds it whole. Records are keyed, so replaying an entry twice
changes nothing.

The file a session is served from keeps the answers' records on disk only (:data:`ON_DISK`): the live session
holds the answers, and a second copy of each in the tables would double what a long session keeps in memory.
The fold reads the file and the journal (:mod:`facilitator.store.fold`); reading the answers reads them too.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from facilitator.core.hash_index import HashIndex
from facilitator.core.model import Answer
from facilitator.store import journal
from facilitator.store.atomic import SnapshotStorage, StoreUnavailable, atomic_write
from facilitator.store.committer import GroupCommitter
from facilitator.store.fold import folded_pieces

TABLES = ("session", "participants", "responses")
#: The tables whose documents a writable session file keeps on disk only (their keys and counts in memory).
ON_DISK = ("responses",)
#: Fold the journal into the database file once it holds this many bytes…
CHECKPOINT_BYTES = 4 * 1024 * 1024
#: …and at least this share of the file's own size: a fold reads and writes the whole file, so a long session's
#: journal waits until it is half the file, and folding costs each answer the same however long the session.
FOLD_SHARE = 0.5


#: How many times a reader beside a writing app reads a session again when a checkpoint happened meanwhile.
SNAPSHOT_TRIES = 100


def _identity(path: Path) -> tuple[int, int, int] | None:
    """Which version of the file is at ``path`` (``None``: none yet)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


def _size(path: Path) -> int:
    """The bytes of the file at ``path`` (0: none yet)."""
    identity = _identity(path)
    return identity[2] if identity is not None else 0


class SessionFile:
    """A session's database and journal. Every TinyDB call happens on the caller's (the event loop's) thread."""

    def __init__(self, path: Path, *, writable: bool = True) -> None:
        self.path = path
        self.journal_path = path.with_suffix(".journal")
        self._storage_holder: list[SnapshotStorage] = []
        self.db = TinyDB(path, storage=self._make_storage)
        self._storage = self._storage_holder[0]
        #: The tables whose documents are not kept in memory (read from disk: :meth:`docs`); of them, only the
        #: hashes of their keys are kept, to count them (a long session's answers would keep their ids).
        self._on_disk = ON_DISK if writable else ()
        self._keys: dict[str, dict[str, int]] = {name: {} for name in TABLES if name not in self._on_disk}
        self._hashed: dict[str, HashIndex] = {name: HashIndex(values="b") for name in self._on_disk}
        for name in TABLES:
            for doc in self.db.table(name).all():
                self._note(name, str(doc["id"]), doc.doc_id)
        self._next_id = {name: max(keys.values(), default=0) + 1 for name, keys in self._keys.items()}
        #: The ids of the answers whose latest version does not stand (hidden or withdrawn).
        self._set_aside: set[str] = set()
        self._sort_answers(self.db.table("responses").all())
        for name in self._on_disk:
            self._storage.read().pop(name, None)
            self.db.table(name).clear_cache()
        entries, _ = journal.read(self.journal_path)
        self.apply(entries)
        self._journal = journal.Journal(self.journal_path) if writable else None
        #: The file's size in bytes when it was last read or written (a fold waits for a journal of its share).
        self.file_size = _size(path)
        #: The fold of the journal into the file running in the background, if one is.
        self._folding: asyncio.Task[None] | None = None
        self.committer: GroupCommitter[journal.Entry] = GroupCommitter(
            self._write, self.apply, self._maybe_checkpoint
        )

    @classmethod
    def snapshot(cls, path: Path) -> SessionFile:
        """The session as one consistent version, read-only, while another process may be writing it.

        The writer's checkpoint replaces the file (a new inode) and then empties the journal: a file that is
        the same before and after the journal was read goes with that journal. Otherwise read both again.
        """
        for _ in range(SNAPSHOT_TRIES):
            before = _identity(path)
            sf = cls(path, writable=False)
            if _identity(path) == before:
                return sf
        raise StoreUnavailable(f"{path}: rewritten each time it was read; try again")

    def _make_storage(self, path: str) -> SnapshotStorage:
        storage = SnapshotStorage(path)
        self._storage_holder.append(storage)
        return storage

    # -- reading -----------------------------------------------------------------------------------------
    def docs(self, table: str) -> list[dict[str, Any]]:
        """Every document of ``table`` in insertion order (of a table kept on disk, as file and journal hold
        it: every record stored so far)."""
        if table in self._on_disk:
            return SessionFile.snapshot(self.path).docs(table)
        return [dict(doc) for doc in self.db.table(table).all()]

    # -- writing -----------------------------------------------------------------------------------------
    async def put(self, table: str, doc: dict[str, Any]) -> None:
        """Store ``doc`` (keyed by its ``id``) durably; returns once it is on disk."""
        await self.committer.commit(journal.Entry(table, str(doc["id"]), doc))

    def _write(self, entries: list[journal.Entry]) -> None:
        if self._journal is None:
            raise PermissionError("session file opened read-only")
        self._journal.append(entries)

    def apply(self, entries: list[journal.Entry]) -> None:
        """Put journal ``entries`` into the TinyDB tables (a later entry for a key replaces the earlier).

        The documents go straight into the tables held by the session's storage, in TinyDB's own layout
        (``{table: {str(doc_id): doc}}``): cost proportional to the batch. TinyDB's ``insert_multiple`` and
        ``update`` would rebuild the whole table for every batch, which grows with the session. Of a table kept
        on disk only the key is noted.
        """
        data = self._storage.read()
        touched = set()
        for entry in entries:
            if entry.table in self._on_disk:
                self._note(entry.table, entry.key, 0)
                continue
            known = self._keys[entry.table]
            doc_id = known.get(entry.key)
            if doc_id is None:
                doc_id = known[entry.key] = self._next_id[entry.table]
                self._next_id[entry.table] += 1
            data.setdefault(entry.table, {})[str(doc_id)] = dict(entry.doc)
            touched.add(entry.table)
        self._sort_answers(entry.doc for entry in entries if entry.table == "responses")
        for name in touched:
            self.db.table(name).clear_cache()

    def _sort_answers(self, docs: Iterable[dict[str, Any]]) -> None:
        """Note which of these answer records (each its answer's latest) stand (:meth:`Answer.record_counts`)."""
        for doc in docs:
            if Answer.record_counts(doc):
                self._set_aside.discard(str(doc["id"]))
            else:
                self._set_aside.add(str(doc["id"]))

    def _note(self, table: str, key: str, doc_id: int) -> None:
        """Note that ``table`` holds a document keyed ``key`` (as ``doc_id``, in a table held in memory)."""
        hashed = self._hashed.get(table)
        if hashed is None:
            self._keys[table][key] = doc_id
        else:
            hashed.add_new(hash(key))

    def count(self, table: str) -> int:
        """How many documents ``table`` holds (of a table kept on disk: how many 64-bit hashes its keys have,
        which two keys share by a chance of about one in ten billion in a session of 36 000 answers)."""
        hashed = self._hashed.get(table)
        return len(hashed) if hashed is not None else len(self._keys[table])

    def standing_answers(self) -> int:
        """How many answers stand: every answer stored but those hidden or withdrawn (as the summaries count)."""
        return self.count("responses") - len(self._set_aside)

    async def _maybe_checkpoint(self) -> None:
        """After a batch: once the journal is big (:data:`CHECKPOINT_BYTES`, and :data:`FOLD_SHARE` of the file),
        fold it into the file in the background (:meth:`_fold`)."""
        if self._journal is None or self._folding is not None:
            return
        if self._journal.size >= max(CHECKPOINT_BYTES, FOLD_SHARE * self.file_size):
            # Between two batches (this runs under the committer's lock): the journal's length is a whole batch.
            held = self._journal.size
            self._folding = asyncio.get_running_loop().create_task(self._fold(held))

    def _write_folded(self, held: int) -> None:
        """Replace the file with itself and the journal's first ``held`` bytes folded in (in a worker thread:
        appends beyond ``held`` may go on meanwhile)."""
        atomic_write(self.path, folded_pieces(self.path, journal.Head(self.journal_path, held)), keep=True)
        self.file_size = _size(self.path)

    async def _fold(self, held: int) -> None:
        """Fold the journal's first ``held`` bytes into the file, then drop them from the journal, while phones
        go on answering.

        A worker thread reads the file and writes the next one in pieces (:mod:`facilitator.store.fold`), so the
        event loop is never held for long, and batches go on being appended to the journal meanwhile; the
        journal is shortened between two batches. The file is always replaced before the journal is shortened,
        so a reader, or a start after a crash, finds the old file with the whole journal, the new file with the
        whole journal, or the new file with the rest.
        """
        try:
            await asyncio.to_thread(self._write_folded, held)

            async def drop_folded() -> None:
                if self._journal is not None:
                    await asyncio.to_thread(self._journal.drop_head, held)

            await self.committer.exclusive(drop_folded)
        except Exception:  # noqa: BLE001 - housekeeping only: the journal still holds everything; a later batch retries
            pass
        finally:
            self._folding = None

    def _replace_and_reset(self) -> None:
        assert self._journal is not None
        self._write_folded(self._journal.size)
        self._journal.reset()

    @property
    def folding(self) -> bool:
        """Whether the journal is being folded into the file in the background."""
        return self._folding is not None

    async def folded(self) -> None:
        """Wait for a fold running in the background (:meth:`_fold`) to end."""
        if self._folding is not None:
            await asyncio.shield(self._folding)

    async def checkpoint(self) -> None:
        """Fold the whole journal into the file (after everything committed so far is written)."""
        await self.committer.flush()
        done = False

        async def fold_whole() -> None:
            # Between batches, and never beside a fold in the background: both replace the file.
            nonlocal done
            if self._folding is None and self._journal is not None:
                await asyncio.to_thread(self._replace_and_reset)
                done = True

        while not done and self._journal is not None:
            await self.folded()
            await self.committer.exclusive(fold_whole)

    def releasable(self) -> bool:
        """Whether the session has closed and nothing of it is left to write (its journal folded into the file)."""
        docs = self.docs("session")
        return (bool(docs) and docs[-1]["status"] == "closed" and not self.committer.busy
                and (self._journal is None or self._journal.size == 0))

    def release(self) -> None:
        """Let go of the file of a session that is :meth:`releasable` (close its journal)."""
        assert self.releasable()
        if self._journal is not None:
            self._journal.close()
            self._journal = None

    async def close(self) -> None:
        """Checkpoint and refuse further writes."""
        await self.checkpoint()
        await self.committer.close()
        await self.folded()
        if self._journal is not None:
            self._journal.close()
            self._journal = None
