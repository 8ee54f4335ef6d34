"""Following the session by polling: ``GET /s/{code}/state`` (for browsers without server-sent events)."""

from __future__ import annotations

from facilitator.server.requests import state_key
from tests.support import Served, new_phone


async def test_polling_answers_the_state_a_phone_follows(served: Served) -> None:
    async with new_phone() as phone:
        before = await (await phone.get(served.url("/s/{code}/state"))).json()
        assert before == {"state": state_key(served.live)}
        await served.live.goto(0)
        after = await (await phone.get(served.url("/s/{code}/state"))).json()
        assert after == {"state": state_key(served.live), "timer": None} and after != before
        unknown = await phone.get(served.base + "/s/ZZZZZZ/state")
        assert unknown.status == 404 and await unknown.json() == {"state": "unknown"}
