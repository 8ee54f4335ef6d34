"""Durable storage of Facilitator's records in TinyDB.

- :mod:`.atomic`: files that are replaced whole (temp file, fsync, rename, directory fsync), never half-written;
- :mod:`.journal`: an append-only, checksummed log of records;
- :mod:`.committer`: group commit — many records, one fsync;
- :mod:`.sessionfile`: one TinyDB file per session, fed by its journal;
- :mod:`.catalog`: the index of sessions and the saved summaries;
- :mod:`.trash`: deleted sessions and partnerships, kept whole until the trash is emptied;
- :mod:`.repair`: bringing back the last good copy of a damaged database file;
- :mod:`.store`: the facade the app and the CLI use.
"""

from facilitator.store.atomic import CorruptDatabase, StoreUnavailable
from facilitator.store.store import CannotRestore, SessionInUse, Store, UnknownPartnership, UnknownSession
from facilitator.store.trash import NotInTrash, Trashed

__all__ = ["CannotRestore", "CorruptDatabase", "NotInTrash", "SessionInUse", "Store", "StoreUnavailable", "Trashed",
           "UnknownPartnership", "UnknownSession"]
