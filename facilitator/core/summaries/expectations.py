"""What a BAR expected, and how the AAR that follows it judged each expectation (met, exceeded, fell short)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from facilitator.core.model import Answer
from facilitator.core.record import SessionRecord
from facilitator.core.vocab import VERDICTS

#: The name of a review among the boards (a review is saved inside the progress summary, not on its own).
KIND = "expectations_review"
#: The ids of an AAR's steps whose notes the review lists as its results: what was met, what fell short.
MET, FELL_SHORT = "met", "fell-short"


def expectations(bar: SessionRecord) -> list[Answer]:
    """The BAR's answers to its first step: what the partnership expected."""
    return sorted((a for a in bar.answers if a.step == 0), key=lambda a: a.created_at)


def _answers_to(record: SessionRecord, steps: Iterable[int]) -> list[Answer]:
    wanted = set(steps)
    return sorted((a for a in record.answers if a.step in wanted), key=lambda a: a.created_at)


def expectations_review(bar: SessionRecord, aar: SessionRecord, verdict_steps: Iterable[int]) -> dict[str, Any]:
    """The BAR's expectations beside the verdicts given at the AAR's ``verdict_steps``, and the AAR's results
    (its ``met`` and ``fell-short`` steps)."""
    votes: dict[str, Counter[str]] = {a.id: Counter() for a in expectations(bar)}
    latest: dict[tuple[str, str], str] = {}  # each participant's latest verdict on each expectation
    for answer in _answers_to(aar, verdict_steps):
        for expectation_id, verdict in answer.data.get("verdicts", {}).items():
            latest[(answer.participant_id, expectation_id)] = verdict
    for (_, expectation_id), verdict in latest.items():
        if expectation_id in votes:
            votes[expectation_id][verdict] += 1
    items = []
    for answer in expectations(bar):
        counts = votes[answer.id]
        verdict = max(VERDICTS, key=lambda v: (counts[v], -list(VERDICTS).index(v))) if counts else ""
        items.append({"id": answer.id, "text": answer.text, "verdicts": dict(counts), "verdict": verdict})
    step_ids = {step.id: i for i, step in enumerate(aar.session.activity.steps)}
    return {
        "bar_session": bar.session.id,
        "aar_session": aar.session.id,
        "expectations": items,
        "met_or_exceeded": [a.text for a in _answers_to(aar, {step_ids[MET]})] if MET in step_ids else [],
        "fell_short": [a.text for a in _answers_to(aar, {step_ids[FELL_SHORT]})]
        if FELL_SHORT in step_ids else [],
    }
