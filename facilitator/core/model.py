"""The records of a session: the session itself, who joined, what they answered."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from facilitator.core.activity import Activity, Option
from facilitator.core.themes import Theme


def now_iso() -> str:
    """The current UTC time as an ISO 8601 string with milliseconds (how every record is stamped)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class Status(StrEnum):
    """Where a session is in its life: see :mod:`facilitator.core.state`."""

    LOBBY = "lobby"
    RUNNING = "running"
    CLOSED = "closed"


@dataclass(slots=True)
class Session:
    """One meeting running one activity. ``step`` is the open step's index, or ``None`` in the lobby."""

    id: str
    code: str
    title: str
    lang: str
    activity: Activity
    created_at: str = field(default_factory=now_iso)
    status: Status = Status.LOBBY
    step: int | None = None
    closed_at: str | None = None
    partnership_id: str | None = None
    #: The BAR session an AAR or check-in follows.
    follows: str | None = None
    #: Tasks added during the session (by the facilitator or the room), after the activity's own.
    tasks: list[Option] = field(default_factory=list)
    #: No participant's name is asked or kept (organisation and sector still are: the role split needs them).
    anonymous: bool = False
    #: The facilitator's named groups of answers, each of one step (see :mod:`facilitator.core.themes`).
    themes: list[Theme] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for storage and export; ``anonymous`` and ``themes`` are written only when set, so the
        records of a session without them are what they always were."""
        data: dict[str, Any] = {
            "id": self.id,
            "code": self.code,
            "title": self.title,
            "lang": self.lang,
            "activity": self.activity.to_dict(),
            "created_at": self.created_at,
            "status": str(self.status),
            "step": self.step,
            "closed_at": self.closed_at,
            "partnership_id": self.partnership_id,
            "follows": self.follows,
            "tasks": [task.to_dict() for task in self.tasks],
        }
        if self.anonymous:
            data["anonymous"] = True
        if self.themes:
            data["themes"] = [theme.to_dict() for theme in self.themes]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Session:
        """Inverse of :meth:`to_dict` (a record written before sessions could be anonymous is not)."""
        return cls(
            id=data["id"],
            code=data["code"],
            title=data["title"],
            lang=data["lang"],
            activity=Activity.from_dict(data["activity"]),
            created_at=data["created_at"],
            status=Status(data["status"]),
            step=data.get("step"),
            closed_at=data.get("closed_at"),
            partnership_id=data.get("partnership_id"),
            follows=data.get("follows"),
            tasks=[Option.from_dict(t) for t in data.get("tasks", [])],
            anonymous=data.get("anonymous") is True,
            themes=[Theme.from_dict(theme) for theme in data.get("themes", [])],
        )


@dataclass(slots=True)
class Participant:
    """A phone that joined. ``id`` is a digest of the phone's secret token, never the token itself."""

    id: str
    session_id: str
    name: str = ""
    organisation: str = ""
    sector: str = ""
    lang: str = "th"
    joined_at: str = field(default_factory=now_iso)
    #: Other organisations this person also speaks for (many hats).
    also: list[str] = field(default_factory=list)

    @property
    def organisations(self) -> list[str]:
        """Every organisation this person speaks for, the main one first."""
        return [name for name in (self.organisation, *self.also) if name]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for storage and export."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Participant:
        """Inverse of :meth:`to_dict`."""
        return cls(**{k: data[k] for k in cls.__slots__ if k in data})  # type: ignore[attr-defined]


@dataclass(slots=True)
class Answer:
    """One answer (a sticky note) to one step. ``client_id`` is the phone's idempotency key."""

    id: str
    session_id: str
    step: int
    participant_id: str
    text: str
    client_id: str
    created_at: str = field(default_factory=now_iso)
    #: The structured answer of a structured step (role claims, ratings, points…); empty for notes.
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for storage and export."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        """Inverse of :meth:`to_dict`."""
        return cls(**{k: data[k] for k in cls.__slots__ if k in data})  # type: ignore[attr-defined]
