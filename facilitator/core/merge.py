"""Bringing records from other laptops into this one: which session a record is, which partnership it joins,
and what it adds.

A forum held in several rooms has one laptop per room; each writes its sessions' JSON exports, and one laptop
reads them all back (``facilitator import``). The rules, so that importing is safe to repeat:

- A record is the same session as one held here when both were created at the same moment with the same join
  code and activity (its id may differ: an id already taken by another session here is replaced by a new one).
- Participants and answers are matched by id: new ones are added; one held already is replaced only by a
  record that is further along (a closed session's over a running one's), so re-importing changes nothing.
- A record joins the partnership with the same id, else the one with the same name (spelled as
  :func:`~facilitator.core.partnership.org_key` compares), else a new partnership made from the record's.
  Every organisation its phones named is added to that partnership, matched by spelling.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from facilitator.core.model import Answer, Participant, Session, Status
from facilitator.core.partnership import Partnership, org_key
from facilitator.core.record import SessionRecord

#: How far along a session is: a record further along wins where two copies of one session differ.
_PROGRESS = {Status.LOBBY: 0, Status.RUNNING: 1, Status.CLOSED: 2}


def same_session(a: Session, b: Session) -> bool:
    """Whether ``a`` and ``b`` are copies of one session (whatever their ids)."""
    return (a.created_at, a.code, a.activity.id) == (b.created_at, b.code, b.activity.id)


def matching_partnership(incoming: Partnership, held: Iterable[Partnership]) -> Partnership | None:
    """The partnership held here that ``incoming`` is: the same id, else the same name."""
    held = list(held)
    by_id = next((p for p in held if p.id == incoming.id), None)
    if by_id is not None:
        return by_id
    key = org_key(incoming.name)
    return next((p for p in held if key and org_key(p.name) == key), None)


def learn_organisations(partnership: Partnership, record: SessionRecord) -> list[str]:
    """Add to ``partnership`` every organisation of ``record`` it does not know (by spelling), with its sector
    where the record says it; returns the names added."""
    known = {org_key(name) for org in partnership.organisations for name in (org.name, *org.aliases)}
    sources = list(record.partnership.organisations) if record.partnership else []
    named = [(org.name, org.sector) for org in sources]
    named += [(name, p.sector if name == p.organisation else "") for p in record.participants
              for name in p.organisations]
    added = []
    for name, sector in named:
        key = org_key(name)
        if not key:
            continue
        if key in known:
            org = next(o for o in partnership.organisations if o.name == partnership.canonical(name))
            org.sector = org.sector or sector
            continue
        known.add(key)
        added.append(partnership.add(name, sector).name)
    return added


@dataclass(slots=True)
class Arrival:
    """What one imported record brings to the session it becomes here."""

    session: Session
    #: Participants and answers to store (new ones, and held ones a record further along replaces).
    participants: list[Participant] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    #: The record's own summaries, given this session's id.
    summaries: list[dict[str, Any]] = field(default_factory=list)
    new_session: bool = False
    #: The session record itself is new or further along than the copy held here.
    session_changed: bool = False
    new_answers: int = 0
    new_participants: int = 0
    replaced: int = 0

    @property
    def changes(self) -> bool:
        """Whether storing this arrival changes anything."""
        return bool(self.session_changed or self.participants or self.answers or self.summaries)


def arrival(
    incoming: SessionRecord, held: SessionRecord | None, *, session_id: str, partnership_id: str | None,
    follows: str | None,
) -> Arrival:
    """What ``incoming`` adds to ``held`` (the copy of the same session held here, or ``None``), stored as
    ``session_id`` in ``partnership_id``, following ``follows``."""
    further = held is None or _PROGRESS[incoming.session.status] > _PROGRESS[held.session.status]
    base = incoming.session if further else held.session  # type: ignore[union-attr]
    session = replace(base, id=session_id, partnership_id=partnership_id, follows=follows)
    changed = held is None or session.to_dict() != held.session.to_dict()
    result = Arrival(session=session, new_session=held is None, session_changed=changed)
    own = replace_session_id(incoming, session_id)
    result.participants, result.new_participants, _ = _to_store(
        own.participants, held.participants if held else [], further)
    result.answers, result.new_answers, result.replaced = _to_store(
        own.every_answer(), held.every_answer() if held else [], further)
    held_summaries = {(s.get("kind"), s.get("computed_at")) for s in held.summaries} if held else set()
    result.summaries = [s for s in own.summaries if s.get("session_id") == session_id
                        and (s.get("kind"), s.get("computed_at")) not in held_summaries]
    return result


def _to_store(incoming: list[Any], held: list[Any], further: bool) -> tuple[list[Any], int, int]:
    """Of ``incoming`` participants or answers: those to store, how many are new, how many replace a held one
    (only a record ``further`` along replaces)."""
    held_docs = {item.id: item.to_dict() for item in held}
    to_store, new, replaced = [], 0, 0
    for item in incoming:
        before = held_docs.get(item.id)
        if before is None:
            new += 1
        elif not further or before == item.to_dict():
            continue
        else:
            replaced += 1
        to_store.append(item)
    return to_store, new, replaced


def replace_session_id(record: SessionRecord, session_id: str) -> SessionRecord:
    """``record`` with every reference to its session's id made ``session_id``."""
    old = record.session.id
    return SessionRecord(
        session=replace(record.session, id=session_id),
        participants=[replace(p, session_id=session_id) for p in record.participants],
        answers=[replace(a, session_id=session_id) for a in record.every_answer()],
        summaries=[{**s, "session_id": session_id} if s.get("session_id") == old else dict(s)
                   for s in record.summaries],
        partnership=record.partnership,
    )
