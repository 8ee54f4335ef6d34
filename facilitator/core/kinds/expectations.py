"""Expectations: the linked BAR's goals, each judged exceeded, met or fell short, with an optional comment.

Fields: per BAR expectation ``verdict.<id>``; ``text`` (optional).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from facilitator.core.activity import Step
from facilitator.core.errors import Rejected
from facilitator.core.kinds.base import (
    AnswerRow,
    Form,
    LiveView,
    PageRequest,
    StepContext,
    StepKind,
    choices,
    clean,
    comment_fields,
    comment_rows,
    label,
    one,
    ordered,
)
from facilitator.core.kinds.rehearsal import SKIP, Simulation
from facilitator.core.model import Answer, Participant
from facilitator.core.record import SessionRecord
from facilitator.core.summaries import expectations as review
from facilitator.core.vocab import VERDICTS

#: The samples' weights of the verdicts a simulated phone gives, and its comments.
VERDICT_WEIGHTS, VERDICT_COMMENTS = "verdicts", "verdict_comments"


class Expectations(StepKind):
    """The AAR's first step: it asks about the expectations of the BAR the session follows."""

    name: ClassVar[str] = "expectations"
    follows_bar = True
    board = review.KIND

    def parse(self, step: Step, form: Form, person: Participant, context: StepContext) -> tuple[str, dict[str, Any]]:
        """A verdict per expectation judged, and the comment; one of them at least."""
        verdicts = choices(form, "verdict", context.expectation_ids, VERDICTS)
        note = clean(one(form, "text"))
        if not verdicts and not note:
            raise Rejected("empty")
        return note, {"verdicts": verdicts}

    def form_values(self, step: Step, answer: Answer) -> dict[str, list[str]]:
        """Each verdict, and the comment."""
        return {**{f"verdict.{eid}": [str(v)] for eid, v in answer.data.get("verdicts", {}).items()},
                **comment_fields(answer)}

    def page_extra(self, step: Step, request: PageRequest, fields: dict[str, list[str]]) -> dict[str, Any]:
        """The BAR's expectations and the verdicts to choose from."""
        return {"expectations": request.live.expectations,
                "verdicts": [(key, name(request.lang)) for key, name in VERDICTS.items()]}

    def simulate(self, step: Step, phone: Simulation) -> dict[str, list[str]] | None:
        """A verdict (by the samples' weights) on the BAR's expectations, and now and then a comment; a comment
        alone when the session follows no BAR."""
        fields: dict[str, list[str]] = {}
        for eid in phone.context.expectation_ids:
            verdict = phone.pick(VERDICT_WEIGHTS, list(VERDICTS))
            if verdict != SKIP:
                fields[f"verdict.{eid}"] = [verdict]
        comment = phone.maybe_text(VERDICT_COMMENTS, 0.4) if fields else phone.text(VERDICT_COMMENTS)
        if comment:
            fields["text"] = [comment]
        return fields or None

    def words(self, step: Step, answer: Answer, lang: str, context: StepContext) -> list[str]:
        """"expectation: verdict" per expectation judged, then the comment."""
        return [f"{row.item}: {row.value}" if row.item else row.value for row in self.rows(step, answer, lang, context)]

    def rows(self, step: Step, answer: Answer, lang: str, context: StepContext) -> list[AnswerRow]:
        """One row per expectation judged, then the comment."""
        verdicts: dict[str, str] = answer.data.get("verdicts", {})
        texts = {a.id: a.text for a in context.expectations}
        return [AnswerRow(texts.get(eid, eid), label(VERDICTS, str(verdicts[eid]), lang))
                for eid in ordered(verdicts, list(texts))] + comment_rows(answer)

    def board_data(self, index: int, live: LiveView) -> dict[str, Any] | None:
        """The BAR's expectations beside the verdicts given so far."""
        session = live.session
        bar = SessionRecord(replace(session, id=session.follows or ""), answers=list(live.expectations))
        results = [i for i, step in enumerate(session.activity.steps) if step.id in (review.MET, review.FELL_SHORT)]
        read = live.answers_in([*self.steps_in(session), *results])
        this = SessionRecord(session, list(live.participants.values()), read)
        return review.expectations_review(bar, this, self.steps_in(session))


EXPECTATIONS = Expectations()
