"""Changing stored answers in a running session, over the real durable store: the facilitator hiding one,
its participant editing or withdrawing it. Each change is on disk before it is announced, survives a restart,
and leaves the answer in the record while it counts nowhere."""

from __future__ import annotations

import errno
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from facilitator.core.activity import Activity, Bilingual, Option, Step
from facilitator.core.events import AnswerChanged, Change, Event
from facilitator.core.live import LiveSession, Rejected, StorageError
from facilitator.core.model import Answer, Session
from facilitator.core.record import SessionRecord
from facilitator.core.workshop import Workshop
from facilitator.store import Store

TOKEN_A = "token-aaaaaaaaaaaaaaaaaaaaaaaa"
TOKEN_B = "token-bbbbbbbbbbbbbbbbbbbbbbbb"
B = Bilingual
TASKS = (Option("data", B("ข้อมูลกลาง", "Shared data")), Option("fund", B("กองทุนกลาง", "Shared fund")))
ACTIVITY = Activity("mixed", B("ผสม", "Mixed"), B("", ""), (
    Step("goals", "notes", B("เป้าหมาย", "Goals")),
    Step("actions", "action", B("จะทำอะไร", "Actions")),
    Step("roles", "role_claim", B("บทบาท", "Roles"), options=TASKS),
))


@dataclass
class Room:
    data_dir: Path
    store: Store
    workshop: Workshop
    live: LiveSession
    events: list[Event] = field(default_factory=list)

    def reopened(self) -> SessionRecord:
        """The session's record as another process reads it from disk now."""
        return Store(self.data_dir, read_only=True).load(self.live.session.id)


@pytest.fixture
async def room(tmp_path: Path) -> AsyncIterator[Room]:
    store = Store(tmp_path)
    workshop = Workshop(store)
    live = await workshop.open_session(ACTIVITY, "ท่าข้าม")
    r = Room(tmp_path, store, workshop, live)
    live.subscribe(r.events.append)
    await live.join(TOKEN_A, organisation="รพ.สต.บ้านนา")
    await live.join(TOKEN_B, organisation="อบต.ท่าข้าม")
    await live.advance()
    yield r
    await store.close()


def pid(room: Room, token: str = TOKEN_A) -> str:
    return next(p.id for p in room.live.participants.values() if p.organisation == (
        "รพ.สต.บ้านนา" if token == TOKEN_A else "อบต.ท่าข้าม"))


async def notes(room: Room, *texts: str, token: str = TOKEN_A) -> list[Answer]:
    return [await room.live.answer(pid(room, token), 0, text, f"client-{token[6]}-{i:03d}")
            for i, text in enumerate(texts)]


def step_answers(room: Room, step: int = 0) -> int:
    return int(room.live.summaries()[0]["steps"][step]["answers"])


# -- the record -------------------------------------------------------------------------------------------
def test_an_answer_nobody_changed_is_stored_as_before_and_the_marks_read_back() -> None:
    plain = Answer("a1", "s", 0, "p", "ข้อความ", "client-0001", created_at="2026-01-01T00:00:00.000+00:00")
    assert set(plain.to_dict()) == {"id", "session_id", "step", "participant_id", "text", "client_id",
                                    "created_at", "data"}
    marked = Answer("a2", "s", 0, "p", "x", "client-0002", hidden=True, withdrawn=True, edited_at="t")
    assert Answer.from_dict(marked.to_dict()) == marked and not marked.counts and plain.counts


@pytest.mark.parametrize("hidden, withdrawn", [(False, False), (True, False), (False, True), (True, True)])
def test_an_answers_record_says_whether_it_counts_as_the_answer_does(hidden: bool, withdrawn: bool) -> None:
    answer = Answer("a1", "s", 0, "p", "x", "client-0001", hidden=hidden, withdrawn=withdrawn)
    assert Answer.record_counts(answer.to_dict()) is answer.counts is (not hidden and not withdrawn)


def test_a_record_sets_hidden_and_withdrawn_answers_aside_and_keeps_their_order() -> None:
    def answer(n: int, **marks: bool) -> Answer:
        return Answer(f"a{n}", "s", 0, "p", str(n), f"client-{n:04d}", created_at=f"2026-01-01T00:0{n}", **marks)

    session = Session("s", "1234", "ท่าข้าม", "th", ACTIVITY)
    record = SessionRecord(session, answers=[answer(1), answer(2, hidden=True), answer(3), answer(4, withdrawn=True)])
    assert [a.id for a in record.answers] == ["a1", "a3"]
    assert [a.id for a in record.set_aside] == ["a2", "a4"]
    assert [a.id for a in record.every_answer()] == ["a1", "a2", "a3", "a4"]


# -- hiding -----------------------------------------------------------------------------------------------
async def test_hiding_keeps_the_answer_on_disk_marked_and_out_of_every_count(room: Room) -> None:
    first, second = await notes(room, "หนึ่ง", "สอง")
    await room.live.set_hidden(second.id, True)
    assert room.live.answers == [first] and room.live.count_for(0) == 1 and step_answers(room) == 1
    assert room.live.book.wall_answers(0) == [first, second]   # the wall draws its stub
    assert room.live.book.listed_for(pid(room), 0) == [first, second]
    assert room.live.book.hidden_count(pid(room)) == 1
    assert room.events[-1] == AnswerChanged(room.live.session, second, Change.HIDDEN)
    on_disk = room.reopened()
    assert [a.id for a in on_disk.answers] == [first.id] and [a.hidden for a in on_disk.set_aside] == [True]
    await room.live.set_hidden(second.id, False)
    assert room.live.answers == [first, second] and room.reopened().set_aside == []
    assert room.events[-1].change is Change.SHOWN  # type: ignore[union-attr]


async def test_a_resumed_session_keeps_its_hidden_answer_hidden(room: Room) -> None:
    first, second = await notes(room, "หนึ่ง", "สอง")
    await room.live.set_hidden(first.id, True)
    await room.store.close()
    store = Store(room.data_dir)
    again = Workshop(store).resume_session(room.live.session.id)
    assert [a.text for a in again.answers] == ["สอง"]
    assert [a.hidden for a in again.book.wall_answers(0)] == [True, False]
    await again.set_hidden(first.id, False)
    assert [a.text for a in again.answers] == ["หนึ่ง", "สอง"]
    await store.close()


async def test_hiding_is_refused_for_unknown_withdrawn_and_replacing_answers_and_after_the_close(room: Room) -> None:
    (note,) = await notes(room, "หนึ่ง")
    with pytest.raises(Rejected, match="no_such_answer"):
        await room.live.set_hidden("nope", True)
    await room.live.withdraw(pid(room), note.id)
    with pytest.raises(Rejected, match="no_such_answer"):
        await room.live.set_hidden(note.id, True)
    await room.live.goto(2)
    claim = await room.live.submit(pid(room), 2, "client-claim", {"level.data": ["lead"]})
    with pytest.raises(Rejected, match="bad_request"):   # a claim is no card on the wall: withdrawn, not hidden
        await room.live.set_hidden(claim.id, True)
    await room.workshop.close_session(room.live)
    with pytest.raises(Rejected, match="closed_title"):
        await room.live.set_hidden(claim.id, True)


# -- editing ----------------------------------------------------------------------------------------------
async def test_an_edit_replaces_the_text_in_place_and_on_disk(room: Room) -> None:
    first, second = await notes(room, "หนึ่ง", "สอง")
    edited = await room.live.edit(pid(room), first.id, "  หนึ่งที่แก้แล้ว  ")
    assert edited is first and first.text == "หนึ่งที่แก้แล้ว" and first.edited_at
    assert [a.text for a in room.live.answers] == ["หนึ่งที่แก้แล้ว", "สอง"] and room.live.count_for(0) == 2
    assert room.events[-1] == AnswerChanged(room.live.session, first, Change.EDITED)
    assert [a.text for a in room.reopened().answers] == ["หนึ่งที่แก้แล้ว", "สอง"]
    before = len(room.events)
    await room.live.edit(pid(room), first.id, "หนึ่งที่แก้แล้ว")   # the same text again: nothing happens
    assert len(room.events) == before


@pytest.mark.parametrize("raw, reason", [("", "empty"), ("   ", "empty"), ("ก" * 501, "too_long")])
async def test_a_bad_edit_is_refused_like_a_new_answer_and_nothing_changes(room: Room, raw: str, reason: str) -> None:
    (note,) = await notes(room, "หนึ่ง")
    with pytest.raises(Rejected, match=reason):
        await room.live.edit(pid(room), note.id, raw)
    assert note.text == "หนึ่ง" and [a.text for a in room.reopened().answers] == ["หนึ่ง"]


async def test_only_the_owner_may_edit_and_only_while_the_step_is_open(room: Room) -> None:
    (note,) = await notes(room, "หนึ่ง")
    with pytest.raises(Rejected, match="not_yours"):
        await room.live.edit(pid(room, TOKEN_B), note.id, "ของฉัน")
    with pytest.raises(Rejected, match="not_yours"):
        await room.live.withdraw(pid(room, TOKEN_B), note.id)
    with pytest.raises(Rejected, match="no_such_answer"):
        await room.live.edit(pid(room), "nope", "x")
    with pytest.raises(Rejected, match="not_joined"):
        await room.live.edit("someone", note.id, "x")
    await room.live.set_hidden(note.id, True)
    with pytest.raises(Rejected, match="answer_hidden"):
        await room.live.edit(pid(room), note.id, "แก้")
    await room.live.set_hidden(note.id, False)
    await room.live.advance()
    with pytest.raises(Rejected, match="change_closed"):
        await room.live.edit(pid(room), note.id, "สาย")
    with pytest.raises(Rejected, match="change_closed"):
        await room.live.withdraw(pid(room), note.id)
    assert note.text == "หนึ่ง" and note.counts and room.reopened().answers[0].text == "หนึ่ง"


async def test_an_edited_action_keeps_its_organisation_and_date(room: Room) -> None:
    await room.live.advance()
    action = await room.live.submit(pid(room), 1, "client-act", {
        "text": ["ทำแผนร่วม"], "organisation": ["รพ.สต.บ้านนา"], "due": ["2026-03-01"]})
    await room.live.edit(pid(room), action.id, "ทำแผนร่วมทั้งตำบล")
    assert (action.text, action.data) == ("ทำแผนร่วมทั้งตำบล", {"organisation": "รพ.สต.บ้านนา", "due": "2026-03-01"})


async def test_a_failed_write_changes_nothing(room: Room, monkeypatch: pytest.MonkeyPatch) -> None:
    (note,) = await notes(room, "หนึ่ง")
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        if b"FULL" in bytes(data):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(StorageError):
        await room.live.edit(pid(room), note.id, "FULL")
    assert note.text == "หนึ่ง" and note.edited_at is None
    monkeypatch.undo()
    assert room.reopened().answers[0].text == "หนึ่ง"


# -- withdrawing ------------------------------------------------------------------------------------------
async def test_a_withdrawn_note_stays_in_the_record_and_counts_nowhere(room: Room) -> None:
    first, second = await notes(room, "หนึ่ง", "สอง")
    assert await room.live.withdraw(pid(room), first.id) == [first]
    assert room.live.answers == [second] and room.live.book.wall_answers(0) == [second]
    assert step_answers(room) == 1
    assert room.live.book.listed_for(pid(room), 0) == [second]
    assert await room.live.withdraw(pid(room), first.id) == []   # a second tap changes nothing
    record = room.reopened()
    assert [(a.text, a.withdrawn) for a in record.set_aside] == [("หนึ่ง", True)]
    with pytest.raises(Rejected, match="no_such_answer"):
        await room.live.edit(pid(room), first.id, "กลับมา")


async def test_withdrawing_a_role_claim_withdraws_every_version_so_none_comes_back(room: Room) -> None:
    await room.live.goto(2)
    me = pid(room)
    await room.live.submit(me, 2, "client-c1", {"level.data": ["lead"]})
    latest = await room.live.submit(me, 2, "client-c2", {"level.fund": ["lead"]})
    split = room.live.summaries()[1]
    assert split["kind"] == "role_split" and split["gaps"] == []
    withdrawn = await room.live.withdraw(me, latest.id)
    assert len(withdrawn) == 2 and room.live.answers_of(me, 2) == []
    assert set(room.live.summaries()[1]["gaps"]) == {"data", "fund"}
    assert all(a.withdrawn for a in room.reopened().set_aside) and room.reopened().answers == []


# -- the exports ------------------------------------------------------------------------------------------
async def test_the_json_export_keeps_the_marks_and_the_markdown_post_only_counts_the_hidden(room: Room) -> None:
    from exports import export
    from exports.json_export import read_json

    first, second, third = await notes(room, "หนึ่ง", "ข้อความที่ซ่อน *ตัวหนา*", "สาม")
    await room.live.set_hidden(second.id, True)
    await room.live.withdraw(pid(room), third.id)
    record = room.reopened()
    back = read_json(export(record, "json", "th"))
    assert [(a.text, a.hidden, a.withdrawn) for a in back.every_answer()] == [
        ("หนึ่ง", False, False), ("ข้อความที่ซ่อน *ตัวหนา*", True, False), ("สาม", False, True)]
    assert [a.text for a in back.answers] == ["หนึ่ง"]
    post = export(record, "md", "en").decode()
    assert "ข้อความที่ซ่อน" not in post and "สาม" not in post and "หนึ่ง" in post
    assert "*Answers hidden by the facilitator: 1*" in post
