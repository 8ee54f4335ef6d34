"""An append-only journal of records: one checksummed JSON line each, fsync'd per batch.

A crash can tear only the last line of the last batch, which no phone was told was saved; reading stops at
the first line whose checksum does not match.
"""

from __future__ import annotations

import json
import os
import tempfile
import zlib
from dataclasses import dataclass
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from facilitator.store.atomic import TEMP_PREFIX, fsync_dir


@dataclass(frozen=True, slots=True)
class Entry:
    """One record: the document ``doc`` of ``table`` whose natural key is ``key`` (a later entry wins)."""

    table: str
    key: str
    doc: dict[str, Any]


def encode(entry: Entry) -> bytes:
    """One journal line."""
    body = json.dumps({"t": entry.table, "k": entry.key, "d": entry.doc}, ensure_ascii=False,
                      separators=(",", ":")).encode()
    return b"%08x " % zlib.crc32(body) + body + b"\n"


def read(path: Path) -> tuple[list[Entry], int]:
    """Every intact entry of the journal at ``path``, and the byte length they span (the rest is torn)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [], 0
    entries: list[Entry] = []
    good = 0
    for entry, _, good in _entries(raw):
        entries.append(entry)
    return entries, good


def _entries(raw: bytes) -> Iterator[tuple[Entry, int, int]]:
    """Each intact entry of the journal bytes ``raw`` with where its line starts and ends (past its newline),
    up to the first torn one."""
    at = 0
    while (end := raw.find(b"\n", at)) >= 0:
        line = raw[at:end]
        if len(line) < 9:
            return
        crc, body = line[:8], line[9:]
        try:
            if int(crc, 16) != zlib.crc32(body):
                return
            data = json.loads(body)
        except ValueError:
            return
        yield Entry(data["t"], data["k"], data["d"]), at, end + 1
        at = end + 1


class Head:
    """The entries in a journal's first bytes, held as those bytes: which is the latest line of each key, its
    document read only when asked (:meth:`doc`). What a fold needs, without every entry's document alive at
    once."""

    def __init__(self, path: Path, length: int) -> None:
        try:
            with open(path, "rb") as handle:
                self._raw = handle.read(length)
        except FileNotFoundError:
            self._raw = b""
        #: Table → key → the offset of its latest line, in the order the keys first appear.
        self.latest: dict[str, dict[str, int]] = {}
        for entry, at, _ in _entries(self._raw):
            self.latest.setdefault(entry.table, {})[entry.key] = at

    def doc(self, at: int) -> dict[str, Any]:
        """The document of the line at offset ``at``."""
        end = self._raw.index(b"\n", at)
        return json.loads(self._raw[at + 9:end])["d"]  # type: ignore[no-any-return]


class Journal:
    """The append side of a journal file. Not thread-safe: one writer at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        _, good = read(path)
        existed = path.exists()
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
        os.ftruncate(self._fd, good)  # drop a torn tail before appending after it
        os.lseek(self._fd, good, os.SEEK_SET)
        self._size = good
        if not existed:
            fsync_dir(path.parent)

    @property
    def size(self) -> int:
        """Bytes of intact entries."""
        return self._size

    def append(self, entries: list[Entry]) -> None:
        """Write ``entries`` and fsync. On error the journal is cut back to where it was, and the error raised."""
        data = b"".join(encode(e) for e in entries)
        try:
            view = memoryview(data)
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
            os.fsync(self._fd)
        except OSError:
            try:
                os.ftruncate(self._fd, self._size)
                os.lseek(self._fd, self._size, os.SEEK_SET)
            except OSError:
                pass
            raise
        self._size += len(data)

    def drop_head(self, length: int) -> None:
        """Keep only the entries after the first ``length`` bytes (those are safe in a snapshot now).

        The entries after them are written to a new file that replaces the journal by rename, and appends go
        to it from then on: after a crash at any moment the journal is the whole one or the shortened one, and
        both go with the snapshot (entries are keyed; reading one again changes nothing).
        """
        if not 0 < length <= self._size:
            return
        with open(self.path, "rb") as handle:
            handle.seek(length)
            tail = handle.read(self._size - length)
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX + self.path.name + ".", dir=self.path.parent)
        try:
            os.fchmod(fd, 0o644)
            view = memoryview(tail)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
            os.replace(tmp, self.path)
        except BaseException:
            os.close(fd)
            Path(tmp).unlink(missing_ok=True)
            raise
        old, self._fd, self._size = self._fd, fd, len(tail)
        os.close(old)
        fsync_dir(self.path.parent)

    def reset(self) -> None:
        """Empty the journal (after its entries are safe in a snapshot)."""
        os.ftruncate(self._fd, 0)
        os.lseek(self._fd, 0, os.SEEK_SET)
        os.fsync(self._fd)
        self._size = 0

    def close(self) -> None:
        """Close the file."""
        os.close(self._fd)
