"""The catalog: ``facilitator.json`` in the data directory — the index of sessions and the saved summaries.

Written rarely (a session starts, moves, closes), each time whole and atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from facilitator.store.atomic import AtomicJSONStorage

CATALOG_NAME = "facilitator.json"


class Catalog:
    """Session index entries (table ``sessions``) and summaries (table ``summaries``)."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / CATALOG_NAME
        self.db = TinyDB(self.path, storage=AtomicJSONStorage)

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
        """Insert or replace the summary of this kind for this session."""
        q = Query()
        self.db.table("summaries").upsert(
            summary, (q.kind == summary["kind"]) & (q.session_id == summary["session_id"])
        )

    def summaries(self, session_id: str) -> list[dict[str, Any]]:
        """The saved summaries of ``session_id``."""
        return [dict(d) for d in self.db.table("summaries").search(Query().session_id == session_id)]
