"""Dot voting over the real server: the BAR's vote over its challenges, with and without the page's script — a
valid ballot, each broken rule refused with a page in the phone's language, and a new ballot replacing the
earlier one."""

from __future__ import annotations

import aiohttp
from markupsafe import escape

from facilitator.core.model import Answer
from facilitator.core.summaries.votes import votes_summary
from tests.server.conftest import BAN_NA, THA_KHAM, Serve
from tests.support import HTML, Served, answer, joined, post_answer

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)> [@click=app.quit]x'
CHALLENGES = ["เวลาว่างของภาคีไม่ตรงกัน", HOSTILE, "ข้อมูลกระจายอยู่หลายหน่วยงาน"]


def index_of(served: Served, step_id: str) -> int:
    return [step.id for step in served.live.session.activity.steps].index(step_id)


async def open_vote(served: Served, phone: aiohttp.ClientSession) -> list[Answer]:
    """Answer the BAR's challenges step (one note each), then open the vote over them; the notes."""
    await served.live.goto(index_of(served, "challenges"))
    for number, text in enumerate(CHALLENGES):
        await answer(phone, served, {"text": text}, f"challenge-{number:04d}")
    await served.live.goto(index_of(served, "challenges-vote"))
    return served.live.answers_for(index_of(served, "challenges"))


def ranking(served: Served) -> list[tuple[str, int, int]]:
    live = served.live
    (vote,) = votes_summary(live.session, live.answers, [index_of(served, "challenges-vote")])["steps"]
    return [(item["label"]["th"], item["dots"], item["voters"]) for item in vote["items"]]


async def test_the_vote_page_lists_the_answers_escaped_with_a_select_each(serve: Serve) -> None:
    async with serve("bar", step=None) as served:
        async with await joined(served, organisation=BAN_NA) as phone:
            notes = await open_vote(served, phone)
            page = await (await phone.get(served.url("/s/{code}"))).text()
    assert page.count('class="item vote"') == 3
    for note in notes:
        assert '<select id="dots-' in page and f'name="dots.{note.id}"' in page
    assert HOSTILE not in page and str(escape(HOSTILE)) in page  # the answer is shown as text, never as HTML
    assert 'data-dots="3"' in page and 'data-most="1"' in page
    assert "คุณมี 3 จุด ให้ได้ข้อละไม่เกิน 1 จุด" in page and "เหลือ 3 จุด" in page
    assert '<option value="1">1</option>' in page and '<option value="2">' not in page  # one dot per item


async def test_a_valid_ballot_is_stored_shown_in_words_and_ranked(serve: Serve) -> None:
    async with serve("bar", step=None) as served:
        async with await joined(served, organisation=BAN_NA) as phone:
            notes = await open_vote(served, phone)
            body = await answer(phone, served, {f"dots.{notes[0].id}": "1", f"dots.{notes[2].id}": "1",
                                                f"dots.{notes[1].id}": "0"}, "ballot-0001")
            assert body["answer"]["lines"] == [f"{CHALLENGES[0]}: 1", f"{CHALLENGES[2]}: 1"]
            (ballot,) = served.live.answers_for(served.step or 0)
            assert ballot.data == {"dots": {notes[0].id: 1, notes[2].id: 1}}
            page = await (await phone.get(served.url("/s/{code}"))).text()
    assert f"<li>{CHALLENGES[0]}: 1</li>" in page and "เหลือ 1 จุด" in page
    assert '<option value="1" selected>' in page  # the form shows the ballot that counts
    assert ranking(served)[:2] == [(CHALLENGES[0], 1, 1), (CHALLENGES[2], 1, 1)]


async def test_broken_rules_get_a_400_page_in_the_phones_language_and_nothing_is_stored(serve: Serve) -> None:
    async with serve("bar", step=None) as served:
        async with (await joined(served, organisation=BAN_NA) as phone,
                    await joined(served, organisation=THA_KHAM) as english):
            await english.get(served.url("/s/{code}?lang=en"))   # this phone reads English from now on
            notes = await open_vote(served, phone)
            ids = [note.id for note in notes]
            await answer(phone, served, {f"dots.{ids[0]}": "1"}, "ballot-0001")
            stored = list(served.live.answers)
            cases = [
                ([(f"dots.{ids[0]}", "1"), (f"dots.{ids[1]}", "1"), (f"dots.{ids[2]}", "1"), ("dots.zz", "1")],
                 "ไม่มีรายการนี้ในการโหวต กรุณาโหลดหน้าใหม่", "That item is not in this vote: please reload the page."),
                ({f"dots.{ids[1]}": "2"}, "การโหวตนี้ให้ได้ข้อละไม่เกิน 1 จุด", "At most one dot per item in this vote."),
                ({"dots.nope": "1"}, "ไม่มีรายการนี้ในการโหวต กรุณาโหลดหน้าใหม่",
                 "That item is not in this vote: please reload the page."),
                ({f"dots.{ids[0]}": "0"}, "กรุณาให้จุดอย่างน้อย 1 จุด", "Place at least one dot."),
            ]
            for number, (form, thai, english_text) in enumerate(cases, start=2):
                for who, said in ((phone, thai), (english, english_text)):
                    reply = await post_answer(who, served, form, f"ballot-{number:04d}", headers=HTML)
                    assert reply.status == 400, form
                    page = await reply.text()
                    assert f'<p class="error" role="alert">{said}</p>' in page
                    assert 'name="dots.' in page   # the form again, to fix and send
            assert served.live.answers == stored   # nothing stored, nothing lost
            json_reply = await post_answer(phone, served, {f"dots.{ids[1]}": "2"}, "ballot-0009")
            assert json_reply.status == 400 and (await json_reply.json())["reason"] == "one_dot_each"
            page = await (await phone.get(served.url("/s/{code}"))).text()
    assert f"<li>{CHALLENGES[0]}: 1</li>" in page   # the earlier ballot still counts
    assert ranking(served)[0] == (CHALLENGES[0], 1, 1)


async def test_too_many_dots_are_refused_where_dots_stack(serve: Serve, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "stacked.toml"
    path.write_text(
        'id = "stacked"\nname = { th = "โหวต", en = "Vote" }\n'
        '[[steps]]\nid = "areas"\nkind = "votes"\ndots = 4\nstack = true\nprompt = { th = "พื้นที่นำร่อง", en = "Pilot areas" }\n'
        '[[steps.options]]\nid = "na"\nth = "บ้านนา"\nen = "Ban Na"\n'
        '[[steps.options]]\nid = "kham"\nth = "ท่าข้าม"\nen = "Tha Kham"\n', encoding="utf-8")
    async with serve(str(path)) as served:
        async with await joined(served, organisation=BAN_NA) as phone:
            page = await (await phone.get(served.url("/s/{code}?lang=en"))).text()
            assert 'data-most="4"' in page and '<option value="4">4</option>' in page
            assert "You have 4 dots: several may go on one item" in page
            reply = await post_answer(phone, served, {"dots.na": "3", "dots.kham": "2"}, "ballot-0001", headers=HTML)
            assert reply.status == 400
            assert '<p class="error" role="alert">That is more dots than you have.</p>' in await reply.text()
            assert served.live.answers == []
            await answer(phone, served, {"dots.na": "3", "dots.kham": "1"}, "ballot-0002")
    assert served.live.answers[0].data == {"dots": {"na": 3, "kham": 1}}


async def test_a_new_ballot_replaces_the_earlier_one(serve: Serve) -> None:
    async with serve("bar", step=None) as served:
        async with (await joined(served, organisation=BAN_NA) as phone,
                    await joined(served, organisation=THA_KHAM) as other):
            notes = await open_vote(served, phone)
            ids = [note.id for note in notes]
            await answer(phone, served, {f"dots.{ids[0]}": "1", f"dots.{ids[1]}": "1"}, "ballot-0001")
            await answer(other, served, {f"dots.{ids[1]}": "1"}, "ballot-0002")
            assert ranking(served)[0] == (HOSTILE, 2, 2)
            reply = await post_answer(phone, served, {f"dots.{ids[2]}": "1"}, "ballot-0003", headers=HTML,
                                      follow=False)
            assert reply.status == 303   # without the page's script: back to the page
            page = await (await phone.get(served.url("/s/{code}"))).text()
    assert ranking(served) == [(HOSTILE, 1, 1), (CHALLENGES[2], 1, 1), (CHALLENGES[0], 0, 0)]
    assert f"<li>{CHALLENGES[2]}: 1</li>" in page and f"{CHALLENGES[0]}: 1</li>" not in page
    assert len(served.live.answers_for(served.step or 0)) == 3   # every ballot is kept; the latest counts
