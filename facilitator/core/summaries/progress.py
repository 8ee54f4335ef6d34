"""Commitments and the progress summary of a partnership, across its sessions.

A commitment is a task with its lead organisation: every lead claim of a role split, and every "who will do it"
action of an AAR. Progress ratings (AAR, check-in) move its status; the history keeps every rating.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from facilitator.core.chronology import held_at, in_meeting_order
from facilitator.core.kinds import ACTION, EXPECTATIONS, PROGRESS, ROLE_CLAIM, StepKind
from facilitator.core.kinds.progress import PROGRESS_SUMMARY
from facilitator.core.model import Answer, now_iso
from facilitator.core.partnership import Partnership, org_key, suggest_stage
from facilitator.core.record import SessionRecord
from facilitator.core.summaries import SCHEMA_VERSION
from facilitator.core.summaries.expectations import expectations_review
from facilitator.core.summaries.health_trend import health_by_organisation
from facilitator.core.summaries.overview import session_overview
from facilitator.core.summaries.role_split import latest_claims, partnership_for
from facilitator.core.vocab import STATUSES

#: The summary's kind, named where the progress step kind (whose board draws it) can see it.
KIND = PROGRESS_SUMMARY


def commitment_id(task: str, lead: str) -> str:
    """A short id that stays the same for the same task and lead across sessions and spellings."""
    return hashlib.sha1(f"{org_key(task)}\x00{org_key(lead)}".encode()).hexdigest()[:10]


def _answers(record: SessionRecord, kind: StepKind) -> list[Answer]:
    """The record's answers to its steps of ``kind``, oldest first."""
    steps = set(kind.steps_in(record.session))
    return sorted((a for a in record.answers if a.step in steps), key=lambda a: a.created_at)


def commitments(records: Sequence[SessionRecord], partnership: Partnership | None = None) -> list[dict[str, Any]]:
    """Every commitment of the partnership with its latest status and history, oldest first: the sessions are
    read in the order their meetings were held (a rating given at a meeting held before the commitment was made
    is ignored). Each rating keeps when it was stored (``at``) and when it was given (``held_at``: the meeting's
    date when its facilitator gave one, else ``at``)."""
    ordered = in_meeting_order(records)
    partnership = partnership_for(
        partnership, [p for rec in ordered for p in rec.participants], [r for rec in ordered for r in rec.answers]
    )
    names = partnership.matcher()
    found: dict[str, dict[str, Any]] = {}

    def commit(task: dict[str, str], lead: str, supporters: list[str], due: str, rec: SessionRecord,
               contact: str = "") -> None:
        cid = commitment_id(task["th"] or task["en"], lead)
        entry = found.setdefault(cid, {
            "id": cid, "task": task, "lead": lead, "supporters": [], "due": "", "contact": "",
            "source_session": rec.session.id, "status": "not_started", "note": "", "history": [],
        })
        entry["supporters"] = sorted(set(entry["supporters"]) | set(supporters))
        entry["due"] = due or entry["due"]
        entry["contact"] = contact or entry["contact"]

    for rec in ordered:
        tasks = {task.id: task for task in ROLE_CLAIM.tasks(rec.session)}
        claims = latest_claims(_answers(rec, ROLE_CLAIM), names)
        for (organisation, task_id), claim in claims.items():
            if claim["level"] == "lead" and task_id in tasks:
                supporters = [org for (org, tid), c in claims.items()
                              if tid == task_id and c["level"] in ("co", "support")]
                commit(tasks[task_id].label.to_dict(), organisation, supporters, str(claim.get("due") or ""), rec,
                       str(claim.get("contact") or ""))
        people = {p.id: p for p in rec.participants}
        for answer in _answers(rec, ACTION):
            person = people.get(answer.participant_id)
            lead = names.canonical(str(answer.data.get("organisation") or (person.organisation if person else "")))
            commit({"th": answer.text, "en": answer.text}, lead, [], str(answer.data.get("due", "")), rec)
        for answer in _answers(rec, PROGRESS):
            for cid, rating in answer.data.get("ratings", {}).items():
                if cid in found:
                    found[cid]["status"], found[cid]["note"] = rating["status"], rating.get("note", "")
                    found[cid]["history"].append({
                        "status": rating["status"], "note": rating.get("note", ""), "session_id": rec.session.id,
                        "at": answer.created_at, "held_at": rec.session.details.held_at or answer.created_at,
                        "organisation": names.canonical(str(answer.data.get("organisation", ""))),
                    })
    return list(found.values())


def progress_summary(partnership: Partnership | None, records: Iterable[SessionRecord]) -> dict[str, Any]:
    """The progress summary of a partnership: commitments by task and by partner, the sessions' timeline,
    BAR expectations beside AAR results, and the stage in the partnering cycle. Rehearsals are left out: their
    answers came from simulated phones. The sessions are in the order their meetings were held, each with the
    date it was held (``held_at``) beside when its record was created (``created_at``)."""
    ordered = in_meeting_order(rec for rec in records if not rec.session.demo)
    items = commitments(ordered, partnership)
    by_partner: dict[str, Counter[str]] = {}
    for item in items:
        by_partner.setdefault(item["lead"], Counter())[item["status"]] += 1
    by_id = {rec.session.id: rec for rec in ordered}
    reviews = [
        expectations_review(by_id[rec.session.follows], rec, EXPECTATIONS.steps_in(rec.session))
        for rec in ordered
        if rec.session.follows in by_id and EXPECTATIONS.steps_in(rec.session)
    ]
    timeline = []
    for rec in ordered:
        overview = session_overview(rec.session, rec.participants, rec.answers)
        timeline.append({
            "id": rec.session.id, "title": rec.session.title, "activity_id": rec.session.activity.id,
            "activity_name": rec.session.activity.name.to_dict(), "created_at": rec.session.created_at,
            "held_at": held_at(rec.session), "status": str(rec.session.status), "follows": rec.session.follows,
            "participants": overview["participants"], "answers": overview["answers"], "steps": overview["steps"],
        })
    suggested = suggest_stage(rec.session.activity.id for rec in ordered)
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": KIND,
        "session_id": None,
        "partnership_id": partnership.id if partnership else None,
        "computed_at": now_iso(),
        "commitments": items,
        "by_task": [
            {"task": item["task"], "lead": item["lead"], "status": item["status"], "id": item["id"]} for item in items
        ],
        "by_partner": [
            {"organisation": org, "commitments": sum(c.values()), **{s: c[s] for s in STATUSES}}
            for org, c in sorted(by_partner.items())
        ],
        "sessions": timeline,
        "reviews": reviews,
        "health_by_organisation": health_by_organisation(ordered, partnership_for(
            partnership, [p for rec in ordered for p in rec.participants], [a for rec in ordered for a in rec.answers]
        )),
        "stage": (partnership.stage if partnership and partnership.stage else suggested),
        "stage_suggested": suggested,
    }
