"""The live session's shelf: records come back as they went, the file has no name to leave behind, and a long
session over the real store keeps tens of bytes per answer once its older notes are on the shelf."""

from __future__ import annotations

import asyncio
import gc
import os
import tracemalloc
from pathlib import Path

import pytest

from activities import load
from facilitator.core import answer_book
from facilitator.core.ids import new_token, participant_id
from facilitator.core.workshop import Workshop
from facilitator.store import Store
from facilitator.store.shelf_file import FileShelf

HOSTILE = 'อยากให้หมู่บ้านมีน้ำสะอาด <b>[red]=cmd|"/c"</b> \\n\u200b 👩\u200d🌾'


def test_records_come_back_as_they_went_from_an_unnamed_file(tmp_path: Path) -> None:
    open_before = len(os.listdir("/proc/self/fd"))
    shelf = FileShelf(tmp_path)
    records = [{"id": f"a{i}", "text": HOSTILE * i, "data": {"claims": {"t1": {"level": "lead"}}}, "n": i}
               for i in range(50)]   # ~230 KB: most written to the file, the last ones still waiting
    handles = [shelf.put(record) for record in records]
    assert os.listdir(tmp_path) == []
    assert [shelf.get(handle) for handle in reversed(handles)] == records[::-1]
    assert len(os.listdir("/proc/self/fd")) == open_before + 1
    shelf.close()
    assert len(os.listdir("/proc/self/fd")) == open_before


async def test_a_long_session_keeps_tens_of_bytes_per_answer_beyond_its_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(answer_book, "WINDOW", 100)
    store = Store(tmp_path)
    live = await Workshop(store).open_session(load("bar"), "ประชุมภาคีตำบล")
    await live.advance()
    tokens = [new_token() for _ in range(30)]
    for i, token in enumerate(tokens):
        await live.join(token, name=f"คนที่ {i}", organisation=f"อบต. {i % 6}")

    async def send(first: int, count: int) -> None:
        for at in range(first, first + count, 30):
            await asyncio.gather(*(live.answer(participant_id(tokens[i % 30]), 0, f"ข้อที่ {i} {HOSTILE}", f"c-{i:06d}")
                                   for i in range(at, min(at + 30, first + count))))

    await send(0, 600)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        await send(600, 3_000)
        gc.collect()
        per_answer = (tracemalloc.get_traced_memory()[0] - before) / 3_000
    finally:
        tracemalloc.stop()
    print(per_answer)
    assert per_answer < 200, f"{per_answer:.0f} bytes kept per answer"
    assert [a.text for a in live.answers_for(0)[:2]] == [f"ข้อที่ 0 {HOSTILE}", f"ข้อที่ 1 {HOSTILE}"]
    assert len(live.book.every) == 3_600
    await store.close()
