"""Anonymous sessions over the real store: the setting is kept with the session (and old records read as not
anonymous), a join keeps no name whatever the form sent, and the files and exports hold none."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from activities import load
from exports import export
from exports.json_export import read_json
from exports.labels import label
from exports.markdown import escape
from facilitator.core.kinds.base import byline
from facilitator.core.live import LiveSession
from facilitator.core.model import Session
from facilitator.core.workshop import Workshop
from facilitator.store import Store
from tests.unit.records import make_record

#: The name a forged join form sends (ASCII, so it is found in the files however JSON escapes the Thai).
FORGED = "Somchai Forged สมชาย"
SURNAME = b"Forged"
ORG = "รพ.สต.บ้านนา"
TOKEN = "token-aaaaaaaaaaaaaaaaaaaaaaaa"
GOLDEN = Path(__file__).parent / "golden"


def stored_bytes(data_dir: Path) -> bytes:
    """Every file of the data directory, one after another."""
    return b"".join(path.read_bytes() for path in sorted(data_dir.rglob("*")) if path.is_file())


async def open_bar(data_dir: Path, *, anonymous: bool) -> tuple[Store, Workshop, LiveSession]:
    store = Store(data_dir)
    workshop = Workshop(store)
    live = await workshop.open_session(load("bar"), "ประชุมภาคีตำบล", anonymous=anonymous)
    return store, workshop, live


def test_the_setting_round_trips_and_is_written_only_when_set() -> None:
    session = make_record().session
    assert session.anonymous is False and "anonymous" not in session.to_dict()
    assert Session.from_dict(session.to_dict()) == session
    anonymous = dataclasses.replace(session, anonymous=True)
    assert anonymous.to_dict()["anonymous"] is True
    assert Session.from_dict(anonymous.to_dict()) == anonymous


def test_a_record_written_before_the_setting_reads_as_not_anonymous() -> None:
    data = make_record().session.to_dict()
    data.pop("anonymous", None)
    assert Session.from_dict(data).anonymous is False
    assert read_json((GOLDEN / "session.v1.json").read_bytes()).session.anonymous is False
    assert read_json((GOLDEN / "session.json").read_bytes()).session.anonymous is False


async def test_a_join_keeps_no_name_and_none_reaches_the_disk(tmp_path: Path) -> None:
    store, workshop, live = await open_bar(tmp_path / "anonymous", anonymous=True)
    person = await live.join(TOKEN, name=FORGED, organisation=ORG, sector="government")
    assert (person.name, person.organisation, person.sector) == ("", ORG, "government")
    assert live.participants[person.id].name == ""
    assert byline(person, "th") == ORG and byline(person, "en") == ORG
    assert SURNAME not in stored_bytes(tmp_path / "anonymous")  # the journal: acknowledged, so on disk
    await store.close()
    assert SURNAME not in stored_bytes(tmp_path / "anonymous")  # the checkpointed session file
    assert Store(tmp_path / "anonymous").load(live.session.id).session.anonymous is True

    named_store, _, named = await open_bar(tmp_path / "named", anonymous=False)
    assert (await named.join(TOKEN, name=FORGED, organisation=ORG)).name == FORGED
    assert SURNAME in stored_bytes(tmp_path / "named")  # the same join in a session that keeps names
    await named_store.close()


async def test_a_resumed_anonymous_session_still_keeps_no_name(tmp_path: Path) -> None:
    store, _, live = await open_bar(tmp_path, anonymous=True)
    await store.close()
    again = Store(tmp_path)
    resumed = Workshop(again).resume_session(live.session.id)
    assert resumed.session.anonymous is True
    assert (await resumed.join(TOKEN, name=FORGED, organisation=ORG)).name == ""
    await again.close()
    assert SURNAME not in stored_bytes(tmp_path)


async def test_exports_of_an_anonymous_session_carry_no_name(tmp_path: Path) -> None:
    exported: dict[bool, dict[str, bytes]] = {}
    for anonymous in (True, False):
        store, workshop, live = await open_bar(tmp_path / str(anonymous), anonymous=anonymous)
        person = await live.join(TOKEN, name=FORGED, organisation=ORG, also=["อสม.บ้านนา"])  # two hats
        await live.advance()
        await live.answer(person.id, 0, "ใช้ข้อมูลชุดเดียวกัน", "client-0001")
        await workshop.close_session(live)
        record = store.load(live.session.id)
        exported[anonymous] = {f"{fmt}.{lang}": export(record, fmt, lang)
                               for fmt in ("json", "md") for lang in ("th", "en")}
        await store.close()
    for name, data in exported[True].items():
        assert SURNAME not in data, name
    for name, data in exported[False].items():  # where a session that keeps names shows them
        assert SURNAME in data, name
    for lang in ("th", "en"):
        note = escape(label("anonymous_record", lang)).encode()
        assert note in exported[True][f"md.{lang}"] and note not in exported[False][f"md.{lang}"]
    assert read_json(exported[True]["json.th"]).session.anonymous is True
