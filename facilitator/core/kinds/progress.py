"""Progress: each organisation rates the partnership's commitments — not started, in progress, blocked, done,
dropped — with a note.

Fields: ``organisation``; per commitment ``status.<id>`` and ``note.<id>``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from facilitator.core.activity import Bilingual, Step
from facilitator.core.errors import Rejected
from facilitator.core.i18n import format_day
from facilitator.core.kinds.base import (
    AnswerRow,
    Form,
    LiveView,
    PageRequest,
    StepContext,
    StepKind,
    choices,
    clean,
    label,
    one,
    ordered,
    speaking_for,
    with_note,
)
from facilitator.core.kinds.rehearsal import Simulation
from facilitator.core.model import Answer, Participant
from facilitator.core.partnership import org_key
from facilitator.core.vocab import STATUSES

#: The samples' weights of the statuses a simulated organisation gives, and the notes it writes (the pool
#: ``progress_notes.<status>``, else ``progress_notes``).
STATUS_WEIGHTS, STATUS_NOTES = "statuses", "progress_notes"
#: How often a simulated organisation also rates a commitment another organisation leads.
RATE_OTHERS = 0.25

#: The partnership's progress summary (:mod:`facilitator.core.summaries.progress`, which reads this kind's
#: answers): its board draws the commitments this step rates.
PROGRESS_SUMMARY = "progress"


def rated_commitments(commitments: Iterable[Mapping[str, Any]], answers: Iterable[Answer]) -> list[dict[str, Any]]:
    """The commitments with the status and note of the latest rating among ``answers``."""
    latest: dict[str, dict[str, Any]] = {}
    for answer in sorted(answers, key=lambda a: a.created_at):
        latest.update(answer.data.get("ratings", {}))
    return [
        {**item, "status": latest[item["id"]]["status"], "note": latest[item["id"]].get("note", "")}
        if item["id"] in latest else dict(item)
        for item in commitments
    ]


class Progress(StepKind):
    """The AAR's and the check-in's step: it asks about the commitments of the partnership's earlier sessions."""

    name: ClassVar[str] = "progress"
    speaks_for = True
    picks_organisation = True
    follows_bar = True
    board = PROGRESS_SUMMARY

    def parse(self, step: Step, form: Form, person: Participant, context: StepContext) -> tuple[str, dict[str, Any]]:
        """The organisation answering and a status (with a note) for each commitment it rated."""
        organisation = speaking_for(form, person)
        statuses = choices(form, "status", context.commitment_ids, STATUSES)
        if not statuses:
            raise Rejected("empty")
        ratings = {cid: {"status": s, "note": clean(one(form, f"note.{cid}"))} for cid, s in statuses.items()}
        return "", {"organisation": organisation, "ratings": ratings}

    def form_values(self, step: Step, answer: Answer) -> dict[str, list[str]]:
        """The organisation, and each commitment's status and note."""
        fields = {"organisation": [str(answer.data["organisation"])]} if answer.data.get("organisation") else {}
        for cid, rating in answer.data.get("ratings", {}).items():
            fields[f"status.{cid}"] = [str(rating.get("status", ""))]
            fields[f"note.{cid}"] = [str(rating.get("note", ""))]
        return fields

    def page_extra(self, step: Step, request: PageRequest, fields: dict[str, list[str]]) -> dict[str, Any]:
        """The commitments led by the person's organisations first, then the others; the statuses."""
        live, lang = request.live, request.lang
        canonical = live.partnership.canonical if live.partnership is not None else str.strip
        mine = {org_key(canonical(name)) for name in request.person.organisations}
        own = [c for c in live.commitments if org_key(canonical(str(c.get("lead", "")))) in mine]
        return {
            "own": own,
            "others": [c for c in live.commitments if c not in own],
            "statuses": [(key, name(lang)) for key, name in STATUSES.items()],
            "status_label": lambda key: label(STATUSES, key, lang),
            "due_date": lambda iso: format_day(iso, lang),
        }

    def simulate(self, step: Step, phone: Simulation) -> dict[str, list[str]] | None:
        """A status (by the samples' weights) and a note for the commitments the phone's organisation leads,
        and now and then for another's; nothing when the session has no commitments to rate."""
        commitments = phone.context.commitments
        if not commitments:
            return None
        organisation = phone.organisation
        own = [c for c in commitments if org_key(str(c.get("lead", ""))) == org_key(organisation)]
        rated = own + [c for c in commitments if c not in own and phone.rng.random() < RATE_OTHERS]
        fields: dict[str, list[str]] = {"organisation": [organisation]}
        for commitment in rated or [phone.rng.choice(list(commitments))]:
            cid = str(commitment.get("id"))
            status = phone.pick(STATUS_WEIGHTS, list(STATUSES))
            status = status if status in STATUSES else next(iter(STATUSES))
            fields[f"status.{cid}"] = [status]
            fields[f"note.{cid}"] = [phone.text(f"{STATUS_NOTES}.{status}", STATUS_NOTES)]
        return fields

    def words(self, step: Step, answer: Answer, lang: str, context: StepContext) -> list[str]:
        """One line per commitment rated: "task (lead): status — note"."""
        return [with_note(f"{row.item}: {row.value}", row.note) for row in self.rows(step, answer, lang, context)]

    def rows(self, step: Step, answer: Answer, lang: str, context: StepContext) -> list[AnswerRow]:
        """One row per commitment rated: the commitment, its status, the note."""
        ratings: dict[str, dict[str, Any]] = answer.data.get("ratings", {})
        by_id = {str(c.get("id")): c for c in context.commitments}
        rows = []
        for cid in ordered(ratings, list(by_id)):
            rating = ratings[cid]
            commitment = by_id.get(cid)
            if commitment is not None:
                task = Bilingual.from_dict(dict(commitment.get("task", {})))(lang)
                lead = str(commitment.get("lead", "")).strip()
                name = f"{task} ({lead})" if lead else task
            else:
                name = cid
            rows.append(AnswerRow(name, label(STATUSES, str(rating.get("status", "")), lang),
                                  str(rating.get("note") or "")))
        return rows

    def board_data(self, index: int, live: LiveView) -> dict[str, Any] | None:
        """The commitments with the statuses given at this step so far."""
        return {"kind": PROGRESS_SUMMARY, "commitments": rated_commitments(live.commitments, live.answers_for(index))}


PROGRESS = Progress()
