"""The partnership health check (traffic lights per building block) and pilot-area scoring (points)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from facilitator.core.model import Participant, Answer, Session, now_iso
from facilitator.core.summary import SCHEMA_VERSION
from facilitator.core.vocab import LIGHT_SCORE, LIGHTS

HEALTH_KIND = "health"
POINTS_KIND = "pilot_scores"


def _latest_per_person(responses: Iterable[Answer], step: int) -> list[Answer]:
    latest: dict[str, Answer] = {}
    for response in sorted(responses, key=lambda r: r.created_at):
        if response.step == step:
            latest[response.participant_id] = response
    return list(latest.values())


def light_of(score: float) -> str:
    """The overall light of a mean score from 0 (all red) to 2 (all green)."""
    return "green" if score >= 1.5 else "amber" if score >= 0.75 else "red"


def health(session: Session, responses: Iterable[Answer]) -> dict[str, Any]:
    """Per building block of every rating step: how many rated it each colour, the mean and its light; and the
    comments written with the ratings.

    Each participant counts once per step (their latest ratings).
    """
    answers = list(responses)
    blocks = []
    notes: list[str] = []
    for index, step in enumerate(session.activity.steps):
        if step.kind != "rating":
            continue
        latest = _latest_per_person(answers, index)
        for option in step.options:
            counts = Counter(r.data.get("lights", {}).get(option.id) for r in latest)
            counts.pop(None, None)
            total = sum(counts.values())
            mean = sum(LIGHT_SCORE[c] * n for c, n in counts.items()) / total if total else None
            blocks.append({
                "step": index, "id": option.id, "label": option.label.to_dict(),
                **{light: counts[light] for light in LIGHTS}, "ratings": total,
                "score": round(mean, 2) if mean is not None else None,
                "light": light_of(mean) if mean is not None else "",
            })
        notes += [r.text for r in latest if r.text]
    return {"schema_version": SCHEMA_VERSION, "kind": HEALTH_KIND, "session_id": session.id,
            "computed_at": now_iso(), "blocks": blocks, "notes": notes}


def pilot_scores(session: Session, participants: Iterable[Participant], responses: Iterable[Answer]) -> dict[str, Any]:
    """Candidate areas ranked by the points participants spread over them (each person's latest spread)."""
    people = {p.id: p for p in participants}
    answers = list(responses)
    areas = []
    for index, step in enumerate(session.activity.steps):
        if step.kind != "points":
            continue
        latest = _latest_per_person(answers, index)
        for option in step.options:
            by_sector: Counter[str] = Counter()
            total = voters = 0
            for response in latest:
                points = int(response.data.get("allocations", {}).get(option.id, 0))
                if points:
                    voters += 1
                    total += points
                    person = people.get(response.participant_id)
                    by_sector[person.sector if person else ""] += points
            areas.append({"step": index, "id": option.id, "label": option.label.to_dict(), "points": total,
                          "voters": voters, "by_sector": dict(by_sector)})
    areas.sort(key=lambda a: (-a["points"], -a["voters"], a["id"]))
    for rank, area in enumerate(areas, start=1):
        area["rank"] = rank
    return {"schema_version": SCHEMA_VERSION, "kind": POINTS_KIND, "session_id": session.id,
            "computed_at": now_iso(), "areas": areas}
