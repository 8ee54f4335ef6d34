"""The catalog: ``facilitator.json`` in the data directory — the index of sessions and the saved summaries.

Written rarely (a session starts, moves, closes), each time whole and atomically.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from facilitator.store.atomic import AtomicJSONStorage, ReadOnlyJSONStorage

CATALOG_NAME = "facilitator.json"


class Catalog:
    """Session index entries (table ``sessions``) and summaries (table ``summaries``)."""

    def __init__(self, data_dir: Path, *, read_only: bool = False) -> None:
        self.path = data_dir / CATALOG_NAME
        self.db = TinyDB(self.path, storage=ReadOnlyJSONStorage if read_only else AtomicJSONStorage)

    def sessions(self) -> list[dict[str, Any]]:
        """Every session's index entry, newest first."""
        rows = [dict(doc) for doc in self.db.table("sessions").all()]
        return sorted(rows, key=lambda row: row["created_at"], reverse=True)

    def session(self, session_id: str) -> dict[str, Any] | None:
        """The index entry of ``session_id``."""
        doc = self.db.table("sessions").get(Query().id == session_id)
        return dict(doc) if isinstance(doc, dict) else None

    def put_session(self, entry: dict[str, Any]) -> None:
        """Insert or update a session's index entry."""
        self.db.table("sessions").upsert(entry, Query().id == entry["id"])

    def put_summary(self, summary: dict[str, Any]) -> None:
        """Insert or replace the summary of this kind for its session (or, for a partnership-wide summary
        without a ``session_id``, for its partnership)."""
        q = Query()
        if summary.get("session_id") is not None:
            subject = q.session_id == summary["session_id"]
        else:
            subject = (q.session_id == None) & (q.partnership_id == summary["partnership_id"])  # noqa: E711
        self.db.table("summaries").upsert(summary, (q.kind == summary["kind"]) & subject)

    def summaries(self, session_id: str) -> list[dict[str, Any]]:
        """The saved summaries of ``session_id``."""
        return [dict(d) for d in self.db.table("summaries").search(Query().session_id == session_id)]

    def partnership_summaries(self, partnership_id: str) -> list[dict[str, Any]]:
        """The saved partnership-wide summaries (the progress summary) of ``partnership_id``."""
        q = Query()
        found = self.db.table("summaries").search((q.session_id == None) & (q.partnership_id == partnership_id))  # noqa: E711
        return [dict(d) for d in found]

    def partnerships(self) -> list[dict[str, Any]]:
        """Every partnership, oldest first."""
        return sorted((dict(d) for d in self.db.table("partnerships").all()), key=lambda p: p["created_at"])

    def partnership(self, partnership_id: str) -> dict[str, Any] | None:
        """One partnership."""
        doc = self.db.table("partnerships").get(Query().id == partnership_id)
        return dict(doc) if isinstance(doc, dict) else None

    def put_partnership(self, data: dict[str, Any]) -> None:
        """Insert or update a partnership."""
        self.db.table("partnerships").upsert(data, Query().id == data["id"])

    def change(self, edit: Callable[[dict[str, dict[str, dict[str, Any]]]], None]) -> None:
        """Apply ``edit`` to a copy of the whole database (``{table: {doc_id: doc}}``) and write it in one atomic
        replace: several tables change together or not at all."""
        data = copy.deepcopy(self.db.storage.read() or {})
        edit(data)
        self.db.storage.write(data)
        for name in data:
            self.db.table(name).clear_cache()


def drop(table: dict[str, dict[str, Any]], keep: Callable[[dict[str, Any]], bool]) -> list[dict[str, Any]]:
    """Remove from a raw TinyDB ``table`` every document ``keep`` refuses; return the removed documents."""
    gone = [doc_id for doc_id, doc in table.items() if not keep(doc)]
    return [table.pop(doc_id) for doc_id in gone]


def add(table: dict[str, dict[str, Any]], docs: list[dict[str, Any]]) -> None:
    """Append ``docs`` to a raw TinyDB ``table`` under new document ids."""
    next_id = max((int(doc_id) for doc_id in table), default=0) + 1
    for doc in docs:
        table[str(next_id)] = doc
        next_id += 1
