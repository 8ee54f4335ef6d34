"""Where a long session's older answers wait while the live session keeps only what it reads often.

An :class:`AnswerShelf` takes an answer and gives back a handle (a whole number) to read it by. The shelf is
not the session's record (the store keeps that, durably): it is the live session's own scratch space, gone
when the session ends. :class:`MemoryShelf` keeps copies in memory (a session without a store, and the tests);
the store gives a session a shelf in a file (:mod:`facilitator.store.shelf_file`).
"""

from __future__ import annotations

import copy
from typing import Protocol

from facilitator.core.model import Answer


class AnswerShelf(Protocol):
    """Answers put away as they are and read back by handle."""

    def put(self, answer: Answer) -> int:
        """Put ``answer`` away as it is now; returns its handle. Raises :class:`OSError` when it cannot."""
        ...

    def get(self, handle: int) -> Answer:
        """The answer put away under ``handle``, as it was then (a new object each time)."""
        ...


class MemoryShelf:
    """A shelf in memory: a copy of each answer."""

    def __init__(self) -> None:
        self._answers: list[Answer] = []

    def put(self, answer: Answer) -> int:
        self._answers.append(copy.copy(answer))
        return len(self._answers) - 1

    def get(self, handle: int) -> Answer:
        return copy.copy(self._answers[handle])
