"""Activities as plain data: an activity is a titled list of steps, every text in Thai and English.

The TOML files in ``activities/`` are read into these classes by :mod:`activities.loader`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Lang = Literal["th", "en"]
LANGS: tuple[Lang, ...] = ("th", "en")


@dataclass(frozen=True, slots=True)
class Bilingual:
    """A text in Thai and English."""

    th: str
    en: str

    def __call__(self, lang: str) -> str:
        """The text in ``lang``, falling back to the other language when empty."""
        primary, other = (self.en, self.th) if lang == "en" else (self.th, self.en)
        return primary or other

    def to_dict(self) -> dict[str, str]:
        """Plain data for storage and export."""
        return {"th": self.th, "en": self.en}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Bilingual:
        """Inverse of :meth:`to_dict`."""
        return cls(th=str(data.get("th", "")), en=str(data.get("en", "")))


@dataclass(frozen=True, slots=True)
class Option:
    """Something a structured step asks about: a task to split, a building block to rate, an area to score.

    ``coordination`` marks the task whose lead is the partnership's coordinator.
    """

    id: str
    label: Bilingual
    coordination: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain data for storage and export."""
        data: dict[str, Any] = {"id": self.id, "label": self.label.to_dict()}
        if self.coordination:
            data["coordination"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Option:
        """Inverse of :meth:`to_dict`."""
        return cls(data["id"], Bilingual.from_dict(data["label"]), bool(data.get("coordination", False)))


@dataclass(frozen=True, slots=True)
class Step:
    """One question of an activity. ``kind`` names its step kind (:mod:`facilitator.core.kinds`); ``options``
    and ``budget`` are used by the kinds that take them, and so are ``over`` (the id of an earlier step whose
    answers are put to the vote), ``dots`` (the dots each person places) and ``stack`` (several on one item)."""

    id: str
    kind: str
    prompt: Bilingual
    hint: Bilingual | None = None
    options: tuple[Option, ...] = ()
    budget: int = 0
    over: str = ""
    dots: int = 0
    stack: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain data for storage and export."""
        data: dict[str, Any] = {"id": self.id, "kind": self.kind, "prompt": self.prompt.to_dict()}
        if self.hint is not None:
            data["hint"] = self.hint.to_dict()
        if self.options:
            data["options"] = [option.to_dict() for option in self.options]
        if self.budget:
            data["budget"] = self.budget
        if self.over:
            data["over"] = self.over
        if self.dots:
            data["dots"] = self.dots
            data["stack"] = self.stack
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Step:
        """Inverse of :meth:`to_dict`."""
        hint = data.get("hint")
        return cls(
            id=data["id"],
            kind=data["kind"],
            prompt=Bilingual.from_dict(data["prompt"]),
            hint=Bilingual.from_dict(hint) if hint else None,
            options=tuple(Option.from_dict(o) for o in data.get("options", ())),
            budget=int(data.get("budget", 0)),
            over=str(data.get("over", "")),
            dots=int(data.get("dots", 0)),
            stack=bool(data.get("stack", False)),
        )


@dataclass(frozen=True, slots=True)
class Activity:
    """A structured session plan: BAR, AAR, role split, …"""

    id: str
    name: Bilingual
    description: Bilingual
    steps: tuple[Step, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data; a session keeps this snapshot so later edits of the file never change its record."""
        return {
            "id": self.id,
            "name": self.name.to_dict(),
            "description": self.description.to_dict(),
            "steps": [step.to_dict() for step in self.steps],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Activity:
        """Inverse of :meth:`to_dict`."""
        return cls(
            id=data["id"],
            name=Bilingual.from_dict(data["name"]),
            description=Bilingual.from_dict(data.get("description", {})),
            steps=tuple(Step.from_dict(s) for s in data["steps"]),
        )
