"""A session's whole record, as stored and exported."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitator.core.model import Participant, Response, Session


@dataclass(slots=True)
class SessionRecord:
    """Everything known about one session: its record, who joined, every answer, its saved summaries."""

    session: Session
    participants: list[Participant] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    summaries: list[dict[str, Any]] = field(default_factory=list)
