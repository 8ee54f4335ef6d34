"""The partnership health check: traffic lights per building block, and the comments given with them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from facilitator.core.model import Answer, Session, now_iso
from facilitator.core.summaries import SCHEMA_VERSION
from facilitator.core.summaries.answers import latest_per_person
from facilitator.core.vocab import LIGHT_SCORE, LIGHTS

KIND = "health"


def light_of(score: float) -> str:
    """The overall light of a mean score from 0 (all red) to 2 (all green)."""
    return "green" if score >= 1.5 else "amber" if score >= 0.75 else "red"


def health(session: Session, answers: Iterable[Answer], steps: Iterable[int]) -> dict[str, Any]:
    """Per building block of each of the traffic-light ``steps``: how many rated it each colour, the mean and its
    light; and the comments written with the ratings.

    Each participant counts once per step (their latest ratings).
    """
    ordered = sorted(steps)
    latest_of = latest_per_person(answers, ordered)
    blocks = []
    notes: list[str] = []
    for index in ordered:
        step = session.activity.steps[index]
        latest = latest_of[index]
        for option in step.options:
            counts = Counter(a.data.get("lights", {}).get(option.id) for a in latest)
            counts.pop(None, None)
            total = sum(counts.values())
            mean = sum(LIGHT_SCORE[c] * n for c, n in counts.items()) / total if total else None
            blocks.append({
                "step": index, "id": option.id, "label": option.label.to_dict(),
                **{light: counts[light] for light in LIGHTS}, "ratings": total,
                "score": round(mean, 2) if mean is not None else None,
                "light": light_of(mean) if mean is not None else "",
            })
        notes += [a.text for a in latest if a.text]
    return {"schema_version": SCHEMA_VERSION, "kind": KIND, "session_id": session.id,
            "computed_at": now_iso(), "blocks": blocks, "notes": notes}
