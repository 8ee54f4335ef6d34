"""Writing an export as a file with a name a person can read, next to the others, replacing none."""

from __future__ import annotations

from pathlib import Path

from exports.filenames import readable_name, write_new
from exports.registry import export, get
from facilitator.core.record import SessionRecord


def file_name(record: SessionRecord, fmt: str, lang: str) -> str:
    """The file name of ``record`` in format ``fmt``: ``2569-11-22 BAR title.pdf``; the join handout adds
    "QR" (it shares its suffix with the poster or the report)."""
    exporter = get(fmt)
    return readable_name(record.session, lang, exporter.suffix, "QR" if exporter.needs_url else "")


def save(record: SessionRecord, fmt: str, lang: str, folder: Path, *, url: str | None = None) -> Path:
    """Write ``record`` in format ``fmt`` into ``folder`` under :func:`file_name` (with a number added when
    that file exists); returns the path written."""
    data = export(record, fmt, lang, url=url)
    return write_new(folder, file_name(record, fmt, lang), data)
