"""The step page is drawn from kept frames (:mod:`facilitator.server.frames`), through the real server and real
HTTP clients: what one phone's page shows never reaches another phone's, and what changes for a phone (its
answer hidden, a countdown started, the next step, its language) is on its very next page."""

from __future__ import annotations

import re

import aiohttp

from tests.server.conftest import BAN_NA, THA_KHAM, Serve
from tests.support import HTML, Served, answer, joined, post_answer

SELECTED = re.compile(r'<option value="([^"]+)" selected>')
CHECKED = re.compile(r'name="(light\.[^"]+)" value="([a-z]+)" checked')


async def page(phone: aiohttp.ClientSession, served: Served, query: str = "") -> str:
    response = await phone.get(served.url("/s/{code}" + query), headers=HTML)
    assert response.status == 200
    return await response.text()


async def test_the_lobby_shows_each_phone_its_own_name(serve: Serve) -> None:
    async with serve("bar", step=None) as served:
        async with await joined(served, name="สมศรี", organisation=BAN_NA) as somsri, \
                await joined(served, name="ปิยะนุช", organisation=THA_KHAM) as piyanuch:
            for _ in range(2):   # the second time from kept frames
                mine, theirs = await page(somsri, served), await page(piyanuch, served)
                assert "สมศรี" in mine and BAN_NA in mine and "ปิยะนุช" not in mine and THA_KHAM not in mine
                assert "ปิยะนุช" in theirs and THA_KHAM in theirs and "สมศรี" not in theirs


async def test_each_phone_s_form_shows_its_own_organisation_and_its_own_last_answer(serve: Serve) -> None:
    async with serve("checkin", step=2) as served:   # actions: answered in an organisation's name
        async with await joined(served, organisation=BAN_NA) as one, await joined(served, organisation=THA_KHAM) as two:
            for _ in range(2):
                assert SELECTED.findall(await page(one, served)) == [BAN_NA]
                assert SELECTED.findall(await page(two, served)) == [THA_KHAM]
    async with serve("health") as served:   # ratings: the phone's latest answer is its form's values
        blocks = [block.id for block in served.live.session.activity.steps[0].options]
        async with await joined(served, organisation=BAN_NA) as one, await joined(served, organisation=THA_KHAM) as two:
            assert CHECKED.findall(await page(two, served)) == []
            sent = await post_answer(one, served, {f"light.{blocks[0]}": "red", f"light.{blocks[1]}": "green"},
                                     "light-0001")
            assert sent.status == 200
            for _ in range(2):
                assert CHECKED.findall(await page(one, served)) == [(f"light.{blocks[0]}", "red"),
                                                                    (f"light.{blocks[1]}", "green")]
                assert CHECKED.findall(await page(two, served)) == []


async def test_what_changes_for_a_phone_is_on_its_next_page(serve: Serve) -> None:
    async with serve("bar", step=0, answer_rate=(1000.0, 1000.0)) as served:
        live = served.live
        async with await joined(served, organisation=BAN_NA) as phone:
            sent = [(await answer(phone, served, {"text": f"ข้อเสนอที่ {n}"}, f"client-{n:04d}"))["answer"]["id"]
                    for n in range(3)]
            before = await page(phone, served)
            assert without_client_id(await page(phone, served)) == without_client_id(before)
            assert 'class="hidden-answer"' not in before and 'id="timer"' in before and "hidden>" in before

            await live.set_hidden(sent[1], True)
            hidden = await page(phone, served)
            assert hidden.count('class="hidden-answer"') == 1 and f'<li data-id="{sent[1]}" class="hidden-answer">' in hidden

            await live.set_timer(5)
            timed = await page(phone, served)
            assert 'data-remaining="300"' in timed or 'data-remaining="299"' in timed
            assert "5 นาที" in timed

            english = await page(phone, served, "?lang=en")
            assert 'lang="en"' in english and "My answers" in english and "ข้อเสนอที่ 2" in english
            assert 'lang="en"' in await page(phone, served)   # the phone's choice, kept in its cookie

            await live.advance()
            following = await page(phone, served)
            step = live.session.activity.steps[1]
            assert step.prompt("en") in following and step.prompt("en") not in before
            assert "ข้อเสนอที่" not in following   # the new step's own answers: none yet
    assert served.live.session.step == 1


def without_client_id(text: str) -> str:
    """The page with its new answer's client id (a new one on every page) left out."""
    return re.sub(r'name="client_id" value="[^"]+"', 'name="client_id"', text)


async def test_each_phone_lists_its_own_answers_with_their_own_ids_and_counts(serve: Serve) -> None:
    async with serve("bar", step=0, answer_rate=(1000.0, 1000.0)) as served:
        async with await joined(served, organisation=BAN_NA) as one, await joined(served, organisation=THA_KHAM) as two:
            ids: dict[str, list[str]] = {"one": [], "two": []}
            for n in range(7):   # one has seven answers, two has six: both share the listed answers' frames
                for name, phone in (("one", one), ("two", two))[: 2 if n < 6 else 1]:
                    sent = await answer(phone, served, {"text": f"{name} <b>{n}</b> &"}, f"{name}-{n:04d}")
                    ids[name].append(sent["answer"]["id"])
            for name, phone, other, earlier in (("one", one, "two", 2), ("two", two, "one", 1)):
                text = await page(phone, served)
                listed = re.findall(r'<li data-id="([^"]+)"', text)
                assert listed == ids[name][-5:]   # the latest five, in arrival order
                for n, answer_id in enumerate(ids[name]):
                    shown = n >= len(ids[name]) - 5
                    assert (f'<span class="answer-text">{name} &lt;b&gt;{n}&lt;/b&gt; &amp;</span>' in text) == shown
                    assert (f'/answers/{answer_id}/withdraw"' in text) == shown
                    assert (f'id="edit-{answer_id}"' in text) == shown
                assert f"{name} &lt;b&gt;{len(ids[name]) - 1}&lt;/b&gt; &amp;</textarea>" in text
                assert f"{other} &lt;b&gt;" not in text and not any(i in text for i in ids[other])
                assert f"ยังมีคำตอบก่อนหน้าอีก {earlier} คำตอบ" in text
                assert f"แสดงทั้งหมด {len(ids[name])} คำตอบ" in text
                assert "<b>" not in text
