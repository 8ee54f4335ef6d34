"""A phone rides out the facilitator's laptop dying mid-session: real Chromium, with JavaScript, against a
serving process (``tests/e2e/room_process.py``) over a real data directory that is SIGKILLed, then started again
on the same port, where the session is resumed through the workshop and moved on.

Every wait is bounded and waits for a condition: Playwright's ``expect``, or a line from the process.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

import pytest
from playwright.async_api import Response, expect

from activities import load
from tests.e2e.conftest import ContextFactory
from tests.support import join_page, send_page

ROOT = Path(__file__).resolve().parents[2]
ANSWER = "อยากให้ชุมชนมีส่วนร่วมในการวางแผน"
DRAFT = "ร่างที่พิมพ์ระหว่างรอ <b>ไม่ใช่ HTML</b>"
#: How long a serving process may take to answer a command (start, open, resume, move).
PROCESS_TIMEOUT = 60
#: How long a page may take to come back (ms): the script retries at least every 4 s, a page without it after 5 s.
WAIT = 15_000


class Laptop:
    """The serving process: started, told what to do a line at a time, killed."""

    def __init__(self, process: asyncio.subprocess.Process, port: int) -> None:
        self.process = process
        self.port = port

    @classmethod
    async def start(cls, data: Path, port: int = 0) -> Laptop:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.e2e.room_process", str(data), "--port", str(port),
            cwd=ROOT, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )
        laptop = cls(process, port)
        ready = await laptop._line()
        assert ready[0] == "READY", ready
        laptop.port = int(ready[1])
        return laptop

    async def _line(self) -> list[str]:
        assert self.process.stdout is not None
        line = await asyncio.wait_for(self.process.stdout.readline(), PROCESS_TIMEOUT)
        assert line, f"the serving process ended (status {await self.process.wait()})"
        return line.decode().split()

    async def ask(self, command: str) -> list[str]:
        """Send ``command``; its answer's words."""
        assert self.process.stdin is not None
        self.process.stdin.write(command.encode() + b"\n")
        await self.process.stdin.drain()
        return await self._line()

    async def kill(self) -> None:
        """SIGKILL: no cleanup, no goodbye to the phones' connections."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGKILL)
        await self.process.wait()


@pytest.mark.browser
@pytest.mark.parametrize("follow", ["events", "state"])
async def test_a_phone_rides_out_a_killed_laptop(tmp_path: Path, phone_context: ContextFactory, follow: str) -> None:
    """``follow``: the page follows the session by server-sent events, or (a browser without them) by polling."""
    data = tmp_path / "data"
    prompts = [step.prompt("th") for step in load("bar").steps]
    laptop = await Laptop.start(data)
    again: Laptop | None = None
    try:
        _, session_id, code = await laptop.ask("open")
        base = f"http://127.0.0.1:{laptop.port}"
        context = await phone_context()
        if follow == "state":
            await context.add_init_script("window.EventSource = undefined;")
        phone = await context.new_page()
        await join_page(phone, f"{base}/j/{code}", organisation="รพ.สต.บ้านนา")
        await send_page(phone, 1, text=ANSWER)
        await phone.evaluate("window.__marker = 1")  # gone if the page reloads

        await laptop.kill()
        notice = phone.locator("#connection")
        await expect(notice).to_be_visible(timeout=WAIT)
        await expect(notice).to_have_text("กำลังเชื่อมต่อใหม่…")
        await phone.fill("#text", DRAFT)  # typed while the laptop is down

        def refused(response: Response) -> bool:
            return response.url.endswith(f"/s/{code}/{follow}") and response.status == 503

        async with phone.expect_response(refused, timeout=WAIT):  # the phone tries the laptop that is back
            again = await Laptop.start(data, laptop.port)
        await expect(notice).to_be_visible()  # up, but the session is not resumed: still reconnecting

        # the same phone with JavaScript off, (re)loading during the gap: "back in a moment", then a meta refresh
        no_script = await phone_context(java_script_enabled=False)
        await no_script.add_cookies(await context.cookies())
        reloaded = await no_script.new_page()
        gap = await reloaded.goto(f"{base}/s/{code}")
        assert gap is not None and gap.status == 503
        await expect(reloaded.locator("h1")).to_have_text("การประชุมจะกลับมาในอีกสักครู่")

        await again.ask(f"resume {session_id}")
        await expect(notice).to_be_hidden(timeout=WAIT)
        # the page without its script came back by itself
        await expect(reloaded.locator("#mine .answer-text")).to_have_text([ANSWER], timeout=WAIT)

        state = (await again.ask("next"))[1]
        await expect(phone.locator("#live")).to_have_attribute("data-state", state)
        await expect(phone.locator("h1.prompt")).to_have_text(prompts[1])
        await expect(phone.locator("#text")).to_have_value(DRAFT)

        await again.ask("back")
        await expect(phone.locator("h1.prompt")).to_have_text(prompts[0])
        await expect(phone.locator("#mine .answer-text")).to_have_text([ANSWER])  # stored before the kill, served again
        await expect(phone.locator("#text")).to_have_value(DRAFT)
        assert await phone.evaluate("window.__marker") == 1, "the page reloaded instead of following"
        assert await phone.evaluate("document.querySelectorAll('#text b').length") == 0

        await phone.goto(f"{base}/s/{code}")  # a reload keeps the draft too (the tab's session storage)
        await expect(phone.locator("#text")).to_have_value(DRAFT)
        await expect(phone.locator("#mine .answer-text")).to_have_text([ANSWER])
    finally:
        await laptop.kill()
        if again is not None:
            await again.kill()
