"""The trash: deleted sessions and partnerships, whole, in ``trash/`` inside the data directory.

A trashed item is a folder ``trash/<kind>-<id>/`` holding ``trashed.json`` (what was deleted, when, and the
catalog documents it had: index entries, summaries, the partnership) and the files of its sessions, renamed
there from ``sessions/``. The catalog is the point of commitment: an item whose subject the catalog still lists
is not (or no longer) in the trash, and its files belong in ``sessions/``; an item whose subject the catalog
does not list is in the trash, and its files belong in its folder. :meth:`Trash.settle` puts files where the
catalog says they belong, so a crash at any step of moving into or out of the trash leaves the item whole on
one side.

Moving in: write ``trashed.json``, rename the files into the folder, then remove the documents from the catalog
in one atomic write. Moving out (restore): rename the files back, add the documents to the catalog in one
atomic write, then remove the folder. Emptying renames each folder to a temp name before removing it, so a crash
never leaves half an item that looks restorable.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitator.store.atomic import TEMP_PREFIX, atomic_write, dump_json, fsync_dir

TRASH_DIR = "trash"
MANIFEST = "trashed.json"
#: The files a session may have in ``sessions/``.
SESSION_SUFFIXES = (".json", ".journal", ".json.bak")


class NotInTrash(LookupError):
    """Nothing with that id is in the trash."""


@dataclass(frozen=True, slots=True)
class Trashed:
    """One item in the trash, as ``trashed.json`` describes it."""

    kind: str  # "session" or "partnership"
    id: str
    title: str
    deleted_at: str
    #: The catalog documents the item had: index entries of its sessions, their summaries (and the
    #: partnership's), and the partnership itself.
    sessions: list[dict[str, Any]]
    summaries: list[dict[str, Any]]
    partnership: dict[str, Any] | None

    def to_dict(self) -> dict[str, Any]:
        """The manifest's content."""
        return {"kind": self.kind, "id": self.id, "title": self.title, "deleted_at": self.deleted_at,
                "sessions": self.sessions, "summaries": self.summaries, "partnership": self.partnership}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Trashed:
        """Read a manifest."""
        return cls(data["kind"], data["id"], data["title"], data["deleted_at"], data["sessions"],
                   data["summaries"], data.get("partnership"))

    @property
    def session_ids(self) -> list[str]:
        """The ids of the sessions whose files the item holds."""
        return [str(entry["id"]) for entry in self.sessions]


class Trash:
    """The ``trash/`` folder of a data directory, next to its ``sessions/`` folder."""

    def __init__(self, data_dir: Path, sessions_dir: Path, *, create: bool = True) -> None:
        """The trash of ``data_dir``; ``create`` makes its folder (not when the directory is only read)."""
        self.dir = data_dir / TRASH_DIR
        self.sessions_dir = sessions_dir
        if create:
            self.dir.mkdir(exist_ok=True)

    def _folder(self, kind: str, item_id: str) -> Path:
        return self.dir / f"{kind}-{item_id}"

    def items(self) -> list[Trashed]:
        """Everything in the trash, most recently deleted first."""
        found = []
        if not self.dir.is_dir():
            return found
        for folder in sorted(self.dir.iterdir()):
            manifest = folder / MANIFEST
            if folder.is_dir() and not folder.name.startswith(TEMP_PREFIX) and manifest.is_file():
                found.append(Trashed.from_dict(json.loads(manifest.read_bytes())))
        return sorted(found, key=lambda item: item.deleted_at, reverse=True)

    def find(self, item_id: str) -> Trashed:
        """The item with this id (a session's or a partnership's)."""
        for item in self.items():
            if item.id == item_id:
                return item
        raise NotInTrash(item_id)

    # -- moving files --------------------------------------------------------------------------------------
    def _move_sessions(self, item: Trashed, *, into_trash: bool) -> None:
        folder = self._folder(item.kind, item.id)
        moved = False
        for session_id in item.session_ids:
            for suffix in SESSION_SUFFIXES:
                name = session_id + suffix
                source, target = (self.sessions_dir / name, folder / name)
                if not into_trash:
                    source, target = target, source
                if source.exists():
                    move(source, target)
                    moved = True
        if moved:
            fsync_dir(folder)
            fsync_dir(self.sessions_dir)

    # -- the three moves ------------------------------------------------------------------------------------
    def put(self, item: Trashed, commit: Callable[[], None]) -> None:
        """Move ``item``'s files into the trash; ``commit`` then removes its documents from the catalog."""
        folder = self._folder(item.kind, item.id)
        folder.mkdir(exist_ok=True)
        fsync_dir(self.dir)
        atomic_write(folder / MANIFEST, dump_json(item.to_dict()))
        self._move_sessions(item, into_trash=True)
        commit()

    def take_out(self, item: Trashed, commit: Callable[[], None]) -> None:
        """Move ``item``'s files back; ``commit`` then adds its documents to the catalog; the folder goes."""
        self._move_sessions(item, into_trash=False)
        commit()
        self._remove(self._folder(item.kind, item.id))

    def empty(self) -> int:
        """Really delete everything in the trash; returns how many items there were."""
        items = self.items()
        for item in items:
            self._remove(self._folder(item.kind, item.id))
        return len(items)

    def _remove(self, folder: Path) -> None:
        doomed = self.dir / f"{TEMP_PREFIX}{folder.name}"
        os.replace(folder, doomed)
        fsync_dir(self.dir)
        shutil.rmtree(doomed)

    # -- after a crash --------------------------------------------------------------------------------------
    def settle(self, listed: Callable[[Trashed], bool]) -> None:
        """Finish or undo a move a crash interrupted: the files of an item the catalog lists (``listed``) go
        back to ``sessions/`` and its folder goes; the files of an item it does not list go into the trash."""
        for folder in list(self.dir.iterdir()):
            if folder.name.startswith(TEMP_PREFIX):
                shutil.rmtree(folder) if folder.is_dir() else folder.unlink()
        for folder in list(self.dir.iterdir()):
            if folder.is_dir() and not (folder / MANIFEST).is_file() and not any(folder.iterdir()):
                folder.rmdir()  # a crash before the manifest was written: nothing was moved yet
        for item in self.items():
            if listed(item):
                self.take_out(item, lambda: None)
            else:
                self._move_sessions(item, into_trash=True)


def move(source: Path, target: Path) -> None:
    """Rename one file (within the data directory: atomic)."""
    os.replace(source, target)

