"""Request plumbing shared by the phone pages: finding the live session of a join code, the phone's token
and participant, reading forms, the status of each refusal, and the state a phone follows.

Handlers (:mod:`.join`, :mod:`.steps`, :mod:`.sse`) validate, call the
:class:`~facilitator.core.live.LiveSession` (which stores durably), then answer; they never touch the screen.
Every refusal is a page (or JSON, for the page's script) in the phone's language.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from aiohttp import web
from multidict import MultiDictProxy

from facilitator.core.i18n import t
from facilitator.core.ids import participant_id
from facilitator.core.live import LiveSession, Rejected
from facilitator.core.model import Participant, Status
from facilitator.core.room import Room
from facilitator.server.pages import TOKEN_COOKIE, Offer, lang_of, message
from facilitator.server.ratelimit import RateLimiter

ROOM_KEY: web.AppKey[Room] = web.AppKey("room", Room)
LIMITER_KEY: web.AppKey[RateLimiter] = web.AppKey("limiter", RateLimiter)
READ_TIMEOUT_KEY: web.AppKey[float] = web.AppKey("read_timeout", float)
GUESSES_KEY: web.AppKey[RateLimiter] = web.AppKey("code_guesses", RateLimiter)
#: Join codes matching no session that one client address may try: a burst, then so many a minute. With
#: 9,000 codes, finding one session by guessing takes 9000 / 10 = 900 minutes (15 hours) at worst.
GUESS_BURST, GUESSES_PER_MINUTE = 10.0, 10.0
#: The query parameter of the join address the QR code holds: ``/j/<code>?t=<token>``.
SCAN_PARAM = "t"
TOKEN_MAX_AGE = 30 * 86400
#: How soon a phone is told to try again while its session is not served (the app restarting).
RETRY_AFTER_SECONDS = 5
#: The join page's "another organisation" choice (the name is then typed in ``organisation_other``).
OTHER_ORG = "__other__"

#: HTTP status for each refusal reason.
STATUS = {
    "empty": 422, "too_long": 422, "bad_encoding": 400, "too_slow": 408, "bad_request": 400, "step_closed": 409,
    "not_joined": 403, "stale_form": 403, "closed_title": 410, "slow_down": 429, "too_many_codes": 429, "storage_failed": 503,
    "time_up": 409,
    "need_organisation": 422, "bad_date": 422, "bad_points": 422, "over_budget": 422,
    "no_such_answer": 404, "not_yours": 403, "answer_hidden": 409, "change_closed": 409,
}  # fmt: skip

#: Form fields as the templates read them: name → every value sent (or to show as chosen).
Values = Mapping[str, Sequence[str]]


def state_key(live: LiveSession) -> str:
    """A short string that changes whenever the phone should show something else."""
    return f"{live.session.status}-{live.session.step}-{len(live.session.tasks)}"


def timer_of(live: LiveSession) -> dict[str, Any] | None:
    """The open step's countdown as a phone follows it (whole seconds left, counted down by the phone's own
    script from when it hears them: a phone's clock may be wrong), with its step; ``None`` without one."""
    timer, step = live.timer, live.session.step
    if timer is None or live.session.status is not Status.RUNNING:
        return None
    return {"step": step, **timer.to_json()}


def shown_state(request: web.Request, live: LiveSession) -> str:
    """The state a phone's page follows: :func:`state_key`, and for a closed session also the partnership's
    session offered in its place (so that a phone left on the page learns when one opens)."""
    key = state_key(live)
    person = participant_of(request, live)
    hidden = live.book.hidden_count(person.id) if person is not None else 0
    if hidden:   # the facilitator hid (or showed again) one of this phone's answers: its list says so
        key += f"-h{hidden}"
    if live.session.status is Status.CLOSED:
        offer = offer_of(request, live.session.partnership_id, live.session.code)
        if offer is not None:
            key += offer.href.replace("/", "-")
    return key


SessionHandler = Callable[[web.Request, LiveSession], Awaitable[web.Response]]


def session_for(request: web.Request, code: str) -> LiveSession | web.Response:
    """The live session of join ``code``, or the page that answers instead: :func:`absent_page` for a session
    of the data directory the room does not serve now, "not found" for a code matching no session, "too many
    wrong codes" (429) once the client's address has tried too many of those.

    A phone that joined the session, or came through its QR code (``?t=``), is never held back; otherwise a
    right code is not counted, but is refused too while the address is over its limit: answering it would
    tell a guesser it is right.
    """
    room = request.app[ROOM_KEY]
    live = room.get(code)
    if live is not None and (participant_of(request, live) is not None
                             or room.scanned(code, request.query.get(SCAN_PARAM, ""))):
        return live
    if live is None and room.listed(code) is not None:
        return absent_page(request, code)  # a session of this data directory, not a guess: back soon, or closed
    guesses, address = request.app[GUESSES_KEY], request.remote or ""
    if guesses.exhausted(address):
        return message(request, "error_title", "too_many_codes", status=429, back="/")
    if live is None:
        guesses.allow(address)
        return unknown_page(request)
    return live


def serves_session(handler: SessionHandler) -> Callable[[web.Request], Awaitable[web.Response]]:
    """Find the live session of the URL's join code for ``handler`` (:func:`session_for`); an unknown code
    gets the "not found" page in the phone's language."""

    @functools.wraps(handler)
    async def with_session(request: web.Request) -> web.Response:
        live = session_for(request, request.match_info["code"])
        if not isinstance(live, LiveSession):
            return live
        return await handler(request, live)

    return with_session


def token_of(request: web.Request) -> str | None:
    token = request.cookies.get(TOKEN_COOKIE, "")
    return token if 20 <= len(token) <= 64 and token.isascii() else None


def participant_of(request: web.Request, live: LiveSession) -> Participant | None:
    token = token_of(request)
    return live.participants.get(participant_id(token)) if token else None


async def read_form(request: web.Request) -> MultiDictProxy[str | Any]:
    """The posted form, read within the read timeout (a body sent slowly is ``too_slow``). A body that has
    arrived whole, as a phone's form nearly always has, is read without a timer."""
    arrived = request.content.is_eof()
    try:
        async with contextlib.nullcontext() if arrived else asyncio.timeout(request.app[READ_TIMEOUT_KEY]):
            return await request.post()
    except TimeoutError as err:
        raise Rejected("too_slow") from err
    except UnicodeDecodeError as err:
        raise Rejected("bad_encoding") from err
    except ValueError as err:
        raise Rejected("bad_request") from err


def form_fields(form: MultiDictProxy[str | Any]) -> dict[str, list[str]]:
    """Every posted field with all its values, as :mod:`facilitator.core.kinds` reads forms (text only)."""
    fields: dict[str, list[str]] = {}
    for key in form:
        if key not in fields:
            values = form.getall(key)
            if not all(isinstance(value, str) for value in values):
                raise Rejected("bad_request")  # a file upload is no answer
            fields[key] = [str(value) for value in values]
    return fields


def wants_json(request: web.Request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def unknown_page(request: web.Request) -> web.Response:
    return message(request, "unknown_title", "unknown_body", status=404, back="/")


def absent_page(request: web.Request, code: str) -> web.Response:
    """The answer for a join code the room does not serve: "back in a moment" (503, ``Retry-After``) for an
    unfinished session of the data directory that the facilitator has not resumed yet, "closed" for a closed
    one, "not found" for a code no session has. JSON for the page's script."""
    listed = request.app[ROOM_KEY].listed(code)
    if listed is None:
        return unknown_page(request)
    lang = lang_of(request, default=listed.lang)
    if listed.finished:
        return closed_page(request, listed.partnership_id, code, lang=lang)
    if wants_json(request):
        response = web.json_response(
            {"ok": False, "reason": "back_soon", "message": t("back_soon_title", lang)}, status=503
        )
    else:
        page = f"/{request.path.split('/')[1]}/{code}" if request.path.startswith(("/s/", "/j/")) else "/"
        response = message(request, "back_soon_title", "back_soon_body", status=503, lang=lang,
                           retry=(RETRY_AFTER_SECONDS, page))
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def offer_of(request: web.Request, partnership_id: str | None, code: str) -> Offer | None:
    """The partnership's session open now (other than the one with join code ``code``), offered to a phone."""
    other = request.app[ROOM_KEY].open_now(partnership_id, besides=code)
    return Offer(other.session.title, f"/j/{other.session.code}") if other is not None else None


def closed_page(request: web.Request, partnership_id: str | None, code: str, *, lang: str | None = None,
                live: LiveSession | None = None) -> web.Response:
    """The page saying this session has closed (410), with a link to the partnership's session open now, if
    there is one."""
    return message(request, "closed_title", "closed_body", status=410, lang=lang, live=live,
                   offer=offer_of(request, partnership_id, code))
