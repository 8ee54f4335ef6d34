"""A running session over the real durable store: joins, answers, steps, close, restart."""

from __future__ import annotations

import asyncio
import errno
import json
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from facilitator.core.activity import Activity, Bilingual, Step
from facilitator.core.events import (
    AnswerAdded,
    Event,
    ParticipantJoined,
    SessionClosed,
    StepChanged,
    StorageTrouble,
)
from facilitator.core.ids import participant_id
from facilitator.core.live import LiveSession, Rejected, StorageError
from facilitator.core.model import NO_DATA, Status
from facilitator.core.state import InvalidTransition
from facilitator.store import Store
from facilitator.store.committer import StoreClosed

THAI = "ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม"
TOKEN_A = "token-aaaaaaaaaaaaaaaaaaaaaaaa"
TOKEN_B = "token-bbbbbbbbbbbbbbbbbbbbbbbb"

ACTIVITY = Activity(
    id="bar",
    name=Bilingual("ทบทวนก่อนปฏิบัติงาน", "Before Action Review"),
    description=Bilingual("", ""),
    steps=(
        Step("goals", "notes", Bilingual("เป้าหมายของเราคืออะไร", "What are our goals?")),
        Step("risks", "notes", Bilingual("อุปสรรคมีอะไรบ้าง", "What challenges?")),
        Step("roles", "notes", Bilingual("ใครทำอะไร", "Who does what?")),
    ),
)


@dataclass
class Room:
    data_dir: Path
    store: Store
    live: LiveSession
    events: list[Event] = field(default_factory=list)

    @property
    def session_id(self) -> str:
        return self.live.session.id


@pytest.fixture
async def room(tmp_path: Path) -> AsyncIterator[Room]:
    store = Store(tmp_path)
    session = store.create_session(ACTIVITY, "เครือข่ายสุขภาพตำบลท่าข้าม")
    sink = store.sink(session)
    await sink.save_session(session)
    r = Room(tmp_path, store, LiveSession(session, sink))
    r.live.subscribe(r.events.append)
    yield r
    await store.close()


async def join(room: Room, token: str = TOKEN_A, **profile: str) -> str:
    return (await room.live.join(token, **profile)).id


def reopen(room: Room) -> Store:
    return Store(room.data_dir)


async def test_join_cleans_the_profile_and_stores_it(room: Room) -> None:
    person = await room.live.join(TOKEN_A, name="  สมศรี \u202e ", organisation="รพ.สต.\nบ้านนา",
                                  sector="government", lang="en")
    assert person.id == participant_id(TOKEN_A)
    assert TOKEN_A not in person.id
    assert (person.name, person.organisation, person.sector, person.lang) == ("สมศรี", "รพ.สต. บ้านนา",
                                                                             "government", "en")
    assert room.store.load(room.session_id).participants == [person]


async def test_unknown_sector_and_language_fall_back(room: Room) -> None:
    person = await room.live.join(TOKEN_A, sector="<script>", lang="fr")
    assert (person.sector, person.lang) == ("", "th")


async def test_rejoining_with_the_same_profile_changes_nothing(room: Room) -> None:
    first = await room.live.join(TOKEN_A, name="Nok")
    again = await room.live.join(TOKEN_A, name="Nok")
    assert again == first
    assert [type(e) for e in room.events] == [ParticipantJoined]
    renamed = await room.live.join(TOKEN_A, name="นก")
    assert renamed.joined_at == first.joined_at
    assert room.store.load(room.session_id).participants == [renamed]


async def test_a_too_long_name_is_rejected(room: Room) -> None:
    with pytest.raises(Rejected) as info:
        await room.live.join(TOKEN_A, name="n" * 500)
    assert info.value.reason == "too_long"
    assert room.live.participants == {}


async def test_an_answer_to_a_step_of_an_unknown_kind_is_refused_and_nothing_stored(tmp_path: Path) -> None:
    # A session record from a newer version may hold a step kind this version does not know.
    essay = Activity("x", Bilingual("x", "x"), Bilingual("", ""), (Step("essay", "essay", Bilingual("x", "x")),))
    store = Store(tmp_path)
    session = store.create_session(essay, "x")
    sink = store.sink(session)
    await sink.save_session(session)
    live = LiveSession(session, sink)
    try:
        pid = (await live.join(TOKEN_A)).id
        await live.goto(0)
        with pytest.raises(Rejected) as info:
            await live.answer(pid, 0, THAI, "client-0001")
        assert info.value.reason == "bad_request"
        assert live.answers == [] and store.load(session.id).answers == []
    finally:
        await store.close()


async def test_answer_in_the_lobby_is_refused(room: Room) -> None:
    pid = await join(room)
    with pytest.raises(Rejected) as info:
        await room.live.answer(pid, 0, "early", "client-0001")
    assert info.value.reason == "step_closed"
    assert room.live.answers == []


async def test_answer_after_advance_is_stored(room: Room) -> None:
    pid = await join(room)
    await room.live.advance()
    assert (room.live.session.status, room.live.session.step) == (Status.RUNNING, 0)
    r = await room.live.answer(pid, 0, f"  {THAI}  ", "client-0001")
    assert (r.text, r.step, r.participant_id, r.client_id) == (THAI, 0, pid, "client-0001")
    assert room.live.answers_for(0) == [r]
    assert room.live.answers_of(pid) == [r]
    assert room.store.load(room.session_id).answers == [r]


async def test_the_same_client_id_twice_stores_once(room: Room) -> None:
    pid = await join(room)
    await room.live.advance()
    first = await room.live.answer(pid, 0, "one idea", "client-0001")
    second = await room.live.answer(pid, 0, "one idea", "client-0001")
    assert second.id == first.id
    assert len(room.live.answers) == 1
    assert len(room.store.load(room.session_id).answers) == 1


async def test_answers_keep_their_participant_s_own_id_not_each_request_s_copy(room: Room) -> None:
    await join(room)
    await room.live.advance()
    answers = [await room.live.answer(participant_id(TOKEN_A), 0, f"idea {i}", f"client-000{i}") for i in range(3)]
    person = next(iter(room.live.participants.values()))
    assert all(answer.participant_id is person.id for answer in answers)


async def test_notes_share_one_empty_data_that_refuses_changes_and_read_back_as_it(room: Room) -> None:
    pid = await join(room)
    await room.live.advance()
    notes = [await room.live.answer(pid, 0, f"idea {i}", f"client-000{i}") for i in range(2)]
    assert notes[0].data is notes[1].data is NO_DATA and NO_DATA == {}
    with pytest.raises(TypeError):
        notes[0].data["x"] = 1
    with pytest.raises(TypeError):
        notes[0].data.update(x=1)
    assert json.loads(json.dumps(notes[0].to_dict()))["data"] == {}
    await room.store.close()
    assert all(a.data is NO_DATA for a in reopen(room).load(room.session_id).answers)


async def test_a_double_tap_sent_concurrently_stores_once(room: Room) -> None:
    pid = await join(room)
    await room.live.advance()
    results = await asyncio.gather(*(room.live.answer(pid, 0, "tap", "client-double") for _ in range(5)))
    assert len({r.id for r in results}) == 1
    assert len(room.live.answers) == 1
    assert sum(isinstance(e, AnswerAdded) for e in room.events) == 1
    await room.store.close()
    assert [r.id for r in reopen(room).load(room.session_id).answers] == [results[0].id]


async def test_the_same_client_id_from_another_participant_is_another_answer(room: Room) -> None:
    a = await join(room, TOKEN_A)
    b = await join(room, TOKEN_B)
    await room.live.advance()
    ra, rb = await asyncio.gather(
        room.live.answer(a, 0, "x", "client-0001"), room.live.answer(b, 0, "y", "client-0001")
    )
    assert ra.id != rb.id
    assert len(room.live.answers) == 2


@pytest.mark.parametrize("client_id", ["", "short", "has space!", "x" * 65, "../../etc", "ก" * 10, "a\x00bcdefgh"])
async def test_invalid_client_id_is_a_bad_request(room: Room, client_id: str) -> None:
    pid = await join(room)
    await room.live.advance()
    with pytest.raises(Rejected) as info:
        await room.live.answer(pid, 0, "text", client_id)
    assert info.value.reason == "bad_request"
    assert room.live.answers == []


async def test_not_joined_is_refused(room: Room) -> None:
    await room.live.advance()
    with pytest.raises(Rejected) as info:
        await room.live.answer(participant_id("never-joined-token"), 0, "text", "client-0001")
    assert info.value.reason == "not_joined"


@pytest.mark.parametrize(("raw", "reason"), [("   ", "empty"), ("\x00\u202e", "empty"), ("x" * 501, "too_long")])
async def test_bad_text_is_refused_and_nothing_stored(room: Room, raw: str, reason: str) -> None:
    pid = await join(room)
    await room.live.advance()
    with pytest.raises(Rejected) as info:
        await room.live.answer(pid, 0, raw, "client-0001")
    assert info.value.reason == reason
    assert room.live.answers == []
    ok = await room.live.answer(pid, 0, "fixed", "client-0001")  # the same key may be used once fixed
    assert ok.text == "fixed"


async def test_an_answer_to_an_old_step_is_refused(room: Room) -> None:
    pid = await join(room)
    await room.live.advance()
    kept = await room.live.answer(pid, 0, "in time", "client-0001")
    await room.live.advance()
    with pytest.raises(Rejected) as info:
        await room.live.answer(pid, 0, "too late", "client-0002")
    assert info.value.reason == "step_closed"
    # A retry of an answer already stored is still acknowledged: the phone slept through the step change.
    assert (await room.live.answer(pid, 0, "in time", "client-0001")).id == kept.id
    with pytest.raises(Rejected):
        await room.live.answer(pid, 2, "future step", "client-0003")
    assert room.live.answers == [kept]


async def test_back_reopens_a_step(room: Room) -> None:
    pid = await join(room)
    await room.live.goto(2)
    await room.live.back()
    assert room.live.session.step == 1
    await room.live.answer(pid, 1, "again", "client-0001")
    await room.live.back()
    await room.live.back()
    assert (room.live.session.status, room.live.session.step) == (Status.LOBBY, None)
    with pytest.raises(InvalidTransition):
        await room.live.back()
    assert room.store.load(room.session_id).session.status is Status.LOBBY


async def test_advance_past_the_last_step_changes_nothing(room: Room) -> None:
    await room.live.goto(2)
    with pytest.raises(InvalidTransition):
        await room.live.advance()
    assert room.live.session.step == 2
    assert room.store.load(room.session_id).session.step == 2


async def test_events_are_emitted_in_order(room: Room) -> None:
    pid = await join(room)
    await room.live.advance()
    r = await room.live.answer(pid, 0, "one", "client-0001")
    await room.live.advance()
    summaries = await room.live.close()
    kinds = [type(e) for e in room.events]
    assert kinds == [ParticipantJoined, StepChanged, AnswerAdded, StepChanged, SessionClosed]
    assert room.events[2] == AnswerAdded(room.live.session, r)
    closed = room.events[-1]
    assert isinstance(closed, SessionClosed) and closed.summaries == summaries


async def test_unsubscribed_listener_hears_nothing(room: Room) -> None:
    heard: list[Event] = []
    stop = room.live.subscribe(heard.append)
    await join(room)
    stop()
    await room.live.advance()
    assert [type(e) for e in heard] == [ParticipantJoined]


async def test_close_saves_the_summary_and_everything_survives_a_restart(room: Room) -> None:
    a = await join(room, TOKEN_A, organisation="อบต.ท่าข้าม", sector="local_admin")
    b = await join(room, TOKEN_B, name="Dao")
    await room.live.advance()
    answers = [await room.live.answer(a, 0, f"{THAI} {i}", f"client-a-{i:03d}") for i in range(3)]
    await room.live.advance()
    answers.append(await room.live.answer(b, 1, "🙂 [/] =1+1", "client-b-001"))

    summaries = await room.live.close()
    assert [s["kind"] for s in summaries] == ["session_overview"]  # a BAR of notes only, for this test
    summary = summaries[0]
    assert summary["answers"] == 4 and summary["participants"] == 2
    assert room.store.catalog.summaries(room.session_id) == [summary]
    entry = room.store.catalog.session(room.session_id)
    assert entry is not None
    assert (entry["status"], entry["participants"], entry["answers"]) == ("closed", 2, 4)
    assert room.live.session.closed_at is not None

    with pytest.raises(Rejected) as info:
        await room.live.answer(a, 1, "after close", "client-a-999")
    assert info.value.reason == "step_closed"
    with pytest.raises(Rejected):
        await room.live.join("token-cccccccccccccccccccc")
    with pytest.raises(InvalidTransition):
        await room.live.close()
    with pytest.raises(InvalidTransition):
        await room.live.advance()

    await room.store.close()
    record = reopen(room).load(room.session_id)
    assert record.session.status is Status.CLOSED
    assert record.session.closed_at == room.live.session.closed_at
    assert {p.id for p in record.participants} == {a, b}
    assert [r.to_dict() for r in record.answers] == [r.to_dict() for r in answers]
    assert record.summaries == [summary]


async def test_a_restarted_session_still_recognises_a_retried_answer(room: Room) -> None:
    pid = await join(room)
    await room.live.advance()
    first = await room.live.answer(pid, 0, "before the restart", "client-0001")
    await room.store.close()

    store = reopen(room)
    record = store.load(room.session_id)
    live = LiveSession(record.session, store.sink(record.session), record.participants, record.answers)
    assert (await live.answer(pid, 0, "before the restart", "client-0001")).id == first.id
    second = await live.answer(pid, 0, "after the restart", "client-0002")
    await store.close()
    assert [r.id for r in reopen(room).load(room.session_id).answers] == [first.id, second.id]


async def test_a_write_after_the_store_closed_raises(room: Room) -> None:
    pid = await join(room)
    await room.live.advance()
    await room.store.close()
    with pytest.raises(StoreClosed):
        await room.live.answer(pid, 0, "late", "client-0001")
    with pytest.raises(StoreClosed):
        await room.live.advance()
    assert room.live.answers == []
    assert room.live.session.step == 0


async def test_a_full_disk_fails_the_answer_and_a_retry_after_recovery_stores_it_once(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = await join(room)
    await room.live.advance()
    marker = "DISK-FULL-MARKER"
    real_write = os.write
    failures = 0

    def write(fd: int, data: bytes) -> int:
        nonlocal failures
        if marker.encode() in bytes(data):
            failures += 1
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    with pytest.raises(StorageError, match="No space left"):
        await room.live.answer(pid, 0, marker, "client-full")
    assert failures == 1
    assert room.live.answers == []
    assert not any(isinstance(e, AnswerAdded) for e in room.events)
    assert room.events[-1] == StorageTrouble(ok=False, detail=room.events[-1].detail)
    journal_file = room.store.sessions_dir / f"{room.session_id}.journal"
    assert marker.encode() not in journal_file.read_bytes()

    # Twin requests while the disk is still full: both fail, nothing is kept.
    results = await asyncio.gather(
        *(room.live.answer(pid, 0, marker, "client-full") for _ in range(2)), return_exceptions=True
    )
    assert all(isinstance(r, StorageError) for r in results)
    assert room.live.answers == []

    monkeypatch.undo()  # the disk has room again
    stored = await room.live.answer(pid, 0, marker, "client-full")
    assert room.events[-2:] == [StorageTrouble(ok=True, detail=""), AnswerAdded(room.live.session, stored)]
    assert await room.live.answer(pid, 0, marker, "client-full") == stored
    assert room.live.answers == [stored]
    assert journal_file.read_bytes().count(marker.encode()) == 1
    await room.store.close()
    assert [r.id for r in reopen(room).load(room.session_id).answers] == [stored.id]


async def test_an_answer_in_flight_when_the_session_closes_is_in_its_summary(room: Room) -> None:
    pid = await join(room)
    await room.live.advance()
    in_flight = asyncio.ensure_future(room.live.answer(pid, 0, "ทันเวลา", "client-late-01"))
    await asyncio.sleep(0)  # the answer is accepted and waiting for its batch to reach the disk
    summaries = await room.live.close()
    assert (await in_flight).text == "ทันเวลา"
    assert summaries[0]["answers"] == 1
