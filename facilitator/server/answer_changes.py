"""A phone changing its own answers while their step is open: editing one (a new text, checked like a new
answer) or withdrawing one. Plain forms that work without the page's script (POST, then 303 to the step page),
and JSON for the script; every refusal is the step page again in the phone's language, nothing changed."""

from __future__ import annotations

from aiohttp import web

from facilitator.core.i18n import t
from facilitator.core.live import LiveSession, Rejected, StorageError
from facilitator.server import csrf
from facilitator.server.pages import lang_of, see_other
from facilitator.server.requests import LIMITER_KEY, form_fields, participant_of, read_form, serves_session, wants_json
from facilitator.server.steps import Editing, refusal, view_of


@serves_session
async def edit_post(request: web.Request, live: LiveSession) -> web.Response:
    """``POST /s/{code}/answers/{answer_id}/edit``: the phone's answer gets the posted ``text``."""
    return await _change(request, live, editing=True)


@serves_session
async def withdraw_post(request: web.Request, live: LiveSession) -> web.Response:
    """``POST /s/{code}/answers/{answer_id}/withdraw``: the phone's answer is withdrawn (kept in the record)."""
    return await _change(request, live, editing=False)


async def _change(request: web.Request, live: LiveSession, *, editing: bool) -> web.Response:
    person = participant_of(request, live)
    lang = lang_of(request, live)
    as_json = wants_json(request)
    answer_id = request.match_info["answer_id"]
    text = ""
    try:
        if person is None:
            raise Rejected("not_joined")
        fields = form_fields(await read_form(request))
        text = (fields.get("text") or [""])[-1]
        csrf.check(request, fields)
        if not request.app[LIMITER_KEY].allow(person.id):
            raise Rejected("slow_down")
        if editing:
            await live.edit(person.id, answer_id, text)
        else:
            await live.withdraw(person.id, answer_id)
    except (Rejected, StorageError) as err:
        kept = Editing(answer_id, text) if editing else None
        return refusal(request, live, person, err, lang=lang, as_json=as_json, editing=kept)
    said = t("answer_edited" if editing else "answer_withdrawn", lang)
    if as_json:
        return web.json_response({"ok": True, "message": said})
    return see_other(f"/s/{live.session.code}{view_of(request)}")   # the page as the phone viewed it
