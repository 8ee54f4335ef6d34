"""A database file and journal entries made into the next file, read from disk one document at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from facilitator.store.atomic import DOCS_PER_PIECE, CorruptDatabase, dump_json
from facilitator.store import fold
from facilitator.store.fold import folded_pieces
from facilitator.store.journal import Entry, Head, encode

THAI = "ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม"


def answer(i: int, **marks: object) -> dict:
    return {"id": f"a{i}", "text": f"{THAI} \"{i}\"\n", "data": {"x": [i, None]}, **marks}


def head(path: Path, entries: list[Entry]) -> Head:
    """The journal beside ``path`` holding ``entries``, whole."""
    journal = path.with_suffix(".journal")
    journal.write_bytes(b"".join(map(encode, entries)))
    return Head(journal, journal.stat().st_size)


def folded(path: Path, entries: list[Entry]) -> dict:
    return json.loads(b"".join(folded_pieces(path, head(path, entries))))


def test_replaced_documents_keep_their_place_and_new_ones_follow_numbered_on(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(dump_json({"session": {"1": {"id": "s", "step": 0}},
                                "responses": {str(i): answer(i) for i in range(1, 4)}}))
    entries = [Entry("responses", "a4", answer(4)), Entry("responses", "a2", answer(2, hidden=True)),
               Entry("session", "s", {"id": "s", "step": 1}), Entry("responses", "a5", answer(5)),
               Entry("participants", "p", {"id": "p"}), Entry("responses", "a4", answer(4, edited_at="t"))]
    assert folded(path, entries) == {
        "session": {"1": {"id": "s", "step": 1}},
        "responses": {"1": answer(1), "2": answer(2, hidden=True), "3": answer(3),
                      "4": answer(4, edited_at="t"), "5": answer(5)},
        "participants": {"1": {"id": "p"}},
    }
    assert list(folded(path, entries)["responses"]) == ["1", "2", "3", "4", "5"]


def test_what_is_folded_is_what_tinydb_reads_with_the_entries_applied(tmp_path: Path) -> None:
    """A file spaced as stock TinyDB writes it with indentation, big enough to take several pieces."""
    path = tmp_path / "s.json"
    with TinyDB(path, storage=JSONStorage, indent=2, ensure_ascii=False) as db:
        db.table("responses").insert_multiple(answer(i) for i in range(1, 2 * DOCS_PER_PIECE + 3))
        db.table("odd")  # a table with nothing in it
    entries = [Entry("responses", f"a{i}", answer(i, withdrawn=True)) for i in range(1, 20, 3)]
    out = tmp_path / "out.json"
    out.write_bytes(b"".join(folded_pieces(path, head(path, entries))))
    with TinyDB(out, storage=JSONStorage) as db:
        docs = db.table("responses").all()
    assert [doc["id"] for doc in docs] == [f"a{i}" for i in range(1, 2 * DOCS_PER_PIECE + 3)]
    assert [doc["id"] for doc in docs if doc.get("withdrawn")] == [f"a{i}" for i in range(1, 20, 3)]
    assert docs[-1] == answer(2 * DOCS_PER_PIECE + 2)


def test_no_file_yet_is_an_empty_database(tmp_path: Path) -> None:
    assert folded(tmp_path / "none.json", []) == {}
    assert folded(tmp_path / "none.json", [Entry("responses", "a1", answer(1))]) == {"responses": {"1": answer(1)}}


def test_a_value_that_is_not_a_table_is_kept_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('{"odd": [1, "ไม่ใช่ตาราง"], "responses": {}}', encoding="utf-8")
    assert folded(path, [Entry("responses", "a1", answer(1))]) == {"odd": [1, "ไม่ใช่ตาราง"],
                                                                  "responses": {"1": answer(1)}}


@pytest.mark.parametrize("text", [b"", b"{", b'{"responses": {"1": {"id": "a1"}', b'{"responses": {"1": {"id": "a1"} x',
                                  b"[1, 2]", b'{"a": 1 "b": 2}', b"\xff\xfe"])
def test_a_file_that_does_not_read_is_refused(tmp_path: Path, text: bytes) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(text)
    with pytest.raises(CorruptDatabase):
        folded(path, [Entry("responses", "a1", answer(1))])


@pytest.mark.parametrize("chunk", [1, 7, 4096])
def test_a_file_decoded_in_small_chunks_folds_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         chunk: int) -> None:
    """Chunks end inside Thai characters (three bytes each), strings, numbers and white space."""
    path = tmp_path / "s.json"
    data = {"session": {"1": {"id": "s", "step": 12345}}, "odd": 67890,
            "responses": {str(i): answer(i) for i in range(1, 40)}}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=3), encoding="utf-8")
    entries = [Entry("responses", "a7", answer(7, hidden=True)), Entry("responses", "a40", answer(40))]
    expected = {**data, "responses": {**data["responses"], "7": answer(7, hidden=True), "40": answer(40)}}
    monkeypatch.setattr(fold, "CHUNK", chunk)
    assert folded(path, entries) == expected


def test_a_head_holds_the_latest_line_of_each_key_up_to_its_length_and_a_torn_line(tmp_path: Path) -> None:
    journal = tmp_path / "s.journal"
    lines = [encode(Entry("responses", "a1", answer(1))), encode(Entry("responses", "a2", answer(2))),
             encode(Entry("responses", "a1", answer(1, hidden=True))), encode(Entry("session", "s", {"id": "s"}))]
    journal.write_bytes(b"".join(lines) + lines[0][:20])           # a torn line at the end
    whole = Head(journal, journal.stat().st_size)
    assert {table: list(keys) for table, keys in whole.latest.items()} == {"responses": ["a1", "a2"],
                                                                          "session": ["s"]}
    assert whole.doc(whole.latest["responses"]["a1"]) == answer(1, hidden=True)
    first_two = Head(journal, len(lines[0]) + len(lines[1]) + 5)   # what was written before a fold started
    assert {key: first_two.doc(at) for key, at in first_two.latest["responses"].items()} == {"a1": answer(1),
                                                                                           "a2": answer(2)}
    assert Head(tmp_path / "none.journal", 100).latest == {}
