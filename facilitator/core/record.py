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
    """Everything known about one session: its record, who joined, every answer, its saved summaries."""

    session: Session
    participants: list[Participant] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    summaries: list[dict[str, Any]] = field(default_factory=list)
    #: The partnership the session belongs to, as it was when the record was read (``None`` without one).
    partnership: Partnership | None = None

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
