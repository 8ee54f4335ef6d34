"""The append-only, checksummed journal."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from facilitator.store import journal
from facilitator.store.journal import Entry, Journal

THAI = "ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม"


def entry(i: int, text: str = THAI) -> Entry:
    return Entry("responses", f"r{i}", {"id": f"r{i}", "text": f"{text} {i}", "n": i})


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "s.journal"


def test_round_trip_with_thai(path: Path) -> None:
    j = Journal(path)
    j.append([entry(1), entry(2)])
    j.append([entry(3)])
    j.close()
    entries, good = journal.read(path)
    assert entries == [entry(1), entry(2), entry(3)]
    assert good == path.stat().st_size
    assert THAI.encode() in path.read_bytes()


def test_a_missing_journal_reads_empty(path: Path) -> None:
    assert journal.read(path) == ([], 0)


def test_every_line_is_checksummed_json(path: Path) -> None:
    line = journal.encode(entry(1))
    assert line.endswith(b"\n")
    assert line[8:9] == b" "
    int(line[:8], 16)


def test_text_with_newlines_and_control_characters_stays_one_line(path: Path) -> None:
    odd = Entry("responses", "r1", {"id": "r1", "text": "a\nb\rc\u2028d\x00e\x85"})
    j = Journal(path)
    j.append([odd, entry(2)])
    j.close()
    assert journal.read(path)[0] == [odd, entry(2)]


def test_a_torn_last_line_is_dropped_and_the_next_append_follows_the_last_good_entry(path: Path) -> None:
    j = Journal(path)
    j.append([entry(1), entry(2)])
    good_size = j.size
    j.append([entry(3)])
    j.close()
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size - 5)
    entries, good = journal.read(path)
    assert entries == [entry(1), entry(2)]
    assert good == good_size

    reopened = Journal(path)
    assert reopened.size == good_size
    assert path.stat().st_size == good_size
    reopened.append([entry(4)])
    reopened.close()
    assert journal.read(path)[0] == [entry(1), entry(2), entry(4)]


def test_a_torn_line_missing_only_its_newline_is_dropped(path: Path) -> None:
    j = Journal(path)
    j.append([entry(1), entry(2)])
    j.close()
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size - 1)
    assert journal.read(path)[0] == [entry(1)]


def test_a_corrupted_checksum_stops_reading_there(path: Path) -> None:
    j = Journal(path)
    j.append([entry(1), entry(2), entry(3)])
    j.close()
    raw = bytearray(path.read_bytes())
    second = raw.index(b"\n") + 1
    body = raw.index(b'"text"', second)
    raw[body + 10] ^= 0x01  # one bit flipped inside the second entry's text
    path.write_bytes(bytes(raw))
    entries, good = journal.read(path)
    assert entries == [entry(1)]
    assert good == second


def test_garbage_where_the_checksum_should_be_stops_reading(path: Path) -> None:
    j = Journal(path)
    j.append([entry(1)])
    j.close()
    with path.open("ab") as handle:
        handle.write(b"zzzzzzzz {}\n")
        handle.write(journal.encode(entry(2)))
    assert journal.read(path)[0] == [entry(1)]


def test_reset_empties(path: Path) -> None:
    j = Journal(path)
    j.append([entry(1), entry(2)])
    j.reset()
    assert j.size == 0
    assert path.stat().st_size == 0
    j.append([entry(3)])
    j.close()
    assert journal.read(path)[0] == [entry(3)]


def test_a_write_failing_midway_cuts_the_journal_back(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    j = Journal(path)
    j.append([entry(1)])
    before = path.read_bytes()
    real_write = os.write
    calls = 0

    def half_then_full(fd: int, data: bytes) -> int:
        nonlocal calls
        calls += 1
        if calls == 1:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_full)
    with pytest.raises(OSError) as info:
        j.append([entry(2), entry(3)])
    monkeypatch.undo()
    assert info.value.errno == errno.ENOSPC
    assert calls == 2
    assert path.read_bytes() == before
    assert j.size == len(before)

    j.append([entry(4)])
    j.close()
    assert journal.read(path)[0] == [entry(1), entry(4)]


def test_dropping_the_head_keeps_the_later_entries_and_appends_after_them(path: Path) -> None:
    j = Journal(path)
    j.append([entry(1), entry(2)])
    folded = j.size
    j.append([entry(3)])
    j.drop_head(folded)
    assert journal.read(path)[0] == [entry(3)]
    assert j.size == path.stat().st_size
    assert path.stat().st_mode & 0o777 == 0o644
    j.append([entry(4)])
    j.close()
    assert journal.read(path)[0] == [entry(3), entry(4)]
    assert not [p for p in path.parent.iterdir() if p != path]   # no temp file left


def test_a_failed_drop_leaves_the_whole_journal_appendable(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    j = Journal(path)
    j.append([entry(1), entry(2)])

    def full_disk(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError):
        j.drop_head(j.size)
    monkeypatch.undo()
    j.append([entry(3)])
    j.close()
    assert journal.read(path)[0] == [entry(1), entry(2), entry(3)]
    assert not [p for p in path.parent.iterdir() if p != path]
