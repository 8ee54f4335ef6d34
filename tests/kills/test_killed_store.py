"""A process storing answers as fast as it can, SIGKILLed at five moments (early, mid-batch, past the first
checkpoint): every acknowledged answer is there when the same data directory is opened again, and the listing
of sessions counts exactly what is stored."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from facilitator.core.model import Status
from facilitator.store import Store
from facilitator.store.atomic import TEMP_PREFIX

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import asyncio, sys
from pathlib import Path
from facilitator.core.activity import Activity, Bilingual, Step
from facilitator.core.live import LiveSession
from facilitator.store import Store

TEXT = "ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม " * 10

async def main(data_dir):
    store = Store(Path(data_dir))
    activity = Activity("a", Bilingual("ก", "A"), Bilingual("", ""), (Step("s", "notes", Bilingual("ข้อ", "Q")),))
    session = store.create_session(activity, "crash")
    sink = store.sink(session)
    await sink.save_session(session)
    live = LiveSession(session, sink)
    await live.advance()
    pids = [(await live.join(f"token-{i:04d}-crash-test", name=f"คน {i}")).id for i in range(8)]
    print("session", session.id, flush=True)

    async def one(i):
        r = await live.answer(pids[i % 8], 0, f"{i} {TEXT}", f"client-{i:08d}")
        print("ack", r.id, flush=True)

    n = 0
    while n < 100_000:
        await asyncio.gather(*(one(n + k) for k in range(16)))
        n += 16

asyncio.run(main(sys.argv[1]))
"""

#: Acknowledgements to read before killing: early, mid-batch, and past the first automatic checkpoint (~4 MiB).
KILL_AFTER = (1, 23, 250, 1500, 3300)


def run_and_kill(data_dir: Path, acks_wanted: int) -> tuple[str, list[str]]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        assert child.stdout is not None
        first = child.stdout.readline().decode().split()
        assert first[:1] == ["session"], child.stderr.read().decode() if child.stderr else first
        acked: list[str] = []
        while len(acked) < acks_wanted:
            line = child.stdout.readline().decode()
            assert line.startswith("ack "), f"child stopped: {line!r}"
            acked.append(line.split()[1])
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=60)
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()
    assert child.returncode == -signal.SIGKILL
    return first[1], acked


def test_every_acknowledged_answer_survives_a_killed_process(tmp_path: Path) -> None:
    runs = []
    for acks_wanted in KILL_AFTER:
        session_id, acked = run_and_kill(tmp_path, acks_wanted)
        runs.append((session_id, acked))
        record = Store(tmp_path).load(session_id)  # the same directory the next run reopens after the crash
        stored = {r.id for r in record.answers}
        assert set(acked) <= stored, f"lost after {acks_wanted} acks: {sorted(set(acked) - stored)[:5]}"
        assert len(stored) == len(record.answers)  # no duplicates
        assert len(record.participants) == 8
        assert record.session.status is Status.RUNNING
        assert not list(tmp_path.rglob(TEMP_PREFIX + "*"))
        listed = next(row for row in Store(tmp_path).sessions() if row["id"] == session_id)
        assert (listed["participants"], listed["answers"], listed["status"]) == (  # what is stored, not the index
            len(record.participants), len(record.answers), record.session.status)

    store = Store(tmp_path)
    assert {row["id"] for row in store.sessions()} == {sid for sid, _ in runs}
    for session_id, acked in runs:
        assert set(acked) <= {r.id for r in store.load(session_id).answers}
    biggest = max(runs, key=lambda run: len(run[1]))[0]
    assert (tmp_path / "sessions" / f"{biggest}.json").exists()  # that run got past a checkpoint
