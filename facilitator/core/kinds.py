"""Structured steps: what a phone's form for each step kind may hold, parsed and validated.

Forms arrive as ``{field: [values]}`` (the shape of any URL-encoded form). :func:`parse` turns them into the
``data`` of a :class:`~facilitator.core.model.Response` plus its free text, or raises
:class:`~facilitator.core.errors.Rejected`. Field names, per kind:

- ``notes``: ``text``;
- ``role_claim``: ``organisation``; per task ``level.<task>`` (empty: none, withdrawing a claim), ``resource.<task>`` (several), ``note.<task>``;
- ``action``: ``text`` (what), ``organisation`` (who leads), ``due`` (YYYY-MM-DD, optional);
- ``progress``: ``organisation``; per commitment ``status.<id>``, ``note.<id>``;
- ``expectations``: per BAR expectation ``verdict.<id>``; ``text`` (optional);
- ``rating``: per building block ``light.<id>``; ``text`` (optional);
- ``points``: per area ``points.<id>`` (whole numbers adding up to at most the step's budget).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from facilitator.core import text as text_rules
from facilitator.core.activity import Option, Step
from facilitator.core.errors import Rejected
from facilitator.core.model import Participant
from facilitator.core.vocab import LEVELS, LIGHTS, NO_ROLE, RESOURCES, STATUSES, VERDICTS

Form = Mapping[str, Sequence[str]]


@dataclass(frozen=True, slots=True)
class Context:
    """What the open step can refer to: tasks (the activity's and those added), commitments, expectations."""

    tasks: tuple[Option, ...] = ()
    commitments: tuple[str, ...] = ()
    expectations: tuple[str, ...] = ()


def _one(form: Form, name: str) -> str:
    values = form.get(name) or [""]
    return str(values[-1])


def _clean(raw: str, limits: text_rules.Limits = text_rules.ANSWER, *, required: bool = False) -> str:
    try:
        return text_rules.clean(raw, limits, required=required)
    except text_rules.TextRejected as err:
        raise Rejected(err.reason) from err


def _speaking_for(form: Form, person: Participant) -> str:
    chosen = _clean(_one(form, "organisation"), text_rules.NAME)
    allowed = person.organisations
    if chosen and chosen in allowed:
        return chosen
    if not chosen and allowed:
        return allowed[0]
    if not allowed:
        return chosen  # a participant who gave no organisation names one here
    raise Rejected("bad_request")


def _choices(form: Form, prefix: str, ids: Sequence[str], allowed: Mapping[str, object]) -> dict[str, str]:
    picked = {}
    for item in ids:
        value = _one(form, f"{prefix}.{item}")
        if value:
            if value not in allowed:
                raise Rejected("bad_request")
            picked[item] = value
    return picked


def parse(step: Step, form: Form, person: Participant, context: Context) -> tuple[str, dict[str, Any]]:
    """The free text and the structured data of one submitted form for ``step``."""
    kind = step.kind
    if kind == "notes":
        return _clean(_one(form, "text"), required=True), {}
    if kind == "role_claim":
        organisation = _speaking_for(form, person)
        if not organisation:
            raise Rejected("need_organisation")
        claims: dict[str, dict[str, Any]] = {}
        for task in context.tasks:
            if f"level.{task.id}" not in form:
                continue
            level = _one(form, f"level.{task.id}")
            if not level:  # "none" chosen on purpose: withdraws this organisation's earlier claim
                claims[task.id] = {"level": NO_ROLE, "resources": [], "note": ""}
                continue
            if level not in LEVELS:
                raise Rejected("bad_request")
            resources = [r for r in form.get(f"resource.{task.id}", []) if r]
            if any(r not in RESOURCES for r in resources):
                raise Rejected("bad_request")
            note = _clean(_one(form, f"note.{task.id}"))
            claims[task.id] = {"level": level, "resources": sorted(set(resources)), "note": note}
        if not claims:
            raise Rejected("empty")
        return "", {"organisation": organisation, "claims": claims}
    if kind == "action":
        what = _clean(_one(form, "text"), required=True)
        organisation = _speaking_for(form, person) if _one(form, "organisation") else ""
        due = _one(form, "due").strip()
        if due:
            try:
                due = dt.date.fromisoformat(due).isoformat()
            except ValueError as err:
                raise Rejected("bad_date") from err
        return what, {"organisation": organisation, "due": due}
    if kind == "progress":
        organisation = _speaking_for(form, person)
        statuses = _choices(form, "status", context.commitments, STATUSES)
        if not statuses:
            raise Rejected("empty")
        ratings = {cid: {"status": s, "note": _clean(_one(form, f"note.{cid}"))} for cid, s in statuses.items()}
        return "", {"organisation": organisation, "ratings": ratings}
    if kind == "expectations":
        verdicts = _choices(form, "verdict", context.expectations, VERDICTS)
        note = _clean(_one(form, "text"))
        if not verdicts and not note:
            raise Rejected("empty")
        return note, {"verdicts": verdicts}
    if kind == "rating":
        lights = _choices(form, "light", [o.id for o in step.options], LIGHTS)
        if not lights:
            raise Rejected("empty")
        return _clean(_one(form, "text")), {"lights": lights}
    if kind == "points":
        allocations: dict[str, int] = {}
        for area in step.options:
            raw = _one(form, f"points.{area.id}").strip() or "0"
            if not raw.isdecimal() or len(raw) > 4:
                raise Rejected("bad_points")
            if int(raw):
                allocations[area.id] = int(raw)
        if not allocations:
            raise Rejected("empty")
        if sum(allocations.values()) > step.budget:
            raise Rejected("over_budget")
        return "", {"allocations": allocations}
    raise Rejected("bad_request")
