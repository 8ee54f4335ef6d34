"""Section 4: what one answer keeps in memory, counted by ``tracemalloc`` rather than read off the RSS.

A live session over the real store in a temporary directory, 60 joined phones, ``n`` written answers to one
step stored through :meth:`LiveSession.answer` (the path a phone's answer takes once the server has parsed its
request). The bytes still allocated once they are stored, per answer, and the lines of code that allocated the
most of them: the soak's RSS growth in one precise figure, with where it comes from.
"""

from __future__ import annotations

import asyncio
import gc
import tempfile
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from activities import load as load_activity
from bench.table import Row
from facilitator.core.answer_book import WINDOW
from facilitator.core.ids import new_token, participant_id
from facilitator.core.workshop import Workshop
from facilitator.store import sessionfile
from facilitator.store.store import Store

#: Answers stored before counting starts: the session's first allocations are not what an answer keeps, nor
#: are the latest answers the book holds whole (once they fill its window, each answer counted pushes an older
#: one onto the shelf).
WARM_UP = WINDOW + 500
#: Phones answering at once.
PHONES = 60


@dataclass(frozen=True)
class Kept:
    """Bytes per answer still allocated after ``answers`` answers, and the lines that allocated most of them."""

    answers: int
    per_answer: float
    #: (``path:line`` of the allocating line, bytes per answer), largest first.
    holders: list[tuple[str, float]]


async def bytes_kept(n: int, top: int = 5) -> Kept:
    """Store ``n`` answers of :data:`PHONES` phones and count what stays allocated (see the module)."""
    with tempfile.TemporaryDirectory(prefix="bench-kept-") as scratch, _no_fold():
        store = Store(Path(scratch))
        live = await Workshop(store).open_session(load_activity("bar"), "kept", lang="th")
        await live.advance()
        step = live.session.step
        assert step is not None
        tokens = [new_token() for _ in range(PHONES)]
        for i, token in enumerate(tokens):
            await live.join(token, name=f"คนที่ {i}", organisation=f"อบต. {i % 12}")

        async def answers(first: int, count: int) -> None:
            for at in range(first, first + count, PHONES):
                await asyncio.gather(*(
                    live.answer(participant_id(tokens[i % PHONES]), step,
                                f"ครั้งที่ {i // 1200} ข้อที่ {i} ความคืบหน้าของงานร่วมกัน", f"kept-{i:08d}")
                    for i in range(at, min(at + PHONES, first + count))))

        tracemalloc.start(1)   # from the first answer: those the book lets go count as given back
        try:
            await answers(0, WARM_UP)
            gc.collect()
            before = tracemalloc.take_snapshot()
            await answers(WARM_UP, n)
            gc.collect()
            stats = tracemalloc.take_snapshot().compare_to(before, "lineno")
        finally:
            tracemalloc.stop()
        await store.close()
    total = sum(stat.size_diff for stat in stats)
    holders = [(f"{_short(stat.traceback[0].filename)}:{stat.traceback[0].lineno}", stat.size_diff / n)
               for stat in stats[:top]]
    return Kept(n, total / n, holders)


@contextmanager
def _no_fold() -> Iterator[None]:
    """No fold of the journal while answers are counted: one running holds the journal's head in memory for a
    moment, which is not what an answer keeps (section 2 measures folds)."""
    before = sessionfile.CHECKPOINT_BYTES
    sessionfile.CHECKPOINT_BYTES = 1 << 40
    try:
        yield
    finally:
        sessionfile.CHECKPOINT_BYTES = before


def _short(filename: str) -> str:
    """A source file's path from the project (or the standard library) down."""
    for mark in ("/facilitator/", "/bench/", "/lib/python"):
        if mark in filename:
            return filename[filename.index(mark) + 1:]
    return filename


async def kept_rows(n: int) -> list[Row]:
    """Section 4's rows: bytes kept per answer and the lines that keep most of them."""
    kept = await bytes_kept(n)
    return [Row(f"memory kept per answer, live session over the store ({n:,} answers, tracemalloc)",
                f"{kept.per_answer:,.0f} B"),
            *(Row(f"  {where}", f"{size:,.0f} B") for where, size in kept.holders)]
