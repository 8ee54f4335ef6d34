"""What a live session announces. The server and the TUI both listen; neither talks to the other."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from facilitator.core.activity import Option
from facilitator.core.model import Participant, Answer, Session
from facilitator.core.step_timer import StepTimer


@dataclass(frozen=True, slots=True)
class ParticipantJoined:
    """A phone joined (or changed its name, organisation or sector)."""

    session: Session
    participant: Participant


@dataclass(frozen=True, slots=True)
class AnswerAdded:
    """An answer is durably stored."""

    session: Session
    answer: Answer


class Change(StrEnum):
    """What happened to an answer already stored."""

    EDITED = "edited"
    WITHDRAWN = "withdrawn"
    HIDDEN = "hidden"
    SHOWN = "shown"


@dataclass(frozen=True, slots=True)
class AnswerChanged:
    """An answer was edited or withdrawn by its participant, or hidden or shown again by the facilitator (the
    change is durably stored; ``answer`` is the answer as it is now)."""

    session: Session
    answer: Answer
    change: Change


@dataclass(frozen=True, slots=True)
class StepChanged:
    """The facilitator opened another step (or went back to the lobby)."""

    session: Session


@dataclass(frozen=True, slots=True)
class TasksChanged:
    """A task to split was added (``added_by``: "facilitator" or the participant's id)."""

    session: Session
    task: Option
    added_by: str


@dataclass(frozen=True, slots=True)
class SessionClosed:
    """The session closed; its summaries are saved."""

    session: Session
    summaries: list[dict[str, object]]


@dataclass(frozen=True, slots=True)
class StorageTrouble:
    """Storing failed (``ok`` False: disk full, read-only…) or works again (``ok`` True)."""

    ok: bool
    detail: str


@dataclass(frozen=True, slots=True)
class TimerChanged:
    """The facilitator set, paused, resumed or lengthened the countdown of step ``step`` (``timer``: the
    countdown now)."""

    session: Session
    step: int
    timer: StepTimer



@dataclass(frozen=True, slots=True)
class ThemesChanged:
    """The facilitator changed the themes (``session.themes`` holds them now)."""

    session: Session



Event = (ParticipantJoined | AnswerAdded | AnswerChanged | StepChanged | TasksChanged | SessionClosed
         | StorageTrouble | TimerChanged | ThemesChanged)
