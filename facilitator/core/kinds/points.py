"""Points: a budget of points spread over candidate areas (pilot-area scoring).

Fields: per area ``points.<id>`` (whole numbers adding up to at most the step's budget).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from facilitator.core.activity import Step
from facilitator.core.errors import Rejected
from facilitator.core.kinds.base import (
    AnswerRow,
    Form,
    OptionRule,
    PageRequest,
    StepContext,
    SummaryOfSteps,
    one,
    option_label,
    ordered,
)
from facilitator.core.kinds.rehearsal import Simulation
from facilitator.core.model import Answer, Participant, Session
from facilitator.core.summaries import pilot_scores
from facilitator.core.vocab import MAX_BUDGET

#: Digits a phone may type for one area's points.
_MAX_DIGITS = 4


def _points(value: str) -> int | None:
    """A typed number of points, or ``None`` when it is not a whole number a phone may send."""
    return int(value) if value.isdecimal() and len(value) <= _MAX_DIGITS else None


class Points(SummaryOfSteps):
    """A pilot-area step: its options are the candidate areas, its budget the points each person spreads."""

    name: ClassVar[str] = "points"
    options = OptionRule.REQUIRED
    budget = range(1, MAX_BUDGET + 1)
    board = pilot_scores.KIND

    def parse(self, step: Step, form: Form, person: Participant, context: StepContext) -> tuple[str, dict[str, Any]]:
        """The points given to each area (some at least, within the budget)."""
        allocations: dict[str, int] = {}
        for area in step.options:
            points = _points(one(form, f"points.{area.id}").strip() or "0")
            if points is None:
                raise Rejected("bad_points")
            if points:
                allocations[area.id] = points
        if not allocations:
            raise Rejected("empty")
        if sum(allocations.values()) > step.budget:
            raise Rejected("over_budget")
        return "", {"allocations": allocations}

    def form_values(self, step: Step, answer: Answer) -> dict[str, list[str]]:
        """Each area's points."""
        return {f"points.{aid}": [str(n)] for aid, n in answer.data.get("allocations", {}).items()}

    def page_extra(self, step: Step, request: PageRequest, fields: dict[str, list[str]]) -> dict[str, Any]:
        """The points still to spread."""
        spent = sum(_points(v[-1]) or 0 for k, v in fields.items() if k.startswith("points.") and v)
        return {"left": step.budget - spent}

    def simulate(self, step: Step, phone: Simulation) -> dict[str, list[str]] | None:
        """The whole budget spread over one to three areas, at random."""
        if not step.options or step.budget < 1:
            return None
        areas = phone.rng.sample(list(step.options), min(len(step.options), phone.rng.randint(1, 3)))
        spread = {area.id: 0 for area in areas}
        for _ in range(step.budget):
            spread[phone.rng.choice(areas).id] += 1
        return {f"points.{aid}": [str(n)] for aid, n in spread.items() if n}

    def words(self, step: Step, answer: Answer, lang: str, context: StepContext) -> list[str]:
        """"area: n" per area given points."""
        return [f"{row.item}: {row.value}" for row in self.rows(step, answer, lang, context)]

    def rows(self, step: Step, answer: Answer, lang: str, context: StepContext) -> list[AnswerRow]:
        """One row per area given points."""
        allocations: dict[str, int] = answer.data.get("allocations", {})
        return [AnswerRow(option_label(step.options, area, lang), str(allocations[area]))
                for area in ordered(allocations, [o.id for o in step.options])]

    def summary(
        self, session: Session, participants: Sequence[Participant], answers: Sequence[Answer], steps: list[int],
    ) -> dict[str, Any]:
        """The candidate areas of these points steps, ranked."""
        return pilot_scores.pilot_scores(session, participants, answers, steps)


POINTS = Points()
