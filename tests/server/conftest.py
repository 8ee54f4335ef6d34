"""The participants' server on 127.0.0.1, port 0, over a real store, without the TUI."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from activities import load
from facilitator.core import answer_book
from facilitator.core.workshop import Workshop
from facilitator.server.app import Server, make_app
from facilitator.store import Store
from tests.support import Served, joined

BAN_NA = "รพ.สต.บ้านนา"
THA_KHAM = "อบต.ท่าข้าม"
SCHOOL = "โรงเรียนบ้านนา"

Serve = Callable[..., AbstractAsyncContextManager[Served]]


@pytest.fixture
def serve(tmp_path: Path) -> Serve:
    """Serve one session of an activity (at a given step, in a partnership, anonymous) on 127.0.0.1, port 0."""

    @asynccontextmanager
    async def serving(
        activity_id: str, *, step: int | None = 0, partnership: list[tuple[str, str]] | None = None,
        answer_rate: tuple[float, float] | None = None, read_timeout: float | None = None, anonymous: bool = False,
    ) -> AsyncIterator[Served]:
        store = Store(tmp_path)
        workshop = Workshop(store)
        partner = store.create_partnership("ภาคีตำบลบ้านนา", partnership) if partnership is not None else None
        live = await workshop.open_session(load(activity_id), "ประชุมภาคีตำบล",
                                           partnership_id=partner.id if partner else None, anonymous=anonymous)
        room = workshop.room
        limits: dict[str, Any] = {"answer_rate": answer_rate, "read_timeout": read_timeout}
        app = make_app(room, **{name: value for name, value in limits.items() if value is not None})
        server = Server(app, "127.0.0.1", 0)
        await server.start()
        try:
            if step is not None:
                await live.goto(step)
            yield Served(live, f"http://127.0.0.1:{server.bound_port}", store, room.scan_token(live.session.code))
        finally:
            await server.stop()
            await store.close()

    return serving


@pytest.fixture(params=[None, 1], ids=["held", "shelved"])
def held(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int | None:
    """Runs a test twice: with the live session holding every answer, then holding only the latest one (the
    older ones read back from the session's shelf file, as in a session of thousands of notes)."""
    if request.param is not None:
        monkeypatch.setattr(answer_book, "WINDOW", request.param)
    return request.param


@pytest.fixture
async def served(serve: Serve) -> AsyncIterator[Served]:
    """A BAR session in its lobby."""
    async with serve("bar", step=None) as session:
        yield session


@pytest.fixture
async def phone(served: Served) -> AsyncIterator[aiohttp.ClientSession]:
    """A phone that has joined the session."""
    async with await joined(served, organisation=BAN_NA) as client:
        yield client
