"""The workshop service over a real store, without any UI: opening, resuming and closing sessions, the BAR an
AAR follows, organisations learned from phones, and the progress summary saved at close."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

import facilitator.core.workshop as workshop_module
from activities import load
from facilitator.core.live import LiveSession
from facilitator.core.model import Status
from facilitator.core.partnership import Partnership
from facilitator.core.kinds import follows_bar
from facilitator.core.workshop import Workshop, WorkshopStore
from facilitator.store import Store

THA_KHAM = "อบต.ท่าข้าม"
BAN_NA = "รพ.สต.บ้านนา"
TOKEN_A = "token-aaaaaaaaaaaaaaaaaaaaaaaa"
TOKEN_B = "token-bbbbbbbbbbbbbbbbbbbbbbbb"


class WatchedStore(Store):
    """The real store, noting which threads call it and how often partnerships are saved."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir)
        self.threads: set[int] = set()
        self.partnership_saves = 0

    def partnership(self, partnership_id: str) -> Partnership:
        self.threads.add(threading.get_ident())
        return super().partnership(partnership_id)

    def partnership_records(self, partnership_id: str) -> list[Any]:
        self.threads.add(threading.get_ident())
        return super().partnership_records(partnership_id)

    def save_partnership(self, partnership: Partnership) -> None:
        self.threads.add(threading.get_ident())
        self.partnership_saves += 1
        super().save_partnership(partnership)

    def save_summary(self, summary: dict[str, Any]) -> None:
        self.threads.add(threading.get_ident())
        super().save_summary(summary)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[WatchedStore]:
    store = WatchedStore(tmp_path)
    yield store
    await store.close()


@pytest.fixture
def partnership(store: WatchedStore) -> Partnership:
    return store.create_partnership("ภาคีตำบลท่าข้าม", [(THA_KHAM, "local_admin"), (BAN_NA, "government")])


async def run_bar(workshop: Workshop, partnership: Partnership) -> LiveSession:
    """A closed BAR of the partnership: one goal, and อบต.ท่าข้าม leading the shared data."""
    bar = await workshop.open_session(load("bar"), "BAR ท่าข้าม", partnership_id=partnership.id)
    person = await bar.join(TOKEN_A, organisation=THA_KHAM)
    await bar.goto(0)
    await bar.answer(person.id, 0, "ทุกหน่วยงานใช้ข้อมูลชุดเดียวกัน", "goal-0001")
    roles = [step.id for step in bar.session.activity.steps].index("roles")
    await bar.goto(roles)
    await bar.submit(person.id, roles, "claims-0001", {"level.data": ["lead"]})
    await workshop.close_session(bar)
    return bar


def test_the_real_store_is_a_workshop_store(tmp_path: Path) -> None:
    assert isinstance(Store(tmp_path), WorkshopStore)


# -- opening and resuming --------------------------------------------------------------------------------------
async def test_a_new_session_is_saved_and_served(store: WatchedStore) -> None:
    workshop = Workshop(store)
    live = await workshop.open_session(load("bar"), "ประชุมภาคีตำบล", lang="en")
    assert workshop.room.get(live.session.code) is live and workshop.running(live.session.id) is live
    assert (live.session.status, live.session.lang) == (Status.LOBBY, "en")
    assert store.load(live.session.id).session.title == "ประชุมภาคีตำบล"
    assert store.catalog.session(live.session.id)["status"] == "lobby"  # type: ignore[index]
    assert live.partnership is None and live.commitments == [] and live.expectations == []


async def test_a_session_in_a_partnership_gets_its_partnership(store: WatchedStore, partnership: Partnership) -> None:
    live = await Workshop(store).open_session(load("bar"), "BAR", partnership_id=partnership.id)
    assert live.partnership == partnership and live.commitments == []


async def test_an_aar_gets_the_commitments_so_far_and_the_bars_expectations(
    store: WatchedStore, partnership: Partnership
) -> None:
    workshop = Workshop(store)
    bar = await run_bar(workshop, partnership)
    aar = await workshop.open_session(load("aar"), "AAR", partnership_id=partnership.id, follows=bar.session.id)
    assert [r.text for r in aar.expectations] == ["ทุกหน่วยงานใช้ข้อมูลชุดเดียวกัน"]
    assert [(c["task"]["th"], c["lead"], c["status"]) for c in aar.commitments] == [
        ("ข้อมูลกลาง", THA_KHAM, "not_started")]


async def test_resuming_a_running_session_gives_the_one_being_served(store: WatchedStore) -> None:
    workshop = Workshop(store)
    live = await workshop.open_session(load("bar"), "BAR")
    assert workshop.resume_session(live.session.id) is live
    assert workshop.room.lives() == [live]


async def test_resuming_after_a_restart_brings_back_everything(store: WatchedStore, partnership: Partnership) -> None:
    first = Workshop(store)
    bar = await run_bar(first, partnership)
    aar = await first.open_session(load("aar"), "AAR", partnership_id=partnership.id, follows=bar.session.id)
    person = await aar.join(TOKEN_B, organisation=BAN_NA)
    await aar.goto(1)
    await aar.answer(person.id, 1, "ได้ข้อมูลชุดเดียวกันแล้ว", "met-0001")

    again = Workshop(store)  # the app restarted: nothing is served yet
    resumed = again.resume_session(aar.session.id)
    assert resumed is not aar and again.room.get(aar.session.code) is resumed
    assert (resumed.session.status, resumed.session.step) == (Status.RUNNING, 1)
    assert list(resumed.participants) == [person.id]
    assert [r.text for r in resumed.answers] == ["ได้ข้อมูลชุดเดียวกันแล้ว"]
    assert resumed.partnership == store.partnership(partnership.id)
    assert resumed.expectations == aar.expectations and resumed.commitments == aar.commitments


# -- closing ---------------------------------------------------------------------------------------------------
async def test_closing_saves_the_summaries_and_the_partnerships_progress(
    store: WatchedStore, partnership: Partnership
) -> None:
    workshop = Workshop(store)
    bar = await run_bar(workshop, partnership)
    assert bar.session.status is Status.CLOSED
    assert store.catalog.session(bar.session.id)["status"] == "closed"  # type: ignore[index]
    assert {s["kind"] for s in store.catalog.summaries(bar.session.id)} >= {"session_overview", "role_split"}
    (progress,) = store.catalog.partnership_summaries(partnership.id)
    assert progress["kind"] == "progress" and progress["partnership_id"] == partnership.id
    assert [(c["task"]["th"], c["lead"]) for c in progress["commitments"]] == [("ข้อมูลกลาง", THA_KHAM)]
    assert [(s["id"], s["status"]) for s in progress["sessions"]] == [(bar.session.id, "closed")]
    assert store.load(bar.session.id).latest("progress") == progress


async def test_the_progress_summary_follows_each_close(store: WatchedStore, partnership: Partnership) -> None:
    workshop = Workshop(store)
    bar = await run_bar(workshop, partnership)
    checkin = await workshop.open_session(load("checkin"), "ติดตามงาน", partnership_id=partnership.id,
                                          follows=bar.session.id)
    (commitment,) = checkin.commitments
    person = await checkin.join(TOKEN_B, organisation=THA_KHAM)
    await checkin.goto(0)
    await checkin.submit(person.id, 0, "progress-0001", {
        "organisation": [THA_KHAM], f"status.{commitment['id']}": ["blocked"], f"note.{commitment['id']}": ["รอระบบ"]})
    await workshop.close_session(checkin)
    (progress,) = store.catalog.partnership_summaries(partnership.id)  # replaced, not added
    assert [(c["status"], c["note"]) for c in progress["commitments"]] == [("blocked", "รอระบบ")]
    assert [s["id"] for s in progress["sessions"]] == [bar.session.id, checkin.session.id]


async def test_progress_is_computed_off_the_event_loop_and_stored_on_it(
    store: WatchedStore, partnership: Partnership, monkeypatch: pytest.MonkeyPatch
) -> None:
    computed_in: list[int] = []
    real = workshop_module.progress_summary

    def watched(*args: Any) -> dict[str, Any]:
        computed_in.append(threading.get_ident())
        return real(*args)

    monkeypatch.setattr(workshop_module, "progress_summary", watched)
    loop_thread = threading.get_ident()
    await run_bar(Workshop(store), partnership)
    assert len(computed_in) == 1 and computed_in[0] != loop_thread
    assert store.threads == {loop_thread}  # every store call, the progress summary's save included


async def test_closing_without_a_partnership_saves_no_progress(store: WatchedStore) -> None:
    workshop = Workshop(store)
    live = await workshop.open_session(load("bar"), "BAR")
    summaries = await workshop.close_session(live)
    assert {s["kind"] for s in summaries} == {s["kind"] for s in store.catalog.summaries(live.session.id)}
    assert store.catalog.db.table("summaries").search(lambda doc: doc.get("kind") == "progress") == []


async def test_the_stores_sink_alone_computes_no_progress(store: WatchedStore, partnership: Partnership) -> None:
    session = store.create_session(load("bar"), "BAR", partnership_id=partnership.id)
    sink = store.sink(session)
    await sink.save_session(session)
    await LiveSession(session, sink).close()
    assert store.catalog.summaries(session.id) and store.catalog.partnership_summaries(partnership.id) == []


# -- the BAR an AAR follows ------------------------------------------------------------------------------------
def test_activities_that_refer_back_to_a_bar() -> None:
    assert [name for name in ("bar", "aar", "checkin", "role-split", "health", "pilot-areas")
            if follows_bar(load(name))] == ["aar", "checkin"]


async def test_an_aar_follows_the_partnerships_latest_bar(store: WatchedStore, partnership: Partnership) -> None:
    workshop = Workshop(store)
    assert workshop.bar_to_follow(load("aar"), partnership.id) is None  # no BAR yet
    await run_bar(workshop, partnership)
    latest = await run_bar(workshop, partnership)
    elsewhere = store.create_partnership("ภาคีอื่น")
    await run_bar(workshop, elsewhere)
    assert workshop.bar_to_follow(load("aar"), partnership.id) == latest.session.id
    assert workshop.bar_to_follow(load("checkin"), partnership.id) == latest.session.id
    assert workshop.bar_to_follow(load("role-split"), partnership.id) is None
    assert workshop.bar_to_follow(load("aar"), None) is None


# -- organisations learned from phones -------------------------------------------------------------------------
async def test_an_organisation_typed_on_a_phone_joins_the_partnership(
    store: WatchedStore, partnership: Partnership
) -> None:
    workshop = Workshop(store)
    bar = await workshop.open_session(load("bar"), "BAR", partnership_id=partnership.id)
    other = await workshop.open_session(load("role-split"), "แบ่งบทบาท", partnership_id=partnership.id)
    await bar.join(TOKEN_A, organisation="กลุ่มแม่บ้านหมู่ 3", sector="community", also=["อบต. ท่าข้าม", "อสม.บ้านนา"])
    saved = store.partnership(partnership.id)
    assert [(o.name, o.sector) for o in saved.organisations] == [
        (THA_KHAM, "local_admin"), (BAN_NA, "government"), ("กลุ่มแม่บ้านหมู่ 3", "community"),
        ("อสม.บ้านนา", ""),  # a hat takes no sector; a known spelling is not added
    ]
    assert bar.partnership == saved and other.partnership == saved  # every open session of the partnership


async def test_known_organisations_are_not_saved_again(store: WatchedStore, partnership: Partnership) -> None:
    workshop = Workshop(store)
    live = await workshop.open_session(load("bar"), "BAR", partnership_id=partnership.id)
    saves = store.partnership_saves
    await live.join(TOKEN_A, organisation="อบต. ท่าข้าม", also=[BAN_NA])
    await live.join(TOKEN_B, organisation="ชมรมผู้สูงอายุ")
    await live.join(TOKEN_B, organisation="ชมรมผู้สูงอายุ", name="สมศรี")  # the same again: nothing new
    assert store.partnership_saves == saves + 1
    assert [o.name for o in store.partnership(partnership.id).organisations] == [THA_KHAM, BAN_NA, "ชมรมผู้สูงอายุ"]


async def test_a_resumed_session_learns_organisations_too(store: WatchedStore, partnership: Partnership) -> None:
    live = await Workshop(store).open_session(load("bar"), "BAR", partnership_id=partnership.id)
    resumed = Workshop(store).resume_session(live.session.id)
    await resumed.join(TOKEN_A, organisation="วัดบ้านนา")
    assert "วัดบ้านนา" in [o.name for o in store.partnership(partnership.id).organisations]
    assert "วัดบ้านนา" in [o.name for o in resumed.partnership.organisations]  # type: ignore[union-attr]


async def test_a_session_without_a_partnership_learns_nothing(store: WatchedStore, partnership: Partnership) -> None:
    live = await Workshop(store).open_session(load("bar"), "BAR")
    saves = store.partnership_saves
    await live.join(TOKEN_A, organisation="วัดบ้านนา")
    assert store.partnership_saves == saves and live.partnership is None
    assert [o.name for o in store.partnership(partnership.id).organisations] == [THA_KHAM, BAN_NA]


async def test_merging_two_spellings_reaches_open_sessions_and_progress(
    store: WatchedStore, partnership: Partnership
) -> None:
    workshop = Workshop(store)
    live = await workshop.open_session(load("bar"), "BAR", partnership_id=partnership.id)
    await live.join(TOKEN_A, organisation="อบต.ท่าข้ามใหม่")
    merged = await workshop.merge_organisations(partnership.id, "อบต.ท่าข้ามใหม่", THA_KHAM)
    assert [o.name for o in store.partnership(partnership.id).organisations] == [THA_KHAM, BAN_NA]
    assert live.partnership == merged and merged.canonical("อบต.ท่าข้ามใหม่") == THA_KHAM
    (progress,) = store.catalog.partnership_summaries(partnership.id)
    assert progress["kind"] == "progress"


async def test_the_room_knows_the_stores_sessions_it_does_not_serve(tmp_path: Path) -> None:
    store = Store(tmp_path)
    workshop = Workshop(store)
    partnership = store.create_partnership("ภาคีตำบลบ้านนา")
    closed = await workshop.open_session(load("bar"), "ครั้งแรก", partnership_id=partnership.id)
    await workshop.close_session(closed)
    unfinished = await workshop.open_session(load("bar"), "ครั้งที่สอง", lang="en", partnership_id=partnership.id)
    elsewhere = await workshop.open_session(load("bar"), "ภาคีอื่น")
    room = workshop.room
    assert room.listed(unfinished.session.code) is None  # served: the room has it
    assert room.open_now(partnership.id, besides=closed.session.code) is unfinished
    assert room.open_now(partnership.id, besides=unfinished.session.code) is None  # the closed one is no offer
    assert room.open_now(None) is None
    await store.close()

    after = Workshop(Store(tmp_path))  # the laptop restarted: nothing served yet
    room = after.room
    back = room.listed(unfinished.session.code)
    assert back is not None and not back.finished
    assert (back.title, back.lang, back.partnership_id) == ("ครั้งที่สอง", "en", partnership.id)
    gone = room.listed(closed.session.code)
    assert gone is not None and gone.finished
    assert room.listed("99999999") is None
    assert room.open_now(partnership.id) is None
    after.resume_session(elsewhere.session.id)
    assert room.open_now(partnership.id) is None  # another partnership's session
    after.resume_session(unfinished.session.id)
    assert room.listed(unfinished.session.code) is None
    assert room.open_now(partnership.id) is not None


async def test_an_unfinished_session_comes_before_a_closed_one_with_its_code(tmp_path: Path) -> None:
    store = Store(tmp_path)
    workshop = Workshop(store)
    closed = await workshop.open_session(load("bar"), "ครั้งแรก")
    await workshop.close_session(closed)
    later = await workshop.open_session(load("bar"), "ครั้งที่สอง")
    entry = next(row for row in store.catalog.sessions() if row["id"] == later.session.id)
    store.catalog.put_session({**entry, "code": closed.session.code})  # a closed session's code, used again
    for live in (closed, later):
        workshop.room.close(live.session.code)
    listed = workshop.room.listed(closed.session.code)
    assert listed is not None and (listed.title, listed.finished) == ("ครั้งที่สอง", False)
    await store.close()
