"""Fixtures for driving the app headless against its real server on 127.0.0.1, port 0."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import aiohttp
import pytest
from textual.pilot import Pilot

from activities import load
from facilitator.store import Store
from facilitator.tui.app import FacilitatorApp, RoomSettings, StartRequest


async def until(pilot: Pilot[int], condition: Callable[[], bool], tries: int = 300) -> None:
    """Let the app process messages until ``condition()`` holds (fail after ``tries`` rounds)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("condition not reached")


def make_app(data_dir: Path, *, start: bool = True, lang: str = "th") -> FacilitatorApp:
    """The real app on loopback, port 0, optionally starting a BAR straight away."""
    request = StartRequest(load("bar"), "ประชุมภาคีตำบล") if start else None
    return FacilitatorApp(Store(data_dir), RoomSettings("127.0.0.1", 0, lang), request)


@pytest.fixture
async def phone() -> AsyncIterator[aiohttp.ClientSession]:
    """A phone: an HTTP client that keeps cookies for an IP-address host."""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        yield session
