"""The baselines the durable store is compared with, as :class:`facilitator.core.live.SessionSink` s.

- :class:`NoopSink` stores nothing: what the pages, the session logic and aiohttp cost on their own;
- :class:`StockTinyDBSink` is the naive way: stock TinyDB with its JSONStorage, one insert per record, called
  straight from the event loop (TinyDB rewrites its whole file on every insert and never fsyncs).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from facilitator.core.model import Participant, Answer, Session


class NoopSink:
    """A sink whose writes return at once."""

    async def save_session(self, session: Session) -> None:
        """Nothing is stored."""

    async def save_participant(self, participant: Participant) -> None:
        """Nothing is stored."""

    async def save_answer(self, response: Answer) -> None:
        """Nothing is stored."""

    async def close_session(self, session: Session, summary: dict[str, Any]) -> None:
        """Nothing is stored."""

    def close(self) -> None:
        """Nothing to close."""


class StockTinyDBSink:
    """Every record written by ``TinyDB(path)`` (stock JSONStorage), one call per record."""

    def __init__(self, path: Path) -> None:
        self.db = TinyDB(path)

    async def save_session(self, session: Session) -> None:
        """Upsert the session document."""
        self.db.table("session").upsert(session.to_dict(), Query().id == session.id)

    async def save_participant(self, participant: Participant) -> None:
        """Upsert the participant document."""
        self.db.table("participants").upsert(participant.to_dict(), Query().id == participant.id)

    async def save_answer(self, response: Answer) -> None:
        """Insert the answer document."""
        self.db.table("responses").insert(response.to_dict())

    async def close_session(self, session: Session, summary: dict[str, Any]) -> None:
        """Upsert the session document."""
        await self.save_session(session)

    def preload(self, responses: list[Answer]) -> None:
        """Insert ``responses`` in one write (setting up a database of a given size)."""
        self.db.table("responses").insert_multiple(r.to_dict() for r in responses)

    def close(self) -> None:
        """Close the database file."""
        self.db.close()
