"""Commitments and the progress summary of a partnership, across its sessions.

A commitment is a task with its lead organisation: every lead claim of a role split, and every "who will do it"
action of an AAR. Progress ratings (AAR, check-in) move its status; the history keeps every rating.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from facilitator.core.model import Answer, now_iso
from facilitator.core.partnership import Partnership, org_key, suggest_stage
from facilitator.core.record import SessionRecord
from facilitator.core.roles import latest_claims, partnership_for, tasks_of
from facilitator.core.summary import SCHEMA_VERSION, session_overview
from facilitator.core.vocab import STATUSES, VERDICTS

KIND = "progress"


def commitment_id(task: str, lead: str) -> str:
    """A short id that stays the same for the same task and lead across sessions and spellings."""
    return hashlib.sha1(f"{org_key(task)}\x00{org_key(lead)}".encode()).hexdigest()[:10]


def _steps_of_kind(record: SessionRecord, kind: str) -> set[int]:
    return {i for i, step in enumerate(record.session.activity.steps) if step.kind == kind}


def _answers(record: SessionRecord, steps: set[int]) -> list[Answer]:
    return sorted((r for r in record.answers if r.step in steps), key=lambda r: r.created_at)


def commitments(records: Sequence[SessionRecord], partnership: Partnership | None = None) -> list[dict[str, Any]]:
    """Every commitment of the partnership with its latest status and history, oldest first."""
    ordered = sorted(records, key=lambda rec: rec.session.created_at)
    partnership = partnership_for(
        partnership, [p for rec in ordered for p in rec.participants], [r for rec in ordered for r in rec.answers]
    )
    found: dict[str, dict[str, Any]] = {}

    def commit(task: dict[str, str], lead: str, supporters: list[str], due: str, rec: SessionRecord) -> None:
        cid = commitment_id(task["th"] or task["en"], lead)
        entry = found.setdefault(cid, {
            "id": cid, "task": task, "lead": lead, "supporters": [], "due": "", "source_session": rec.session.id,
            "status": "not_started", "note": "", "history": [],
        })
        entry["supporters"] = sorted(set(entry["supporters"]) | set(supporters))
        entry["due"] = due or entry["due"]

    for rec in ordered:
        tasks = {task.id: task for task in tasks_of(rec.session)}
        claims = latest_claims(_answers(rec, _steps_of_kind(rec, "role_claim")), partnership)
        for (organisation, task_id), claim in claims.items():
            if claim["level"] == "lead" and task_id in tasks:
                supporters = [org for (org, tid), c in claims.items()
                              if tid == task_id and c["level"] in ("co", "support")]
                commit(tasks[task_id].label.to_dict(), organisation, supporters, "", rec)
        people = {p.id: p for p in rec.participants}
        for response in _answers(rec, _steps_of_kind(rec, "action")):
            person = people.get(response.participant_id)
            lead = partnership.canonical(str(response.data.get("organisation") or (person.organisation if person
                                                                                     else "")))
            commit({"th": response.text, "en": response.text}, lead, [], str(response.data.get("due", "")), rec)
        for response in _answers(rec, _steps_of_kind(rec, "progress")):
            for cid, rating in response.data.get("ratings", {}).items():
                if cid in found:
                    found[cid]["status"], found[cid]["note"] = rating["status"], rating.get("note", "")
                    found[cid]["history"].append({
                        "status": rating["status"], "note": rating.get("note", ""), "session_id": rec.session.id,
                        "at": response.created_at,
                        "organisation": partnership.canonical(str(response.data.get("organisation", ""))),
                    })
    return list(found.values())


def expectations(bar: SessionRecord) -> list[Answer]:
    """The BAR's answers to its first step: what the partnership expected."""
    return sorted((r for r in bar.answers if r.step == 0), key=lambda r: r.created_at)


def expectations_review(bar: SessionRecord, aar: SessionRecord) -> dict[str, Any]:
    """The BAR's expectations beside the AAR's verdicts and results (met / exceeded / fell short)."""
    votes: dict[str, Counter[str]] = {r.id: Counter() for r in expectations(bar)}
    latest: dict[tuple[str, str], str] = {}  # each participant's latest verdict on each expectation
    for response in _answers(aar, _steps_of_kind(aar, "expectations")):
        for expectation_id, verdict in response.data.get("verdicts", {}).items():
            latest[(response.participant_id, expectation_id)] = verdict
    for (_, expectation_id), verdict in latest.items():
        if expectation_id in votes:
            votes[expectation_id][verdict] += 1
    items = []
    for response in expectations(bar):
        counts = votes[response.id]
        verdict = max(VERDICTS, key=lambda v: (counts[v], -list(VERDICTS).index(v))) if counts else ""
        items.append({"id": response.id, "text": response.text, "verdicts": dict(counts), "verdict": verdict})
    step_ids = {step.id: i for i, step in enumerate(aar.session.activity.steps)}
    return {
        "bar_session": bar.session.id,
        "aar_session": aar.session.id,
        "expectations": items,
        "met_or_exceeded": [r.text for r in _answers(aar, {step_ids["met"]})] if "met" in step_ids else [],
        "fell_short": [r.text for r in _answers(aar, {step_ids["fell-short"]})] if "fell-short" in step_ids else [],
    }


def progress_summary(partnership: Partnership | None, records: Iterable[SessionRecord]) -> dict[str, Any]:
    """The progress summary of a partnership: commitments by task and by partner, the sessions' timeline,
    BAR expectations beside AAR results, and the stage in the partnering cycle."""
    ordered = sorted(records, key=lambda rec: rec.session.created_at)
    items = commitments(ordered, partnership)
    by_partner: dict[str, Counter[str]] = {}
    for item in items:
        by_partner.setdefault(item["lead"], Counter())[item["status"]] += 1
    by_id = {rec.session.id: rec for rec in ordered}
    reviews = [
        expectations_review(by_id[rec.session.follows], rec)
        for rec in ordered
        if rec.session.follows in by_id and _steps_of_kind(rec, "expectations")
    ]
    timeline = []
    for rec in ordered:
        overview = session_overview(rec.session, rec.participants, rec.answers)
        timeline.append({
            "id": rec.session.id, "title": rec.session.title, "activity_id": rec.session.activity.id,
            "activity_name": rec.session.activity.name.to_dict(), "created_at": rec.session.created_at,
            "status": str(rec.session.status), "follows": rec.session.follows,
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
        "stage": (partnership.stage if partnership and partnership.stage else suggested),
        "stage_suggested": suggested,
    }
