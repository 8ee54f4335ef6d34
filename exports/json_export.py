"""The complete, lossless export: a session's record as one JSON document, and reading it back."""

from __future__ import annotations

import json
from typing import Any

from exports.registry import Exporter, register
from facilitator.core.model import Participant, Answer, Session
from facilitator.core.partnership import Partnership
from facilitator.core.record import SessionRecord

#: Version of the document layout written now. Version 1 (before answers were called answers) held them
#: under ``"responses"``; :func:`from_document` reads both and refuses any other.
SCHEMA_VERSION = 2
#: Where each readable version keeps the answers.
_ANSWERS_KEY = {1: "responses", 2: "answers"}
#: What the document holds, so a stray JSON file is not mistaken for an export.
FORMAT = "facilitator.session"


def to_document(record: SessionRecord) -> dict[str, Any]:
    """``record`` as plain data: the session, everyone who joined, every answer, every saved summary, and the
    partnership it belongs to (its name and organisations, so another laptop can merge it: written only for a
    session in a partnership)."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "format": FORMAT,
        "session": record.session.to_dict(),
        "participants": [p.to_dict() for p in record.participants],
        "answers": [a.to_dict() for a in record.every_answer()],
        "summaries": [dict(s) for s in record.summaries],
    }
    if record.partnership is not None:
        document["partnership"] = record.partnership.to_dict()
    return document


def from_document(document: Any) -> SessionRecord:
    """Inverse of :func:`to_document`; :class:`ValueError` for anything that is not such a document."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} document")
    version = document.get("schema_version")
    if type(version) is not int or version not in _ANSWERS_KEY:
        readable = ", ".join(map(str, _ANSWERS_KEY))
        raise ValueError(f"unsupported schema_version {version!r}; this version reads {readable}")
    try:
        return SessionRecord(
            session=Session.from_dict(document["session"]),
            participants=[Participant.from_dict(p) for p in document["participants"]],
            answers=[Answer.from_dict(a) for a in document[_ANSWERS_KEY[version]]],
            summaries=[dict(s) for s in document["summaries"]],
            partnership=Partnership.from_dict(document["partnership"]) if document.get("partnership") else None,
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"malformed {FORMAT} document: {exc!r}") from exc


def write_json(record: SessionRecord, lang: str) -> bytes:
    """``record`` as UTF-8 JSON (indented, non-ASCII kept as is, newline-terminated).

    ``lang`` is accepted for the exporter interface only: the document holds every text in every language.
    """
    text = json.dumps(to_document(record), ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


def read_json(data: bytes) -> SessionRecord:
    """The record written by :func:`write_json`; :class:`ValueError` for bad bytes, JSON or schema version."""
    return from_document(json.loads(data.decode("utf-8")))


EXPORTER = register(
    Exporter(name="json", suffix=".json", media_type="application/json", binary=False, write=write_json)
)
