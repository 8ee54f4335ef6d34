"""Pilot-area scoring: candidate areas ranked by the points participants spread over them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from facilitator.core.model import Answer, Participant, Session, now_iso
from facilitator.core.summaries import SCHEMA_VERSION
from facilitator.core.summaries.answers import latest_per_person

KIND = "pilot_scores"


def pilot_scores(
    session: Session, participants: Iterable[Participant], answers: Iterable[Answer], steps: Iterable[int]
) -> dict[str, Any]:
    """The candidate areas of the points ``steps``, ranked by points (each person's latest spread counts)."""
    people = {p.id: p for p in participants}
    ordered = sorted(steps)
    latest_of = latest_per_person(answers, ordered)
    areas = []
    for index in ordered:
        for option in session.activity.steps[index].options:
            by_sector: Counter[str] = Counter()
            total = voters = 0
            for answer in latest_of[index]:
                points = int(answer.data.get("allocations", {}).get(option.id, 0))
                if points:
                    voters += 1
                    total += points
                    person = people.get(answer.participant_id)
                    by_sector[person.sector if person else ""] += points
            areas.append({"step": index, "id": option.id, "label": option.label.to_dict(), "points": total,
                          "voters": voters, "by_sector": dict(by_sector)})
    areas.sort(key=lambda a: (-a["points"], -a["voters"], a["id"]))
    for rank, area in enumerate(areas, start=1):
        area["rank"] = rank
    return {"schema_version": SCHEMA_VERSION, "kind": KIND, "session_id": session.id,
            "computed_at": now_iso(), "areas": areas}
