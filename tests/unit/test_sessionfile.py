"""A session's TinyDB file fed by its journal: replay, checkpoint, idempotence."""

from __future__ import annotations

import asyncio
import errno
import json
import os
import threading
from pathlib import Path

import pytest

from facilitator.store import journal, sessionfile
from facilitator.store.sessionfile import CHECKPOINT_BYTES, SessionFile

THAI = "ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม"


def response(i: int) -> dict:
    return {"id": f"r{i}", "session_id": "s1", "step": 0, "text": f"{THAI} {i}"}


@pytest.fixture
def path(tmp_path: Path) -> Path:
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    return sessions / "s1.json"


async def test_put_then_reopen_from_the_journal_alone(path: Path) -> None:
    sf = SessionFile(path)
    await sf.put("session", {"id": "s1", "title": THAI})
    await sf.put("participants", {"id": "p1", "name": "สมศรี"})
    await asyncio.gather(*(sf.put("responses", response(i)) for i in range(5)))
    assert not path.exists()  # nothing checkpointed yet: only the journal holds the records
    assert sf.journal_path.stat().st_size > 0

    reopened = SessionFile(path, writable=False)
    assert reopened.docs("session") == [{"id": "s1", "title": THAI}]
    assert reopened.docs("participants") == [{"id": "p1", "name": "สมศรี"}]
    assert reopened.docs("responses") == [response(i) for i in range(5)]
    await sf.close()


async def test_checkpoint_folds_the_journal_into_the_file(path: Path) -> None:
    sf = SessionFile(path)
    await sf.put("session", {"id": "s1", "title": THAI})
    await sf.put("responses", response(1))
    await sf.checkpoint()
    assert sf.journal_path.stat().st_size == 0
    raw = path.read_bytes()
    assert THAI.encode() in raw
    assert b"\\u0e" not in raw.lower()
    data = json.loads(raw)
    assert list(data["responses"].values()) == [response(1)]
    assert list(data["session"].values()) == [{"id": "s1", "title": THAI}]

    await sf.put("responses", response(2))
    await sf.close()
    reopened = SessionFile(path, writable=False)
    assert reopened.docs("responses") == [response(1), response(2)]


async def test_replaying_a_journal_already_in_the_file_does_not_duplicate(path: Path) -> None:
    sf = SessionFile(path)
    await sf.put("session", {"id": "s1", "title": THAI})
    for i in range(3):
        await sf.put("responses", response(i))
    saved_journal = sf.journal_path.read_bytes()
    await sf.close()
    assert sf.journal_path.stat().st_size == 0

    # A crash between writing the file and emptying the journal: both hold the same records.
    sf.journal_path.write_bytes(saved_journal)
    again = SessionFile(path)
    assert again.docs("responses") == [response(i) for i in range(3)]
    assert again.docs("session") == [{"id": "s1", "title": THAI}]
    await again.put("responses", response(3))
    await again.close()

    # And once more, on top of a file that now also holds a later record.
    sf.journal_path.write_bytes(saved_journal + saved_journal)
    final = SessionFile(path, writable=False)
    assert final.docs("responses") == [response(i) for i in range(4)]
    assert final.docs("session") == [{"id": "s1", "title": THAI}]


async def test_a_key_written_twice_in_one_batch_is_stored_once(path: Path) -> None:
    sf = SessionFile(path)
    await asyncio.gather(
        sf.put("participants", {"id": "p1", "name": "a"}),
        sf.put("participants", {"id": "p1", "name": "b"}),
    )
    assert sf.docs("participants") == [{"id": "p1", "name": "b"}]
    await sf.close()
    assert SessionFile(path, writable=False).docs("participants") == [{"id": "p1", "name": "b"}]


async def test_an_update_replaces_the_document(path: Path) -> None:
    sf = SessionFile(path)
    await sf.put("participants", {"id": "p1", "name": "Nok", "organisation": "อบต.", "sector": "local_admin"})
    await sf.put("participants", {"id": "p2", "name": "Dao"})
    await sf.put("participants", {"id": "p1", "name": "นก"})
    expected = [{"id": "p1", "name": "นก"}, {"id": "p2", "name": "Dao"}]
    assert sf.docs("participants") == expected
    assert SessionFile(path, writable=False).docs("participants") == expected  # journal replay
    await sf.checkpoint()
    await sf.put("participants", {"id": "p2", "sector": "academic"})
    expected[1] = {"id": "p2", "sector": "academic"}
    assert sf.docs("participants") == expected
    await sf.close()
    assert SessionFile(path, writable=False).docs("participants") == expected  # file + journal replay


async def test_a_torn_journal_tail_is_ignored_on_open(path: Path) -> None:
    sf = SessionFile(path)
    await sf.put("responses", response(1))
    await sf.put("responses", response(2))
    torn = sf.journal_path.read_bytes()[:-7]
    await sf.close()
    path.unlink()
    sf.journal_path.write_bytes(torn)
    again = SessionFile(path)
    assert again.docs("responses") == [response(1)]
    await again.put("responses", response(3))
    await again.close()
    assert SessionFile(path, writable=False).docs("responses") == [response(1), response(3)]


async def test_a_read_only_session_file_refuses_writes(path: Path) -> None:
    sf = SessionFile(path, writable=False)
    with pytest.raises(PermissionError):
        await sf.put("responses", response(1))
    assert not sf.journal_path.exists()


async def test_a_big_journal_is_checkpointed_automatically(path: Path) -> None:
    sf = SessionFile(path)
    await sf.put("responses", {"id": "big", "text": "x" * CHECKPOINT_BYTES})
    await sf.committer.flush()
    await sf.folded()
    assert sf.journal_path.stat().st_size == 0
    assert len(path.read_bytes()) > CHECKPOINT_BYTES
    await sf.close()


async def test_a_long_session_s_journal_is_folded_once_it_is_half_the_file(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fold writes the whole file: a long session folds when its journal is a share of the file, not at a
    fixed size, so that the work of folding per answer stays flat."""
    monkeypatch.setattr(sessionfile, "CHECKPOINT_BYTES", 1000)
    sf = SessionFile(path)
    await sf.put("responses", {"id": "big", "text": "x" * 40_000})   # folded at once: the file was empty
    await sf.folded()
    file_size = path.stat().st_size
    assert sf.journal_path.stat().st_size == 0 and sf.file_size == file_size > 40_000
    entry = len(journal.encode(journal.Entry("responses", "r0", response(0))))
    sizes = []
    for i in range(1000):
        await sf.put("responses", response(i))
        await sf.folded()
        if (size := sf.journal_path.stat().st_size) == 0:
            break
        sizes.append(size)
    threshold = sessionfile.FOLD_SHARE * file_size
    assert 1000 < threshold - 2 * entry <= sizes[-1] < threshold   # not at 1 000 bytes: at half the file
    assert path.stat().st_size > file_size and sf.file_size == path.stat().st_size
    assert [d["id"] for d in sf.docs("responses")] == ["big", *(f"r{n}" for n in range(len(sizes) + 1))]
    await sf.close()


async def test_a_failed_automatic_checkpoint_does_not_strand_later_writes(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sf = SessionFile(path)
    real_replace = os.replace
    replacing = threading.Event()
    release = threading.Event()

    def full_disk(src: object, dst: object) -> None:
        replacing.set()
        release.wait(10)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    await sf.put("responses", {"id": "big", "text": "x" * CHECKPOINT_BYTES})
    await asyncio.to_thread(replacing.wait, 30)
    later = asyncio.ensure_future(sf.put("responses", response(1)))
    await asyncio.sleep(0)  # let the put join the queue while the checkpoint is still being written
    release.set()
    await asyncio.wait_for(later, 10)
    monkeypatch.setattr(os, "replace", real_replace)

    assert [d["id"] for d in sf.docs("responses")] == ["big", "r1"]
    ids = [e.key for e in journal.read(sf.journal_path)[0]]
    assert ids == ["big", "r1"]  # the journal still holds everything the file does not
    await sf.put("responses", response(2))
    await sf.close()
    assert [d["id"] for d in SessionFile(path, writable=False).docs("responses")] == ["big", "r1", "r2"]
    assert sf.journal_path.stat().st_size == 0


@pytest.fixture
def held_fold(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """The background fold stops before it writes the file until ``release`` is set; ``started`` says it got
    there. The journal is folded once it holds the first 20 responses."""
    started, release = threading.Event(), threading.Event()
    real = sessionfile.atomic_write

    def held(*args: object, **kwargs: object) -> None:
        started.set()
        release.wait(10)
        real(*args, **kwargs)

    monkeypatch.setattr(sessionfile, "atomic_write", held)
    twenty = sum(len(journal.encode(journal.Entry("responses", f"r{i}", response(i)))) for i in range(20))
    monkeypatch.setattr(sessionfile, "CHECKPOINT_BYTES", twenty)
    return started, release


async def test_answers_are_written_while_the_journal_is_folded_into_the_file(
    path: Path, held_fold: tuple[threading.Event, threading.Event]
) -> None:
    started, release = held_fold
    sf = SessionFile(path)
    for i in range(20):                    # the fold starts in the background after the 20th
        await sf.put("responses", response(i))
    await asyncio.to_thread(started.wait, 10)
    during = [response(i) for i in range(20, 25)]
    for doc in during:                     # stored durably while the fold is still writing the file
        await asyncio.wait_for(sf.put("responses", doc), 5)
    assert [e.key for e in journal.read(sf.journal_path)[0]][-5:] == ["r20", "r21", "r22", "r23", "r24"]
    assert [d["id"] for d in sf.docs("responses")] == [f"r{i}" for i in range(25)]  # read beside the fold
    release.set()
    await sf.folded()

    on_file = json.loads(path.read_bytes())["responses"]
    assert sorted(doc["id"] for doc in on_file.values()) == sorted(f"r{i}" for i in range(20))  # the copy…
    assert [e.key for e in journal.read(sf.journal_path)[0]] == ["r20", "r21", "r22", "r23", "r24"]  # …the journal the rest
    await sf.put("responses", response(25))
    assert [d["id"] for d in SessionFile(path, writable=False).docs("responses")] == [f"r{i}" for i in range(26)]
    await sf.close()
    assert [d["id"] for d in SessionFile(path, writable=False).docs("responses")] == [f"r{i}" for i in range(26)]


async def test_a_fold_stopped_after_the_file_was_replaced_loses_nothing(
    path: Path, held_fold: tuple[threading.Event, threading.Event], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As after a crash between the two steps: the new file and the whole journal."""
    started, release = held_fold
    release.set()

    def crash(self: journal.Journal, length: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(journal.Journal, "drop_head", crash)
    sf = SessionFile(path)
    for i in range(20):
        await sf.put("responses", response(i))
    await asyncio.to_thread(started.wait, 10)
    await sf.folded()
    assert len(json.loads(path.read_bytes())["responses"]) == 20    # the file was replaced
    assert len(journal.read(sf.journal_path)[0]) == 20               # the journal was not shortened
    assert [d["id"] for d in SessionFile(path, writable=False).docs("responses")] == [f"r{i}" for i in range(20)]
    await sf.put("responses", response(20))                          # and answers still go to it
    monkeypatch.undo()
    await sf.close()
    assert [d["id"] for d in SessionFile(path, writable=False).docs("responses")] == [f"r{i}" for i in range(21)]


async def test_the_answers_that_stand_are_counted_as_their_records_change(path: Path) -> None:
    sf = SessionFile(path)
    await asyncio.gather(*(sf.put("responses", response(i)) for i in range(4)))
    await sf.put("responses", response(0) | {"hidden": True})       # hidden by the facilitator
    await sf.put("responses", response(1) | {"withdrawn": True})    # withdrawn by its participant
    assert (sf.count("responses"), sf.standing_answers()) == (4, 2)
    await sf.put("responses", response(0))                           # shown again
    assert sf.standing_answers() == 3
    assert SessionFile(path, writable=False).standing_answers() == 3   # read back from the journal
    await sf.close()
    assert SessionFile(path, writable=False).standing_answers() == 3   # and from the checkpointed file


async def test_documents_put_directly_are_seen_by_tinydb_queries(path: Path) -> None:
    from tinydb import Query

    sf = SessionFile(path)
    for i in range(3):
        await sf.put("participants", {"id": f"p{i}", "name": f"{THAI} {i}"})
    assert sf.db.table("participants").search(Query().id == "p1")[0]["name"] == f"{THAI} 1"
    await sf.put("participants", {"id": "p4", "name": "สมศรี"})  # a cached query sees a new document too
    assert len(sf.db.table("participants").search(Query().id.exists())) == 4
    assert sf.count("participants") == 4
    await sf.close()


async def test_the_served_file_keeps_its_answers_on_disk_only(path: Path) -> None:
    """The live session holds the answers; the file it is served from reads them from disk when asked."""
    sf = SessionFile(path)
    await asyncio.gather(*(sf.put("responses", response(i)) for i in range(3)))
    await sf.checkpoint()
    await sf.put("responses", response(3))
    await sf.put("responses", response(1) | {"hidden": True})
    assert sf.db.table("responses").all() == []                       # none of them in memory
    expected = [response(0), response(1) | {"hidden": True}, response(2), response(3)]
    assert sf.docs("responses") == expected                           # file and journal, read from disk
    assert (sf.count("responses"), sf.standing_answers()) == (4, 3)
    await sf.close()
    reopened = SessionFile(path)
    assert reopened.db.table("responses").all() == [] and reopened.docs("responses") == expected
    assert SessionFile(path, writable=False).db.table("responses").all() == expected  # a reader holds them
    await reopened.close()
