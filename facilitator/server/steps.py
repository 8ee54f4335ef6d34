"""The open step on a phone: its form (drawn by the step's kind), the phone's own answers, answering, adding a
task."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiohttp import web
from markupsafe import Markup

from facilitator.core import kinds
from facilitator.core.i18n import t
from facilitator.core.ids import new_client_id
from facilitator.core.live import LiveSession, Rejected, StorageError
from facilitator.core.model import Answer, Participant, Status
from facilitator.server import csrf
from facilitator.server.requests import (
    LIMITER_KEY,
    STATUS,
    Values,
    closed_page,
    form_fields,
    offer_of,
    participant_of,
    read_form,
    serves_session,
    shown_state,
    timer_of,
    wants_json,
)
from facilitator.server.frames import Frames, NotAKey, frozen
from facilitator.server.pages import (
    FRAMES_KEY, draw, draw_part, lang_of, language_link, message, other_lang, respond, see_other,
)

#: How many of its own answers to a step whose answers add up (notes, actions) a phone's page lists, the latest,
#: each with its Edit and Withdraw; the earlier ones are counted, and listed when the page is asked for all.
MINE_SHOWN = 5


def shows_all(request: web.Request) -> bool:
    """Whether the phone asked its page to list every one of its answers (``?all=1``), not only the latest."""
    return request.query.get("all") == "1"


def view_of(request: web.Request) -> str:
    """The query that keeps the page's view of "my answers" (every one listed, or the latest) after a form the
    page sent without its script: ``"?all=1"`` or ``""``."""
    return "?all=1" if shows_all(request) else ""


@dataclass(frozen=True, slots=True)
class Editing:
    """An edit the phone sent that was refused: which answer, and the text to show again in its form."""

    answer_id: str
    text: str


def opened_of(request: web.Request, editing: Editing | None) -> frozenset[str]:
    """The answers whose Edit form the page shows open: the one a refused edit shows again, and those the
    page's script says the phone has open (``?open=id,id``) as it fetches the page again, so that what the phone
    is typing there stays on the page."""
    ids = {answer_id for answer_id in request.query.get("open", "").split(",") if answer_id}
    if editing is not None:
        ids.add(editing.answer_id)
    return frozenset(ids)


def _step_page(
    request: web.Request, live: LiveSession, person: Participant, *, status: int = 200,
    error: str | None = None, values: Values | None = None, client_id: str | None = None,
    task_draft: str = "", editing: Editing | None = None,
) -> web.Response:
    """The step page; ``values`` are a refused form's fields, shown again as the phone sent them, ``editing``
    a refused edit's answer and text (its edit form shown open with that text)."""
    session = live.session
    lang = lang_of(request, live)
    index = session.step
    step = session.activity.steps[index] if index is not None else None
    mine: list[Answer] = []
    extra: dict[str, Any] = {}
    described: list[str] = []
    listed: list[tuple[Answer, list[str]]] = []
    adds_up = False
    total = 0   # how many answers "my answers" has; ``listed`` are those the page shows
    opened = opened_of(request, editing)
    fields: dict[str, list[str]] = {key: list(v) for key, v in (values or {}).items()}
    if step is not None and index is not None:
        kind = kinds.of(step)
        context = live.context()
        adds_up = kind.adds_up   # notes and actions add up; other kinds replace
        mine = _earlier(live, person, index, kind)
        if adds_up:   # each one listed with its own Edit and Withdraw (hidden ones marked); the latest unless all
            book, pid = live.book, person.id
            total = book.listed_count(pid, index)
            # the latest, and before them the older ones whose Edit form is open: what was typed there stays
            shown = (book.listed_for(pid, index) if shows_all(request)
                     else book.latest_listed(pid, index, MINE_SHOWN, also=opened))
            listed = [(a, kind.words(step, a, lang, context)) for a in shown]   # words only for those shown
        else:
            described = [line for answer in mine[-1:] for line in kind.words(step, answer, lang, context)]
        page = kind.page(step, kinds.PageRequest(
            lang, person, mine, None if values is None else fields, request.query.get("for", ""), live,
        ))
        fields, extra = page.fields, page.extra

    def value(name: str) -> str:
        return (fields.get(name) or [""])[-1]

    def chosen(name: str, option: str) -> bool:
        picked = fields.get(name) or []
        return option in picked if picked else option == ""

    token, view = csrf.form_token(request), view_of(request)
    mine_html = _mine(request, lang, session.code, view, token, listed, opened, editing, described=described,
                      adds_up=adds_up, total=total, last_id=mine[-1].id if mine and not adds_up else None,
                      ) if step is not None else ""
    state, timer = shown_state(request, live), timer_of(live)
    offer = offer_of(request, session.partnership_id, session.code) if session.status is Status.CLOSED else None
    # Everything the frame is drawn from besides its holes; what it reads of ``session``, ``step`` and
    # ``person`` is named by the session, the step's place, the state phones follow and, in the lobby, the
    # person's name and organisations.
    try:
        key = None if error is not None else (
            "step.html", lang, language_link(request, other_lang(lang)), session.id, session.title, state, index,
            live.n_steps, frozen(timer), frozen(fields), frozen(extra), task_draft, view,
            (person.name, frozen(person.organisations)) if step is None else None,
            (offer.title, offer.href) if offer is not None else None,
        )
    except NotAKey:
        key = None
    holes = {"csrf": token, "client_id": client_id or new_client_id(), "my_answers": Markup(mine_html)}
    html = request.app[FRAMES_KEY].page(key, holes, lambda marks: draw(
        request, "step.html", lang=lang, session=session, step=step, n_steps=live.n_steps, person=person,
        state=state, error=error, value=value, chosen=chosen, task_draft=task_draft, view=view, offer=offer,
        timer=timer, **extra, **marks,
    ))
    return respond(request, html, lang=lang, status=status)


def _mine(
    request: web.Request, lang: str, code: str, view: str, token: str, listed: list[tuple[Answer, list[str]]],
    opened: frozenset[str], editing: Editing | None, *, described: list[str], adds_up: bool, total: int,
    last_id: str | None,
) -> str:
    """The "my answers" section of a phone's page: a kept frame (its key the plain values it is drawn from),
    the listed answers, the counts and the form token its holes."""
    frames = request.app[FRAMES_KEY]
    items = _listed_items(frames, request, lang, code, view, token, listed, opened, editing)
    earlier = total - len(listed)
    # Which line leads the list: how many earlier ones there are (and a link to all), or a link back to the latest.
    more = "earlier" if earlier else "latest" if view and total > MINE_SHOWN else None
    shape = {"code": code, "view": view, "described": tuple(described), "adds_up": adds_up, "more": more,
             "mine_shown": MINE_SHOWN, "last_id": last_id, "has_items": bool(items)}
    holes = {"csrf": token, "items": Markup("\n".join(items)),
             "earlier_line": t("mine_earlier", lang, n=earlier) if earlier else "",
             "show_all_line": t("mine_show_all", lang, n=total) if earlier else ""}
    return frames.page(("mine.html", lang, *shape.values()), holes,
                       lambda marks: draw_part(request, "mine.html", lang=lang, **shape, **marks))


def _listed_items(
    frames: Frames, request: web.Request, lang: str, code: str, view: str, token: str,
    listed: list[tuple[Answer, list[str]]], opened: frozenset[str], editing: Editing | None,
) -> list[Markup]:
    """The listed answers of a phone's page. Each is drawn from a kept frame for the way it shows (hidden or
    not, its Edit open or not): its id, its lines, the text in its Edit form and the form token are holes."""
    items = []
    for answer, lines in listed:
        shown = editing.text if editing is not None and editing.answer_id == answer.id else answer.text
        shape = {"hidden": answer.hidden, "opened": answer.id in opened, "code": code, "view": view}
        holes = {"answer_id": answer.id, "text": "\n".join(lines), "shown_text": shown, "csrf": token}
        items.append(Markup(frames.page(("mine_item.html", lang, *shape.values()), holes,
                                        lambda marks, shape=shape: draw_part(request, "mine_item.html", lang=lang,
                                                                             **shape, **marks))))
    return items


@serves_session
async def step_page(request: web.Request, live: LiveSession) -> web.Response:
    """``GET /s/{code}``: the open step, its form, and the phone's own answers."""
    person = participant_of(request, live)
    if person is None:
        if live.session.status is Status.CLOSED:
            return closed_page(request, live.session.partnership_id, live.session.code, live=live)
        return see_other(f"/j/{live.session.code}")
    return _step_page(request, live, person)


def refusal(
    request: web.Request, live: LiveSession, person: Participant | None, err: Rejected | StorageError,
    *, lang: str, as_json: bool, values: Values | None = None, client_id: str = "", task_draft: str = "",
    editing: Editing | None = None,
) -> web.Response:
    """A refused phone action, as JSON for the page's script or as the page again (drafts kept)."""
    reason = err.reason if isinstance(err, Rejected) else "storage_failed"
    status = STATUS.get(reason, 400)
    if as_json:
        body = {"ok": False, "reason": reason, "message": t(reason, lang)}
        if reason == "stale_form":
            body[csrf.FIELD] = csrf.form_token(request)   # the page's script retries with it
        return web.json_response(body, status=status)
    if person is None:
        return message(request, "error_title", reason, status=status, live=live, back=f"/j/{live.session.code}")
    return _step_page(request, live, person, status=status, error=t(reason, lang), values=values,
                      client_id=client_id or None, task_draft=task_draft, editing=editing)


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
        csrf.check(request, fields)
        if not request.app[LIMITER_KEY].allow(person.id):
            raise Rejected("slow_down")
        try:
            step = int((fields.get("step") or [""])[-1])
        except ValueError as err:
            raise Rejected("bad_request") from err
        recheck = _recheck(live, person, step, fields)
        if recheck is not None:
            said = t(recheck.reason, lang, **recheck.args)
            if as_json:
                return web.json_response({"ok": False, "reason": recheck.reason, "message": said}, status=409)
            return _step_page(request, live, person, status=409, error=said, values=recheck.values,
                              client_id=client_id)
        answer = await live.submit(person.id, step, client_id, fields)
    except (Rejected, StorageError) as err:
        return refusal(request, live, person, err, lang=lang, as_json=as_json, values=fields, client_id=client_id)
    if as_json:
        card = kinds.card(live.session.activity.steps[answer.step], answer, person, lang, live.context())
        return web.json_response(
            {"ok": True, "answer": {"id": answer.id, "text": answer.text, "client_id": answer.client_id,
                                    "lines": list(card.lines)},
             "message": t("saved", lang)}
        )
    return see_other(f"/s/{live.session.code}{view_of(request)}")


def _recheck(live: LiveSession, person: Participant, step: int, fields: Values) -> kinds.Recheck | None:
    """A form the open step's kind sends back to be checked before it is stored (``None``: store it)."""
    session = live.session
    if session.step != step:
        return None
    step_def = session.activity.steps[step]
    kind = kinds.of(step_def)
    return kind.recheck(step_def, fields, _earlier(live, person, step, kind), person)


def _earlier(live: LiveSession, person: Participant, step: int, kind: kinds.StepKind) -> list[Answer]:
    """What a kind's page and its recheck read of the person's answers to ``step``: all that stand, for a kind
    whose later answer replaces the earlier (a few); none for one whose answers add up (each stands alone, and
    a phone may have given hundreds: "my answers" lists them a few at a time)."""
    return [] if kind.adds_up else live.answers_of(person.id, step)


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
        csrf.check(request, fields)
        if not request.app[LIMITER_KEY].allow(person.id):
            raise Rejected("slow_down")
        session = live.session
        if session.status is Status.CLOSED:
            raise Rejected("closed_title")
        if session.step is None or not kinds.of(session.activity.steps[session.step]).takes_tasks:
            raise Rejected("step_closed")
        task = await live.add_task(name, added_by=person.id)
    except (Rejected, StorageError) as err:
        return refusal(request, live, person, err, lang=lang, as_json=as_json, task_draft=name)
    if as_json:
        return web.json_response(
            {"ok": True, "task": {"id": task.id, "label": task.label(lang)}, "message": t("task_added", lang)}
        )
    return see_other(f"/s/{live.session.code}")


