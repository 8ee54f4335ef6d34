"""Crash safety under load: kill the durable server with SIGKILL at random moments, then check its data.

Each round (re)opens the same data directory and session in a fresh ``python -m bench.serve --mode durable``
process, lets a few phones submit unique answers back to back, and SIGKILLs the server 50–400 ms after the
load started. The bench process then opens the data directory with :class:`facilitator.store.Store` and loads
the session: it must load (else the round counts as *unreadable*), and every answer a phone was told was saved
— in this round or any earlier one — must be there (else it counts as *lost*).

``kill_loop`` is self-contained so a test can run a short version (``from bench.crash import kill_loop``).
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import ServeFailed, ServeProcess
from bench.load import close_all, join_all, saturate

#: How long one round may submit before the kill (the kill always comes first: this only bounds the loop).
ROUND_LIMIT = 5.0
#: How many consecutive rounds may fail to start a server before the loop gives up.
MAX_START_FAILURES = 3


@dataclass(frozen=True, slots=True)
class CrashReport:
    """The outcome of :func:`kill_loop`.

    ``kills``: servers killed; ``acknowledged``: answers phones were told were saved; ``lost``: acknowledged
    answers missing after a kill; ``unreadable``: reopenings that failed (in the bench process, or a server
    that could not start on the data directory); ``stored``: answers in the session at the end;
    ``checkpoints``: rounds after which the session's TinyDB file had been rewritten (journal folded).
    """

    kills: int
    acknowledged: int
    lost: int
    unreadable: int
    stored: int = 0
    checkpoints: int = 0
    seconds: float = 0.0
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """Nothing lost, everything readable, every round run."""
        return self.lost == 0 and self.unreadable == 0 and not self.problems


def _present_texts(data_dir: Path, session_id: str) -> set[str]:
    """Every answer text stored in the session, read as the app reads it after a restart."""
    from facilitator.store import Store

    record = Store(data_dir).load(session_id)
    return {response.text for response in record.answers}


def _snapshot_stamp(data_dir: Path, session_id: str | None) -> tuple[int, int] | None:
    """When and how big the session's TinyDB file (the folded journal) is; ``None`` before the first fold."""
    try:
        st = (data_dir / "sessions" / f"{session_id}.json").stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


async def kill_loop_async(
    kills: int, workdir: Path, *, phones: int = 4, seed: int | None = None,
    delay: tuple[float, float] = (0.05, 0.4), ready_timeout: float = 60.0, text_chars: int = 450,
) -> CrashReport:
    """See :func:`kill_loop`."""
    rng = random.Random(seed)
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    log = workdir / "serve.log"
    session_id: str | None = None
    acknowledged: set[str] = set()
    lost: set[str] = set()
    unreadable = 0
    killed = 0
    stored = 0
    problems: list[str] = []
    start_failures = 0
    started_at = time.perf_counter()
    upcoming: ServeProcess | None = None
    checkpoints = 0
    last_snapshot: tuple[int, int] | None = None

    def next_server() -> ServeProcess:
        # The next round's process imports its modules while this round runs; it opens the data directory
        # only when told to start, after this round's server is dead and its data checked.
        server = ServeProcess("durable", data_dir=workdir, session_id=session_id, log=log, wait_go=True)
        server.spawn()
        return server

    try:
        for round_no in range(kills):
            server, upcoming = upcoming or next_server(), None
            try:
                try:
                    ready = await asyncio.to_thread(server.start, ready_timeout)
                except ServeFailed as err:
                    unreadable += 1
                    start_failures += 1
                    problems.append(f"round {round_no}: {str(err).splitlines()[0]}")
                    if start_failures >= MAX_START_FAILURES:
                        problems.append("gave up: the server could not start on the data directory")
                        break
                    continue
                start_failures = 0
                session_id = ready.session_id
                if round_no + 1 < kills:
                    upcoming = next_server()
                try:
                    team = await join_all(ready, phones, first_index=round_no * phones)
                except Exception as err:  # noqa: BLE001 - reported, and the round still ends with a kill
                    problems.append(f"round {round_no}: phones could not join: {type(err).__name__}: {err}")
                    team = []
                dead = [False]
                try:
                    load = asyncio.ensure_future(saturate(
                        team, duration=ROUND_LIMIT, max_answers=100_000, tag=f"r{round_no}·", length=text_chars,
                        keep_texts=True,
                        until=lambda _: dead[0],
                    ))
                    await asyncio.sleep(rng.uniform(*delay))
                    os.kill(ready.pid, signal.SIGKILL)
                    dead[0] = True
                    killed += 1
                    result = await asyncio.wait_for(load, ROUND_LIMIT + 10)
                finally:
                    await close_all(team)
                acknowledged.update(result.acknowledged)
                await asyncio.to_thread(server.kill)
            finally:
                server.close()
            try:
                present = await asyncio.to_thread(_present_texts, workdir, session_id)
            except Exception as err:  # noqa: BLE001 - any failure to load is what is being counted
                unreadable += 1
                problems.append(f"round {round_no}: {type(err).__name__}: {err}")
                continue
            stored = len(present)
            lost.update(acknowledged - present)
            snapshot = _snapshot_stamp(workdir, session_id)
            if snapshot != last_snapshot:
                checkpoints += 1
                last_snapshot = snapshot
    finally:
        if upcoming is not None:
            upcoming.close()
    return CrashReport(kills=killed, acknowledged=len(acknowledged), lost=len(lost), unreadable=unreadable,
                       stored=stored, checkpoints=checkpoints, seconds=time.perf_counter() - started_at, problems=tuple(problems))


def kill_loop(
    kills: int, workdir: Path, *, phones: int = 4, seed: int | None = None,
    delay: tuple[float, float] = (0.05, 0.4), ready_timeout: float = 60.0, text_chars: int = 450,
) -> CrashReport:
    """Kill a loaded durable server ``kills`` times on the data directory ``workdir`` and check what survived.

    ``phones`` submit back to back in each round, answers of about ``text_chars`` characters (long answers
    fill the journal sooner, so some kills land while it is being folded into the TinyDB file); the kill
    comes ``delay`` (a range, in seconds, drawn with ``seed``) after they start. Call it from synchronous code (it runs its own event loop); from a coroutine,
    await :func:`kill_loop_async`.
    """
    return asyncio.run(kill_loop_async(kills, workdir, phones=phones, seed=seed, delay=delay,
                                       ready_timeout=ready_timeout, text_chars=text_chars))
