"""Section 2b: a big session's journal folded into its file while phones answer 20 a second.

In one process, on a session file of N answers: phones put an answer every 50 ms; meanwhile the journal is
folded into the file in the background (what happens when it passes 4 MiB while a room answers), and, for
comparison, checkpointed between batches (what a close does). Each is timed, with the slowest answer that
arrived during it and the event loop's longest pause (a 5 ms sleep that overslept).
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.serve import fake_answers, preload_durable
from bench.table import Row, ms
from facilitator.core.activity import Activity, Bilingual, Step
from facilitator.core.model import Answer, Session
from facilitator.store import sessionfile
from facilitator.store.sessionfile import SessionFile

#: Seconds between two answers of the phones.
EVERY = 0.05
#: The loop's clock: a sleep this long that takes longer is a pause.
TICK = 0.005


@dataclass
class Folding:
    """One fold measured: how long it took, the slowest answer meanwhile, the loop's longest pause."""

    took: float
    slowest: float
    pause: float


async def measure(sf: SessionFile, fold: Callable[[], Awaitable[None]], session: Session, first: int) -> Folding:
    """Phones answering every :data:`EVERY` s around ``fold()``: what it cost them."""
    waits: list[float] = []
    pauses: list[float] = []
    done = asyncio.Event()

    async def answer(i: int) -> None:
        began = time.perf_counter()
        doc = Answer(id=f"f{i:011x}", session_id=session.id, step=0, participant_id=f"{i % 60:016x}",
                     text=f"ระหว่างพับบันทึก {i}", client_id=f"fold-{i:08d}").to_dict()
        await sf.put("responses", doc)
        waits.append(time.perf_counter() - began)

    async def phones() -> None:
        sent: list[asyncio.Task[None]] = []
        i = first
        while not done.is_set():
            sent.append(asyncio.create_task(answer(i)))
            i += 1
            await asyncio.sleep(EVERY)
        await asyncio.gather(*sent)

    async def clock() -> None:
        while not done.is_set():
            began = time.perf_counter()
            await asyncio.sleep(TICK)
            pauses.append(time.perf_counter() - began - TICK)

    running = [asyncio.create_task(phones()), asyncio.create_task(clock())]
    await asyncio.sleep(0.5)
    began = time.perf_counter()
    await fold()
    took = time.perf_counter() - began
    await asyncio.sleep(0.2)
    done.set()
    await asyncio.gather(*running)
    return Folding(took, max(waits), max(pauses))


async def fold_session(n: int) -> tuple[Folding, Folding]:
    """A session file of ``n`` answers: folded in the background, then checkpointed between batches."""
    with tempfile.TemporaryDirectory(prefix="bench-fold-") as scratch:
        activity = Activity("a", Bilingual("ก", "A"), Bilingual("", ""), (Step("s", "notes", Bilingual("ข้อ", "Q")),))
        session = Session(id="fold", code="FOLD", title="พับบันทึก", lang="th", activity=activity)
        sf = SessionFile(Path(scratch) / "fold.json")
        await preload_durable(sf, *fake_answers(session, n))

        async def in_background() -> None:
            threshold, share = sessionfile.CHECKPOINT_BYTES, sessionfile.FOLD_SHARE
            sessionfile.CHECKPOINT_BYTES, sessionfile.FOLD_SHARE = 1, 0.0   # the next batch starts the fold
            try:
                while not sf.folding:                 # the fold the next batch starts
                    await asyncio.sleep(TICK)
            finally:
                sessionfile.CHECKPOINT_BYTES, sessionfile.FOLD_SHARE = threshold, share
            await sf.folded()

        background = await measure(sf, in_background, session, 0)
        between = await measure(sf, sf.checkpoint, session, 100_000)
        await sf.close()
        return background, between


async def journal_fold(cfg: Any) -> list[Row]:
    """Section 2b's rows."""
    rows: list[Row] = []
    for n in cfg.fold_sizes:
        background, between = await fold_session(n)
        rows += [
            Row(f"journal folded in the background, {n:,} answers, phones answering 20 /s: took", ms(background.took)),
            Row("  slowest answer meanwhile / the event loop's longest pause",
                f"{ms(background.slowest)} / {ms(background.pause)}"),
            Row("  the same checkpointed between batches (a close): took / slowest answer / longest pause",
                f"{ms(between.took)} / {ms(between.slowest)} / {ms(between.pause)}"),
        ]
    return rows
