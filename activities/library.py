"""The activities a facilitator can run: the built-in ones, and their own files in the ``activities/`` folder of
the data directory (``<data dir>/activities/*.toml``), each run by its id like a built-in one.

>>> from pathlib import Path
>>> own_dir(Path("/data"))
PosixPath('/data/activities')
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from activities.loader import ActivityError, UnknownActivity, available, load, load_file
from facilitator.core.activity import Activity

#: The folder of the data directory that holds a facilitator's own activity files.
OWN_FOLDER = "activities"


def own_dir(data_dir: Path) -> Path:
    """Where the facilitator's own activity files live: ``<data dir>/activities/``."""
    return Path(data_dir) / OWN_FOLDER


@dataclass(frozen=True, slots=True)
class Entry:
    """One activity file as the listing shows it: its id (the file's name when it cannot be read), where it is,
    the activity or the mistake that keeps it from running, and the file that already takes its id (which
    then runs in its place)."""

    id: str
    path: Path
    builtin: bool
    activity: Activity | None = None
    error: ActivityError | None = None
    taken_by: Path | None = None


def _entry(path: Path, *, builtin: bool) -> Entry:
    try:
        activity = load_file(path)
    except ActivityError as err:
        return Entry(path.stem, path, builtin, error=err)
    return Entry(activity.id, path, builtin, activity)


def builtins() -> list[Entry]:
    """The built-in activities, by id."""
    return [_entry(path, builtin=True) for path in available().values()]


def own(data_dir: Path) -> list[Entry]:
    """The facilitator's own activity files (by file name), each read and checked; none when the folder does
    not exist (nothing is created). A file whose id a built-in activity or an earlier file already has names
    that file in ``taken_by``."""
    folder = own_dir(data_dir)
    if not folder.is_dir():
        return []
    taken: dict[str, Path] = dict(available())
    entries = []
    for path in sorted(folder.glob("*.toml")):
        entry = _entry(path, builtin=False)
        if entry.activity is not None:
            if entry.id in taken:
                entry = Entry(entry.id, path, False, entry.activity, taken_by=taken[entry.id])
            else:
                taken[entry.id] = path
        entries.append(entry)
    return entries


def runnable(data_dir: Path) -> dict[str, Activity]:
    """Every activity that runs by its id: the built-in ones, then the facilitator's own that read fine."""
    found = {entry.id: entry.activity for entry in builtins() if entry.activity is not None}
    for entry in own(data_dir):
        if entry.activity is not None and entry.taken_by is None:
            found[entry.id] = entry.activity
    return found


def find(name: str, data_dir: Path) -> Activity:
    """The activity ``name`` names: a built-in id, the id of one of the facilitator's own files, or the path of
    any activity file. Raises :class:`ActivityError` (a file with a mistake) or :class:`UnknownActivity`
    (listing every id that would run)."""
    if name in available():
        return load(name)
    for entry in own(data_dir):
        if entry.id == name and entry.taken_by is None:
            if entry.error is not None:
                raise entry.error
            assert entry.activity is not None
            return entry.activity
    try:
        return load(name)
    except UnknownActivity as err:
        raise UnknownActivity(name, tuple(runnable(data_dir))) from err
