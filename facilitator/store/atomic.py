"""Whole-file writes that never leave a half-written file, and a TinyDB storage built on them."""

from __future__ import annotations

import itertools
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

TEMP_PREFIX = ".tmp-"
#: The last good copy of a database file is kept beside it under its name with this suffix.
BACKUP_SUFFIX = ".bak"


def backup_of(path: Path) -> Path:
    """Where the last good copy of the database file ``path`` is kept: ``<name>.bak`` beside it."""
    return path.with_name(path.name + BACKUP_SUFFIX)


class CorruptDatabase(RuntimeError):
    """A database file exists but cannot be read; it is refused rather than treated as empty."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(f"{path}: {why}; refusing to open it (the file is left untouched)")
        self.path = path

    @property
    def backup(self) -> Path | None:
        """The kept last good copy of the refused file, if there is one and it reads."""
        found = backup_of(self.path)
        try:
            return found if read_json_file(found) is not None else None
        except CorruptDatabase:
            return None


class StoreUnavailable(RuntimeError):
    """The data directory cannot be used (missing permissions, not a directory, …)."""


def fsync_dir(directory: Path) -> None:
    """Make a rename or a new file in ``directory`` durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_name(path: Path) -> Path:
    return path.with_name(f"{TEMP_PREFIX}{path.name}.{os.urandom(6).hex()}")


def keep_previous(path: Path) -> None:
    """Keep the current ``path`` as ``<name>.bak`` before it is replaced.

    The file is a hard link to the old version's bytes, which are never written again (every write replaces the
    file by rename), so it costs no copy; where links are not supported, the bytes are copied atomically.
    """
    if not path.is_file():
        return
    backup = backup_of(path)
    link = _temp_name(backup)
    try:
        os.link(path, link)
    except OSError:
        atomic_write(backup, path.read_bytes())
        return
    try:
        os.replace(link, backup)
    except BaseException:
        link.unlink(missing_ok=True)
        raise


def atomic_write(path: Path, data: bytes | Iterable[bytes], *, keep: bool = False) -> None:
    """Replace ``path`` with ``data`` (bytes, or pieces of them written one after the other): after a crash at
    any moment, the file holds the old or the new bytes.

    With ``keep``, the version being replaced stays as ``<name>.bak`` (see :func:`keep_previous`): every version
    it replaces was read whole or written by this function, so it is a good one.
    """
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX + path.name + ".", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in [data] if isinstance(data, bytes) else data:
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        if keep:
            keep_previous(path)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def remove_temp_files(directory: Path) -> list[Path]:
    """Delete temp files a crash left behind in ``directory``; returns what was removed."""
    removed = [p for p in directory.glob(TEMP_PREFIX + "*") if p.is_file()]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def read_json_file(path: Path) -> dict[str, Any] | None:
    """Parse a database file: ``None`` when it does not exist; :class:`CorruptDatabase` when unusable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    if not raw.strip():
        raise CorruptDatabase(path, "the file is empty")
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise CorruptDatabase(path, f"the file is not valid JSON ({err})") from err
    if not isinstance(data, dict):
        raise CorruptDatabase(path, "the file does not hold a TinyDB database")
    return data


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def dump_json(data: Any) -> bytes:
    """The bytes every database file is written as: UTF-8 JSON, Thai kept readable."""
    return _json(data).encode()


#: Documents serialised into one piece by :func:`dump_json_pieces`.
DOCS_PER_PIECE = 500


def dump_json_pieces(data: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> Iterator[bytes]:
    """The bytes of :func:`dump_json` of a database (``{table: {doc_id: document}}``), a few hundred documents
    at a time: a session's file is megabytes, and serialised at once it is one allocation that large, and one
    call that holds the interpreter (the event loop with it) for as long as it takes.

    ``data`` may also give the tables one after the other as (name, table) pairs, a table's documents as an
    iterator of (doc_id, document) pairs (:mod:`facilitator.store.fold` reads them from a file as it writes).
    """
    yield b"{"
    for at, (name, table) in enumerate(data.items() if isinstance(data, Mapping) else data):
        head = ("," if at else "") + _json(name) + ":"
        if isinstance(table, dict):
            table = iter(table.items())
        if not isinstance(table, Iterator):
            yield (head + _json(table)).encode()
            continue
        opening = head + "{"
        while piece := dict(itertools.islice(table, DOCS_PER_PIECE)):
            yield (opening + _json(piece)[1:-1]).encode()   # the documents without their own braces
            opening = ","
        yield b"}" if opening == "," else (opening + "}").encode()
    yield b"}"


class AtomicJSONStorage(Storage):
    """A TinyDB storage that writes the whole file atomically and refuses an empty or unparseable file.

    TinyDB's own JSONStorage rewrites the file in place and reads a 0-byte file as an empty database; this one
    never does either. Every ``write`` is durable when it returns.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._data = read_json_file(self.path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The database as last written."""
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file with ``data``, durably."""
        atomic_write(self.path, dump_json(data), keep=True)
        self._data = data


class ReadOnlyJSONStorage(AtomicJSONStorage):
    """The database file as it was when opened (it is replaced whole, so that is one consistent version);
    writing raises ``PermissionError``."""

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Refuse: opened for reading beside the app that writes it."""
        raise PermissionError(f"{self.path} is open read-only")


class SnapshotStorage(Storage):
    """A TinyDB storage held in memory, loaded from a snapshot file (the session file writes the file itself:
    :mod:`facilitator.store.fold`).

    Durability between snapshots comes from the session's journal (see :mod:`.sessionfile`).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._data: dict[str, dict[str, Any]] = read_json_file(self.path) or {}

    def read(self) -> dict[str, dict[str, Any]]:
        """The in-memory database."""
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Keep ``data`` in memory (TinyDB calls this after every change)."""
        self._data = data

