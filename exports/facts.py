"""What every export prints under its title: the activity, when and where the meeting was held, who facilitated
it, how many took part, and — for a session still running — that the file is a snapshot."""

from __future__ import annotations

from exports.cells import Number
from exports.labels import label
from facilitator.core.chronology import held_at
from facilitator.core.i18n import format_date, format_when
from facilitator.core.model import Status, now_iso
from facilitator.core.record import SessionRecord


def record_notes(record: SessionRecord, lang: str) -> list[str]:
    """What a reader must know before trusting the record: a rehearsal's answers came from simulated phones; an
    anonymous session kept no names."""
    session = record.session
    return [label(key, lang) for key, applies in (("rehearsal_record", session.demo),
                                                  ("anonymous_record", session.anonymous)) if applies]


def session_facts(record: SessionRecord, lang: str, *, exported_at: str | None = None) -> list[tuple[str, str]]:
    """(label, value) pairs in ``lang``; place and facilitator only when given. The date is the one the
    facilitator gave, else the session's start, with its time of day."""
    session = record.session
    details = session.details
    facts = [
        (label("activity", lang), session.activity.name(lang)),
        (label("held_at", lang), format_when(held_at(session), lang)),
    ]
    if details.place:
        facts.append((label("place", lang), details.place))
    if details.facilitator:
        facts.append((label("facilitated_by", lang), details.facilitator))
    facts.append((label("participants", lang), Number(len(record.participants))))
    if session.status is not Status.CLOSED:
        moment = format_date(exported_at or now_iso(), lang)
        facts.append((label("status", lang), label("snapshot_running", lang).format(at=moment)))
    return facts
