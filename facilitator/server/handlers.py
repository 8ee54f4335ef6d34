"""What phones can do: find a session, join it, read the open step, answer it, follow the facilitator.

Handlers validate, call the :class:`~facilitator.core.live.LiveSession` (which stores durably), then answer;
they never touch the screen. Every refusal is a page (or JSON, for the page's script) in the phone's language.
"""

from __future__ import annotations

import secrets
from typing import Any

from aiohttp import web
from multidict import MultiDictProxy

from facilitator.core.i18n import t
from facilitator.core.ids import new_token, participant_id
from facilitator.core.live import LiveSession, Rejected, StorageError
from facilitator.core.model import Participant, Status
from facilitator.core.room import Room
from facilitator.server.pages import TOKEN_COOKIE, lang_of, message, render
from facilitator.server.ratelimit import RateLimiter

ROOM_KEY: web.AppKey[Room] = web.AppKey("room", Room)
LIMITER_KEY: web.AppKey[RateLimiter] = web.AppKey("limiter", RateLimiter)
TOKEN_MAX_AGE = 30 * 86400

#: HTTP status for each refusal reason.
STATUS = {
    "empty": 422, "too_long": 422, "bad_encoding": 400, "bad_request": 400, "step_closed": 409,
    "not_joined": 403, "closed_title": 410, "slow_down": 429, "storage_failed": 503,
}  # fmt: skip


def state_key(live: LiveSession) -> str:
    """A short string that changes whenever the phone should show something else."""
    return f"{live.session.status}-{live.session.step}-{len(live.session.tasks)}"


def _live(request: web.Request) -> LiveSession:
    live = request.app[ROOM_KEY].get(request.match_info["code"])
    if live is None:
        raise _Unknown()
    return live


class _Unknown(Exception):
    pass


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


def _wants_json(request: web.Request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _unknown(request: web.Request) -> web.Response:
    return message(request, "unknown_title", "unknown_body", status=404, back="/")


# -- pages -----------------------------------------------------------------------------------------------
async def enter(request: web.Request) -> web.Response:
    """``GET /``: a box for the join code (for phones that could not scan)."""
    code = request.query.get("code", "").strip()
    if code:
        if request.app[ROOM_KEY].get(code) is None:
            return _unknown(request)
        raise web.HTTPSeeOther(f"/j/{code}")
    return render(request, "enter.html", lang=lang_of(request))


async def join_page(request: web.Request) -> web.Response:
    """``GET /j/{code}``: the join form (or straight to the step for a phone that already joined)."""
    try:
        live = _live(request)
    except _Unknown:
        return _unknown(request)
    if live.session.status is Status.CLOSED:
        return message(request, "closed_title", "closed_body", status=410, live=live)
    person = _participant(request, live)
    if person is not None and "edit" not in request.query:
        raise web.HTTPSeeOther(f"/s/{live.session.code}")
    return render(
        request, "join.html", lang=lang_of(request, live), session=live.session, person=person, error=None
    )


async def join_post(request: web.Request) -> web.Response:
    """``POST /j/{code}``: join with an optional name, organisation and sector."""
    try:
        live = _live(request)
    except _Unknown:
        return _unknown(request)
    lang = lang_of(request, live)
    token = _token(request) or new_token()
    if not request.app[LIMITER_KEY].allow("join:" + token):
        return message(request, "error_title", "slow_down", status=429, live=live)
    try:
        form = await _form(request)
        lang = str(form.get("lang", lang)) if form.get("lang") in ("th", "en") else lang
        await live.join(
            token, name=str(form.get("name", "")), organisation=str(form.get("organisation", "")),
            sector=str(form.get("sector", "")), lang=lang,
        )
    except Rejected as err:
        return render(
            request, "join.html", lang=lang, status=STATUS.get(err.reason, 400), session=live.session,
            person=None, error=t(err.reason, lang),
        )
    except StorageError:
        return message(request, "error_title", "storage_failed", status=503, live=live)
    response = web.HTTPSeeOther(f"/s/{live.session.code}")
    response.set_cookie(TOKEN_COOKIE, token, max_age=TOKEN_MAX_AGE, httponly=True, samesite="Lax")
    raise response


def _step_page(
    request: web.Request, live: LiveSession, person: Participant, *, status: int = 200,
    error: str | None = None, draft: str = "", client_id: str | None = None,
) -> web.Response:
    session = live.session
    step = session.activity.steps[session.step] if session.step is not None else None
    mine = live.answers_of(person.id, session.step) if session.step is not None else []
    return render(
        request, "step.html", lang=lang_of(request, live), status=status, session=session, step=step,
        n_steps=live.n_steps, person=person, mine=mine, state=state_key(live), error=error, draft=draft,
        client_id=client_id or secrets.token_urlsafe(12),
    )


async def step_page(request: web.Request) -> web.Response:
    """``GET /s/{code}``: the open step, a box for an answer, and the phone's own answers."""
    try:
        live = _live(request)
    except _Unknown:
        return _unknown(request)
    person = _participant(request, live)
    if person is None:
        if live.session.status is Status.CLOSED:
            return message(request, "closed_title", "closed_body", status=410, live=live)
        raise web.HTTPSeeOther(f"/j/{live.session.code}")
    return _step_page(request, live, person)


async def answer_post(request: web.Request) -> web.Response:
    """``POST /s/{code}/answers``: store one answer; JSON for the page's script, a redirect without it."""
    try:
        live = _live(request)
    except _Unknown:
        return _unknown(request)
    person = _participant(request, live)
    lang = lang_of(request, live)
    as_json = _wants_json(request)
    text, client_id = "", ""
    try:
        if person is None:
            raise Rejected("not_joined")
        if not request.app[LIMITER_KEY].allow(person.id):
            raise Rejected("slow_down")
        form = await _form(request)
        text, client_id = str(form.get("text", "")), str(form.get("client_id", ""))
        try:
            step = int(str(form.get("step", "")))
        except ValueError as err:
            raise Rejected("bad_request") from err
        answer = await live.answer(person.id, step, text, client_id)
    except (Rejected, StorageError) as err:
        reason = err.reason if isinstance(err, Rejected) else "storage_failed"
        status = STATUS.get(reason, 400)
        if as_json:
            return web.json_response(
                {"ok": False, "reason": reason, "message": t(reason, lang)}, status=status
            )
        if person is None:
            return message(request, "error_title", reason, status=status, live=live,
                           back=f"/j/{live.session.code}")
        return _step_page(request, live, person, status=status, error=t(reason, lang), draft=text,
                          client_id=client_id or None)
    if as_json:
        return web.json_response(
            {"ok": True, "answer": {"id": answer.id, "text": answer.text, "client_id": answer.client_id},
             "message": t("saved", lang)}
        )
    raise web.HTTPSeeOther(f"/s/{live.session.code}")


async def state(request: web.Request) -> web.Response:
    """``GET /s/{code}/state``: what the phone should show, for pages that poll."""
    try:
        live = _live(request)
    except _Unknown:
        return web.json_response({"state": "unknown"}, status=404)
    return web.json_response({"state": state_key(live)})
