"""The participants' server on 127.0.0.1, port 0, over a real store, without the TUI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

from activities import load
from facilitator.core.live import LiveSession
from facilitator.core.room import Room
from facilitator.server.app import Server, make_app
from facilitator.store import Store


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


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[Served]:
    store = Store(tmp_path)
    session = store.create_session(load("bar"), "ประชุมภาคีตำบล")
    sink = store.sink(session)
    await sink.save_session(session)
    live = LiveSession(session, sink)
    room = Room()
    room.open(live)
    server = Server(make_app(room), "127.0.0.1", 0)
    await server.start()
    try:
        yield Served(live, store, f"http://127.0.0.1:{server.bound_port}")
    finally:
        await server.stop()
        await store.close()


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
