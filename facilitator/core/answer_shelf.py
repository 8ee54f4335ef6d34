"""Where a long session's older answers wait while the live session keeps only what it reads often.

An :class:`AnswerShelf` takes an answer's record and gives back a handle (a whole number) to read it by. The
shelf is not the session's record (the store keeps that, durably): it is the live session's own scratch space,
gone when the session ends. :class:`MemoryShelf` keeps the records in memory (a session without a store, and
the tests); the store gives a session a shelf in a file (:mod:`facilitator.store.shelf_file`).
"""

from __future__ import annotations

from typing import Any, Protocol


class AnswerShelf(Protocol):
    """Records put away and read back by handle."""

    def put(self, record: dict[str, Any]) -> int:
        """Put ``record`` away (the caller does not change it afterwards); returns its handle. Raises
        :class:`OSError` when it cannot."""
        ...

    def get(self, handle: int) -> dict[str, Any]:
        """The record put away under ``handle``."""
        ...


class MemoryShelf:
    """A shelf in memory: each record is kept as given."""

    def __init__(self) -> None:
        self._records: list[dict[str, Any]] = []

    def put(self, record: dict[str, Any]) -> int:
        self._records.append(record)
        return len(self._records) - 1

    def get(self, handle: int) -> dict[str, Any]:
        return self._records[handle]
