"""Notes: a free-text answer, a sticky note on the wall. A phone may send as many as it likes."""

from __future__ import annotations

from typing import ClassVar

from facilitator.core.kinds.base import StepKind


class Notes(StepKind):
    """Field: ``text``. Every answer becomes a card on the wall."""

    name: ClassVar[str] = "notes"
    adds_up = True
    votable = True


NOTES = Notes()
