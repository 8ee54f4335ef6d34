"""Structured answers in words: short lines a phone ("my answers") or the screen can show for one answer.

A role claim, a rating or a points allocation is stored as data (see :mod:`facilitator.core.kinds`); this module
turns one such answer back into human lines in Thai or English, using what the step referred to (tasks,
commitments, the linked BAR's expectations) as a :class:`DescribeContext`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from facilitator.core.activity import Bilingual, Option, Step
from facilitator.core.i18n import format_date, t
from facilitator.core.model import Answer, Session
from facilitator.core.roles import tasks_of
from facilitator.core.vocab import LEVELS, LIGHTS, NO_ROLE, RESOURCES, STATUSES, VERDICTS

#: What separates the parts of one line ("task: level — note").
DASH = " — "


@dataclass(frozen=True, slots=True)
class DescribeContext:
    """What structured answers refer to: the session's tasks, the partnership's commitments (as
    :func:`facilitator.core.progress.commitments` gives them) and the linked BAR's expectations."""

    tasks: tuple[Option, ...] = ()
    commitments: Sequence[Mapping[str, Any]] = ()
    expectations: Sequence[Answer] = ()


def describe_context(
    session: Session,
    commitments: Iterable[Mapping[str, Any]] = (),
    expectations: Iterable[Answer] = (),
) -> DescribeContext:
    """The :class:`DescribeContext` of ``session`` (its tasks, including those added during it)."""
    return DescribeContext(tuple(tasks_of(session)), tuple(commitments), tuple(expectations))


def _label(vocabulary: Mapping[str, Bilingual], key: str, lang: str) -> str:
    entry = vocabulary.get(key)
    return entry(lang) if entry is not None else key


def _option_label(options: Iterable[Option], option_id: str, lang: str) -> str:
    for option in options:
        if option.id == option_id:
            return option.label(lang)
    return option_id


def _ordered(ids: Iterable[str], known: Sequence[str]) -> list[str]:
    """``ids`` in the order of ``known``, unknown ones after, in their own order."""
    given = list(ids)
    return [k for k in known if k in given] + [i for i in given if i not in known]


def _with_note(line: str, note: object) -> str:
    note = str(note or "").strip()
    return f"{line}{DASH}{note}" if note else line


def _role_claim(response: Answer, lang: str, context: DescribeContext) -> list[str]:
    claims: Mapping[str, Mapping[str, Any]] = response.data.get("claims", {})
    lines = []
    for task_id in _ordered(claims, [task.id for task in context.tasks]):
        claim = claims[task_id]
        if claim.get("level") == NO_ROLE:
            continue  # "none": nothing taken on (an earlier claim withdrawn)
        line = f"{_option_label(context.tasks, task_id, lang)}: {_label(LEVELS, str(claim.get('level', '')), lang)}"
        resources = [_label(RESOURCES, str(r), lang) for r in claim.get("resources", [])]
        if resources:
            line += f" ({', '.join(resources)})"
        lines.append(_with_note(line, claim.get("note")))
    return lines


def _action(response: Answer, lang: str) -> list[str]:
    parts = [response.text]
    organisation = str(response.data.get("organisation", "")).strip()
    if organisation:
        parts.append(organisation)
    due = str(response.data.get("due", "")).strip()
    if due:
        try:
            parts.append(f"{t('due', lang)} {format_date(due, lang, with_time=False)}")
        except ValueError:
            parts.append(f"{t('due', lang)} {due}")
    return [DASH.join(part for part in parts if part)]


def _progress(response: Answer, lang: str, context: DescribeContext) -> list[str]:
    ratings: Mapping[str, Mapping[str, Any]] = response.data.get("ratings", {})
    by_id = {str(c.get("id")): c for c in context.commitments}
    lines = []
    for cid in _ordered(ratings, list(by_id)):
        rating = ratings[cid]
        commitment = by_id.get(cid)
        if commitment is not None:
            task = Bilingual.from_dict(dict(commitment.get("task", {})))(lang)
            lead = str(commitment.get("lead", "")).strip()
            name = f"{task} ({lead})" if lead else task
        else:
            name = cid
        line = f"{name}: {_label(STATUSES, str(rating.get('status', '')), lang)}"
        lines.append(_with_note(line, rating.get("note")))
    return lines


def _expectations(response: Answer, lang: str, context: DescribeContext) -> list[str]:
    verdicts: Mapping[str, str] = response.data.get("verdicts", {})
    texts = {r.id: r.text for r in context.expectations}
    lines = [
        f"{texts.get(eid, eid)}: {_label(VERDICTS, str(verdicts[eid]), lang)}"
        for eid in _ordered(verdicts, list(texts))
    ]
    if response.text:
        lines.append(response.text)
    return lines


def _rating(step: Step, response: Answer, lang: str) -> list[str]:
    lights: Mapping[str, str] = response.data.get("lights", {})
    lines = [
        f"{_option_label(step.options, block, lang)}: {_label(LIGHTS, str(lights[block]), lang)}"
        for block in _ordered(lights, [o.id for o in step.options])
    ]
    if response.text:
        lines.append(response.text)
    return lines


def _points(step: Step, response: Answer, lang: str) -> list[str]:
    allocations: Mapping[str, int] = response.data.get("allocations", {})
    return [
        f"{_option_label(step.options, area, lang)}: {allocations[area]}"
        for area in _ordered(allocations, [o.id for o in step.options])
    ]


def describe(step: Step, response: Answer, lang: str, live_context: DescribeContext) -> list[str]:
    """Short lines in ``lang`` saying what ``response`` (an answer to ``step``) holds.

    A note is its text; a role claim is one line per task taken on ("task: level (resources) — note"); an action is
    "what — organisation — due date"; progress is "task (lead): status — note" per commitment; expectations
    are "expectation: verdict"; a rating "block: light"; points "area: n". Participant text stays as typed:
    escaping is the renderer's job.
    """
    kind = step.kind
    if kind == "role_claim":
        return _role_claim(response, lang, live_context)
    if kind == "action":
        return _action(response, lang)
    if kind == "progress":
        return _progress(response, lang, live_context)
    if kind == "expectations":
        return _expectations(response, lang, live_context)
    if kind == "rating":
        return _rating(step, response, lang)
    if kind == "points":
        return _points(step, response, lang)
    return [response.text] if response.text else []
