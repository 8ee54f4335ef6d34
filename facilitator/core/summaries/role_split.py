"""The role-split summary: which organisation takes which task, at which level — gaps, overlaps, load,
the coordinator, people with several hats, and whose voice was (not) heard."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from facilitator.core.activity import Option
from facilitator.core.model import Answer, Participant, Session, now_iso
from facilitator.core.partnership import NameMatcher, Partnership, loose_partnership
from facilitator.core.summaries import SCHEMA_VERSION
from facilitator.core.vocab import LEVEL_WEIGHT, LEVELS, NO_ROLE

KIND = "role_split"


def partnership_for(
    partnership: Partnership | None, participants: Iterable[Participant], answers: Iterable[Answer]
) -> Partnership:
    """``partnership``, or for a session without one, a throwaway one matching the names that were used."""
    if partnership is not None:
        return partnership
    names = [name for p in participants for name in p.organisations]
    names += [str(r.data["organisation"]) for r in answers if r.data.get("organisation")]
    return loose_partnership(names)


def latest_claims(answers: Iterable[Answer], names: NameMatcher) -> dict[tuple[str, str], dict[str, Any]]:
    """The latest claim for each (organisation, task), the organisation spelt as ``names`` (a partnership's
    :meth:`~Partnership.matcher`) matches it: a later submission for an organisation replaces it, and a later
    "none" withdraws it."""
    canonical = names.canonical
    claims: dict[tuple[str, str], dict[str, Any]] = {}
    for answer in sorted(answers, key=lambda r: r.created_at):
        if "claims" not in answer.data:
            continue
        organisation = canonical(str(answer.data.get("organisation", "")))
        for task_id, claim in answer.data["claims"].items():
            if claim["level"] == NO_ROLE:
                claims.pop((organisation, task_id), None)
            else:
                claims[(organisation, task_id)] = {**claim, "participant_id": answer.participant_id}
    return claims


def role_split(
    session: Session,
    participants: Iterable[Participant],
    answers: Iterable[Answer],
    partnership: Partnership | None,
    tasks: Sequence[Option],
) -> dict[str, Any]:
    """The role-split summary of one session over its ``tasks`` (plain data, saved and exported as it is)."""
    people = list(participants)
    answers = list(answers)
    has_partnership = partnership is not None
    partnership = partnership_for(partnership, people, answers)
    names = partnership.matcher()
    claims = latest_claims(answers, names)
    canonical = names.canonical

    organisations = [org.name for org in partnership.organisations]
    for organisation, _ in claims:
        if organisation not in organisations:
            organisations.append(organisation)

    task_rows = []
    for task in tasks:
        by_level: dict[str, list[dict[str, Any]]] = {level: [] for level in LEVELS}
        for organisation in organisations:
            claim = claims.get((organisation, task.id))
            if claim is not None:
                by_level[claim["level"]].append(
                    {"organisation": organisation, "resources": claim.get("resources", []),
                     "note": claim.get("note", "")}
                )
        leads = [c["organisation"] for c in by_level["lead"]]
        task_rows.append({
            "id": task.id, "label": task.label.to_dict(), "coordination": task.coordination,
            **{level: entries for level, entries in by_level.items()},
            "gap": not leads, "overlap": len(leads) > 1,
        })

    levels_of: dict[str, Counter[str]] = {organisation: Counter() for organisation in organisations}
    for (organisation, _), claim in claims.items():
        levels_of[organisation][claim["level"]] += 1
    load = []
    for organisation in organisations:
        levels = levels_of[organisation]
        load.append({
            "organisation": organisation, **{level: levels[level] for level in LEVELS},
            "score": sum(LEVEL_WEIGHT[level] * n for level, n in levels.items()),
        })
    load.sort(key=lambda row: (-row["score"], row["organisation"]))

    coordination = [row for row in task_rows if row["coordination"]]
    coordinators = sorted({c["organisation"] for row in coordination for c in row["lead"]})

    spoke = Counter(r.participant_id for r in answers)
    voices = {organisation: {"participants": 0, "answers": 0} for organisation in organisations}
    for person in people:
        for name in person.organisations:
            row = voices.setdefault(canonical(name), {"participants": 0, "answers": 0})
            row["participants"] += 1
            row["answers"] += spoke[person.id]
    # Only a real partnership invites anybody; without one, names come from who answered.
    invited = [org.name for org in partnership.organisations] if has_partnership else []
    sectors: Counter[str] = Counter()
    sector_answers: Counter[str] = Counter()
    for person in people:
        sector = person.sector or names.sector_of(person.organisation)
        sectors[sector] += 1
        sector_answers[sector] += spoke[person.id]

    return {
        "schema_version": SCHEMA_VERSION,
        "kind": KIND,
        "session_id": session.id,
        "partnership_id": session.partnership_id,
        "computed_at": now_iso(),
        "organisations": organisations,
        "tasks": task_rows,
        "matrix": {
            organisation: {task.id: claims[(organisation, task.id)]["level"]
                           for task in tasks if (organisation, task.id) in claims}
            for organisation in organisations
        },
        "gaps": [row["id"] for row in task_rows if row["gap"]],
        "overlaps": [row["id"] for row in task_rows if row["overlap"]],
        "load": load,
        "coordinator": coordinators or None,
        "has_coordination_task": bool(coordination),
        "many_hats": [
            {"participant_id": p.id, "name": p.name,
             "organisations": [canonical(n) for n in p.organisations]}
            for p in people if len(p.organisations) > 1
        ],
        "voices": [{"organisation": org, **counts} for org, counts in voices.items()],
        "not_present": [org for org in invited if voices[org]["participants"] == 0],
        "silent": [org for org, v in voices.items() if v["participants"] and v["answers"] == 0],
        "by_sector": [
            {"sector": sector, "participants": n, "answers": sector_answers[sector]}
            for sector, n in sectors.most_common()
        ],
    }
