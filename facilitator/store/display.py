"""The projected screen's remembered look: which theme the last run chose, in one small JSON file of the data
directory (``display.json``), so a facilitator who switched to the projector look keeps it next time."""

from __future__ import annotations

import json
from pathlib import Path

from facilitator.store.atomic import atomic_write, dump_json

#: The file, inside the data directory.
DISPLAY_FILE = "display.json"


def remembered_theme(data_dir: Path) -> str | None:
    """The theme name saved in ``data_dir``, or ``None`` when none was saved (or the file cannot be read)."""
    try:
        data = json.loads((Path(data_dir) / DISPLAY_FILE).read_bytes())
    except (OSError, ValueError):
        return None
    theme = data.get("theme") if isinstance(data, dict) else None
    return theme if isinstance(theme, str) else None


def remember_theme(data_dir: Path, theme: str) -> None:
    """Save ``theme`` as the data directory's look (replacing the file whole: never half-written)."""
    atomic_write(Path(data_dir) / DISPLAY_FILE, dump_json({"theme": theme}))
