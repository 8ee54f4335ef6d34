"""A damaged database file: refused at start with its name and the command that brings back its last good copy;
``facilitator restore`` brings it back and the records open again."""

from __future__ import annotations

import asyncio
import shlex
from pathlib import Path

import pytest

from facilitator.store import CorruptDatabase, Store
from facilitator.store.atomic import atomic_write, backup_of
from facilitator.store.catalog import CATALOG_NAME, drop
from facilitator.store.repair import restore_last_good
from tests.unit.test_cli import run
from tests.unit.test_trash import closed_session

DAMAGE = b'{"sessions": {"1": {"id"'


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Path, str]:
    """A data directory with a partnership and two closed sessions, closed cleanly."""

    async def fill() -> str:
        store = Store(tmp_path)
        partnership = store.create_partnership("ภาคีตำบลท่าข้าม")
        await closed_session(store, "first", partnership.id)
        session_id = await closed_session(store, "ประชุมภาคีตำบล", partnership.id, answers=3)
        await store.close()
        return session_id

    return tmp_path, asyncio.run(fill())


def test_replacing_a_file_keeps_the_version_it_replaces(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    atomic_write(path, b'{"v": 1}', keep=True)
    assert not backup_of(path).exists()  # nothing was replaced
    atomic_write(path, b'{"v": 2}', keep=True)
    atomic_write(path, b'{"v": 3}', keep=True)
    assert (path.read_bytes(), backup_of(path).read_bytes()) == (b'{"v": 3}', b'{"v": 2}')
    atomic_write(path, b'{"v": 4}')
    assert backup_of(path).read_bytes() == b'{"v": 2}'  # only writes asked to keep one move it on


def test_a_damaged_catalog_is_refused_then_restored_by_the_command_the_error_names(filled: tuple[Path, str]) -> None:
    data_dir, session_id = filled
    before = run("sessions", "--data-dir", str(data_dir)).stdout
    assert session_id in before
    catalog = data_dir / CATALOG_NAME
    catalog.write_bytes(DAMAGE)

    refused = run("sessions", "--data-dir", str(data_dir))
    assert refused.returncode == 2 and refused.stdout == "" and "Traceback" not in refused.stderr
    assert refused.stderr.count("\n") == 1 and str(catalog) in refused.stderr
    command = refused.stderr.split("run: ", 1)[1].strip()
    assert command == f"facilitator restore --data-dir {shlex.quote(str(data_dir))}"
    app = run("--data-dir", str(data_dir))  # the app itself is refused the same way, before it draws anything
    assert app.returncode == 2 and app.stderr == refused.stderr
    assert catalog.read_bytes() == DAMAGE  # refusing touches nothing

    restored = run(*shlex.split(command)[1:])
    assert restored.returncode == 0 and str(catalog) in restored.stdout, restored.stderr
    assert run("sessions", "--data-dir", str(data_dir)).stdout == before
    assert (data_dir / f"{CATALOG_NAME}.damaged").read_bytes() == DAMAGE  # kept, not deleted
    assert Store(data_dir).load(session_id).answers


def test_a_damaged_session_file_is_refused_at_start_and_restored(filled: tuple[Path, str]) -> None:
    data_dir, session_id = filled
    record = Store(data_dir).load(session_id)
    path = data_dir / "sessions" / f"{session_id}.json"
    assert backup_of(path).is_file()
    path.write_bytes(b"")

    with pytest.raises(CorruptDatabase) as info:
        Store(data_dir)  # at start, not when the session is first opened
    assert info.value.path == path and info.value.backup == backup_of(path)
    refused = run("--data-dir", str(data_dir), "sessions")
    assert refused.returncode == 2 and str(path) in refused.stderr and "facilitator restore" in refused.stderr

    assert [(r.path, r.restored) for r in restore_last_good(data_dir)] == [(path, True)]
    assert Store(data_dir).load(session_id) == record
    assert restore_last_good(data_dir) == []  # nothing left to do


def test_without_a_good_copy_the_error_says_so(tmp_path: Path) -> None:
    (tmp_path / CATALOG_NAME).write_bytes(DAMAGE)
    refused = run("sessions", "--data-dir", str(tmp_path))
    assert refused.returncode == 2 and "No earlier copy" in refused.stderr and "restore" not in refused.stderr
    tried = run("restore", "--data-dir", str(tmp_path))
    assert tried.returncode == 2 and "no good copy" in tried.stdout and "No earlier copy" in tried.stderr
    backup_of(tmp_path / CATALOG_NAME).write_bytes(b"")  # a copy that does not read is no way out either
    assert "No earlier copy" in run("sessions", "--data-dir", str(tmp_path)).stderr
    assert (tmp_path / CATALOG_NAME).read_bytes() == DAMAGE


async def test_an_older_catalog_lists_the_session_files_there_are(tmp_path: Path) -> None:
    store = Store(tmp_path)
    newer = await closed_session(store, "newer")
    gone = await closed_session(store, "gone")
    await store.close()
    entry = store.catalog.session(newer)
    store.catalog.change(lambda data: drop(data["sessions"], lambda doc: doc["id"] != newer))  # an older copy
    for name in (f"{gone}.json", f"{gone}.journal", f"{gone}.json.bak"):  # deleted for good since
        (store.sessions_dir / name).unlink()

    reopened = Store(tmp_path)
    assert reopened.reconcile_index() == ([newer], [gone])
    assert [row["id"] for row in reopened.sessions()] == [newer]
    again = reopened.catalog.session(newer)
    assert again is not None and entry is not None and again["title"] == entry["title"] == "newer"
