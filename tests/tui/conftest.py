"""Fixtures for driving the app headless against its real server on 127.0.0.1, port 0 (see ``tests.support``)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from tests.support import new_phone


@pytest.fixture
async def phone() -> AsyncIterator[aiohttp.ClientSession]:
    """A phone: an HTTP client that keeps cookies for an IP-address host."""
    async with new_phone() as session:
        yield session
