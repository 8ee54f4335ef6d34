"""The open step on a phone: its form for each step kind, the phone's own answers, answering, adding a task."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from typing import Any

from aiohttp import web

from facilitator.core.activity import Step
from facilitator.core.describe import describe, describe_context
from facilitator.core.i18n import format_date, t
from facilitator.core.live import LiveSession, Rejected, StorageError
from facilitator.core.model import Participant, Answer, Status
from facilitator.core.partnership import org_key
from facilitator.core.roles import tasks_of
from facilitator.core.vocab import LEVELS, LIGHTS, NO_ROLE, RESOURCES, STATUSES, VERDICTS
from facilitator.server.requests import (
    LIMITER_KEY,
    STATUS,
    Values,
    form_fields,
    participant_of,
    read_form,
    same_org,
    serves_session,
    state_key,
    wants_json,
)
from facilitator.server.pages import lang_of, message, render


def _claim_fields(responses: Iterable[Answer], organisation: str) -> dict[str, list[str]]:
    """The role-claim form as ``responses`` (one phone's, oldest first) left it for ``organisation``."""
    fields: dict[str, list[str]] = {}
    for response in responses:
        if not same_org(str(response.data.get("organisation", "")), organisation):
            continue
        for task_id, claim in response.data.get("claims", {}).items():
            level = str(claim.get("level", ""))
            fields[f"level.{task_id}"] = [level if level != NO_ROLE else ""]
            fields[f"resource.{task_id}"] = [str(r) for r in claim.get("resources", [])]
            fields[f"note.{task_id}"] = [str(claim.get("note", ""))]
    return fields


_CLAIM_DEFAULTS = {"level": [""], "resource": [], "note": [""]}


def _switched_claims(
    fields: Values, mine: Sequence[Answer], shown_for: str, organisation: str
) -> dict[str, list[str]]:
    """A role form whose organisation was switched without the page's script: it still showed the claims of
    ``shown_for``. What the phone changed on it, laid over ``organisation``'s own claims, to check and send."""
    shown, own = _claim_fields(mine, shown_for), _claim_fields(mine, organisation)
    merged = {key: list(value) for key, value in fields.items()
              if key.split(".", 1)[0] not in _CLAIM_DEFAULTS}
    names = {key for key in (*fields, *shown, *own) if key.split(".", 1)[0] in _CLAIM_DEFAULTS and "." in key}
    for name in names:
        default = _CLAIM_DEFAULTS[name.split(".", 1)[0]]
        sent, before = list(fields.get(name) or default), shown.get(name) or default
        merged[name] = sent if sorted(sent) != sorted(before) else list(own.get(name) or default)
    merged["organisation"] = merged["claims_for"] = [organisation]
    return merged


def _answer_fields(step: Step, response: Answer) -> dict[str, list[str]]:
    """A stored structured answer as the form fields that would send it again (to show it as chosen)."""
    data = response.data
    fields: dict[str, list[str]] = {}
    if data.get("organisation"):
        fields["organisation"] = [str(data["organisation"])]
    if step.kind == "progress":
        for cid, rating in data.get("ratings", {}).items():
            fields[f"status.{cid}"] = [str(rating.get("status", ""))]
            fields[f"note.{cid}"] = [str(rating.get("note", ""))]
    elif step.kind == "expectations":
        fields.update({f"verdict.{eid}": [str(v)] for eid, v in data.get("verdicts", {}).items()})
    elif step.kind == "rating":
        fields.update({f"light.{bid}": [str(v)] for bid, v in data.get("lights", {}).items()})
    elif step.kind == "points":
        fields.update({f"points.{aid}": [str(n)] for aid, n in data.get("allocations", {}).items()})
    if step.kind in ("expectations", "rating") and response.text:
        fields["text"] = [response.text]
    return fields


def _org_choice(person: Participant, *wanted: str) -> str:
    """The first of ``wanted`` that ``person`` speaks for (their main organisation otherwise)."""
    for name in wanted:
        for org in person.organisations:
            if same_org(org, name):
                return org
    return person.organisations[0] if person.organisations else next((w for w in wanted if w), "")


def _date(iso: str, lang: str) -> str:
    """A due date (YYYY-MM-DD) as the room reads it, or as stored when it is not a date."""
    try:
        return format_date(iso, lang, with_time=False)
    except ValueError:
        return iso


def _own_first(live: LiveSession, person: Participant) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The partnership's commitments led by ``person``'s organisations, then the others."""
    canonical = live.partnership.canonical if live.partnership is not None else str.strip
    mine = {org_key(canonical(name)) for name in person.organisations}
    own = [c for c in live.commitments if org_key(canonical(str(c.get("lead", "")))) in mine]
    return own, [c for c in live.commitments if c not in own]


def _step_page(
    request: web.Request, live: LiveSession, person: Participant, *, status: int = 200,
    error: str | None = None, values: Values | None = None, client_id: str | None = None,
    task_draft: str = "",
) -> web.Response:
    """The step page; ``values`` are a refused form's fields, shown again as the phone sent them."""
    session = live.session
    lang = lang_of(request, live)
    step = session.activity.steps[session.step] if session.step is not None else None
    mine = live.answers_of(person.id, session.step) if session.step is not None else []
    context: dict[str, Any] = {}
    described: list[str] = []
    fields: dict[str, list[str]] = {key: list(v) for key, v in (values or {}).items()}
    if step is not None and step.kind != "notes":
        about = describe_context(session, live.commitments, live.expectations)
        shown = mine if step.kind == "action" else mine[-1:]   # actions add up; other kinds replace
        described = [line for response in shown for line in describe(step, response, lang, about)]
        latest = mine[-1] if mine else None
        if step.kind == "role_claim":
            posted = (fields.get("organisation") or [""])[-1]
            previous = str(latest.data.get("organisation", "")) if latest else ""
            organisation = posted or _org_choice(person, request.query.get("for", ""), previous)
            if values is None:
                fields = {"organisation": [organisation], **_claim_fields(mine, organisation)}
            context.update(
                tasks=tasks_of(session),
                levels=[(key, label(lang)) for key, label in LEVELS.items()],
                resources=[(key, label(lang)) for key, label in RESOURCES.items()],
                claims_by_org={org: _claim_fields(mine, org) for org in person.organisations},
            )
        elif values is None and latest is not None and step.kind != "action":
            fields = _answer_fields(step, latest)
        if step.kind == "progress":
            own, others = _own_first(live, person)
            context.update(
                own=own, others=others, statuses=[(k, v(lang)) for k, v in STATUSES.items()],
                status_label=lambda key: STATUSES[key](lang) if key in STATUSES else key,
                due_date=lambda iso: _date(iso, lang),
            )
        elif step.kind == "expectations":
            context.update(expectations=live.expectations,
                           verdicts=[(k, v(lang)) for k, v in VERDICTS.items()])
        elif step.kind == "rating":
            context.update(lights=[(k, v(lang)) for k, v in LIGHTS.items()])
        elif step.kind == "points":
            spent = sum(int(v[-1]) for k, v in fields.items()
                        if k.startswith("points.") and v and v[-1].isdecimal() and len(v[-1]) <= 4)
            context.update(left=step.budget - spent)
        if step.kind in ("role_claim", "action", "progress"):
            picked = (fields.get("organisation") or [""])[-1]
            context.update(orgs=person.organisations,
                           selected_org=picked or _org_choice(person))

    def value(name: str) -> str:
        return (fields.get(name) or [""])[-1]

    def chosen(name: str, option: str) -> bool:
        picked = fields.get(name) or []
        return option in picked if picked else option == ""

    return render(
        request, "step.html", lang=lang, status=status, session=session, step=step,
        n_steps=live.n_steps, person=person, mine=mine, described=described, state=state_key(live),
        error=error, value=value, chosen=chosen, task_draft=task_draft,
        client_id=client_id or secrets.token_urlsafe(12), **context,
    )


@serves_session
async def step_page(request: web.Request, live: LiveSession) -> web.Response:
    """``GET /s/{code}``: the open step, its form, and the phone's own answers."""
    person = participant_of(request, live)
    if person is None:
        if live.session.status is Status.CLOSED:
            return message(request, "closed_title", "closed_body", status=410, live=live)
        raise web.HTTPSeeOther(f"/j/{live.session.code}")
    return _step_page(request, live, person)


def _refusal(
    request: web.Request, live: LiveSession, person: Participant | None, err: Rejected | StorageError,
    *, lang: str, as_json: bool, values: Values | None = None, client_id: str = "", task_draft: str = "",
) -> web.Response:
    """A refused phone action, as JSON for the page's script or as the page again (drafts kept)."""
    reason = err.reason if isinstance(err, Rejected) else "storage_failed"
    status = STATUS.get(reason, 400)
    if as_json:
        return web.json_response({"ok": False, "reason": reason, "message": t(reason, lang)}, status=status)
    if person is None:
        return message(request, "error_title", reason, status=status, live=live, back=f"/j/{live.session.code}")
    return _step_page(request, live, person, status=status, error=t(reason, lang), values=values,
                      client_id=client_id or None, task_draft=task_draft)


@serves_session
async def answer_post(request: web.Request, live: LiveSession) -> web.Response:
    """``POST /s/{code}/answers``: store one answer of any step kind; JSON for the page's script, a
    redirect without it."""
    person = participant_of(request, live)
    lang = lang_of(request, live)
    as_json = wants_json(request)
    fields: dict[str, list[str]] | None = None
    client_id = ""
    try:
        if person is None:
            raise Rejected("not_joined")
        fields = form_fields(await read_form(request))  # read first: a phone told to slow down keeps its draft
        client_id = (fields.get("client_id") or [""])[-1]
        if not request.app[LIMITER_KEY].allow(person.id):
            raise Rejected("slow_down")
        try:
            step = int((fields.get("step") or [""])[-1])
        except ValueError as err:
            raise Rejected("bad_request") from err
        switched = _switched(live, person, step, fields)
        if switched is not None:
            organisation = switched["organisation"][-1]
            if as_json:
                return web.json_response({"ok": False, "reason": "check_org",
                                          "message": t("check_org", lang, org=organisation)}, status=409)
            return _step_page(request, live, person, status=409, error=t("check_org", lang, org=organisation),
                              values=switched, client_id=client_id)
        answer = await live.submit(person.id, step, client_id, fields)
    except (Rejected, StorageError) as err:
        return _refusal(request, live, person, err, lang=lang, as_json=as_json, values=fields, client_id=client_id)
    if as_json:
        step_def = live.session.activity.steps[answer.step]
        about = describe_context(live.session, live.commitments, live.expectations)
        return web.json_response(
            {"ok": True, "answer": {"id": answer.id, "text": answer.text, "client_id": answer.client_id,
                                    "lines": describe(step_def, answer, lang, about)},
             "message": t("saved", lang)}
        )
    raise web.HTTPSeeOther(f"/s/{live.session.code}")


def _switched(
    live: LiveSession, person: Participant, step: int, fields: Values
) -> dict[str, list[str]] | None:
    """For a role form sent for another organisation than the one whose claims it showed (switched without
    the page's script), the form to check and send again; ``None`` when the form is what it seems."""
    session = live.session
    if session.step != step or session.activity.steps[step].kind != "role_claim":
        return None
    shown_for = (fields.get("claims_for") or [""])[-1]
    organisation = (fields.get("organisation") or [""])[-1]
    if not shown_for or not organisation or same_org(shown_for, organisation):
        return None
    if not any(same_org(organisation, org) for org in person.organisations):
        return None  # not this person's to answer for: the core refuses it
    return _switched_claims(fields, live.answers_of(person.id, step), shown_for, organisation)


@serves_session
async def task_post(request: web.Request, live: LiveSession) -> web.Response:
    """``POST /s/{code}/tasks``: a participant adds a task to split while a role-claim step is open."""
    person = participant_of(request, live)
    lang = lang_of(request, live)
    as_json = wants_json(request)
    name = ""
    try:
        if person is None:
            raise Rejected("not_joined")
        fields = form_fields(await read_form(request))
        name = (fields.get("name") or [""])[-1]
        if not request.app[LIMITER_KEY].allow(person.id):
            raise Rejected("slow_down")
        session = live.session
        if session.status is Status.CLOSED:
            raise Rejected("closed_title")
        if session.step is None or session.activity.steps[session.step].kind != "role_claim":
            raise Rejected("step_closed")
        task = await live.add_task(name, added_by=person.id)
    except (Rejected, StorageError) as err:
        return _refusal(request, live, person, err, lang=lang, as_json=as_json, task_draft=name)
    if as_json:
        return web.json_response(
            {"ok": True, "task": {"id": task.id, "label": task.label(lang)}, "message": t("task_added", lang)}
        )
    raise web.HTTPSeeOther(f"/s/{live.session.code}")


