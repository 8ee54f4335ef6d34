"""A session the room does not serve: while the facilitator's laptop restarts (or has not resumed it yet) its
phones are told it will be back in a moment (503, ``Retry-After``), never that their code is wrong; a closed
session offers its partnership's session that is open now.

Each test stores sessions through a first workshop, then serves the same data directory from a second store
and workshop, as the app does after a restart: the real server on 127.0.0.1, port 0, a real HTTP client.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from activities import load
from facilitator.core.live import LiveSession
from facilitator.core.workshop import Workshop
from facilitator.server.app import Server, make_app
from facilitator.server.requests import state_key
from facilitator.store import Store
from tests.support import JSON, Served, answer, join, new_phone, next_state

ANSWER = "อยากให้ชุมชนมีส่วนร่วมในการวางแผน"
BACK_SOON_TH = "การประชุมจะกลับมาในอีกสักครู่"
BACK_SOON_EN = "The meeting will be back in a moment"
NOT_FOUND_TH = "ไม่พบกิจกรรมนี้"
#: Seconds a pushed state may take (less than the stream's keep-alive: a comment is no state).
STREAM_WAIT = 10


@asynccontextmanager
async def serving(data: Path) -> AsyncIterator[tuple[Workshop, str, Store]]:
    """The participants' server over the data directory ``data``, serving no session until one is resumed:
    its workshop, its base address and its store."""
    store = Store(data)
    workshop = Workshop(store)
    server = Server(make_app(workshop.room), "127.0.0.1", 0)
    await server.start()
    try:
        yield workshop, f"http://127.0.0.1:{server.bound_port}", store
    finally:
        await server.stop()
        await store.close()


async def open_at_first_step(workshop: Workshop, title: str, partnership_id: str | None = None) -> LiveSession:
    live = await workshop.open_session(load("bar"), title, partnership_id=partnership_id)
    await live.goto(0)
    return live


async def test_a_session_not_resumed_yet_is_back_in_a_moment_never_a_wrong_code(tmp_path: Path) -> None:
    async with new_phone() as phone:
        async with serving(tmp_path) as (workshop, base, store):
            live = await open_at_first_step(workshop, "ประชุมภาคีตำบล")
            served = Served(live, base, store)
            await join(phone, served, organisation="รพ.สต.บ้านนา")
            await answer(phone, served, {"text": ANSWER}, "client-0001")
        code, session_id = live.session.code, live.session.id

        async with serving(tmp_path) as (workshop, base, store):  # the laptop is back; the session not resumed yet
            page = await phone.get(f"{base}/s/{code}")
            text = await page.text()
            assert page.status == 503 and page.headers["Retry-After"] == "5"
            assert BACK_SOON_TH in text and NOT_FOUND_TH not in text
            assert f'<meta http-equiv="refresh" content="5; url=/s/{code}">' in text  # no script needed
            assert re.search(rf'<a id="refresh" class="button" href="/s/{code}">รีเฟรช</a>', text)

            english = await phone.get(f"{base}/j/{code}?lang=en")
            text = await english.text()
            assert english.status == 503 and english.headers["Retry-After"] == "5"
            assert BACK_SOON_EN in text and '<html lang="en">' in text and "Session not found" not in text
            assert f'href="/j/{code}">Refresh</a>' in text

            events = await phone.get(f"{base}/s/{code}/events")
            assert events.status == 503 and events.headers["Retry-After"] == "5"
            polled = await phone.get(f"{base}/s/{code}/state")
            assert polled.status == 503 and await polled.json() == {"state": "back_soon"}
            sent = await phone.post(f"{base}/s/{code}/answers", headers=JSON,
                                    data={"step": "0", "client_id": "client-0002", "text": "ระหว่างรอ"})
            body = await sent.json()
            assert sent.status == 503 and body["reason"] == "back_soon" and body["message"] == BACK_SOON_EN
            typed = await phone.get(f"{base}/?code={code}")  # the code typed into the box on "/"
            assert typed.status == 503 and typed.url.path == f"/j/{code}"

            unknown = await phone.get(f"{base}/s/99999999")  # a code no session has is still "not found"
            assert unknown.status == 404 and "Session not found" in await unknown.text()

            workshop.resume_session(session_id)
            back = await phone.get(f"{base}/s/{code}?lang=th")
            text = await back.text()
            assert back.status == 200 and ANSWER in text and BACK_SOON_TH not in text
            assert (await phone.get(f"{base}/s/{code}/state")).status == 200


async def test_a_closed_session_offers_the_partnerships_session_open_now(tmp_path: Path) -> None:
    hostile_title = '<b onclick="x()">ประชุมครั้งที่สอง</b>'
    async with new_phone() as phone, new_phone() as stranger:
        async with serving(tmp_path) as (workshop, base, store):
            partnership = store.create_partnership("ภาคีตำบลบ้านนา")
            first = await open_at_first_step(workshop, "ประชุมครั้งแรก", partnership.id)
            await join(phone, Served(first, base, store), organisation="รพ.สต.บ้านนา")
            await workshop.close_session(first)

            alone = await phone.get(f"{base}/s/{first.session.code}")  # nothing else is open yet
            assert alone.status == 200 and 'id="open-now"' not in await alone.text()

            second = await open_at_first_step(workshop, hostile_title, partnership.id)
            other = await open_at_first_step(workshop, "ภาคีอื่น")  # another partnership's is never offered
            offer = (f'<a id="open-now" class="button" href="/j/{second.session.code}">'
                     "เข้าร่วมกิจกรรมที่เปิดอยู่ตอนนี้: &lt;b onclick=&#34;x()&#34;&gt;ประชุมครั้งที่สอง&lt;/b&gt;</a>")
            left_on_it = await phone.get(f"{base}/s/{first.session.code}")
            text = await left_on_it.text()
            assert left_on_it.status == 200 and "ปิดกิจกรรมแล้ว" in text and offer in text
            assert other.session.code not in text
            joining = await stranger.get(f"{base}/j/{first.session.code}")
            assert joining.status == 410 and offer in await joining.text()
            english = await stranger.get(f"{base}/j/{first.session.code}?lang=en")
            assert "Join the session that is open now: &lt;b" in await english.text()
        second_id = second.session.id

        async with serving(tmp_path) as (workshop, base, store):  # after a restart the closed one is not served
            workshop.resume_session(second_id)
            page = await phone.get(f"{base}/s/{first.session.code}?lang=th")
            text = await page.text()
            assert page.status == 410 and "ปิดกิจกรรมแล้ว" in text and offer in text and NOT_FOUND_TH not in text
            stream = await phone.get(f"{base}/s/{first.session.code}/events")
            assert stream.status == 200 and stream.content_type == "text/event-stream"
            assert 'data: {"state": "closed"}' in await stream.text()  # its page reloads and shows this
            polled = await phone.get(f"{base}/s/{first.session.code}/state")
            assert polled.status == 410 and await polled.json() == {"state": "closed"}
            await workshop.close_session(workshop.resume_session(second_id))
            none_open = await phone.get(f"{base}/s/{first.session.code}")
            assert none_open.status == 410 and 'id="open-now"' not in await none_open.text()


async def test_a_phone_left_on_a_closed_session_learns_when_the_partnerships_next_one_opens(tmp_path: Path) -> None:
    async with new_phone() as phone, serving(tmp_path) as (workshop, base, store):
        partnership = store.create_partnership("ภาคีตำบลบ้านนา")
        first = await open_at_first_step(workshop, "ประชุมครั้งแรก", partnership.id)
        await join(phone, Served(first, base, store), organisation="รพ.สต.บ้านนา")
        await workshop.close_session(first)
        async with phone.get(f"{base}/s/{first.session.code}/events") as stream:
            closed = await asyncio.wait_for(next_state(stream), STREAM_WAIT)
            assert closed == state_key(first)
            await open_at_first_step(workshop, "ภาคีอื่น")  # another partnership's: same state again
            assert await asyncio.wait_for(next_state(stream), STREAM_WAIT) == closed
            second = await open_at_first_step(workshop, "ประชุมครั้งที่สอง", partnership.id)
            offered = await asyncio.wait_for(next_state(stream), STREAM_WAIT)
            assert offered != closed and second.session.code in offered
        page = await phone.get(f"{base}/s/{first.session.code}")
        text = await page.text()
        assert f'data-state="{offered}"' in text and f'href="/j/{second.session.code}"' in text
        assert await (await phone.get(f"{base}/s/{first.session.code}/state")).json() == {"state": offered}
