"""What phones can do: find a session, join it, read the open step, answer it, follow the facilitator.

Handlers validate, call the :class:`~facilitator.core.live.LiveSession` (which stores durably), then answer;
they never touch the screen. Every refusal is a page (or JSON, for the page's script) in the phone's language.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any

from aiohttp import web
from multidict import MultiDictProxy

from facilitator.core.activity import Step
from facilitator.core.describe import describe, describe_context
from facilitator.core.i18n import format_date, t
from facilitator.core.ids import new_token, participant_id
from facilitator.core.live import LiveSession, Rejected, StorageError
from facilitator.core.model import Participant, Response, Status
from facilitator.core.partnership import org_key
from facilitator.core.room import Room
from facilitator.core.roles import tasks_of
from facilitator.core.vocab import LEVELS, LIGHTS, NO_ROLE, RESOURCES, STATUSES, VERDICTS
from facilitator.server.pages import TOKEN_COOKIE, lang_of, message, render
from facilitator.server.ratelimit import RateLimiter

ROOM_KEY: web.AppKey[Room] = web.AppKey("room", Room)
LIMITER_KEY: web.AppKey[RateLimiter] = web.AppKey("limiter", RateLimiter)
TOKEN_MAX_AGE = 30 * 86400
#: The join page's "another organisation" choice (the name is then typed in ``organisation_other``).
OTHER_ORG = "__other__"

#: HTTP status for each refusal reason.
STATUS = {
    "empty": 422, "too_long": 422, "bad_encoding": 400, "bad_request": 400, "step_closed": 409,
    "not_joined": 403, "closed_title": 410, "slow_down": 429, "storage_failed": 503,
    "need_organisation": 422, "bad_date": 422, "bad_points": 422, "over_budget": 422,
}  # fmt: skip

#: Form fields as the templates read them: name → every value sent (or to show as chosen).
Values = Mapping[str, Sequence[str]]


def state_key(live: LiveSession) -> str:
    """A short string that changes whenever the phone should show something else."""
    return f"{live.session.status}-{live.session.step}-{len(live.session.tasks)}"


SessionHandler = Callable[[web.Request, LiveSession], Awaitable[web.Response]]


def serves_session(handler: SessionHandler) -> Callable[[web.Request], Awaitable[web.Response]]:
    """Find the live session of the URL's join code for ``handler``; an unknown code gets the "not found"
    page in the phone's language."""

    @functools.wraps(handler)
    async def with_session(request: web.Request) -> web.Response:
        live = request.app[ROOM_KEY].get(request.match_info["code"])
        if live is None:
            return _unknown(request)
        return await handler(request, live)

    return with_session


def _token(request: web.Request) -> str | None:
    token = request.cookies.get(TOKEN_COOKIE, "")
    return token if 20 <= len(token) <= 64 and token.isascii() else None


def _participant(request: web.Request, live: LiveSession) -> Participant | None:
    token = _token(request)
    return live.participants.get(participant_id(token)) if token else None


async def _form(request: web.Request) -> MultiDictProxy[str | Any]:
    try:
        return await request.post()
    except UnicodeDecodeError as err:
        raise Rejected("bad_encoding") from err
    except ValueError as err:
        raise Rejected("bad_request") from err


def _fields(form: MultiDictProxy[str | Any]) -> dict[str, list[str]]:
    """Every posted field with all its values, as :mod:`facilitator.core.kinds` reads forms (text only)."""
    fields: dict[str, list[str]] = {}
    for key in form:
        if key not in fields:
            values = form.getall(key)
            if not all(isinstance(value, str) for value in values):
                raise Rejected("bad_request")  # a file upload is no answer
            fields[key] = [str(value) for value in values]
    return fields


def _wants_json(request: web.Request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _unknown(request: web.Request) -> web.Response:
    return message(request, "unknown_title", "unknown_body", status=404, back="/")


def _same_org(a: str, b: str) -> bool:
    return bool(org_key(a)) and org_key(a) == org_key(b)


# -- pages -----------------------------------------------------------------------------------------------
async def enter(request: web.Request) -> web.Response:
    """``GET /``: a box for the join code (for phones that could not scan)."""
    code = request.query.get("code", "").strip()
    if code:
        if request.app[ROOM_KEY].get(code) is None:
            return _unknown(request)
        raise web.HTTPSeeOther(f"/j/{code}")
    return render(request, "enter.html", lang=lang_of(request))


def _partner_orgs(live: LiveSession) -> list[str]:
    """The partnership's organisations a phone picks from on the join page (none without a partnership)."""
    return [org.name for org in live.partnership.organisations] if live.partnership is not None else []


def _join_values(live: LiveSession, person: Participant | None) -> dict[str, list[str]]:
    """The join form filled in with what ``person`` gave before (to edit a profile)."""
    if person is None:
        return {}
    partners = _partner_orgs(live)
    values = {"name": [person.name], "sector": [person.sector]}
    if not partners:
        values["organisation"] = [person.organisation]
        values["also"] = [", ".join(person.also)] if person.also else []
        return values
    canonical = live.partnership.canonical if live.partnership is not None else str.strip
    main = canonical(person.organisation) if person.organisation else ""
    if main in partners:
        values["organisation"] = [main]
    elif main:
        values["organisation"], values["organisation_other"] = [OTHER_ORG], [person.organisation]
    values["also"] = [canonical(name) for name in person.also]
    return values


def _join_form(
    request: web.Request, live: LiveSession, lang: str, person: Participant | None, values: Values, *,
    status: int = 200, error: str | None = None,
) -> web.Response:
    return render(
        request, "join.html", lang=lang, status=status, session=live.session, person=person, error=error,
        partner_orgs=_partner_orgs(live), other_org=OTHER_ORG, values=values,
        value=lambda name: (list(values.get(name) or [""]) or [""])[-1],
        chosen=lambda name, value: value in (values.get(name) or ()),
    )


@serves_session
async def join_page(request: web.Request, live: LiveSession) -> web.Response:
    """``GET /j/{code}``: the join form (or straight to the step for a phone that already joined)."""
    if live.session.status is Status.CLOSED:
        return message(request, "closed_title", "closed_body", status=410, live=live)
    person = _participant(request, live)
    if person is not None and "edit" not in request.query:
        raise web.HTTPSeeOther(f"/s/{live.session.code}")
    return _join_form(request, live, lang_of(request, live), person, _join_values(live, person))


def _joined_as(live: LiveSession, fields: Values) -> tuple[str, list[str]]:
    """The organisation and the other hats a join form names.

    With a partnership, the organisation is picked from its list, or "another" with its name typed; the
    hats are ticked. Without one, both are typed, the hats separated by commas.
    """
    organisation = (list(fields.get("organisation") or [""]))[-1].strip()
    if organisation in ("", OTHER_ORG):
        organisation = (list(fields.get("organisation_other") or [""]))[-1]
    also = [piece.strip() for value in fields.get("also", ()) for piece in value.split(",")]
    return organisation, [name for name in also if name]


@serves_session
async def join_post(request: web.Request, live: LiveSession) -> web.Response:
    """``POST /j/{code}``: join with an optional name, organisation (and others spoken for) and sector."""
    lang = lang_of(request, live)
    token = _token(request) or new_token()
    if not request.app[LIMITER_KEY].allow("join:" + token):
        return message(request, "error_title", "slow_down", status=429, live=live)
    fields: dict[str, list[str]] = {}
    try:
        fields = _fields(await _form(request))
        posted_lang = (fields.get("lang") or [""])[-1]
        lang = posted_lang if posted_lang in ("th", "en") else lang
        organisation, also = _joined_as(live, fields)
        await live.join(
            token, name=(fields.get("name") or [""])[-1], organisation=organisation,
            sector=(fields.get("sector") or [""])[-1], lang=lang, also=also,
        )
    except Rejected as err:
        return _join_form(request, live, lang, None, fields, status=STATUS.get(err.reason, 400),
                          error=t(err.reason, lang))
    except StorageError:
        return message(request, "error_title", "storage_failed", status=503, live=live)
    response = web.HTTPSeeOther(f"/s/{live.session.code}")
    response.set_cookie(TOKEN_COOKIE, token, max_age=TOKEN_MAX_AGE, httponly=True, samesite="Lax")
    raise response


# -- the step page ---------------------------------------------------------------------------------------
def _claim_fields(responses: Iterable[Response], organisation: str) -> dict[str, list[str]]:
    """The role-claim form as ``responses`` (one phone's, oldest first) left it for ``organisation``."""
    fields: dict[str, list[str]] = {}
    for response in responses:
        if not _same_org(str(response.data.get("organisation", "")), organisation):
            continue
        for task_id, claim in response.data.get("claims", {}).items():
            level = str(claim.get("level", ""))
            fields[f"level.{task_id}"] = [level if level != NO_ROLE else ""]
            fields[f"resource.{task_id}"] = [str(r) for r in claim.get("resources", [])]
            fields[f"note.{task_id}"] = [str(claim.get("note", ""))]
    return fields


_CLAIM_DEFAULTS = {"level": [""], "resource": [], "note": [""]}


def _switched_claims(
    fields: Values, mine: Sequence[Response], shown_for: str, organisation: str
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


def _answer_fields(step: Step, response: Response) -> dict[str, list[str]]:
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
            if _same_org(org, name):
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
    person = _participant(request, live)
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
    person = _participant(request, live)
    lang = lang_of(request, live)
    as_json = _wants_json(request)
    fields: dict[str, list[str]] | None = None
    client_id = ""
    try:
        if person is None:
            raise Rejected("not_joined")
        fields = _fields(await _form(request))  # read first: a phone told to slow down keeps its draft
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
    if not shown_for or not organisation or _same_org(shown_for, organisation):
        return None
    if not any(_same_org(organisation, org) for org in person.organisations):
        return None  # not this person's to answer for: the core refuses it
    return _switched_claims(fields, live.answers_of(person.id, step), shown_for, organisation)


@serves_session
async def task_post(request: web.Request, live: LiveSession) -> web.Response:
    """``POST /s/{code}/tasks``: a participant adds a task to split while a role-claim step is open."""
    person = _participant(request, live)
    lang = lang_of(request, live)
    as_json = _wants_json(request)
    name = ""
    try:
        if person is None:
            raise Rejected("not_joined")
        fields = _fields(await _form(request))
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


async def state(request: web.Request) -> web.Response:
    """``GET /s/{code}/state``: what the phone should show, for pages that poll."""
    live = request.app[ROOM_KEY].get(request.match_info["code"])
    if live is None:
        return web.json_response({"state": "unknown"}, status=404)
    return web.json_response({"state": state_key(live)})
