"""What a simulated phone of a rehearsal knows when it fills in a step's form.

Each kind turns a :class:`Simulation` into the form fields a real phone would post for one of its steps
(:meth:`StepKind.simulate <facilitator.core.kinds.base.StepKind.simulate>`); a kind that does not say how gets
no simulated answer. The words come from :class:`Samples` (the sample answers, kept as data outside the code),
the choices from a seeded random generator, so a rehearsal plays out the same way each time.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from facilitator.core.model import Participant

if TYPE_CHECKING:
    from facilitator.core.kinds.base import StepContext

#: The choice that stands for "leave it out" in a table of weights (a task not claimed, a block not rated).
SKIP = "skip"


class Samples(Protocol):
    """The sample answers a rehearsal draws from."""

    def draw(self, pool: str, rng: random.Random) -> str:
        """A sample text of ``pool`` ("" when the samples have no such pool)."""
        ...

    def weights(self, table: str) -> Mapping[str, float]:
        """How often each choice of ``table`` is picked (empty when the samples have no such table)."""
        ...

    def leads(self, organisation: str) -> Sequence[str]:
        """The tasks ``organisation`` takes the lead on, by task id (its own function)."""
        ...


@dataclass(frozen=True, slots=True)
class Simulation:
    """One simulated phone at one step: its random generator, the person it joined as, what the step can refer
    to, the samples, and which of the person's organisations it answers for ("": the main one)."""

    rng: random.Random
    person: Participant
    context: StepContext
    samples: Samples
    speaking_for: str = ""

    def text(self, *pools: str) -> str:
        """A sample text from the first of ``pools`` that has any ("" when none has)."""
        for pool in pools:
            found = self.samples.draw(pool, self.rng)
            if found:
                return found
        return ""

    def maybe_text(self, pool: str, chance: float) -> str:
        """A sample text of ``pool`` ``chance`` of the time, otherwise ""."""
        return self.text(pool) if self.rng.random() < chance else ""

    def pick(self, table: str, allowed: Sequence[str]) -> str:
        """A choice of ``allowed`` (or :data:`SKIP`) by the weights of ``table``; uniform when it has none."""
        weights = {key: float(w) for key, w in self.samples.weights(table).items()
                   if (key in allowed or key == SKIP) and w > 0}
        if not weights:
            return self.rng.choice(list(allowed))
        keys = list(weights)
        return self.rng.choices(keys, weights=[weights[k] for k in keys])[0]

    @property
    def organisation(self) -> str:
        """The organisation the phone answers for: :attr:`speaking_for`, else the person's main one."""
        return self.speaking_for or (self.person.organisations[0] if self.person.organisations else "")
