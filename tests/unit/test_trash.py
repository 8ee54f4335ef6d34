"""Deleting into the trash and back: sessions and partnerships come back whole; only emptying deletes.

A process killed in the middle of a move: ``tests/kills/test_killed_trash.py``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from activities import load
from facilitator.core.workshop import Workshop
from facilitator.store import CannotRestore, NotInTrash, SessionInUse, Store, UnknownSession
from facilitator.store.trash import TRASH_DIR

THAI = "ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม"


async def closed_session(store: Store, title: str, partnership_id: str | None = None, answers: int = 2) -> str:
    """A closed BAR with one participant, ``answers`` answers and its summaries."""
    workshop = Workshop(store)
    live = await workshop.open_session(load("bar"), title, partnership_id=partnership_id)
    key = live.session.id
    person = await live.join(f"token-{key:a<20}", organisation="รพ.สต.บ้านนา")
    await live.advance()
    for i in range(answers):
        await live.answer(person.id, 0, f"{THAI} {i}", f"client-{key}-{i:04d}")
    await workshop.close_session(live)
    return live.session.id


def files_of(store: Store, session_id: str) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in store.sessions_dir.glob(f"{session_id}.*")}


async def test_a_deleted_session_leaves_the_listing_and_comes_back_whole(tmp_path: Path) -> None:
    store = Store(tmp_path)
    keep = await closed_session(store, "keep")
    gone = await closed_session(store, "gone")
    before, files, listed = store.load(gone), files_of(store, gone), store.sessions()
    assert before.summaries and files

    item = store.trash_session(gone)
    assert (item.kind, item.id, item.title) == ("session", gone, "gone")
    for reopened in (store, Store(tmp_path)):
        assert [row["id"] for row in reopened.sessions()] == [keep]
        assert [(i.id, i.title) for i in reopened.trashed()] == [(gone, "gone")]
        with pytest.raises(UnknownSession):
            reopened.load(gone)
    assert not files_of(store, gone) and not store.catalog.summaries(gone)

    again = Store(tmp_path)
    again.restore_trashed(gone)
    assert again.load(gone) == before
    assert files_of(again, gone) == files
    assert again.sessions() == listed
    assert again.trashed() == [] and not any((tmp_path / TRASH_DIR).iterdir())


async def test_a_deleted_partnership_takes_its_sessions_and_brings_them_back(tmp_path: Path) -> None:
    store = Store(tmp_path)
    partnership = store.create_partnership("ภาคีตำบลท่าข้าม", [("อบต.ท่าข้าม", "local_admin")])
    own = [await closed_session(store, title, partnership.id) for title in ("bar1", "bar2")]
    other = await closed_session(store, "other")
    await Workshop(store).refresh_progress(partnership.id)
    records = {sid: store.load(sid) for sid in own}
    progress = store.catalog.partnership_summaries(partnership.id)
    partnership = store.partnership(partnership.id)  # as its sessions left it (they add organisations)
    assert progress

    store.trash_session(own[0])  # one of its sessions first, then the partnership with the other
    item = store.trash_partnership(partnership.id)
    assert item.session_ids == [own[1]]
    reopened = Store(tmp_path)
    assert reopened.partnerships() == []
    assert [row["id"] for row in reopened.sessions()] == [other]
    assert not reopened.catalog.partnership_summaries(partnership.id)
    for alone in own:  # a session cannot come back without its partnership
        with pytest.raises(CannotRestore, match=partnership.id):
            reopened.restore_trashed(alone)

    reopened.restore_trashed(partnership.id)
    reopened.restore_trashed(own[0])
    back = Store(tmp_path)
    assert back.partnership(partnership.id) == partnership
    assert {sid: back.load(sid) for sid in own} == records
    assert back.catalog.partnership_summaries(partnership.id) == progress


async def test_a_session_being_served_is_not_deleted(tmp_path: Path) -> None:
    store = Store(tmp_path)
    workshop = Workshop(store)
    live = await workshop.open_session(load("bar"), "live")
    with pytest.raises(SessionInUse):
        store.trash_session(live.session.id)
    assert [row["id"] for row in store.sessions()] == [live.session.id] and store.trashed() == []
    await workshop.close_session(live)
    store.trash_session(live.session.id)  # closed: its file is let go, then moved
    assert store.sessions() == []
    await store.close()


async def test_an_aar_whose_bar_was_deleted_still_resumes_and_closes(tmp_path: Path) -> None:
    store = Store(tmp_path)
    bar = await closed_session(store, "bar")
    aar = await Workshop(store).open_session(load("aar"), "aar", follows=bar)
    assert aar.expectations
    await store.close()
    store = Store(tmp_path)
    store.trash_session(bar)
    workshop = Workshop(store)
    resumed = workshop.resume_session(aar.session.id)
    assert resumed.expectations == []
    await workshop.close_session(resumed)
    assert store.load(aar.session.id).session.status == "closed"
    await store.close()


async def test_a_partnership_with_a_session_being_served_is_not_deleted(tmp_path: Path) -> None:
    store = Store(tmp_path)
    partnership = store.create_partnership("ภาคี")
    done = await closed_session(store, "done", partnership.id)
    live = await Workshop(store).open_session(load("bar"), "live", partnership_id=partnership.id)
    with pytest.raises(SessionInUse):
        store.trash_partnership(partnership.id)
    assert store.trashed() == [] and store.partnership(partnership.id)
    assert store.load(done).session.status == "closed"
    await live.advance()  # the served session still writes
    await store.close()


async def test_emptying_the_trash_is_what_deletes(tmp_path: Path) -> None:
    store = Store(tmp_path)
    gone = await closed_session(store, "gone")
    store.trash_session(gone)
    assert store.empty_trash() == 1
    assert store.trashed() == [] and not any((tmp_path / TRASH_DIR).iterdir())
    assert not list(tmp_path.rglob(f"{gone}.*"))
    with pytest.raises(NotInTrash):
        store.restore_trashed(gone)


async def test_the_listing_counts_what_is_stored_not_the_index(tmp_path: Path) -> None:
    """The index entry is written when the session record is saved; answers after it are only in the journal
    (and, after a crash, nowhere else): the listing must count them."""
    store = Store(tmp_path)
    live = await Workshop(store).open_session(load("bar"), "นับ")
    people = [await live.join(f"token-{i:020d}") for i in range(3)]
    await live.advance()
    for i in range(7):
        await live.answer(people[i % 3].id, 0, f"{THAI} {i}", f"client-{i:04d}")
    entry = store.catalog.session(live.session.id)
    assert entry is not None and entry["answers"] < 7  # the index lags: what the listing used to show

    for opened in (store, Store(tmp_path)):  # the serving process, and another opening the same files
        record = opened.load(live.session.id)
        row = opened.sessions()[0]
        assert (row["participants"], row["answers"], row["status"]) == (
            len(record.participants), len(record.answers), record.session.status) == (3, 7, "running")
    await store.close()


def test_listing_fifty_sessions_of_five_hundred_answers(tmp_path: Path) -> None:
    """Counting from the files stays quick enough for a listing: measured, and bounded loosely here."""
    import time

    async def fill() -> None:
        store = Store(tmp_path)
        workshop = Workshop(store)
        for n in range(50):
            live = await workshop.open_session(load("bar"), f"s{n}")
            person = await live.join(f"token-{n:020d}")
            await live.advance()
            await asyncio.gather(*(live.answer(person.id, 0, f"{THAI} {i}", f"client-{n:03d}-{i:04d}") for i in range(500)))
        await store.close()

    asyncio.run(fill())
    started = time.perf_counter()
    store = Store(tmp_path)  # opening reads every session file once
    rows = store.sessions()
    cold = time.perf_counter() - started
    started = time.perf_counter()
    store.sessions()  # unchanged files are not read again
    warm = time.perf_counter() - started
    assert len(rows) == 50 and all(row["answers"] == 500 for row in rows)
    print(f"\nlisting 50 sessions x 500 answers: cold {cold * 1000:.0f} ms, warm {warm * 1000:.1f} ms")
    assert cold < 10 and warm < cold
