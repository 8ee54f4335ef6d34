"""Real Chromium for end-to-end tests, driven by Playwright in the test's own event loop.

The browser runs headless with a phone's viewport; the Textual app (and its web server) runs in the same
loop through ``app.run_test``, so a test can drive both sides without threads.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from playwright.async_api import Browser, BrowserContext, Page, async_playwright

#: Flags that keep Chromium quiet and local: no sandbox (containers), no GPU, no traffic of its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

#: A mid-sized phone (CSS pixels), held upright.
PHONE_VIEWPORT = {"width": 390, "height": 844}

ContextFactory = Callable[..., Awaitable[BrowserContext]]


def chromium_path() -> str:
    """Where Chromium is; fails in CI (a browser test must never silently skip there), skips elsewhere."""
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not on PATH, and browser tests must run in CI: apt-get install -y chromium")
        pytest.skip("chromium is not on PATH: apt-get install -y chromium")
    return path


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    """Headless Chromium, closed after the test."""
    executable = chromium_path()
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield launched
        finally:
            await launched.close()


@pytest.fixture
async def phone_context(browser: Browser) -> AsyncIterator[ContextFactory]:
    """Make phone-sized browser contexts (each its own cookie jar: one phone); all closed after the test."""
    contexts: list[BrowserContext] = []

    async def make(**options: Any) -> BrowserContext:
        settings: dict[str, Any] = {
            "viewport": PHONE_VIEWPORT,
            "device_scale_factor": 3,
            "is_mobile": True,
            "has_touch": True,
            "locale": "th-TH",
        }
        settings.update(options)
        context = await browser.new_context(**settings)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    try:
        yield make
    finally:
        for context in contexts:
            await context.close()


@pytest.fixture
async def phone(phone_context: ContextFactory) -> Page:
    """One phone's page, with JavaScript on."""
    context = await phone_context()
    return await context.new_page()
