"""``facilitator import``: the JSON exports of several laptops (rooms of one forum) merged into one data
directory — organisations matched by spelling, ids kept unique, nothing duplicated or lost, safe to repeat."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from activities import load
from exports.json_export import from_document, read_json, to_document
from facilitator.__main__ import main
from facilitator.core.live import LiveSession
from facilitator.core.summaries.progress import KIND as PROGRESS
from facilitator.core.workshop import Workshop
from facilitator.store import Store

PARTNERSHIP = "ภาคีตำบลหนองบัว"


class Room:
    """One laptop: its own data directory, partnership and BAR session, run through the real workshop."""

    def __init__(self, data_dir: Path, partnership_name: str, orgs: list[tuple[str, str]]) -> None:
        self.data_dir = data_dir
        self.store = Store(data_dir)
        self.workshop = Workshop(self.store)
        self.partnership = self.store.create_partnership(partnership_name, orgs)
        self.live: LiveSession | None = None

    async def open(self, title: str) -> LiveSession:
        self.live = await self.workshop.open_session(load("bar"), title, partnership_id=self.partnership.id)
        await self.live.advance()
        return self.live

    async def say(self, token: str, organisation: str, sector: str, *texts: str) -> None:
        assert self.live is not None
        person = await self.live.join(token, name="", organisation=organisation, sector=sector)
        for i, text in enumerate(texts):
            await self.live.answer(person.id, 0, text, f"{token[:8]}-{len(self.live.answers)}-{i:04d}")

    async def close(self) -> None:
        assert self.live is not None
        await self.workshop.close_session(self.live)

    def export(self, out: Path) -> Path:
        assert self.live is not None
        assert main(["export", self.live.session.id, "--format", "json", "--out", str(out),
                     "--data-dir", str(self.data_dir)]) == 0
        return out

    async def shut(self) -> None:
        await self.store.close()


def held(data_dir: Path) -> dict[str, Any]:
    """Everything a data directory holds, as plain data (sessions with their records, partnerships)."""
    store = Store(data_dir, read_only=True)
    sessions = {}
    for row in store.sessions():
        record = store.load(row["id"])
        sessions[row["id"]] = {
            "session": record.session.to_dict(),
            "participants": sorted((p.to_dict() for p in record.participants), key=lambda p: p["id"]),
            "answers": sorted((a.to_dict() for a in record.answers), key=lambda a: a["id"]),
        }
    return {"sessions": sessions, "partnerships": [p.to_dict() for p in store.partnerships()]}


def texts(state: dict[str, Any]) -> list[str]:
    return sorted(a["text"] for s in state["sessions"].values() for a in s["answers"])


@pytest.fixture
def rooms(tmp_path: Path) -> tuple[Path, Path]:
    """Two rooms of one forum on two laptops, each with the partnership under its own id; their exports."""

    async def run() -> tuple[Path, Path]:
        a = Room(tmp_path / "room-a", PARTNERSHIP, [("อบต.หนองบัว", "local_admin")])
        await a.open("ห้อง 1: สุขภาพ")
        await a.say("token-a1-aaaaaaaaaaaaaaaa", "อบต.หนองบัว", "local_admin", "ผู้สูงอายุมีที่ออกกำลังกาย")
        await a.say("token-a2-aaaaaaaaaaaaaaaa", "รพ.สต.บ้านนา", "government",
                    "คัดกรองเบาหวานครบทุกหมู่บ้าน", "=SUM(A1)")
        await a.close()
        b = Room(tmp_path / "room-b", f" {PARTNERSHIP} ", [])
        await b.open("ห้อง 2: อาชีพ")
        await b.say("token-b1-bbbbbbbbbbbbbbbb", "รพสต บ้านนา", "", "กลุ่มอาชีพขายของออนไลน์ได้")
        await b.say("token-b2-bbbbbbbbbbbbbbbb", "โรงเรียนบ้านหนองบัว", "academic", "<b>เด็ก</b>เรียนรู้จากผู้สูงอายุ")
        await b.close()
        exported = a.export(tmp_path / "a.json"), b.export(tmp_path / "b.json")
        await a.shut()
        await b.shut()
        return exported

    return asyncio.run(run())


def test_two_rooms_merge_into_one_partnership(rooms: tuple[Path, Path], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "office"
    assert main(["import", *map(str, rooms), "--data-dir", str(target), "--lang", "en"]) == 0
    state = held(target)
    assert texts(state) == sorted([
        "ผู้สูงอายุมีที่ออกกำลังกาย", "คัดกรองเบาหวานครบทุกหมู่บ้าน", "=SUM(A1)", "กลุ่มอาชีพขายของออนไลน์ได้",
        "<b>เด็ก</b>เรียนรู้จากผู้สูงอายุ",
    ])
    assert len(state["sessions"]) == 2
    [partnership] = state["partnerships"]
    assert partnership["name"] == PARTNERSHIP
    orgs = {org["name"]: org["sector"] for org in partnership["organisations"]}
    # "รพสต บ้านนา" from room 2 is the same organisation as room 1's "รพ.สต.บ้านนา": one entry, its sector kept
    assert orgs == {"อบต.หนองบัว": "local_admin", "รพ.สต.บ้านนา": "government", "โรงเรียนบ้านหนองบัว": "academic"}
    assert {s["session"]["partnership_id"] for s in state["sessions"].values()} == {partnership["id"]}
    store = Store(target, read_only=True)
    [progress] = [s for s in store.catalog.partnership_summaries(partnership["id"]) if s["kind"] == PROGRESS]
    assert progress["partnership_id"] == partnership["id"]
    out = capsys.readouterr().out
    assert "2 new participants" in out and f"new partnership {PARTNERSHIP}" in out


def test_importing_again_changes_nothing(rooms: tuple[Path, Path], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "office"
    assert main(["import", *map(str, rooms), "--data-dir", str(target)]) == 0
    before = held(target)
    files = {p: p.read_bytes() for p in (target / "sessions").iterdir()}
    capsys.readouterr()
    assert main(["import", str(rooms[1]), str(rooms[0]), "--data-dir", str(target), "--lang", "en"]) == 0
    assert held(target) == before
    assert {p: p.read_bytes() for p in (target / "sessions").iterdir()} == files
    assert capsys.readouterr().out.count("nothing changed") == 2


def test_a_room_imports_its_own_export_without_change(rooms: tuple[Path, Path], tmp_path: Path) -> None:
    before = held(tmp_path / "room-a")
    assert main(["import", str(rooms[0]), "--data-dir", str(tmp_path / "room-a")]) == 0
    assert held(tmp_path / "room-a") == before


def test_a_later_export_of_the_same_session_adds_only_what_is_new(tmp_path: Path) -> None:
    async def run() -> None:
        room = Room(tmp_path / "room", PARTNERSHIP, [])
        live = await room.open("ห้องเดียว")
        await room.say("token-x1-xxxxxxxxxxxxxxxx", "อบต.หนองบัว", "local_admin", "หนึ่ง", "สอง")
        room.export(tmp_path / "early.json")  # taken while the session still runs
        await room.say("token-x2-xxxxxxxxxxxxxxxx", "อสม.หมู่ 3", "volunteer", "สาม")
        await room.close()
        room.export(tmp_path / "late.json")
        await room.shut()
        assert live.session.id

    asyncio.run(run())
    target = tmp_path / "office"
    assert main(["import", str(tmp_path / "early.json"), "--data-dir", str(target)]) == 0
    [early] = held(target)["sessions"].values()
    assert early["session"]["status"] == "running" and len(early["answers"]) == 2
    assert main(["import", str(tmp_path / "late.json"), str(tmp_path / "early.json"), "--data-dir", str(target)]) == 0
    [late] = held(target)["sessions"].values()
    assert late["session"]["status"] == "closed"  # the copy further along wins; the early one takes nothing back
    assert sorted(a["text"] for a in late["answers"]) == ["สอง", "สาม", "หนึ่ง"]
    assert len(late["participants"]) == 2


def test_an_id_taken_here_by_another_session_gets_a_new_one(rooms: tuple[Path, Path], tmp_path: Path) -> None:
    document = json.loads(rooms[0].read_bytes())
    other = json.loads(rooms[1].read_bytes())
    other["session"]["id"] = document["session"]["id"]  # two laptops that drew the same id
    for table in ("participants", "answers"):
        for doc in other[table]:
            doc["session_id"] = document["session"]["id"]
    clash = tmp_path / "clash.json"
    clash.write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "office"
    assert main(["import", str(rooms[0]), str(clash), "--data-dir", str(target)]) == 0
    assert main(["import", str(clash), "--data-dir", str(target)]) == 0  # found again under its new id
    state = held(target)
    assert len(state["sessions"]) == 2 and len(texts(state)) == 5
    renamed = next(s for s in state["sessions"].values() if s["session"]["title"] == other["session"]["title"])
    assert renamed["session"]["id"] != document["session"]["id"]
    assert {a["session_id"] for a in renamed["answers"]} == {renamed["session"]["id"]}


def test_into_a_named_partnership(rooms: tuple[Path, Path], tmp_path: Path) -> None:
    target = tmp_path / "office"
    store = Store(target)
    forum = store.create_partnership("เวทีอำเภอ", [("รพ.สต. บ้านนา", "government")])
    asyncio.run(store.close())
    assert main(["import", *map(str, rooms), "--partnership", forum.id, "--data-dir", str(target)]) == 0
    state = held(target)
    [partnership] = state["partnerships"]
    assert partnership["id"] == forum.id
    assert [org["name"] for org in partnership["organisations"]] == [
        "รพ.สต. บ้านนา", "อบต.หนองบัว", "โรงเรียนบ้านหนองบัว",
    ]


def test_bad_files_are_named_and_the_good_ones_still_imported(rooms: tuple[Path, Path], tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.json").write_text('{"format": "something else"}', encoding="utf-8")
    (tmp_path / "broken.json").write_bytes(b"\xff\xfe{")
    target = tmp_path / "office"
    argv = ["import", str(tmp_path / "missing.json"), str(tmp_path / "notes.json"), str(tmp_path / "broken.json"),
            str(rooms[0]), "--data-dir", str(target), "--lang", "en"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    for name in ("missing.json", "notes.json", "broken.json"):
        assert f"{name}: cannot be read" in err
    assert len(held(target)["sessions"]) == 1


def test_an_unknown_partnership_is_refused_before_anything_is_read(rooms: tuple[Path, Path], tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(rooms[0]), "--partnership", "nope", "--data-dir", str(tmp_path / "o"),
                 "--lang", "en"]) == 2
    assert "no partnership nope" in capsys.readouterr().err


def test_the_json_export_carries_its_partnership_and_reads_back_equal(rooms: tuple[Path, Path]) -> None:
    document = json.loads(rooms[0].read_bytes())
    assert document["partnership"]["name"] == PARTNERSHIP
    record = read_json(rooms[0].read_bytes())
    assert record.partnership is not None and record.partnership.name == PARTNERSHIP
    assert to_document(from_document(document)) == document
