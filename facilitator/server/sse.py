"""Following the session: phones learn that the facilitator moved on (or set, paused or lengthened the step's
countdown) from server-sent events, without reloading; a browser without them polls the session's state instead. While the session is not served (the
facilitator's laptop restarting), both answer 503 with ``Retry-After`` and the page's script keeps trying."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import web

from facilitator.core.events import AnswerChanged, Change, Event, SessionClosed, StepChanged, TasksChanged, TimerChanged
from facilitator.core.live import LiveSession
from facilitator.core.model import Status
from facilitator.server.requests import (
    RETRY_AFTER_SECONDS,
    ROOM_KEY,
    participant_of,
    session_for,
    shown_state,
    timer_of,
)

STREAMS_KEY: web.AppKey[set[asyncio.Queue[dict[str, Any] | None]]] = web.AppKey("streams", set)
KEEPALIVE_SECONDS = 15.0
#: The state of a session that closed and is no longer served (its phones reload to learn more).
CLOSED = "closed"


def _frame(payload: dict[str, Any]) -> bytes:
    return f"event: state\ndata: {json.dumps(payload)}\n\n".encode()


def _payload(request: web.Request, live: LiveSession) -> dict[str, Any]:
    """What a phone following ``live`` is told: the state its page shows, and while a step is open its countdown
    (``None``: it has none)."""
    payload: dict[str, Any] = {"state": shown_state(request, live)}
    if live.session.status is Status.RUNNING:
        payload["timer"] = timer_of(live)
    return payload


async def events(request: web.Request) -> web.StreamResponse:
    """``GET /s/{code}/events``: the session's state (and the open step's countdown) now and at every change; a
    keep-alive comment between."""
    code = request.match_info["code"]
    live = session_for(request, code)
    if not isinstance(live, LiveSession):
        return _refused(request, code, live, stream=True)
    response = web.StreamResponse(
        headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    )
    await response.prepare(request)
    queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()

    def on_event(event: Event) -> None:
        if isinstance(event, StepChanged | SessionClosed | TasksChanged | TimerChanged) or _changed_mine(
            event, request, live
        ):
            queue.put_nowait(_payload(request, live))

    def on_open(other: LiveSession) -> None:
        if live.session.status is Status.CLOSED:   # a closed session's page offers the one open now
            queue.put_nowait(_payload(request, live))

    unsubscribe = live.subscribe(on_event)
    stop_opens = request.app[ROOM_KEY].on_open(on_open)
    streams = request.app[STREAMS_KEY]
    streams.add(queue)
    try:
        await response.write(b"retry: 2000\n" + _frame(_payload(request, live)))
        while True:
            try:
                item = await asyncio.wait_for(queue.get(), KEEPALIVE_SECONDS)
            except TimeoutError:
                await response.write(b": keep-alive\n\n")
                continue
            if item is None:
                break
            await response.write(_frame(item))
    except (ConnectionResetError, asyncio.CancelledError):
        pass
    finally:
        unsubscribe()
        stop_opens()
        streams.discard(queue)
    return response


def _changed_mine(event: Event, request: web.Request, live: LiveSession) -> bool:
    """Whether ``event`` changed an answer of the phone at the stream (the facilitator hid it or showed it again,
    or it was withdrawn): the phone's state then says how many of its answers are hidden."""
    if not isinstance(event, AnswerChanged) or event.change is Change.EDITED:
        return False
    person = participant_of(request, live)
    return person is not None and person.id == event.answer.participant_id


async def state(request: web.Request) -> web.StreamResponse:
    """``GET /s/{code}/state``: what the phone should show (and the step's countdown), for pages that poll."""
    code = request.match_info["code"]
    live = session_for(request, code)
    if not isinstance(live, LiveSession):
        return _refused(request, code, live, stream=False)
    return web.json_response(_payload(request, live))


def _refused(request: web.Request, code: str, refusal: web.Response, *, stream: bool) -> web.StreamResponse:
    """What a phone following a session is told instead of its state: slow down (429) for an address that
    guessed too many codes, else what :func:`_absent` says."""
    if refusal.status == 429:
        return web.json_response({"state": "slow_down"}, status=429)
    return _absent(request, code, stream=stream)


def _absent(request: web.Request, code: str, *, stream: bool) -> web.StreamResponse:
    """What a phone following a session the room does not serve is told: the session closed (its page then
    shows why, and offers the partnership's open one), it will be back (503 with ``Retry-After``: the page's
    script keeps trying), or no session has that code (404)."""
    listed = request.app[ROOM_KEY].listed(code)
    if listed is not None and listed.finished:
        if stream:
            return web.Response(body=b"retry: 2000\n" + _frame({"state": CLOSED}), content_type="text/event-stream",
                                headers={"Cache-Control": "no-store"})
        return web.json_response({"state": CLOSED}, status=410)
    if listed is None:
        return web.json_response({"state": "unknown"}, status=404)
    return web.json_response({"state": "back_soon"}, status=503,
                             headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


async def end_streams(app: web.Application) -> None:
    """On shutdown, end every open stream at once (the phones reconnect to whatever serves next)."""
    for queue in list(app[STREAMS_KEY]):
        queue.put_nowait(None)
