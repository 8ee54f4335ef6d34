"""Reading a session while another process writes it and folds its journal into the file again and again:
every reading is one consistent version (the answers it holds have no gap)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from facilitator.store import Store
from tests.support import stop

ROOT = Path(__file__).resolve().parents[2]

WRITER = r"""
import asyncio, sys
from pathlib import Path
from facilitator.store import Store, sessionfile
from tests.support import notes_session

sessionfile.CHECKPOINT_BYTES = 800  # fold the journal into the file every few answers

async def main(data_dir):
    live = await notes_session(Store(Path(data_dir)), "beside")
    person = await live.join("token-0000-beside-test")
    print(live.session.id, flush=True)
    for i in range(ANSWERS):
        await live.answer(person.id, 0, f"{i:06d} ข้อความ", f"client-{i:08d}")
    sys.stdin.read()  # stay until killed

ANSWERS = int(sys.argv[2])
asyncio.run(main(sys.argv[1]))
"""

#: How many answers the writer stores (folding its journal every few), and the most readings taken meanwhile.
ANSWERS = 800
READINGS = 3000


def test_a_reader_beside_a_checkpointing_writer_sees_no_gap(tmp_path: Path) -> None:
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), str(ANSWERS)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None
        session_id = writer.stdout.readline().strip()
        seen = []
        for _ in range(READINGS):
            record = Store(tmp_path, read_only=True).load(session_id)
            numbers = sorted(int(answer.text.split()[0]) for answer in record.answers)
            assert numbers == list(range(len(numbers))), f"a gap after {len(seen)} readings"
            seen.append(len(numbers))
            if len(numbers) == ANSWERS:
                break
        assert writer.poll() is None, "the writer stopped"
    finally:
        stop(writer)
    assert seen[-1] == ANSWERS and len(set(seen)) > 10  # read many versions while the writer wrote
    assert (tmp_path / "sessions" / f"{session_id}.json").exists()  # and checkpointing
