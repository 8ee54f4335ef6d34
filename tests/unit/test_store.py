"""The storage facade: opening a data directory and the catalog (a killed process: ``tests/kills``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator.core.activity import Activity, Bilingual, Step
from facilitator.core.live import LiveSession
from facilitator.core.model import Session, Status, now_iso
from facilitator.store import CorruptDatabase, Store, StoreUnavailable, UnknownSession
from facilitator.store.atomic import TEMP_PREFIX
from facilitator.store.catalog import CATALOG_NAME

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
