"""Traffic lights: the health check's rating of each building block (green, amber, red), with a comment.

Fields: per building block ``light.<id>``; ``text`` (optional).
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
    choices,
    clean,
    comment_fields,
    comment_rows,
    label,
    one,
    option_label,
    ordered,
)
from facilitator.core.kinds.rehearsal import SKIP, Simulation
from facilitator.core.model import Answer, Participant, Session
from facilitator.core.summaries import health
from facilitator.core.vocab import LIGHTS

#: The samples' weights of the lights a simulated phone gives, and its comments.
LIGHT_WEIGHTS, LIGHT_COMMENTS = "lights", "light_comments"


class Rating(SummaryOfSteps):
    """A health-check step: its options are the building blocks to rate."""

    name: ClassVar[str] = "rating"
    options = OptionRule.REQUIRED
    board = health.KIND

    def parse(self, step: Step, form: Form, person: Participant, context: StepContext) -> tuple[str, dict[str, Any]]:
        """A light for each block rated (one at least), and the comment."""
        lights = choices(form, "light", [o.id for o in step.options], LIGHTS)
        if not lights:
            raise Rejected("empty")
        return clean(one(form, "text")), {"lights": lights}

    def form_values(self, step: Step, answer: Answer) -> dict[str, list[str]]:
        """Each block's light, and the comment."""
        return {**{f"light.{bid}": [str(v)] for bid, v in answer.data.get("lights", {}).items()},
                **comment_fields(answer)}

    def page_extra(self, step: Step, request: PageRequest, fields: dict[str, list[str]]) -> dict[str, Any]:
        """The lights to choose from."""
        return {"lights": [(key, name(request.lang)) for key, name in LIGHTS.items()]}

    def simulate(self, step: Step, phone: Simulation) -> dict[str, list[str]] | None:
        """A light (by the samples' weights) for the blocks, and now and then a comment."""
        fields: dict[str, list[str]] = {}
        for block in step.options:
            light = phone.pick(LIGHT_WEIGHTS, list(LIGHTS))
            if light != SKIP:
                fields[f"light.{block.id}"] = [light]
        if not fields and step.options:
            fields[f"light.{step.options[0].id}"] = [next(iter(LIGHTS))]
        fields["text"] = [phone.maybe_text(LIGHT_COMMENTS, 0.4)]
        return fields if len(fields) > 1 else None

    def words(self, step: Step, answer: Answer, lang: str, context: StepContext) -> list[str]:
        """"block: light" per block rated, then the comment."""
        return [f"{row.item}: {row.value}" if row.item else row.value for row in self.rows(step, answer, lang, context)]

    def rows(self, step: Step, answer: Answer, lang: str, context: StepContext) -> list[AnswerRow]:
        """One row per block rated, then the comment."""
        lights: dict[str, str] = answer.data.get("lights", {})
        rows = [AnswerRow(option_label(step.options, block, lang), label(LIGHTS, str(lights[block]), lang))
                for block in ordered(lights, [o.id for o in step.options])]
        return rows + comment_rows(answer)

    def summary(
        self, session: Session, participants: Sequence[Participant], answers: Sequence[Answer], steps: list[int],
    ) -> dict[str, Any]:
        """The health check of these rating steps."""
        return health.health(session, answers, steps)


RATING = Rating()
