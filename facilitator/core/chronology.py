"""When a meeting was held, and the order a partnership's meetings were held in.

A session is placed in time by the date its facilitator gave for the meeting (``SessionDetails.held_at``: a day,
or a day and a time in Bangkok), else by when its record was created: a BAR held on paper last month and typed
in today belongs last month, before the meetings held since. Summaries saved before they carried the meeting
date are read with :func:`saved_held_at`, which falls back to the time the record was created; the session
listings (the home screen, ``facilitator sessions``, the BARs an AAR may follow) order the catalog's entries with
:func:`entry_key`, an entry written before it carried the date falling back the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from facilitator.core.i18n import BANGKOK
from facilitator.core.model import Session
from facilitator.core.record import SessionRecord


def held_at(session: Session) -> str:
    """When the meeting of ``session`` was held: the date (and time) the facilitator gave, else its start."""
    return session.details.held_at or session.created_at


def _moment(value: str) -> datetime | None:
    """A stored date or moment as a point in time (a day alone: its start in Bangkok); ``None`` if unreadable."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=BANGKOK)


def meeting_key(session: Session) -> tuple[date, datetime, str]:
    """Sorts sessions in the order their meetings were held: by the meeting's day in Bangkok, then by its time
    of day when the facilitator gave one (else by when the record was created), then by id."""
    return _order(session.details.held_at, session.created_at, session.id)


def entry_key(entry: Mapping[str, Any]) -> tuple[date, datetime, str]:
    """:func:`meeting_key` of a session's listing entry (its ``held_at``, ``created_at`` and ``id``); an entry
    without ``held_at`` is placed by when its record was created."""
    return _order(str(entry.get("held_at") or ""), str(entry.get("created_at") or ""), str(entry.get("id", "")))


def listed_held_at(entry: Mapping[str, Any]) -> str:
    """When the meeting of a session's listing entry was held: the date the facilitator gave, else its start."""
    return str(entry.get("held_at") or entry.get("created_at") or "")


def _order(given_at: str, created_at: str, ident: str) -> tuple[date, datetime, str]:
    created = _moment(created_at) or datetime.min.replace(tzinfo=BANGKOK)
    given = _moment(given_at) if given_at else None
    held = given or created
    timed = given if given is not None and "T" in given_at else created
    return held.astimezone(BANGKOK).date(), timed, ident


def in_meeting_order(records: Iterable[SessionRecord]) -> list[SessionRecord]:
    """``records`` in the order their meetings were held, the earliest first (:func:`meeting_key`)."""
    return sorted(records, key=lambda record: meeting_key(record.session))


def saved_held_at(entry: Mapping[str, Any], recorded: str = "created_at") -> str:
    """When the meeting of a saved summary's ``entry`` (a session of the timeline, a meeting of the health check,
    a commitment's rating) was held: its ``held_at``, else — in a summary saved before it carried one — the
    time stored under ``recorded``."""
    return str(entry.get("held_at") or entry.get(recorded) or "")
