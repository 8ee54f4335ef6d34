"""Exporting from the screens: the summary asks which format; the session screen writes the join handout with
the address its phones open, and a snapshot of the running session while the room keeps answering."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

import exports
from exports.saving import file_name
from facilitator.core.record import SessionRecord
from facilitator.tui.screens.session import SessionScreen
from facilitator.tui.screens.summary import SummaryScreen
from tests.support import answer, choosing_formats, close_session, live_of, make_app, session_joined, session_started, until, wall_texts


async def test_the_summary_asks_which_format_and_escape_writes_nothing(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await session_started(pilot)
        await close_session(pilot)
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        folder = tmp_path / "exports"
        await pilot.press("e")
        await until(pilot, lambda: choosing_formats(app), "the export dialog")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is summary)
        assert not folder.exists()
        await pilot.press("e")
        await until(pilot, lambda: choosing_formats(app), "the export dialog")
        await pilot.press("down", "down", "down", "down", "down", "down", "enter")  # the seventh: the PNG poster
        written = folder / file_name(summary.record, "png", "th")
        await until(pilot, written.exists, "the poster")
        await until(pilot, lambda: sorted(p.name for p in folder.iterdir()) == [written.name])
        assert written.read_bytes() == exports.export(summary.record, "png", "th")
        await pilot.press("e")
        await until(pilot, lambda: choosing_formats(app), "the export dialog")
        await pilot.press("enter")  # every format
        await until(pilot, lambda: len(list(folder.iterdir())) == 8, "every format", tries=6000)
        suffixes = sorted(p.suffix for p in folder.iterdir())
        assert suffixes == [".csv", ".html", ".json", ".md", ".pdf", ".png", ".png", ".xlsx"]
        assert (folder / written.name.replace(".png", " (2).png")).exists()  # the first poster is kept


async def test_the_session_screen_writes_the_join_handout(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        live = await session_started(pilot)
        assert isinstance(app.screen, SessionScreen)
        url = app.join_url(live.session.code)
        await pilot.press("e")
        folder = tmp_path / "exports"
        png = folder / file_name(SessionRecord(live.session), "qr-png", "th")
        pdf = png.with_suffix(".pdf")
        await until(pilot, lambda: png.exists() and pdf.exists(), "the handout", tries=3000)  # each appears whole
        assert png.name.endswith(" QR.png") and live_of(app) is live
        assert [code.text for code in zxingcpp.read_barcodes(Image.open(png))] == [url]
        text = PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()
        assert live.session.code in text and url.split("?")[0] in text


async def test_an_exports_folder_that_cannot_be_made_is_said_on_screen(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await session_started(pilot)
        (tmp_path / "exports").write_text("a file where the folder should be")
        await pilot.press("e")
        await until(pilot, lambda: any(n.title == "ส่งออกไม่สำเร็จ" and n.severity == "error"
                                       for n in app._notifications), "the error", tries=3000)
        assert isinstance(app.screen, SessionScreen) and app.is_running
        assert (tmp_path / "exports").read_text() == "a file where the folder should be"


async def test_a_snapshot_of_ten_thousand_answers_is_written_while_the_wall_keeps_updating(
    tmp_path: Path, phone: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export is held in its worker until a card sent meanwhile is on the wall: the room goes on while a
    snapshot is written, and the snapshot holds the answers there were when it was asked for. (Left to run, the
    export of 10 000 answers could end within the idle wait of the key press that started it.)"""
    import asyncio
    import threading

    from openpyxl import load_workbook

    from exports import saving

    release = threading.Event()
    real_export = saving.export

    def held(*args: Any, **kwargs: Any) -> bytes:
        release.wait(30)
        return real_export(*args, **kwargs)

    monkeypatch.setattr(saving, "export", held)
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        served = await session_joined(pilot, (phone, {"organisation": "รพ.สต.บ้านนา"}))
        await pilot.press("right")
        await until(pilot, lambda: served.step == 0, "the first step")
        live = served.live
        people = [await live.join(f"token-{i:020d}", organisation=f"หน่วยงาน {i % 40}") for i in range(50)]
        await asyncio.gather(*(live.answer(people[i % 50].id, 0, f"ข้อเสนอที่ {i} ให้ชุมชนมีส่วนร่วม", f"bulk-{i:06d}")
                               for i in range(10_000)))
        assert live.count_for(0) == 10_000
        await pilot.press("s")
        await until(pilot, lambda: choosing_formats(app), "the export dialog")
        await pilot.press("down", "down", "down", "enter")  # after "every format": PDF, HTML, then XLSX
        await until(pilot, lambda: any(w.group == "export" and w.is_running for w in app.workers), "the export")
        await answer(phone, served, {"text": "ระหว่างส่งออก"}, "during-export")
        await until(pilot, lambda: "ระหว่างส่งออก" in wall_texts(app), "the new card")
        release.set()
        folder = tmp_path / "exports"
        await until(pilot, lambda: folder.exists() and any(p.suffix == ".xlsx" for p in folder.iterdir()),
                    "the workbook", tries=12_000)
        [workbook] = folder.glob("*.xlsx")
        sheet = load_workbook(workbook, read_only=True).worksheets[1]  # after the facts: the answers
        assert sheet.max_row == 10_001  # the 10 000 answers of the snapshot and the header; not the later one
