"""A phone's "my answers" through the real server and a real HTTP client: the latest answers listed with their
Edit and Withdraw, how many earlier ones there are and the link that lists them all (``?all=1``), a refused edit
of an older answer listed open with what was sent, and the view kept by the forms sent without the script."""

from __future__ import annotations

import html
import re

import aiohttp
import pytest

from facilitator.server.steps import MINE_SHOWN
from tests.server.conftest import BAN_NA, Serve
from tests.support import HTML, Served, answer, joined, post_answer, post_form

NOTES = [f"ข้อเสนอที่ {i + 1}: อยากให้หมู่บ้านมีน้ำสะอาด" for i in range(12)]
LISTED = re.compile(r'<li data-id="([^"]+)"')
EDIT_FORM = re.compile(r'<form id="edit-([^"]+)"')
WITHDRAW_FORM = re.compile(r'<form id="withdraw-([^"]+)"')
OPEN_EDIT = re.compile(r'<details class="edit" open>.*?<form id="edit-([^"]+)".*?<textarea[^>]*>(.*?)</textarea>', re.S)


@pytest.fixture
async def running(serve: Serve, held: int | None) -> Served:   # type: ignore[misc]
    async with serve("bar", step=0, answer_rate=(1000.0, 1000.0)) as served:   # 12 notes in a row are let in
        yield served


@pytest.fixture
async def phone(running: Served) -> aiohttp.ClientSession:   # type: ignore[misc]
    async with await joined(running, organisation=BAN_NA) as client:
        yield client


async def notes(phone: aiohttp.ClientSession, served: Served, n: int = len(NOTES)) -> list[str]:
    """Send ``n`` notes as the page's script does; their ids, oldest first."""
    return [(await answer(phone, served, {"text": text}, f"client-{i:04d}"))["answer"]["id"]
            for i, text in enumerate(NOTES[:n])]


async def notes_after(phone: aiohttp.ClientSession, served: Served, ids: list[str]) -> list[str]:
    """One more note after ``ids``; its id in a list."""
    return [(await answer(phone, served, {"text": "อีกหนึ่งข้อ"}, f"client-{len(ids):04d}"))["answer"]["id"]]


async def page(phone: aiohttp.ClientSession, served: Served, query: str = "") -> str:
    response = await phone.get(served.url("/s/{code}" + query), headers=HTML)
    assert response.status == 200
    return await response.text()


def more_line(text: str) -> str:
    """The line above "my answers" (how many earlier ones, the link), its tags left out; "" when there is none."""
    found = re.search(r'<p id="mine-more"[^>]*>(.*?)</p>', text, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()) if found else ""


@pytest.mark.parametrize("lang, earlier, show_all", [
    ("th", "ยังมีคำตอบก่อนหน้าอีก 7 คำตอบ", "แสดงทั้งหมด 12 คำตอบ"),
    ("en", "Earlier answers not shown: 7", "Show all 12"),
])
async def test_twelve_notes_list_the_latest_five_with_their_forms_and_count_the_earlier_ones(
    running: Served, phone: aiohttp.ClientSession, lang: str, earlier: str, show_all: str
) -> None:
    ids = await notes(phone, running)
    text = await page(phone, running, f"?lang={lang}")
    latest = ids[-MINE_SHOWN:]
    assert MINE_SHOWN == 5 and LISTED.findall(text) == latest   # newest last, as the page always listed them
    assert EDIT_FORM.findall(text) == latest and WITHDRAW_FORM.findall(text) == latest
    assert more_line(text) == f"{earlier} {show_all}"
    assert f'<a href="/s/{running.code}?all=1">{show_all}</a>' in text
    for shown, note in zip(ids, NOTES):
        assert (html.escape(note) in text) == (shown in latest)


async def test_show_all_lists_every_answer_and_the_way_back_to_the_latest(
    running: Served, phone: aiohttp.ClientSession
) -> None:
    ids = await notes(phone, running)
    text = await page(phone, running, "?all=1")
    assert LISTED.findall(text) == ids and EDIT_FORM.findall(text) == ids and WITHDRAW_FORM.findall(text) == ids
    assert more_line(text) == "แสดงเฉพาะ 5 คำตอบล่าสุด"
    assert f'<a href="/s/{running.code}">แสดงเฉพาะ 5 คำตอบล่าสุด</a>' in text
    english = await page(phone, running, "?all=1&lang=en")
    assert LISTED.findall(english) == ids and more_line(english) == "Show only the latest 5"


async def test_a_few_answers_are_all_listed_without_the_line(running: Served, phone: aiohttp.ClientSession) -> None:
    ids = await notes(phone, running, MINE_SHOWN)
    for query in ("", "?all=1"):
        text = await page(phone, running, query)
        assert LISTED.findall(text) == ids and 'id="mine-more"' not in text
    ids += await notes_after(phone, running, ids)
    text = await page(phone, running)
    assert LISTED.findall(text) == ids[1:] and more_line(text) == "ยังมีคำตอบก่อนหน้าอีก 1 คำตอบ แสดงทั้งหมด 6 คำตอบ"


async def test_hidden_answers_count_and_withdrawn_ones_do_not(running: Served, phone: aiohttp.ClientSession) -> None:
    ids = await notes(phone, running)
    await running.live.set_hidden(ids[0], True)     # an earlier one hidden: still counted
    await running.live.set_hidden(ids[-1], True)    # the latest hidden: listed, marked, without Edit
    text = await page(phone, running)
    assert LISTED.findall(text) == ids[-5:] and EDIT_FORM.findall(text) == ids[-5:-1]
    assert text.count('class="hidden-answer"') == 1 and "ผู้อำนวยความสะดวกซ่อนคำตอบนี้ไว้" in text
    assert more_line(text) == "ยังมีคำตอบก่อนหน้าอีก 7 คำตอบ แสดงทั้งหมด 12 คำตอบ"
    withdrawn = await post_form(phone, running, f"/s/{{code}}/answers/{ids[-2]}/withdraw", headers=HTML,
                                allow_redirects=False)
    assert withdrawn.status == 303   # withdrawn: not listed nor counted, an earlier one comes into view
    text = await page(phone, running)
    assert LISTED.findall(text) == [*ids[-6:-2], ids[-1]]
    assert more_line(text) == "ยังมีคำตอบก่อนหน้าอีก 6 คำตอบ แสดงทั้งหมด 11 คำตอบ"


@pytest.mark.parametrize("lang, sent, said", [
    ("th", "", "คำตอบว่างเปล่า กรุณาพิมพ์ข้อความ"),
    ("en", "   ", "The answer is empty"),
    ("th", "<b>ยาว</b>" * 60, "ข้อความยาวเกินไป"),
    ("en", "<script>alert(1)</script>" * 21, "too long"),
])
async def test_a_refused_edit_of_the_oldest_answer_lists_it_open_with_what_was_sent(
    running: Served, phone: aiohttp.ClientSession, lang: str, sent: str, said: str
) -> None:
    ids = await notes(phone, running)
    response = await post_form(phone, running, f"/s/{{code}}/answers/{ids[0]}/edit?lang={lang}", {"text": sent},
                               headers=HTML, allow_redirects=False)
    text = await response.text()
    assert response.status == 422 and said in text
    assert LISTED.findall(text) == [ids[0], *ids[-5:]]   # the oldest, in its place before the latest
    assert OPEN_EDIT.findall(text) == [(ids[0], html.escape(sent.strip() or sent, quote=False))]
    assert "<script>alert" not in text and "<b>ยาว" not in text   # what was sent stays text
    earlier = {"th": "ยังมีคำตอบก่อนหน้าอีก 6 คำตอบ แสดงทั้งหมด 12 คำตอบ", "en": "Earlier answers not shown: 6 Show all 12"}
    assert more_line(text) == earlier[lang]
    assert [a.text for a in running.live.answers_for(0)] == NOTES   # nothing changed


async def test_a_refused_edit_of_a_latest_answer_lists_only_the_latest(
    running: Served, phone: aiohttp.ClientSession
) -> None:
    ids = await notes(phone, running)
    response = await post_form(phone, running, f"/s/{{code}}/answers/{ids[-3]}/edit", {"text": " "}, headers=HTML)
    text = await response.text()
    assert response.status == 422 and LISTED.findall(text) == ids[-5:]
    assert OPEN_EDIT.findall(text) == [(ids[-3], " ")]


async def test_answers_the_script_says_are_open_stay_listed_and_open(
    running: Served, phone: aiohttp.ClientSession
) -> None:
    ids = await notes(phone, running)
    hostile = '"><script>alert(1)</script>'
    text = await page(phone, running, f"?open={ids[0]},{ids[-2]},{hostile},nope")
    assert LISTED.findall(text) == [ids[0], *ids[-5:]]   # the older open one before the latest
    assert OPEN_EDIT.findall(text) == [(ids[0], html.escape(NOTES[0], quote=False)),
                                       (ids[-2], html.escape(NOTES[-2], quote=False))]
    assert "<script>alert" not in text
    assert more_line(text) == "ยังมีคำตอบก่อนหน้าอีก 6 คำตอบ แสดงทั้งหมด 12 คำตอบ"


async def test_without_the_script_the_forms_keep_the_show_all_view(
    running: Served, phone: aiohttp.ClientSession
) -> None:
    ids = await notes(phone, running)
    text = await page(phone, running, "?all=1")
    code = running.code
    assert f'action="/s/{code}/answers?all=1"' in text and f'href="/s/{code}?all=1">รีเฟรช' in text
    assert f'action="/s/{code}/answers/{ids[0]}/edit?all=1"' in text
    assert f'action="/s/{code}/answers/{ids[0]}/withdraw?all=1"' in text

    edited = await post_form(phone, running, f"/s/{{code}}/answers/{ids[0]}/edit?all=1", {"text": "แก้แล้ว"},
                             headers=HTML, allow_redirects=False)
    assert edited.status == 303 and edited.headers["Location"] == f"/s/{code}?all=1"
    refused = await post_form(phone, running, f"/s/{{code}}/answers/{ids[1]}/edit?all=1", {"text": ""},
                              headers=HTML, allow_redirects=False)
    text = await refused.text()
    assert refused.status == 422 and LISTED.findall(text) == ids and OPEN_EDIT.findall(text) == [(ids[1], "")]
    added = await post_form(phone, running, "/s/{code}/answers?all=1",
                            {"step": "0", "client_id": "client-0100", "text": "ข้อใหม่"}, headers=HTML,
                            allow_redirects=False)
    assert added.status == 303 and added.headers["Location"] == f"/s/{code}?all=1"
    plain = await post_answer(phone, running, {"text": "อีกข้อ"}, "client-0101", headers=HTML, follow=False)
    assert plain.status == 303 and plain.headers["Location"] == f"/s/{code}"   # the plain view stays plain
    withdrawn = await post_form(phone, running, f"/s/{{code}}/answers/{ids[2]}/withdraw?all=1", headers=HTML)
    text = await withdrawn.text()   # the redirect followed: every answer but the one withdrawn
    assert withdrawn.status == 200 and str(withdrawn.url).endswith(f"/s/{code}?all=1")
    listed = LISTED.findall(text)
    assert len(listed) == 13 and listed[:11] == [ids[0], ids[1], *ids[3:]] and "แก้แล้ว" in text


LANGUAGE_LINK = re.compile(r'<a class="lang" href="([^"]+)"')


async def test_the_language_link_keeps_the_view_and_leads_to_a_page_from_a_refused_form(
    running: Served, phone: aiohttp.ClientSession
) -> None:
    ids = await notes(phone, running)
    every = f"/s/{running.code}?all=1&lang=en"
    assert [html.unescape(link) for link in LANGUAGE_LINK.findall(await page(phone, running, "?all=1"))] == [every]
    refused = await post_form(phone, running, f"/s/{{code}}/answers/{ids[0]}/edit?all=1", {"text": " "},
                              headers=HTML, allow_redirects=False)
    assert refused.status == 422   # drawn at the edit's address, which takes only a POST
    (link,) = LANGUAGE_LINK.findall(await refused.text())
    assert html.unescape(link) == every   # the step page in English, still listing every answer
    english = await phone.get(running.url(every), headers=HTML)
    assert english.status == 200
    text = await english.text()
    assert LISTED.findall(text) == ids and more_line(text) == "Show only the latest 5"
