"""The projected screen against the real server on loopback and a real HTTP client (the phones)."""

from __future__ import annotations

import socket
from pathlib import Path

import aiohttp
import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

import exports
from exports.filenames import session_date
from exports.saving import file_name
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.session import SessionScreen
from facilitator.tui.widgets.wall import AnswerWall
from tests.support import (
    wall_cards,
    choosing_formats,
    Served,
    close_session,
    live_of,
    make_app,
    next_state,
    post_answer,
    screen_text,
    session_joined,
    session_started,
    until,
    wall_texts,
)

HOSTILE = [
    "[@click=app.quit]x",
    "a [/] b",
    "[/",
    "[TODO]",
    "[$accent]",
    "[link=https://x]y",
    "<script>alert(1)</script>",
    "=HYPERLINK(\"http://x\",\"y\")",
]


async def open_first_step(pilot: Pilot[int], phone: aiohttp.ClientSession, app: FacilitatorApp,
                          **fields: str) -> Served:
    """Wait for the join screen, join from ``phone`` with ``fields``, and open the first step."""
    served = await session_joined(pilot, (phone, fields))
    await pilot.press("right")
    await until(pilot, lambda: served.step == 0)
    return served


async def test_join_and_answer_reach_the_wall(tmp_path: Path, phone: aiohttp.ClientSession) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        served = await session_joined(pilot, (phone, {"name": "สมศรี", "organisation": "รพ.สต.บ้านนา",
                                                      "sector": "government"}))
        counts = app.screen.query_one("#join-counts", Static)
        await until(pilot, lambda: "1" in str(counts.render()) and "ภาครัฐ" in str(counts.render()))
        from textual.widgets import Digits

        big_code = app.screen.query_one("#join-code", Digits)  # large enough for the back row
        assert big_code.value == served.code
        await until(pilot, lambda: big_code.size.height == 3, "the join code drawn three rows tall")
        await pilot.press("right")
        await until(pilot, lambda: served.step == 0)
        prompt = app.screen.query_one("#prompt", Static)
        assert "เป้าหมายของเราคืออะไร" in str(prompt.render())
        assert "เช่น ภายใน 6 เดือน ทุกตำบลใช้ข้อมูลผู้สูงอายุชุดเดียวกัน" in str(prompt.render())  # the step's hint
        response = await post_answer(phone, served, {"text": "ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม"}, "client-0001")
        assert response.status == 200 and (await response.json())["ok"] is True
        await until(pilot, lambda: wall_texts(app) == ["ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม"])


async def test_step_changes_follow_on_the_phone_and_the_wall(tmp_path: Path, phone: aiohttp.ClientSession) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        served = await session_joined(pilot, (phone, {}))
        async with phone.get(served.url("/s/{code}/events")) as stream:
            assert stream.headers["Content-Type"].startswith("text/event-stream")
            assert await next_state(stream) == "lobby-None-0"
            await pilot.press("right")
            assert await next_state(stream) == "running-0-0"
            await post_answer(phone, served, {"text": "step one"}, "client-0001")
            await until(pilot, lambda: len(wall_texts(app)) == 1)
            await pilot.press("right")
            assert await next_state(stream) == "running-1-0"
            await until(pilot, lambda: wall_texts(app) == [])
            second = await post_answer(phone, served, {"text": "step two"}, "client-0002")
            assert second.status == 200
            await until(pilot, lambda: wall_texts(app) == ["step two"])
            await pilot.press("left")
            assert await next_state(stream) == "running-0-0"
            await until(pilot, lambda: wall_texts(app) == ["step one"])


async def test_answer_to_a_closed_step_is_refused_and_nothing_is_lost(
    tmp_path: Path, phone: aiohttp.ClientSession
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        served = await open_first_step(pilot, phone, app)
        await post_answer(phone, served, {"text": "kept"}, "client-0001")
        await pilot.press("right")
        await until(pilot, lambda: served.step == 1)
        refused = await post_answer(phone, served, {"text": "too late"}, "client-0002", step=0)
        assert refused.status == 409
        assert (await refused.json())["message"] == "ข้อนี้ปิดรับคำตอบแล้ว คำตอบไม่ได้บันทึก"
        assert [r.text for r in live_of(app).answers] == ["kept"]


async def test_hostile_strings_render_literally(tmp_path: Path, phone: aiohttp.ClientSession) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        served = await open_first_step(pilot, phone, app, name="[b]x[/b]", organisation="[@click=app.quit]org")
        for i, text in enumerate(HOSTILE):
            response = await post_answer(phone, served, {"text": text}, f"client-{i:04d}")
            assert response.status == 200
        await until(pilot, lambda: wall_texts(app) == HOSTILE)
        bylines = {card.byline for card in wall_cards(app)}
        assert bylines == {"[@click=app.quit]org · [b]x[/b]"}
        wall = app.screen.query_one(AnswerWall)
        for y in range(wall.size.height):  # clicking on the cards must not run an action
            await pilot.click(wall, offset=(4, y))
        assert app.is_running


async def test_close_saves_the_summary_and_shows_it(tmp_path: Path, phone: aiohttp.ClientSession) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        served = await open_first_step(pilot, phone, app, organisation="อบต.ท่าข้าม", sector="local_admin")
        await post_answer(phone, served, {"text": "น้ำสะอาดทุกหมู่บ้าน"}, "client-0001")
        session_id = live_of(app).session.id
        await pilot.press("c")
        await pilot.press("n")  # "no" keeps the session open
        assert isinstance(app.screen, SessionScreen) and live_of(app).session.status == "running"
        await close_session(pilot)
        summaries = app.store.catalog.summaries(session_id)
        assert sorted(s["kind"] for s in summaries) == ["role_split", "session_overview", "votes"]
        overview = next(s for s in summaries if s["kind"] == "session_overview")
        assert overview["answers"] == 1 and overview["by_sector"][0]["sector"] == "local_admin"
        orgs = app.screen.query_one("#orgs", DataTable)
        assert str(orgs.get_row_at(0)[0]) == "อบต.ท่าข้าม"
        closed = await post_answer(phone, served, {"text": "after close"}, "client-0002")
        assert closed.status == 409
        record = app.screen.record  # type: ignore[attr-defined]
        await pilot.press("e")  # asks which format, then exports next to the database under a readable name
        await until(pilot, lambda: choosing_formats(app), "the export dialog")
        await pilot.press("down", "down", "down", "down", "down", "enter")  # every format, pdf, html, xlsx, csv, md
        written = tmp_path / "exports" / file_name(record, "md", "th")
        await until(pilot, written.exists)
        assert written.read_bytes() == exports.export(record, "md", "th")
        assert written.name.startswith(session_date(record.session, "th")) and [p.suffix for p in written.parent.iterdir()] == [".md"]
    assert app.store.catalog.session(session_id)["status"] == "closed"  # type: ignore[index]


async def test_records_survive_a_restart_and_show_on_home(tmp_path: Path, phone: aiohttp.ClientSession) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        served = await open_first_step(pilot, phone, app)
        await post_answer(phone, served, {"text": "ยังอยู่หลังเปิดใหม่"}, "client-0001")
        session_id = live_of(app).session.id
    again = make_app(tmp_path, activity=None)
    async with again.run_test(size=(140, 45)) as pilot:
        await until(pilot, lambda: isinstance(again.screen, HomeScreen))
        table = again.screen.query_one("#sessions", DataTable)
        assert table.row_count == 1 and str(table.get_row_at(0)[1]) == "ประชุมภาคีตำบล"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(again.screen, SessionScreen))
        assert live_of(again).session.id == session_id
        await until(pilot, lambda: wall_texts(again) == ["ยังอยู่หลังเปิดใหม่"])


async def test_a_taken_port_is_a_one_line_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        app = make_app(tmp_path)
        app.settings = type(app.settings)("127.0.0.1", port, "th")
        async with app.run_test() as pilot:
            await until(pilot, lambda: app.error is not None)
    assert app.error is not None and f"127.0.0.1:{port}" in app.error and "\n" not in app.error


@pytest.mark.parametrize("lang, word", [("th", "เข้าร่วมแล้ว"), ("en", "Joined")])
async def test_screen_speaks_the_chosen_language(tmp_path: Path, lang: str, word: str) -> None:
    app = make_app(tmp_path, lang=lang)
    async with app.run_test(size=(140, 45)) as pilot:
        await session_started(pilot)
        assert word in str(app.screen.query_one("#join-counts", Static).render())


async def test_a_full_disk_warns_the_facilitator_and_the_phone_keeps_its_text(
    tmp_path: Path, phone: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    real_write = os.write

    def full_disk(fd: int, data: bytes) -> int:
        if "ดิสก์เต็ม".encode() in bytes(data):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        served = await open_first_step(pilot, phone, app)
        monkeypatch.setattr(os, "write", full_disk)
        refused = await post_answer(phone, served, {"text": "ดิสก์เต็ม"}, "client-0001")
        assert refused.status == 503
        assert (await refused.json())["message"].startswith("บันทึกไม่สำเร็จ")
        await until(pilot, lambda: any(n.title == "บันทึกลงดิสก์ไม่สำเร็จ" for n in app._notifications))
        assert live_of(app).answers == []
        monkeypatch.setattr(os, "write", real_write)
        # the phone retries with the same id
        again = await post_answer(phone, served, {"text": "ดิสก์เต็ม"}, "client-0001")
        assert again.status == 200
        await until(pilot, lambda: any(n.title == "บันทึกได้ตามปกติแล้ว" for n in app._notifications))
        assert [r.text for r in live_of(app).answers] == ["ดิสก์เต็ม"]


async def test_h_hides_the_answers_from_the_room_and_reveals_them(tmp_path: Path, phone: aiohttp.ClientSession) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        served = await open_first_step(pilot, phone, app)
        await post_answer(phone, served, {"text": "ความลับของห้อง"}, "client-0001")
        await until(pilot, lambda: "ความลับของห้อง" in screen_text(app))
        await pilot.press("h")
        await until(pilot, lambda: "ความลับของห้อง" not in screen_text(app) and "ซ่อนคำตอบอยู่" in screen_text(app))
        await post_answer(phone, served, {"text": "อีกหนึ่งคำตอบ"}, "client-0002")  # answers keep arriving while hidden
        await until(pilot, lambda: "คำตอบ: 2" in screen_text(app))
        assert "อีกหนึ่งคำตอบ" not in screen_text(app)
        await pilot.press("h")
        await until(pilot, lambda: "ความลับของห้อง" in screen_text(app) and "อีกหนึ่งคำตอบ" in screen_text(app))


async def test_the_join_screen_offers_the_hotspot_as_a_qr_code(tmp_path: Path) -> None:
    from facilitator.qr import wifi_payload
    from tests.qrscan import decode_widget

    app = make_app(tmp_path, wifi=("ห้องประชุม อบต.", "pass;word:1"))
    async with app.run_test(size=(160, 60)) as pilot:
        await session_started(pilot)
        wifi = app.screen.query_one("#wifi-qr")
        await until(pilot, lambda: decode_widget(wifi) == [wifi_payload("ห้องประชุม อบต.", "pass;word:1")])
        assert "pass;word:1" in str(app.screen.query_one("#wifi-text", Static).render())
        assert decode_widget(app.screen.query_one("#big-qr")) == [app.join_url(live_of(app).session.code)]
