"""The step kinds, and the registry everything else asks about them.

One module per kind (:mod:`.notes`, :mod:`.role_claim`, :mod:`.action`, :mod:`.progress`, :mod:`.expectations`,
:mod:`.rating`, :mod:`.points`, :mod:`.votes`), each a :class:`~facilitator.core.kinds.base.StepKind`. The server, the screen,
the exports and the activity loader look a kind up here by a step's ``kind`` and call it; none of them compares
kind names. Adding a kind is one new module and one line in :data:`KINDS` (see docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Iterator

from facilitator.core.activity import Activity, Option, Step
from facilitator.core.kinds.action import ACTION
from facilitator.core.kinds.base import (
    AnswerRow,
    Card,
    Form,
    LiveView,
    OptionRule,
    Page,
    PageRequest,
    Recheck,
    StepContext,
    StepKind,
    byline,
)
from facilitator.core.kinds.expectations import EXPECTATIONS
from facilitator.core.kinds.notes import NOTES
from facilitator.core.kinds.points import POINTS
from facilitator.core.kinds.progress import PROGRESS
from facilitator.core.kinds.rating import RATING
from facilitator.core.kinds.role_claim import ROLE_CLAIM
from facilitator.core.kinds.votes import VOTES
from facilitator.core.model import Answer, Participant, Session

__all__ = [
    "ACTION", "EXPECTATIONS", "KINDS", "NOTES", "POINTS", "PROGRESS", "RATING", "ROLE_CLAIM", "AnswerRow", "Card",
    "Form", "LiveView", "OptionRule", "Page", "PageRequest", "Recheck", "StepContext", "StepKind", "UnknownKind",
    "VOTES", "card", "follows_bar", "get", "names", "of", "present_in", "tasks_of",
]  # fmt: skip

#: Every kind, by name, in the order their summaries come.
KINDS: dict[str, StepKind] = {
    kind.name: kind for kind in (NOTES, ROLE_CLAIM, ACTION, PROGRESS, EXPECTATIONS, RATING, POINTS, VOTES)
}


class UnknownKind(LookupError):
    """A step kind nobody registered (an activity file is checked against :func:`names` before it gets here)."""


def get(name: str) -> StepKind:
    """The kind called ``name``."""
    try:
        return KINDS[name]
    except KeyError:
        raise UnknownKind(name) from None


def of(step: Step) -> StepKind:
    """The kind of ``step``."""
    return get(step.kind)


def names() -> list[str]:
    """Every kind's name, in registry order."""
    return list(KINDS)


def present_in(session: Session) -> Iterator[StepKind]:
    """The kinds ``session`` has something of (in registry order)."""
    return (kind for kind in KINDS.values() if kind.present_in(session))


def follows_bar(activity: Activity) -> bool:
    """Whether ``activity`` refers back to a BAR (its expectations, or the commitments made in it): such a
    session is linked to the BAR it follows."""
    return any(get(step.kind).follows_bar for step in activity.steps if step.kind in KINDS)


def tasks_of(session: Session) -> list[Option]:
    """The tasks to split in ``session``: its role-claim steps' tasks, then those added during it."""
    return ROLE_CLAIM.tasks(session)


def card(step: Step, answer: Answer, person: Participant | None, lang: str, context: StepContext) -> Card:
    """``answer`` (to ``step``, given by ``person``) in words: what the wall, the phone and the exports show."""
    kind = of(step)
    organisation = str(answer.data.get("organisation") or "") if kind.speaks_for else ""
    organisation = (organisation or (person.organisation if person else "")).strip()
    name = person.name if person else ""
    return Card(answer.id, tuple(kind.words(step, answer, lang, context)), byline(person, lang), organisation, name)
