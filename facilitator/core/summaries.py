"""Every summary of one session, by what its activity asked: the overview always, the role split, the health
check and the pilot-area scores when the activity has such steps."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from facilitator.core.health import health, pilot_scores
from facilitator.core.model import Participant, Answer, Session
from facilitator.core.partnership import Partnership
from facilitator.core.roles import role_split
from facilitator.core.summary import session_overview


def session_summaries(
    session: Session,
    participants: Iterable[Participant],
    responses: Iterable[Answer],
    partnership: Partnership | None = None,
) -> list[dict[str, Any]]:
    """The session's summaries, each a plain document with ``kind``, ``schema_version`` and ``computed_at``."""
    people, answers = list(participants), list(responses)
    kinds = {step.kind for step in session.activity.steps}
    found = [session_overview(session, people, answers)]
    if "role_claim" in kinds or session.tasks:
        found.append(role_split(session, people, answers, partnership))
    if "rating" in kinds:
        found.append(health(session, answers))
    if "points" in kinds:
        found.append(pilot_scores(session, people, answers))
    return found
