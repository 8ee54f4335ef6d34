"""Every summary of one session, by what its activity asked: the overview always, then what each kind of step
in it contributes (the role split, the health check, the pilot-area scores)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from facilitator.core import kinds
from facilitator.core.model import Answer, Participant, Session
from facilitator.core.partnership import Partnership
from facilitator.core.summaries.overview import session_overview


def session_summaries(
    session: Session,
    participants: Iterable[Participant],
    answers: Iterable[Answer],
    partnership: Partnership | None = None,
) -> list[dict[str, Any]]:
    """The session's summaries, each a plain document with ``kind``, ``schema_version`` and ``computed_at``."""
    people, answers = list(participants), list(answers)
    found = [session_overview(session, people, answers)]
    for kind in kinds.present_in(session):
        found += kind.summaries(session, people, answers, partnership)
    return found
