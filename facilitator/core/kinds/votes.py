"""Votes: dot voting. Each person places the step's dots on its items — its options, or the answers given to
the earlier step it votes over — at most one per item unless the step lets dots stack. A new ballot replaces
the person's earlier one.

Fields: per item ``dots.<id>`` (a whole number; empty or 0: no dot).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from facilitator.core.activity import Option, Step
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
from facilitator.core.summaries import votes
from facilitator.core.vocab import MAX_DOTS

#: The field of an item's dots is this prefix and the item's id.
PREFIX = "dots."


def _count(value: str) -> int | None:
    """A number of dots as a phone sends it ("" is none), or ``None`` when it is not a small whole number."""
    value = value.strip() or "0"
    return int(value) if value.isdecimal() and value.isascii() and len(value) <= 2 else None


class Votes(SummaryOfSteps):
    """A dot vote: its items are its options, or the answers to the step named by ``over``."""

    name: ClassVar[str] = "votes"
    options = OptionRule.REQUIRED  # …or ``over``: the activity loader accepts either
    dots = range(1, MAX_DOTS + 1)
    votes_over = True
    board = votes.KIND

    def items(self, step: Step, context: StepContext) -> list[Option]:
        """What ``step`` puts to the vote now."""
        return votes.items_of(step, context.voted_over)

    def parse(self, step: Step, form: Form, person: Participant, context: StepContext) -> tuple[str, dict[str, Any]]:
        """The dots placed on each item: only items of the vote, at least one dot, no more than the step
        gives, and one per item unless the step lets them stack."""
        known = [item.id for item in self.items(step, context)]
        ballot: dict[str, int] = {}
        for name in form:
            if not name.startswith(PREFIX):
                continue
            count = _count(one(form, name))
            if count is None:
                raise Rejected("bad_dots")
            if not count:
                continue
            item = name[len(PREFIX):]
            if item not in known:
                raise Rejected("unknown_item")
            if count > 1 and not step.stack:
                raise Rejected("one_dot_each")
            ballot[item] = count
        if not ballot:
            raise Rejected("no_dots")
        if sum(ballot.values()) > step.dots:
            raise Rejected("too_many_dots")
        return "", {"dots": {item: ballot[item] for item in ordered(ballot, known)}}

    def form_values(self, step: Step, answer: Answer) -> dict[str, list[str]]:
        """Each item's dots."""
        return {f"{PREFIX}{item}": [str(n)] for item, n in votes.ballot_of(answer).items()}

    def page_extra(self, step: Step, request: PageRequest, fields: dict[str, list[str]]) -> dict[str, Any]:
        """The items in the phone's language with their field names, the most dots one item may take, and
        the dots still to place."""
        placed = sum(_count(v[-1]) or 0 for k, v in fields.items() if k.startswith(PREFIX) and v)
        items = [(f"{PREFIX}{item.id}", item.label(request.lang)) for item in self.items(step, request.live.context())]
        return {"items": items, "most": step.dots if step.stack else 1, "left": step.dots - placed}

    def simulate(self, step: Step, phone: Simulation) -> dict[str, list[str]] | None:
        """The phone's dots on items picked at random (several on one only where the step lets them stack);
        nothing while there is nothing to vote on."""
        items = self.items(step, phone.context)
        if not items:
            return None
        ballot: dict[str, int] = {}
        for _ in range(phone.rng.randint(1, step.dots)):
            item = phone.rng.choice(items).id
            if step.stack or item not in ballot:
                ballot[item] = ballot.get(item, 0) + 1
        return {f"{PREFIX}{item}": [str(n)] for item, n in ballot.items()}

    def words(self, step: Step, answer: Answer, lang: str, context: StepContext) -> list[str]:
        """"item: n" per item given dots."""
        return [f"{row.item}: {row.value}" for row in self.rows(step, answer, lang, context)]

    def rows(self, step: Step, answer: Answer, lang: str, context: StepContext) -> list[AnswerRow]:
        """One row per item given dots: the item, its dots."""
        items = self.items(step, context)
        ballot = votes.ballot_of(answer)
        return [AnswerRow(option_label(items, item, lang), str(ballot[item]))
                for item in ordered(ballot, [i.id for i in items])]

    def steps_read(self, session: Session, steps: list[int]) -> list[int]:
        """The votes ``steps`` and the steps they vote over."""
        activity = session.activity.steps
        over = {activity[i].over for i in steps}
        return [*steps, *(i for i, step in enumerate(activity) if step.id in over)]

    def summary(
        self, session: Session, participants: Sequence[Participant], answers: Sequence[Answer], steps: list[int],
    ) -> dict[str, Any]:
        """The items of these votes steps, ranked."""
        return votes.votes_summary(session, answers, steps)


VOTES = Votes()
