"""The storage facade: opening a data directory, the catalog, and surviving a killed process."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.core.activity import Activity, Bilingual, Step
from facilitator.core.live import LiveSession
from facilitator.core.model import Session, Status, now_iso
from facilitator.store import CorruptDatabase, Store, StoreUnavailable, UnknownSession
from facilitator.store.atomic import TEMP_PREFIX
from facilitator.store.catalog import CATALOG_NAME

ROOT = Path(__file__).resolve().parents[2]

ACTIVITY = Activity(
    id="aar",
    name=Bilingual("ทบทวนหลังปฏิบัติงาน", "After Action Review"),
    description=Bilingual("", ""),
    steps=(Step("expect", "notes", Bilingual("สิ่งที่คาดหวังไว้", "What did we expect?")),),
)


@pytest.mark.parametrize("content", [b"", b"\n", b"\x00\x00garbage{{", b'{"sessions": {"1": {"id"', b"[]"])
def test_a_corrupt_catalog_is_refused_and_left_alone(tmp_path: Path, content: bytes) -> None:
    catalog = tmp_path / CATALOG_NAME
    catalog.write_bytes(content)
    with pytest.raises(CorruptDatabase) as info:
        Store(tmp_path)
    assert str(catalog) in str(info.value)
    assert catalog.read_bytes() == content


def test_a_data_dir_under_a_regular_file_is_unavailable(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a directory")
    with pytest.raises(StoreUnavailable) as info:
        Store(tmp_path / "file" / "x")
    assert str(tmp_path / "file" / "x") in str(info.value)


def test_a_data_dir_that_is_a_file_is_unavailable(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a directory")
    with pytest.raises(StoreUnavailable):
        Store(tmp_path / "file")


def test_a_new_data_dir_is_created(tmp_path: Path) -> None:
    store = Store(tmp_path / "a" / "b")
    assert store.sessions_dir.is_dir()
    assert store.sessions() == []


def test_leftover_temp_files_are_removed_at_open(tmp_path: Path) -> None:
    Store(tmp_path)
    leftovers = [
        tmp_path / f"{TEMP_PREFIX}{CATALOG_NAME}.abc",
        tmp_path / "sessions" / f"{TEMP_PREFIX}1234.json.xyz",
    ]
    for path in leftovers:
        path.write_bytes(b'{"half')
    kept = tmp_path / "sessions" / "notes.txt"
    kept.write_text("mine")
    Store(tmp_path)
    assert not any(path.exists() for path in leftovers)
    assert kept.read_text() == "mine"


def test_join_codes_are_unique_four_digit_numbers(tmp_path: Path) -> None:
    store = Store(tmp_path)
    codes = [store.create_session(ACTIVITY, f"s{i}").code for i in range(60)]
    assert len(set(codes)) == len(codes)
    assert all(len(c) == 4 and c.isdigit() and c[0] != "0" for c in codes)
    reopened = Store(tmp_path)
    more = [reopened.create_session(ACTIVITY, f"t{i}").code for i in range(20)]
    assert not set(more) & set(codes)
    assert len(set(more)) == len(more)


def test_sessions_are_listed_newest_first_and_survive_reopening(tmp_path: Path) -> None:
    store = Store(tmp_path)
    made = []
    for title in ("first", "second", "third"):
        stamp = now_iso()
        while now_iso() == stamp:  # a distinct creation time for each
            pass
        made.append(store.create_session(ACTIVITY, title))
    expected = [s.id for s in reversed(made)]
    assert [row["id"] for row in store.sessions()] == expected
    rows = Store(tmp_path).sessions()
    assert [row["id"] for row in rows] == expected
    assert rows[0]["title"] == "third" and rows[0]["status"] == "lobby"
    assert rows[0]["activity_name"] == ACTIVITY.name.to_dict()


def test_load_unknown_session(tmp_path: Path) -> None:
    store = Store(tmp_path)
    with pytest.raises(UnknownSession):
        store.load("nosuchid")
    with pytest.raises(UnknownSession):
        store.sink(Session(id="nosuchid", code="1234", title="x", lang="th", activity=ACTIVITY))


def test_load_a_session_created_but_never_opened(tmp_path: Path) -> None:
    store = Store(tmp_path)
    session = store.create_session(ACTIVITY, "x")
    with pytest.raises(UnknownSession):
        store.load(session.id)


async def test_a_corrupt_session_file_is_refused(tmp_path: Path) -> None:
    store = Store(tmp_path)
    session = store.create_session(ACTIVITY, "x")
    sink = store.sink(session)
    await sink.save_session(session)
    await store.close()
    path = store.sessions_dir / f"{session.id}.json"
    path.write_bytes(b'{"session": {"1": ')
    with pytest.raises(CorruptDatabase) as info:
        Store(tmp_path).load(session.id)
    assert str(path) in str(info.value)
    assert path.read_bytes() == b'{"session": {"1": '


async def test_files_are_utf8_json_readable_by_anyone(tmp_path: Path) -> None:
    store = Store(tmp_path)
    session = store.create_session(ACTIVITY, "เครือข่ายสุขภาพ")
    sink = store.sink(session)
    await sink.save_session(session)
    live = LiveSession(session, sink)
    await live.close()
    await store.close()
    catalog = (tmp_path / CATALOG_NAME).read_bytes()
    assert "เครือข่ายสุขภาพ".encode() in catalog
    assert json.loads(catalog)["summaries"]
    session_file = (tmp_path / "sessions" / f"{session.id}.json").read_bytes()
    assert json.loads(session_file)["session"]["1"]["status"] == Status.CLOSED


# -- a killed process --------------------------------------------------------------------------------------

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

    store = Store(tmp_path)
    assert {row["id"] for row in store.sessions()} == {sid for sid, _ in runs}
    for session_id, acked in runs:
        assert set(acked) <= {r.id for r in store.load(session_id).answers}
    biggest = max(runs, key=lambda run: len(run[1]))[0]
    assert (tmp_path / "sessions" / f"{biggest}.json").exists()  # that run got past a checkpoint
