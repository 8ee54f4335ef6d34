"""File names a person can read: the date (Buddhist era in Thai), the activity and the title.

``2569-12-03 BAR ภาคีตำบลหนองบัว.pdf`` — safe on every file system: no ``/ \\ : * ? " < > |`` nor control or
invisible characters, no trailing dot or space (Windows drops them), at most :data:`MAX_BYTES` bytes of UTF-8
(Thai takes three bytes a letter; most file systems allow 255), and never the name of a file that is already
there.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from facilitator.core.chronology import held_at
from facilitator.core.i18n import BANGKOK
from facilitator.core.model import Session

#: Longest name (suffix included) in bytes of UTF-8, well under the 255 most file systems allow.
MAX_BYTES = 180
#: Characters no file name keeps: the separators and wildcards of Windows, macOS and Linux.
_FORBIDDEN = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f-\x9f]')
_SPACES = re.compile(r"\s+")
#: Unicode categories no name keeps either: controls, and the invisible format characters (a right-to-left
#: override could make "txt.exe" read as "exe.txt"), private-use and unassigned code points.
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def safe_stem(text: str, max_bytes: int = MAX_BYTES) -> str:
    """``text`` as the stem of a file name: forbidden characters become spaces, runs of space one, at most
    ``max_bytes`` bytes (cut between whole characters, never leaving a Thai vowel or tone mark alone), no
    leading or trailing dot or space."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(char) in _INVISIBLE else char for char in text)
    text = _SPACES.sub(" ", _FORBIDDEN.sub(" ", text)).strip()
    cut = len(text)
    while cut and (len(text[:cut].encode("utf-8")) > max_bytes or _is_mark(text[cut:cut + 1])):
        cut -= 1  # a cut right before a mark would leave the mark's letter without it
    text = text[:cut]
    return text.strip(" .") or "export"


def _is_mark(char: str) -> bool:
    return bool(char) and unicodedata.category(char).startswith("M")


def session_date(session: Session, lang: str) -> str:
    """The day the session was held (the day the facilitator gave, else the day it started), as ``YYYY-MM-DD``
    in Bangkok time, the year in the Buddhist era in Thai."""
    return file_date(held_at(session), lang)


def file_date(iso: str, lang: str) -> str:
    """A stored date or moment as ``YYYY-MM-DD`` in Bangkok time, the year in the Buddhist era in Thai."""
    moment = datetime.fromisoformat(iso)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    day = moment.astimezone(BANGKOK)
    year = day.year + 543 if lang == "th" else day.year
    return f"{year:04d}-{day.month:02d}-{day.day:02d}"


def readable_name(session: Session, lang: str, suffix: str, extra: str = "") -> str:
    """``<date> <ACTIVITY> <title>[ <extra>]<suffix>``; the activity (its id in capitals) is left out when the
    title already names it ("AAR ภาคีท่าข้าม", "ทบทวนก่อนปฏิบัติการ (BAR)")."""
    activity = session.activity.id.upper()
    title = session.title.strip() or session.activity.name(lang)
    parts = [session_date(session, lang)]
    if not re.search(rf"(?<![\w-]){re.escape(activity)}(?![\w-])", title, re.IGNORECASE):
        parts.append(activity)
    parts += [title, extra]
    stem = safe_stem(" ".join(p for p in parts if p), MAX_BYTES - len(suffix.encode("utf-8")))
    return stem + suffix


def write_new(folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` to a new file ``folder / name`` — ``name (2)``, ``name (3)``… before its suffix when that
    one exists — never replacing a file; returns the path written. The folder is created if need be.

    The file appears whole: the bytes go to a temporary file first, which is then linked under the name (a
    link fails when the name is taken, so two writers never share one). Where links are not supported (a
    FAT-formatted USB stick), the file is created under its name and written there.
    """
    folder.mkdir(parents=True, exist_ok=True)
    stem, suffix = Path(name).stem, Path(name).suffix
    temporary = str(folder / f".tmp-{secrets.token_hex(8)}")
    with open(temporary, "xb") as file:  # not mkstemp: the export gets the permissions the umask gives files
        file.write(data)
    try:
        number = 1
        while True:
            path = folder / (name if number == 1 else f"{stem} ({number}){suffix}")
            try:
                _link_or_write(temporary, path, data)
                return path
            except FileExistsError:
                number += 1
    finally:
        os.unlink(temporary)


def _link_or_write(temporary: str, path: Path, data: bytes) -> None:
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:
        with open(path, "xb") as file:  # "x": fails when the name is taken
            file.write(data)
