"""A participant's phone, in real Chromium, against the real app: scan, join, follow the facilitator, answer.

The Textual app runs under ``run_test`` with its web server on 127.0.0.1 (port 0) and a real TinyDB data
directory in ``tmp_path``; Playwright drives Chromium from the same event loop. Every wait is bounded: either
Playwright's own (with a timeout) or a loop of ``pilot.pause()`` checking a condition.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.async_api import BrowserContext, Page, Route, expect
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from tinydb import TinyDB

from facilitator.core.live import LiveSession
from facilitator.core.model import Status
from facilitator.server.requests import state_key
from facilitator.tui.widgets.qr_code import QRCode
from facilitator.tui.widgets.wall import AnswerWall
from tests.qrscan import decode_widget
from tests.support import (
    card_lines,
    wall_cards,
    card_text,
    close_session,
    join_page,
    make_app,
    send_page,
    session_started,
    until,
    wall_texts,
)

ORGANISATION = "รพ.สต.บ้านนา"
THAI_ANSWER = "ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม"
HOSTILE_HTML = '<img src=x onerror="window.__pwned=1">'
HOSTILE_MARKUP = "[@click=app.quit]x"
SIZE = (160, 50)

ContextFactory = Callable[..., Awaitable[BrowserContext]]

#: Runs before the page's own script: records every state the server pushes, in ``window.__states``. It
#: listens first, so once a state is recorded the page's own listener has seen it too.
SSE_SPY = """
(() => {
  const Real = window.EventSource;
  window.__states = [];
  function Spied(url, options) {
    const source = new Real(url, options);
    source.addEventListener("state", (event) => window.__states.push(JSON.parse(event.data).state));
    return source;
  }
  Spied.prototype = Real.prototype;
  window.EventSource = Spied;
})();
"""


async def scan_join_url(pilot: Pilot[int]) -> str:
    """What a phone camera reads from the big QR code as the screen draws it."""
    qr = pilot.app.screen.query_one("#big-qr", QRCode)
    found: list[str] = []

    def scanned() -> bool:
        found[:] = decode_widget(qr)
        return bool(found)

    await until(pilot, scanned, "a scannable QR code on the join screen")
    assert len(found) == 1
    return found[0]


async def open_first_step(pilot: Pilot[int], live: LiveSession) -> None:
    """The facilitator opens step 1 from the keyboard."""
    await pilot.press("right")
    await until(pilot, lambda: live.session.step == 0, "step 1 to open")


def has_actions(widget: Widget) -> bool:
    """Whether anything ``widget`` draws carries a clickable action (what ``[@click=…]`` markup makes)."""
    width, height = widget.size
    for strip in widget.render_lines(Region(0, 0, width, height)):
        for segment in strip:
            if segment.style is not None and segment.style.meta and "@click" in segment.style.meta:
                return True
    return False


@pytest.mark.browser
async def test_phone_joins_and_answers_in_thai(tmp_path: Path, phone: Page) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await session_started(pilot)
        code, session_id = live.session.code, live.session.id

        url = await scan_join_url(pilot)
        assert url == app.join_url(code)

        paths: list[str] = []
        phone.on("request", lambda request: paths.append(urlsplit(request.url).path))
        await join_page(phone, url, organisation=ORGANISATION, sector="government")
        await until(pilot, lambda: len(live.participants) == 1, "the phone to join")
        (person,) = live.participants.values()
        assert (person.organisation, person.sector) == (ORGANISATION, "government")
        await expect(phone.locator("#live h1")).to_have_text("รอผู้อำนวยความสะดวกเริ่มกิจกรรม…")

        await phone.evaluate("window.__marker = 1")
        await open_first_step(pilot, live)
        await phone.wait_for_selector("textarea")
        assert await phone.evaluate("window.__marker") == 1, "the page reloaded instead of following"
        assert f"/s/{code}/events" in paths and f"/s/{code}/state" not in paths, "followed by polling, not SSE"
        prompt = live.session.activity.steps[0].prompt("th")
        await expect(phone.locator("h1.prompt")).to_have_text(prompt)

        await send_page(phone, 1, text=THAI_ANSWER)
        await expect(phone.locator("#mine .answer-text")).to_have_text([THAI_ANSWER])
        await expect(phone.locator("#status")).to_have_text("บันทึกแล้ว")
        assert await phone.input_value("#text") == ""

        await until(pilot, lambda: THAI_ANSWER in wall_texts(app), "the answer on the wall")
        assert wall_texts(app) == [THAI_ANSWER]
        [card] = wall_cards(app)
        assert card_text(card) == f"{THAI_ANSWER}\n{ORGANISATION}"

        await close_session(pilot)
        assert live.session.status is Status.CLOSED
        await expect(phone.locator("#live h1")).to_have_text("ปิดกิจกรรมแล้ว")
        assert await phone.evaluate("window.__marker") == 1
        await phone.close()

        await pilot.press("ctrl+q")
    assert app.return_code == 0

    path = tmp_path / "sessions" / f"{session_id}.json"
    assert THAI_ANSWER.encode() in path.read_bytes()
    db = TinyDB(path)
    try:
        responses = db.table("responses").all()
    finally:
        db.close()
    assert [doc["text"] for doc in responses] == [THAI_ANSWER]


@pytest.mark.browser
async def test_hostile_answer_is_literal_on_phone(tmp_path: Path, phone: Page) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await session_started(pilot)
        await join_page(phone, app.join_url(live.session.code), organisation=ORGANISATION, sector="government")
        await open_first_step(pilot, live)
        await phone.wait_for_selector("textarea")

        await send_page(phone, 1, text=HOSTILE_HTML)
        await send_page(phone, 2, text=HOSTILE_MARKUP)

        items = phone.locator("#mine .answer-text")
        assert await items.evaluate_all("items => items.map(item => item.textContent)") == [
            HOSTILE_HTML,
            HOSTILE_MARKUP,
        ]
        assert await phone.locator("#mine img").count() == 0
        assert await phone.evaluate("typeof window.__pwned") == "undefined"

        # The page as the server renders it (after a reload) is just as literal.
        await phone.reload()
        await expect(items).to_have_count(2)
        assert await items.evaluate_all("items => items.map(item => item.textContent)") == [
            HOSTILE_HTML,
            HOSTILE_MARKUP,
        ]
        assert await phone.evaluate("typeof window.__pwned") == "undefined"

        await until(pilot, lambda: len(wall_texts(app)) == 2, "both answers on the wall")
        await pilot.pause()
        assert wall_texts(app) == [HOSTILE_HTML, HOSTILE_MARKUP]
        wall = app.screen.query_one(AnswerWall)
        for column, text in enumerate((HOSTILE_HTML, HOSTILE_MARKUP)):  # two cards side by side
            assert text.replace(" ", "") in "".join(card_lines(app, column)).replace(" ", "")
        assert not has_actions(wall)
        assert app.is_running
        await phone.close()


@pytest.mark.browser
async def test_phone_follows_quick_moves_once(tmp_path: Path, phone: Page) -> None:
    """Two moves while the phone is still fetching the first: it ends on the latest step, its form bound once."""
    await phone.add_init_script(SSE_SPY)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await session_started(pilot)
        code = live.session.code
        await join_page(phone, app.join_url(code), organisation=ORGANISATION, sector="government")
        await phone.wait_for_function("s => window.__states.includes(s)", arg=state_key(live))

        release = asyncio.Event()
        held: list[str] = []

        async def hold(route: Route) -> None:
            if route.request.resource_type == "fetch":
                held.append(route.request.url)
                await release.wait()
            await route.continue_()

        posts: list[str] = []
        phone.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
        await phone.route(f"**/s/{code}", hold)
        try:
            await open_first_step(pilot, live)
            await phone.wait_for_function("s => window.__states.includes(s)", arg=state_key(live))
            await until(pilot, lambda: held, "the phone to fetch step 1")
            await pilot.press("right")
            await until(pilot, lambda: live.session.step == 1, "step 2 to open")
            await phone.wait_for_function("s => window.__states.includes(s)", arg=state_key(live))
        finally:
            release.set()

        prompt = live.session.activity.steps[1].prompt("th")
        await expect(phone.locator("h1.prompt")).to_have_text(prompt)
        await expect(phone.locator("#live")).to_have_attribute("data-state", state_key(live))
        await send_page(phone, 1, text=THAI_ANSWER)
        assert len(posts) == 1, "one tap sent the answer more than once"
        await until(pilot, lambda: wall_texts(app) == [THAI_ANSWER], "the answer on the wall")
        await expect(phone.locator("#mine .answer-text")).to_have_text([THAI_ANSWER])
        await phone.unroute(f"**/s/{code}", hold)
        await phone.close()


@pytest.mark.browser
async def test_no_javascript_form_post(tmp_path: Path, phone_context: ContextFactory) -> None:
    context = await phone_context(java_script_enabled=False)
    phone = await context.new_page()
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await session_started(pilot)
        await join_page(phone, app.join_url(live.session.code), organisation=ORGANISATION, sector="government")
        await expect(phone.locator("#live h1")).to_have_text("รอผู้อำนวยความสะดวกเริ่มกิจกรรม…")

        await open_first_step(pilot, live)
        await phone.get_by_role("link", name="รีเฟรช").click()
        await phone.wait_for_selector("textarea")

        action = await phone.get_attribute("#answer", "action")
        assert action is not None
        form = {
            "step": await phone.input_value("#answer input[name=step]"),
            "client_id": await phone.input_value("#answer input[name=client_id]"),
            "csrf": await phone.input_value("#answer input[name=csrf]"),
            "text": THAI_ANSWER,
        }
        await phone.fill("#text", THAI_ANSWER)
        async with phone.expect_navigation():
            await phone.click("#answer button[type=submit]")
        assert phone.url.endswith(f"/s/{live.session.code}")
        await expect(phone.locator("#mine .answer-text")).to_have_text([THAI_ANSWER])

        # The same form twice more, at once (a double tap, or "back" and send again): its client_id makes
        # every copy the one answer already stored.
        target = urljoin(phone.url, action)
        replies = await asyncio.gather(*(phone.request.post(target, form=form) for _ in range(2)))
        for reply in replies:
            assert reply.status == 200 and reply.url.endswith(f"/s/{live.session.code}")
            await reply.dispose()
        await phone.reload()
        await expect(phone.locator("#mine .answer-text")).to_have_text([THAI_ANSWER])
        assert [r.text for r in live.answers_for(0)] == [THAI_ANSWER]
        await until(pilot, lambda: wall_texts(app) == [THAI_ANSWER], "the answer on the wall")
        await phone.close()


@pytest.mark.browser
async def test_unknown_code_page(tmp_path: Path, phone: Page) -> None:
    app = make_app(tmp_path, activity=None)
    async with app.run_test(size=SIZE):
        assert app.server is not None
        base = f"http://127.0.0.1:{app.server.bound_port}"

        response = await phone.goto(f"{base}/j/9999")
        assert response is not None and response.status == 404
        await expect(phone.locator("h1")).to_have_text("ไม่พบกิจกรรมนี้")
        assert await phone.get_attribute("html", "lang") == "th"

        response = await phone.goto(f"{base}/j/9999?lang=en")
        assert response is not None and response.status == 404
        await expect(phone.locator("h1")).to_have_text("Session not found")
        assert await phone.get_attribute("html", "lang") == "en"
        await phone.close()
