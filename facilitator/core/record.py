"""A session's whole record, as stored and exported."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitator.core.model import Participant, Answer, Session
from facilitator.core.partnership import Partnership
from facilitator.core.summaries import SCHEMA_VERSION
from facilitator.core.summaries.overview import KIND as OVERVIEW
from facilitator.core.summaries.overview import session_overview


@dataclass(slots=True)
class SessionRecord:
    """Everything known about one session: its record, who joined, every answer, its saved summaries.

    ``answers`` are the answers that stand; those hidden by the facilitator or withdrawn by their participant are
    moved to ``set_aside`` when the record is made, so whatever reads ``answers`` (the summaries, the exports)
    leaves them out unless it asks for them.
    """

    session: Session
    participants: list[Participant] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    summaries: list[dict[str, Any]] = field(default_factory=list)
    #: The partnership the session belongs to, as it was when the record was read (``None`` without one).
    partnership: Partnership | None = None
    #: The hidden and withdrawn answers, kept in the record.
    set_aside: list[Answer] = field(default_factory=list)
    #: Each answer's place in the order the record was given them (the order they arrived in).
    _arrival: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._arrival = {a.id: i for i, a in enumerate([*self.answers, *self.set_aside])}
        standing = [a for a in self.answers if a.counts]
        if len(standing) < len(self.answers):
            self.set_aside += [a for a in self.answers if not a.counts]
            self.answers = standing

    def every_answer(self) -> list[Answer]:
        """Every answer in the record, hidden and withdrawn ones included, in the order they were given."""
        if not self.set_aside:
            return list(self.answers)
        return sorted([*self.answers, *self.set_aside], key=lambda a: self._arrival.get(a.id, len(self._arrival)))

    def latest(self, kind: str) -> dict[str, Any] | None:
        """The newest saved summary of ``kind`` this version can read (``None`` when there is none)."""
        saved = [
            (str(s.get("computed_at", "")), i, s)
            for i, s in enumerate(self.summaries)
            if s.get("kind") == kind and s.get("schema_version") == SCHEMA_VERSION
        ]
        return max(saved, key=lambda item: item[:2])[2] if saved else None

    def overview(self) -> dict[str, Any]:
        """The newest saved session overview, or one computed now from the records."""
        return self.latest(OVERVIEW) or session_overview(self.session, self.participants, self.answers)
