"""The step's countdown as phones meet it through the real server: told on the page and the event stream, and
a step set to stop at zero refusing answers (409, in the phone's language, the text given back) until the
facilitator adds a minute. The live session's clock is turned by the test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from markupsafe import escape

from facilitator.core.i18n import t
from tests.server.conftest import BAN_NA, Serve
from tests.support import (
    HTML,
    FakeClock,
    Served,
    answer,
    joined,
    next_announcement,
    post_answer,
)

#: A hostile answer: it must come back as text in the box, never as markup.
TYPED = 'น้ำท่วมทุกปี <script>alert(1)</script> & "ฝาย"'


@pytest.fixture
async def step(serve: Serve) -> AsyncIterator[tuple[Served, FakeClock]]:
    """A BAR session at its first step, counting with a clock the test turns."""
    async with serve("bar", step=0) as served:
        clock = FakeClock()
        served.live.clock = clock
        yield served, clock


@pytest.fixture
async def phone(step: tuple[Served, FakeClock]) -> AsyncIterator[aiohttp.ClientSession]:
    async with await joined(step[0], organisation=BAN_NA) as client:
        yield client


async def test_at_zero_with_the_stop_option_answers_are_refused_until_a_minute_is_added(
    step: tuple[Served, FakeClock], phone: aiohttp.ClientSession,
) -> None:
    served, clock = step
    await served.live.set_timer(1, stop_at_zero=True)
    await answer(phone, served, {"text": "ก่อนหมดเวลา"}, "client-0001")
    clock.turn(60)

    refused = await post_answer(phone, served, {"text": TYPED}, "client-0002")
    body = await refused.json()
    assert refused.status == 409
    assert body == {"ok": False, "reason": "time_up", "message": t("time_up", "th")}

    page = await post_answer(phone, served, {"text": TYPED}, "client-0003", headers=HTML)
    text = await page.text()
    assert page.status == 409
    assert t("time_up", "th") in text
    assert f">{escape(TYPED)}</textarea>" in text   # nothing typed is lost
    assert "<script>alert(1)</script>" not in text

    assert [a.text for a in served.store.load(served.live.session.id).answers] == ["ก่อนหมดเวลา"]

    await served.live.add_minute()
    await answer(phone, served, {"text": TYPED}, "client-0002")
    assert [a.text for a in served.store.load(served.live.session.id).answers] == ["ก่อนหมดเวลา", TYPED]


async def test_the_refusal_speaks_the_phones_language(
    step: tuple[Served, FakeClock], phone: aiohttp.ClientSession,
) -> None:
    served, clock = step
    await served.live.set_timer(2, stop_at_zero=True)
    clock.turn(121)
    page = await post_answer(phone, served, {"text": TYPED}, "client-0001", headers={**HTML, "Cookie": "flang=en"})
    assert page.status == 409 and t("time_up", "en") in await page.text()


async def test_at_zero_without_the_stop_option_answers_are_taken(
    step: tuple[Served, FakeClock], phone: aiohttp.ClientSession,
) -> None:
    served, clock = step
    await served.live.set_timer(1)
    clock.turn(600)
    await answer(phone, served, {"text": TYPED}, "client-0001")
    assert len(served.store.load(served.live.session.id).answers) == 1


async def test_the_page_says_the_minutes_left_without_a_script(
    step: tuple[Served, FakeClock], phone: aiohttp.ClientSession,
) -> None:
    served, clock = step
    page = await (await phone.get(served.url("/s/{code}"))).text()
    assert 'id="timer"' in page and t("timer_left_minutes", "th", n=5) not in page
    await served.live.set_timer(5, stop_at_zero=True)
    clock.turn(100)   # 200 s left: "about 4 minutes"
    page = await (await phone.get(served.url("/s/{code}"))).text()
    assert t("timer_left_minutes", "th", n=4) in page and 'data-remaining="200"' in page
    clock.turn(200)
    page = await (await phone.get(served.url("/s/{code}"))).text()
    assert t("timer_over", "th") in page and t("timer_closed_phone", "th") in page


async def test_the_countdown_is_announced_in_seconds_left(
    step: tuple[Served, FakeClock], phone: aiohttp.ClientSession,
) -> None:
    served, clock = step
    polled = await (await phone.get(served.url("/s/{code}/state"))).json()
    assert polled["timer"] is None
    async with phone.get(served.url("/s/{code}/events")) as stream:
        first = await next_announcement(stream)
        assert first["timer"] is None
        await served.live.set_timer(3, stop_at_zero=True)
        assert (await next_announcement(stream))["timer"] == {"step": 0, "remaining": 180, "paused": False,
                                                              "stops": True}
        clock.turn(30)
        await served.live.toggle_timer()
        paused = await next_announcement(stream)
        assert paused["timer"] == {"step": 0, "remaining": 150, "paused": True, "stops": True}
        assert paused["state"] == first["state"]   # the page itself does not change: no reload
        await served.live.add_minute()
        assert (await next_announcement(stream))["timer"]["remaining"] == 210
        await served.live.advance()
        assert (await next_announcement(stream))["timer"] is None   # the next step has no countdown
    polled = await (await phone.get(served.url("/s/{code}/state"))).json()
    assert polled["timer"] is None
