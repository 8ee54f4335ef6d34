"""What a live session announces. The server and the TUI both listen; neither talks to the other."""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.core.activity import Option
from facilitator.core.model import Participant, Answer, Session


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
class ThemesChanged:
    """The facilitator changed the themes (``session.themes`` holds them now)."""

    session: Session


Event = (
    ParticipantJoined | AnswerAdded | StepChanged | TasksChanged | SessionClosed | StorageTrouble | ThemesChanged
)
