"""The participants' web app (aiohttp) and how it starts inside the facilitator's event loop."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from aiohttp import web

from facilitator.core.room import Room
from facilitator.server import answer_changes, csrf, join, sse, steps
from facilitator.server.guard import ALLOWED_HOSTS_KEY, MAX_BODY, guard
from facilitator.server.frames import Frames
from facilitator.server.pages import ENV_KEY, FRAMES_KEY, make_env
from facilitator.server.ratelimit import RateLimiter
from facilitator.server.requests import (
    GUESS_BURST,
    GUESSES_KEY,
    GUESSES_PER_MINUTE,
    LIMITER_KEY,
    READ_TIMEOUT_KEY,
    ROOM_KEY,
)

STATIC_DIR = Path(__file__).parent / "static"
#: Answers per second a phone may sustain, and its burst (a double tap, a queue of retries).
ANSWER_RATE, ANSWER_BURST = 2.0, 10.0
#: Seconds a client has to send a request's headers (after connecting, or after its last reply) and then its
#: body: a phone sends a form in well under a second even on a weak Wi-Fi; a slow client is cut off.
READ_TIMEOUT = 15.0


def make_app(
    room: Room, *, allowed_hosts: Iterable[str] = (), answer_rate: tuple[float, float] = (ANSWER_RATE, ANSWER_BURST),
    read_timeout: float = READ_TIMEOUT,
) -> web.Application:
    """The web application serving the live sessions of ``room``.

    ``allowed_hosts`` are host names (besides IP addresses and localhost) phones may use; ``answer_rate`` is
    the (per second, burst) each phone may send; ``read_timeout`` the seconds a client has to send a request's
    headers, then as many for its body.
    """
    app = web.Application(middlewares=[guard, csrf.give_token_cookie], client_max_size=MAX_BODY)
    app[ROOM_KEY] = room
    app[LIMITER_KEY] = RateLimiter(*answer_rate)
    app[READ_TIMEOUT_KEY] = read_timeout
    app[GUESSES_KEY] = RateLimiter(GUESSES_PER_MINUTE / 60, GUESS_BURST)
    app[ALLOWED_HOSTS_KEY] = frozenset(allowed_hosts)
    app[ENV_KEY] = make_env()
    app[FRAMES_KEY] = Frames()
    app[csrf.SECRET_KEY] = csrf.new_secret()
    app[sse.STREAMS_KEY] = set()
    app.on_shutdown.append(sse.end_streams)
    app.router.add_get("/", join.enter)
    app.router.add_get("/j/{code}", join.join_page)
    app.router.add_post("/j/{code}", join.join_post)
    app.router.add_get("/s/{code}", steps.step_page)
    app.router.add_post("/s/{code}/answers", steps.answer_post)
    app.router.add_post("/s/{code}/tasks", steps.task_post)
    app.router.add_post("/s/{code}/answers/{answer_id}/edit", answer_changes.edit_post)
    app.router.add_post("/s/{code}/answers/{answer_id}/withdraw", answer_changes.withdraw_post)
    app.router.add_get("/s/{code}/state", sse.state)
    app.router.add_get("/s/{code}/events", sse.events)
    app.router.add_static("/static", STATIC_DIR)
    return app


class Server:
    """The web app bound to a host and port; ``port`` 0 picks a free one (``bound_port`` tells which)."""

    def __init__(self, app: web.Application, host: str, port: int) -> None:
        self.app = app
        self.host = host
        self.port = port
        # A connection idle for the read timeout (no request's headers complete yet: a client dribbling them)
        # is closed; a body not read in time is answered 408, then drained for as long at most, then closed.
        timeout = app[READ_TIMEOUT_KEY]
        self._runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=1.0, access_log=None,
                                     keepalive_timeout=timeout, lingering_time=timeout)
        self.bound_port = port

    async def start(self) -> None:
        """Listen. Raises ``OSError`` when the port is taken or the address is not ours."""
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port, reuse_address=True)
        try:
            await site.start()
        except OSError:
            await self._runner.cleanup()
            raise
        self.bound_port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        """Close every connection and stop listening."""
        await self._runner.cleanup()
