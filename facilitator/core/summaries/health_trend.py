"""The health check across a partnership's meetings, by organisation: the light each partner gave each building
block at each meeting, where partners see the same block differently, and how each partner's view changed.

A partner's light at a meeting is the mean of its people's latest ratings (two people of one organisation count
as that organisation once). Partners *differ* on a block at a meeting when one rated it green and another red;
a partner's *change* compares its first and its latest light on the block.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from facilitator.core.activity import Step
from facilitator.core.chronology import held_at, in_meeting_order
from facilitator.core.kinds import RATING
from facilitator.core.partnership import Partnership
from facilitator.core.record import SessionRecord
from facilitator.core.summaries.answers import latest_per_person
from facilitator.core.summaries.health import light_of
from facilitator.core.vocab import LIGHT_SCORE

def _rating_steps(record: SessionRecord) -> list[int]:
    return RATING.steps_in(record.session)


def health_by_organisation(records: Sequence[SessionRecord], partnership: Partnership) -> dict[str, Any]:
    """Plain data: ``sessions`` (the meetings with a health check, in the order they were held, each with the
    date it was held) and ``blocks``, each with its ``lights`` (organisation → the light of each of those
    meetings, "" where it gave none), ``differ`` (per meeting: whether partners rated it both green and red) and
    ``change`` (organisation → "better", "worse" or "same", for partners that rated it at two meetings or
    more)."""
    rated = [rec for rec in in_meeting_order(records) if _rating_steps(rec)]
    labels: dict[str, dict[str, str]] = {}
    scores: dict[str, dict[str, list[float | None]]] = {}
    for column, record in enumerate(rated):
        people = {p.id: p for p in record.participants}
        latest = latest_per_person(record.answers, _rating_steps(record))
        for index, answers in latest.items():
            step: Step = record.session.activity.steps[index]
            for option in step.options:
                labels[option.id] = option.label.to_dict()
                by_org: dict[str, list[int]] = {}
                for answer in answers:
                    person = people.get(answer.participant_id)
                    light = answer.data.get("lights", {}).get(option.id)
                    if person is None or not person.organisation or light not in LIGHT_SCORE:
                        continue
                    by_org.setdefault(partnership.canonical(person.organisation), []).append(LIGHT_SCORE[light])
                block = scores.setdefault(option.id, {}) if by_org else {}
                for organisation, values in by_org.items():
                    row = block.setdefault(organisation, [None] * len(rated))
                    row[column] = sum(values) / len(values)
    blocks = []
    for block_id, by_org in scores.items():
        lights = {org: [light_of(s) if s is not None else "" for s in row] for org, row in sorted(by_org.items())}
        differ = [{"green", "red"} <= {row[i] for row in lights.values()} for i in range(len(rated))]
        change = {}
        for org, row in by_org.items():
            given = [s for s in row if s is not None]
            if len(given) >= 2:
                change[org] = "better" if given[-1] > given[0] else "worse" if given[-1] < given[0] else "same"
        blocks.append({"id": block_id, "label": labels[block_id], "lights": lights, "differ": differ,
                       "change": dict(sorted(change.items()))})
    return {
        "sessions": [{"id": r.session.id, "title": r.session.title, "created_at": r.session.created_at,
                      "held_at": held_at(r.session)} for r in rated],
        "blocks": blocks,
    }
