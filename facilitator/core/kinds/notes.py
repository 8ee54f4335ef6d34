"""Notes: a free-text answer, a sticky note on the wall. A phone may send as many as it likes."""

from __future__ import annotations

from typing import ClassVar

from facilitator.core.activity import Step
from facilitator.core.kinds.base import StepKind
from facilitator.core.kinds.rehearsal import Simulation

#: The sample texts for a notes step the samples have no texts of its own for.
IDEAS = "ideas"


class Notes(StepKind):
    """Field: ``text``. Every answer becomes a card on the wall."""

    name: ClassVar[str] = "notes"
    adds_up = True
    text_only = True
    votable = True

    def simulate(self, step: Step, phone: Simulation) -> dict[str, list[str]] | None:
        """A sample note written for this step (by its id), else a general one."""
        text = phone.text(step.id, IDEAS)
        return {"text": [text]} if text else None


NOTES = Notes()
