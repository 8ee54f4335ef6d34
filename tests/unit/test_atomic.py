"""Whole-file atomic writes, refusing unreadable database files, and the TinyDB storage built on them."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from tinydb import TinyDB

from facilitator.store.atomic import (
    DOCS_PER_PIECE,
    TEMP_PREFIX,
    AtomicJSONStorage,
    CorruptDatabase,
    SnapshotStorage,
    atomic_write,
    dump_json,
    dump_json_pieces,
    read_json_file,
    remove_temp_files,
)

THAI = "ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม"


def leftovers(directory: Path) -> list[Path]:
    return sorted(directory.glob(TEMP_PREFIX + "*"))


def test_atomic_write_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "db.json"
    atomic_write(target, b"one")
    assert target.read_bytes() == b"one"
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert leftovers(tmp_path) == []


def test_a_failed_replace_leaves_the_old_file_and_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "db.json"
    atomic_write(target, b'{"old":1}')

    def crash(src: object, dst: object) -> None:
        assert Path(str(src)).exists()  # the new bytes were fully written before the rename
        raise OSError(errno.EIO, "simulated crash before rename")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="simulated crash"):
        atomic_write(target, b'{"new":2}')
    monkeypatch.undo()
    assert target.read_bytes() == b'{"old":1}'
    assert leftovers(tmp_path) == []


def test_a_failed_fsync_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "db.json"
    atomic_write(target, b"old")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        atomic_write(target, b"new" * 1000)
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_remove_temp_files_removes_only_leftovers(tmp_path: Path) -> None:
    (tmp_path / f"{TEMP_PREFIX}db.json.abc123").write_bytes(b'{"half')
    (tmp_path / f"{TEMP_PREFIX}other").write_bytes(b"")
    keep = tmp_path / "db.json"
    keep.write_bytes(b"{}")
    (tmp_path / "notes.tmp").write_bytes(b"x")
    removed = remove_temp_files(tmp_path)
    assert sorted(p.name for p in removed) == [f"{TEMP_PREFIX}db.json.abc123", f"{TEMP_PREFIX}other"]
    assert leftovers(tmp_path) == []
    assert keep.read_bytes() == b"{}"
    assert (tmp_path / "notes.tmp").exists()


def test_read_json_file_missing_is_none(tmp_path: Path) -> None:
    assert read_json_file(tmp_path / "absent.json") is None


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"", id="zero-bytes"),
        pytest.param(b"  \n", id="blank"),
        pytest.param(b'{"_default": {"1": {"text": "half', id="truncated"),
        pytest.param(b"[1, 2, 3]", id="list"),
        pytest.param(b'"text"', id="string"),
        pytest.param(b"null", id="null"),
        pytest.param(b"\xff\xfe{}", id="not-utf8"),
    ],
)
def test_read_json_file_refuses_unusable_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(content)
    with pytest.raises(CorruptDatabase) as info:
        read_json_file(path)
    assert str(path) in str(info.value)
    assert info.value.path == path
    assert path.read_bytes() == content  # left untouched


def test_a_truncated_real_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    atomic_write(path, dump_json({"_default": {str(i): {"text": THAI} for i in range(1, 20)}}))
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(CorruptDatabase, match="not valid JSON"):
        read_json_file(path)


def test_dump_json_keeps_thai_readable() -> None:
    raw = dump_json({"t": THAI})
    assert THAI.encode() in raw
    assert b"\\u" not in raw


def test_tinydb_on_atomic_storage_survives_reopen(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=AtomicJSONStorage)
    db.insert({"text": THAI, "n": 1})
    db.table("other").insert({"n": 2})
    db.close()
    reopened = TinyDB(path, storage=AtomicJSONStorage)
    assert reopened.all() == [{"text": THAI, "n": 1}]
    assert reopened.table("other").all() == [{"n": 2}]
    assert leftovers(tmp_path) == []


def test_stock_tinydb_reads_our_file_and_we_read_its(tmp_path: Path) -> None:
    ours = tmp_path / "ours.json"
    db = TinyDB(ours, storage=AtomicJSONStorage)
    db.insert({"text": THAI})
    db.close()
    with TinyDB(ours) as stock:
        assert stock.all() == [{"text": THAI}]

    theirs = tmp_path / "theirs.json"
    with TinyDB(theirs) as stock:
        stock.insert({"text": THAI})
    assert TinyDB(theirs, storage=AtomicJSONStorage).all() == [{"text": THAI}]


def test_atomic_storage_refuses_an_empty_file_that_stock_tinydb_would_read_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(b"")
    with pytest.raises(CorruptDatabase):
        TinyDB(path, storage=AtomicJSONStorage)
    assert path.read_bytes() == b""


def test_every_atomic_storage_write_is_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=AtomicJSONStorage)
    db.insert({"n": 1})
    assert json.loads(path.read_bytes()) == {"_default": {"1": {"n": 1}}}


def test_snapshot_storage_writes_only_when_its_tables_are_written_out(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    storage_holder: list[SnapshotStorage] = []

    def make(p: Path) -> SnapshotStorage:
        storage_holder.append(SnapshotStorage(p))
        return storage_holder[0]

    db = TinyDB(path, storage=make)
    db.insert({"text": THAI})
    assert not path.exists()
    atomic_write(path, dump_json_pieces(storage_holder[0].read()))
    assert TinyDB(path, storage=AtomicJSONStorage).all() == [{"text": THAI}]


@pytest.mark.parametrize("docs", [0, 1, DOCS_PER_PIECE, DOCS_PER_PIECE + 1, 3 * DOCS_PER_PIECE + 7])
def test_a_database_written_in_pieces_is_the_same_bytes_as_written_at_once(docs: int) -> None:
    data: dict[str, object] = {
        "session": {"1": {"title": THAI, "details": {"held_at": "2026-12-04"}}},
        "participants": {},
        "responses": {str(i): {"id": f"a{i}", "text": f"{THAI} \"{i}\"\n", "data": {"x": [i, None, True]}}
                      for i in range(1, docs + 1)},
        "odd": [1, "ไม่ใช่ตาราง"],
    }
    pieces = list(dump_json_pieces(data))
    assert b"".join(pieces) == dump_json(data)
    assert len(pieces) >= docs // DOCS_PER_PIECE   # never one piece of the whole table
