"""The records of a session: the session itself, who joined, what they answered."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
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


@dataclass(frozen=True, slots=True)
class SessionDetails:
    """Where, by whom and when a meeting is held, as the facilitator gave them (each may be left empty)."""

    place: str = ""
    facilitator: str = ""
    #: When the meeting is held: ``YYYY-MM-DD``, or ``YYYY-MM-DDTHH:MM+07:00`` with the time of day.
    held_at: str = ""

    def __bool__(self) -> bool:
        return bool(self.place or self.facilitator or self.held_at)

    def to_dict(self) -> dict[str, str]:
        """The details given, as plain data (those left empty are left out)."""
        return {key: value for key, value in asdict(self).items() if value}

    @classmethod
    def from_dict(cls, data: Any) -> SessionDetails:
        """Inverse of :meth:`to_dict` (anything that is not a mapping of texts reads as no details)."""
        if not isinstance(data, dict):
            return cls()
        return cls(**{key: str(data.get(key) or "") for key in ("place", "facilitator", "held_at")})


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
    #: Place, facilitator, date and time of the meeting, when the facilitator gave them.
    details: SessionDetails = field(default_factory=SessionDetails)
    #: The steps' countdowns, by step index (as a string): what each had left and when
    #: (:meth:`facilitator.core.step_timer.StepTimer.to_record`).
    timers: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: A rehearsal: simulated phones answer it; it stays out of its partnership's progress and commitments.
    demo: bool = False
    #: The facilitator's named groups of answers, each of one step (see :mod:`facilitator.core.themes`).
    themes: list[Theme] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for storage and export; ``anonymous``, ``details``, ``timers``, ``demo`` and ``themes`` are
        written only when set, so the records of a session without them are what they always were."""
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
        if self.details:
            data["details"] = self.details.to_dict()
        if self.timers:
            data["timers"] = {step: dict(timer) for step, timer in self.timers.items()}
        if self.demo:
            data["demo"] = True
        if self.themes:
            data["themes"] = [theme.to_dict() for theme in self.themes]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Session:
        """Inverse of :meth:`to_dict` (a record written before sessions could be anonymous or rehearsals is
        neither)."""
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
            details=SessionDetails.from_dict(data.get("details")),
            timers={str(step): dict(timer) for step, timer in (data.get("timers") or {}).items()},
            demo=data.get("demo") is True,
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


class _NoData(dict[str, Any]):
    """The data of an answer that has none (a note): one mapping shared by all of them, which refuses changes
    (an answer's data is never changed in place; a new version brings its own)."""

    def _refuse(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("an answer's data is never changed in place")

    __setitem__ = __delitem__ = update = setdefault = pop = popitem = clear = __ior__ = _refuse  # type: ignore[assignment]


#: The data of every answer that has none: ``{}``, the same one each time (a note costs no mapping of its own).
NO_DATA: dict[str, Any] = _NoData()


#: The fields of an answer that its record holds only once they are set.
_UNLESS_SET = ("hidden", "withdrawn", "edited_at")


def _stands(hidden: bool, withdrawn: bool) -> bool:
    """The rule: an answer stands — on the wall, in the boards, the summaries and every count — unless the
    facilitator hid it or its participant withdrew it."""
    return not (hidden or withdrawn)


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
    #: The structured answer of a structured step (role claims, ratings, points…); empty for notes. Never changed
    #: in place (its record shares it): a new version of the answer brings a new one.
    data: dict[str, Any] = field(default_factory=lambda: NO_DATA)
    #: Hidden by the facilitator: kept in the record, but off the wall, the boards and every summary.
    hidden: bool = False
    #: Withdrawn by the participant: kept in the record, but shown nowhere and counted in no summary.
    withdrawn: bool = False
    #: When the participant last edited it (``None``: never).
    edited_at: str | None = None

    @property
    def counts(self) -> bool:
        """Whether the answer stands: it is on the wall and in the summaries (neither hidden nor withdrawn)."""
        return _stands(self.hidden, self.withdrawn)

    @staticmethod
    def record_counts(data: dict[str, Any]) -> bool:
        """Whether the answer whose record is ``data`` (as :meth:`to_dict` wrote it) stands, as :attr:`counts`
        says — read from the record without making the answer (a listing counts thousands)."""
        return _stands(bool(data.get("hidden")), bool(data.get("withdrawn")))

    def to_dict(self) -> dict[str, Any]:
        """Plain data for storage and export; ``hidden``, ``withdrawn`` and ``edited_at`` are written only when
        set, so the record of an answer nobody changed is what it always was. (Field by field:
        ``dataclasses.asdict`` walks every value and was a few per cent of the time an answer takes. ``data`` is
        the answer's own, not a copy: it is never changed in place, a new version brings its own, and the
        session's tables keep one record of every answer.)"""
        return {name: getattr(self, name) for name in _FIELDS if name not in _UNLESS_SET or getattr(self, name)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        """Inverse of :meth:`to_dict` (no data read is :data:`NO_DATA`)."""
        answer = cls(**{k: data[k] for k in cls.__slots__ if k in data})  # type: ignore[attr-defined]
        if not answer.data:
            answer.data = NO_DATA
        return answer


#: An answer's fields in the order its record lists them.
_FIELDS = tuple(f.name for f in fields(Answer))
