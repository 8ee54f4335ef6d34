"""Following the session: phones learn that the facilitator moved on from server-sent events, without
reloading; a browser without them polls the session's state instead."""

from __future__ import annotations

import asyncio
import json

from aiohttp import web

from facilitator.core.events import Event, SessionClosed, StepChanged, TasksChanged
from facilitator.core.live import LiveSession
from facilitator.server.requests import session_for, state_key

STREAMS_KEY: web.AppKey[set[asyncio.Queue[str | None]]] = web.AppKey("streams", set)
KEEPALIVE_SECONDS = 15.0


def _frame(state: str) -> bytes:
    return f"event: state\ndata: {json.dumps({'state': state})}\n\n".encode()


async def events(request: web.Request) -> web.StreamResponse:
    """``GET /s/{code}/events``: the session's state now and at every change; a keep-alive comment between."""
    live = session_for(request, request.match_info["code"])
    if not isinstance(live, LiveSession):
        return live
    response = web.StreamResponse(
        headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    )
    await response.prepare(request)
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def on_event(event: Event) -> None:
        if isinstance(event, StepChanged | SessionClosed | TasksChanged):
            queue.put_nowait(state_key(live))

    unsubscribe = live.subscribe(on_event)
    streams = request.app[STREAMS_KEY]
    streams.add(queue)
    try:
        await response.write(b"retry: 2000\n" + _frame(state_key(live)))
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
        streams.discard(queue)
    return response


async def state(request: web.Request) -> web.Response:
    """``GET /s/{code}/state``: what the phone should show, for pages that poll."""
    live = session_for(request, request.match_info["code"])
    if not isinstance(live, LiveSession):
        return web.json_response({"state": "unknown"}, status=live.status)
    return web.json_response({"state": state_key(live)})


async def end_streams(app: web.Application) -> None:
    """On shutdown, end every open stream at once (the phones reconnect to whatever serves next)."""
    for queue in list(app[STREAMS_KEY]):
        queue.put_nowait(None)
