"""A process SIGKILLed in the middle of moving a session into the trash, or back out of it: when the data
directory is opened again, the session is either listed and whole, or in the trash and whole (and then comes
back whole)."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.store import Store
from facilitator.store.trash import TRASH_DIR
from tests.unit.test_trash import closed_session, files_of

ROOT = Path(__file__).resolve().parents[2]

#: Runs one store method on one id, killing its own process (SIGKILL, nothing flushed) at the chosen point.
CHILD = r"""
import os, signal, sys
from pathlib import Path
from facilitator.store import Store
from facilitator.store import trash
from facilitator.store.catalog import Catalog

method, point, data_dir, item_id = sys.argv[1:]

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

if point == "before-files":        # the manifest is written, no file moved yet
    trash.Trash._move_sessions = die
elif point == "mid-files":         # one file moved, the others not
    real_move = trash.move
    def move(source, target):
        real_move(source, target)
        die()
    trash.move = move
elif point == "before-catalog":    # every file moved, the catalog not yet written
    Catalog.change = die
elif point == "after-catalog":     # the catalog written, the trash folder not yet removed
    trash.Trash._remove = die
store = Store(Path(data_dir))
getattr(store, method)(item_id)
print("finished", flush=True)
"""


def run_killed(data_dir: Path, method: str, point: str, item_id: str) -> None:
    child = subprocess.run([sys.executable, "-c", CHILD, method, point, str(data_dir), item_id],
                           cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert "finished" not in child.stdout


@pytest.mark.parametrize(("method", "point"), [
    ("trash_session", "before-files"), ("trash_session", "mid-files"), ("trash_session", "before-catalog"),
    ("restore_trashed", "mid-files"), ("restore_trashed", "before-catalog"), ("restore_trashed", "after-catalog"),
])
def test_a_kill_while_moving_leaves_the_session_whole_on_one_side(tmp_path: Path, method: str, point: str) -> None:
    async def fill() -> tuple[str, Store]:
        store = Store(tmp_path)
        await closed_session(store, "other")
        session_id = await closed_session(store, "ถูกย้าย")
        await store.close()
        return session_id, store

    session_id, store = asyncio.run(fill())
    record, files, summaries = store.load(session_id), files_of(store, session_id), store.catalog.summaries(session_id)
    assert len(files) == 3  # database, journal, last good copy: the kill can fall between them
    if method == "restore_trashed":
        store.trash_session(session_id)

    run_killed(tmp_path, method, point, session_id)

    reopened = Store(tmp_path)
    listed = session_id in {row["id"] for row in reopened.sessions()}
    trashed = session_id in {item.id for item in reopened.trashed()}
    assert listed != trashed, (listed, trashed)
    if trashed:
        assert not files_of(reopened, session_id)
        reopened.restore_trashed(session_id)
        reopened = Store(tmp_path)
    assert reopened.load(session_id) == record
    assert files_of(reopened, session_id) == files
    assert reopened.catalog.summaries(session_id) == summaries
    assert reopened.trashed() == [] and not any((tmp_path / TRASH_DIR).iterdir())
    expected = {"before-files": "listed", "mid-files": "listed", "before-catalog": "listed",
                "after-catalog": "listed"} if method == "trash_session" else {
        "mid-files": "trashed", "before-catalog": "trashed", "after-catalog": "listed"}
    assert ("listed" if listed else "trashed") == expected[point]
