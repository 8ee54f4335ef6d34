"""The participants' server on 127.0.0.1, port 0, over a real store, without the TUI."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

from activities import load
from facilitator.core.live import LiveSession
from facilitator.core.workshop import Workshop
from facilitator.server.app import Server, make_app
from facilitator.store import Store

BAN_NA = "รพ.สต.บ้านนา"
THA_KHAM = "อบต.ท่าข้าม"
SCHOOL = "โรงเรียนบ้านนา"


@dataclass
class Served:
    """A live BAR session being served."""

    live: LiveSession
    store: Store
    base: str

    @property
    def code(self) -> str:
        return self.live.session.code

    def url(self, path: str) -> str:
        return self.base + path.format(code=self.code)


Serve = Callable[..., AbstractAsyncContextManager[Served]]


@pytest.fixture
def serve(tmp_path: Path) -> Serve:
    """Serve one session of an activity (at a given step, in a partnership) on 127.0.0.1, port 0."""

    @asynccontextmanager
    async def serving(
        activity_id: str, *, step: int | None = 0, partnership: list[tuple[str, str]] | None = None,
        answer_rate: tuple[float, float] | None = None,
    ) -> AsyncIterator[Served]:
        store = Store(tmp_path)
        workshop = Workshop(store)
        partner = store.create_partnership("ภาคีตำบลบ้านนา", partnership) if partnership is not None else None
        live = await workshop.open_session(load(activity_id), "ประชุมภาคีตำบล",
                                           partnership_id=partner.id if partner else None)
        room = workshop.room
        app = make_app(room, answer_rate=answer_rate) if answer_rate else make_app(room)
        server = Server(app, "127.0.0.1", 0)
        await server.start()
        try:
            if step is not None:
                await live.goto(step)
            yield Served(live, store, f"http://127.0.0.1:{server.bound_port}")
        finally:
            await server.stop()
            await store.close()

    return serving


@pytest.fixture
async def served(serve: Serve) -> AsyncIterator[Served]:
    """A BAR session in its lobby."""
    async with serve("bar", step=None) as session:
        yield session


def new_phone() -> aiohttp.ClientSession:
    """A phone with its own cookie jar."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


@pytest.fixture
async def phone(served: Served) -> AsyncIterator[aiohttp.ClientSession]:
    """A phone that has joined the session."""
    async with new_phone() as client:
        response = await client.post(served.url("/j/{code}"), data={"organisation": "รพ.สต.บ้านนา"})
        assert response.status == 200
        yield client


async def joined(served: Served, organisation: str = BAN_NA, **extra: str) -> aiohttp.ClientSession:
    """A new phone that joined for ``organisation``."""
    client = new_phone()
    response = await client.post(served.url("/j/{code}"), data={"organisation": organisation, **extra})
    assert response.status == 200
    return client
