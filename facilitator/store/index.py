"""What the catalog's index says of a session: its entry (written with the session record), and what its file
holds that a listing shows (counts, stored status, title and meeting date).

An entry written before it carried the meeting date (``held_at``) still reads: the listing takes the date from
the session's file when there is one, else places the session by when it was created."""

from __future__ import annotations

from typing import Any

from facilitator.core.model import Session, SessionDetails
from facilitator.store.sessionfile import SessionFile


def index_entry(session: Session, participants: int = 0, answers: int = 0) -> dict[str, Any]:
    """The catalog's entry for ``session``: what a listing shows without opening its file."""
    entry: dict[str, Any] = {
        "id": session.id,
        "code": session.code,
        "title": session.title,
        "activity_id": session.activity.id,
        "activity_name": session.activity.name.to_dict(),
        "lang": session.lang,
        "status": str(session.status),
        "created_at": session.created_at,
        "held_at": session.details.held_at,
        "closed_at": session.closed_at,
        "participants": participants,
        "answers": answers,
        "partnership_id": session.partnership_id,
    }
    if session.demo:  # written only for a rehearsal, like the session record's own mark
        entry["demo"] = True
    return entry


def counts_of(sf: SessionFile) -> dict[str, int]:
    """Who joined the session of ``sf``, and how many of its answers stand — hidden and withdrawn ones are not
    counted, as in the session's summary: the counts a listing shows and the index keeps."""
    return {"participants": sf.count("participants"), "answers": sf.standing_answers()}


def state_of(sf: SessionFile) -> dict[str, Any]:
    """What a session file holds that a listing shows: counts (:func:`counts_of`), and the stored status, title
    and meeting date the facilitator gave ("" for none)."""
    state: dict[str, Any] = dict(counts_of(sf))
    docs = sf.docs("session")
    if docs:
        session = docs[-1]
        state |= {"status": session["status"], "title": session["title"],
                  "held_at": SessionDetails.from_dict(session.get("details")).held_at}
    return state
