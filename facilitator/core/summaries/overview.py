"""The overview of a session: answers per step, per sector, per organisation; who was not heard.

Pure: records in, plain data out. Saved at close, rendered by the screen and the exporters.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from facilitator.core.model import Answer, Participant, Session, now_iso
from facilitator.core.summaries import SCHEMA_VERSION

KIND = "session_overview"


def session_overview(
    session: Session, participants: Iterable[Participant], answers: Iterable[Answer]
) -> dict[str, Any]:
    """Count answers and respondents per step, sector and organisation.

    Organisations are grouped by their text as typed (after NFC cleaning, case-folded for grouping); the
    first spelling seen is the one shown. Participants with no answer at all are counted as "silent".
    """
    people = {p.id: p for p in participants}
    answers = list(answers)
    per_step_answers: Counter[int] = Counter()
    per_step_people: defaultdict[int, set[str]] = defaultdict(set)
    answers_by_person: Counter[str] = Counter()
    for r in answers:
        per_step_answers[r.step] += 1
        per_step_people[r.step].add(r.participant_id)
        answers_by_person[r.participant_id] += 1

    steps = [
        {
            "index": i,
            "id": step.id,
            "prompt": step.prompt.to_dict(),
            "answers": per_step_answers[i],
            "respondents": len(per_step_people[i]),
        }
        for i, step in enumerate(session.activity.steps)
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": KIND,
        "session_id": session.id,
        "computed_at": now_iso(),
        "participants": len(people),
        "answers": len(answers),
        "steps": steps,
        "by_sector": _group(people, answers_by_person, lambda p: p.sector, "sector"),
        "by_organisation": _group(
            people, answers_by_person, lambda p: p.organisation, "organisation", fold=True
        ),
        "silent_participants": sum(1 for pid in people if answers_by_person[pid] == 0),
    }


def _group(
    people: dict[str, Participant],
    answers_by_person: Counter[str],
    key_of: Any,
    label: str,
    *,
    fold: bool = False,
) -> list[dict[str, Any]]:
    shown: dict[str, str] = {}
    counts: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pid, person in people.items():
        raw = key_of(person)
        key = raw.casefold() if fold else raw
        shown.setdefault(key, raw)
        counts[key][0] += 1
        counts[key][1] += answers_by_person[pid]
    rows = [{label: shown[k], "participants": c[0], "answers": c[1]} for k, c in counts.items()]
    rows.sort(key=lambda row: (-row["answers"], -row["participants"], row[label]))
    return rows
