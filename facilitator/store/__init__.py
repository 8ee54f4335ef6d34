"""Durable storage of Facilitator's records in TinyDB.

- :mod:`.atomic`: files that are replaced whole (temp file, fsync, rename, directory fsync), never half-written;
- :mod:`.journal`: an append-only, checksummed log of records;
- :mod:`.committer`: group commit — many records, one fsync;
- :mod:`.sessionfile`: one TinyDB file per session, fed by its journal;
- :mod:`.catalog`: the index of sessions and the saved summaries;
- :mod:`.store`: the facade the app and the CLI use.
"""

from facilitator.store.atomic import CorruptDatabase, StoreUnavailable
from facilitator.store.store import Store, UnknownPartnership, UnknownSession

__all__ = ["CorruptDatabase", "Store", "StoreUnavailable", "UnknownPartnership", "UnknownSession"]
