"""Bringing back the last good copy of a database file that cannot be read (``facilitator restore``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from facilitator.store.atomic import (
    CorruptDatabase,
    atomic_write,
    backup_of,
    read_json_file,
)
from facilitator.store.catalog import CATALOG_NAME

#: A refused file is kept beside the copy that replaces it, under its name with this suffix.
DAMAGED_SUFFIX = ".damaged"


@dataclass(frozen=True, slots=True)
class Repair:
    """One unreadable database file: ``restored`` from its ``<name>.bak`` (the damaged bytes kept as ``kept``),
    or not, when no good copy exists."""

    path: Path
    restored: bool
    kept: Path | None = None


def database_files(data_dir: Path) -> list[Path]:
    """The catalog and every session's database file."""
    return [data_dir / CATALOG_NAME, *sorted((data_dir / "sessions").glob("*.json"))]


def _readable(path: Path) -> bool:
    try:
        return read_json_file(path) is not None
    except CorruptDatabase:
        return False


def restore_last_good(data_dir: Path) -> list[Repair]:
    """Replace every unreadable database file of ``data_dir`` with its last good copy, keeping the damaged file
    beside it as ``<name>.damaged``. Files that read fine are not touched."""
    repairs = []
    for path in database_files(data_dir):
        if not path.exists() or _readable(path):
            continue
        backup = backup_of(path)
        if not _readable(backup):
            repairs.append(Repair(path, restored=False))
            continue
        kept = path.with_name(path.name + DAMAGED_SUFFIX)
        n = 1
        while kept.exists():
            n += 1
            kept = path.with_name(f"{path.name}{DAMAGED_SUFFIX}{n}")
        atomic_write(kept, path.read_bytes())  # a copy: the damaged file stays in place until replaced whole
        atomic_write(path, backup.read_bytes())
        repairs.append(Repair(path, restored=True, kept=kept))
    return repairs
