"""The live session's shelf: answers come back as they went, the file has no name to leave behind, and a long
session over the real store keeps a fraction of what an answer took once its older notes are on the shelf."""

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
from facilitator.core.model import NO_DATA, Answer
from facilitator.core.workshop import Workshop
from facilitator.store import Store
from facilitator.store.shelf_file import FileShelf

HOSTILE = 'อยากให้หมู่บ้านมีน้ำสะอาด <b>[red]=cmd|"/c"</b> \\n\u200b 👩\u200d🌾'


def test_answers_come_back_as_they_went_from_an_unnamed_file(tmp_path: Path) -> None:
    open_before = len(os.listdir("/proc/self/fd"))
    shelf = FileShelf(tmp_path)
    answers = [Answer(f"a{i}", "s1", i % 3, "p1", HOSTILE * i, f"c{i}", edited_at=None if i % 2 else "2026-12-05",
                      data={"claims": {"t1": {"level": "lead", "resources": ["budget"]}}} if i % 3 else NO_DATA,
                      hidden=i % 5 == 0, withdrawn=i % 7 == 0)
               for i in range(50)]   # ~170 KB: most written to the file, the last ones still waiting
    handles = [shelf.put(answer) for answer in answers]
    answers[0].text = "changed after it was put away"
    assert os.listdir(tmp_path) == []
    back = [shelf.get(handle) for handle in reversed(handles)]
    assert back[-1].text == "" and back[:-1] == answers[:0:-1]
    assert back[-2].data == answers[1].data and back[-4].data is NO_DATA
    with pytest.raises(OSError):
        shelf.put(Answer("x", "s1", 0, "p1", "t", "c", data={"when": object()}))
    assert len(os.listdir("/proc/self/fd")) == open_before + 1
    shelf.close()
    assert len(os.listdir("/proc/self/fd")) == open_before


async def test_beyond_its_window_a_long_session_keeps_numbers_of_an_answer_not_the_answer(
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
    # its indexes doubling within these 3 000 included; every answer held kept ~700 bytes an answer
    assert per_answer < 300, f"{per_answer:.0f} bytes kept per answer"
    assert [a.text for a in live.answers_for(0)[:2]] == [f"ข้อที่ 0 {HOSTILE}", f"ข้อที่ 1 {HOSTILE}"]
    assert len(live.book.every) == 3_600
    await store.close()
