"""Activities as plain data: an activity is a titled list of steps, every text in Thai and English.

The TOML files in ``activities/`` are read into these classes by :mod:`activities.loader`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Lang = Literal["th", "en"]
LANGS: tuple[Lang, ...] = ("th", "en")

#: Step kinds the phones and the screen know how to run.
STEP_KINDS = ("notes",)


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
class Step:
    """One question of an activity."""

    id: str
    kind: str
    prompt: Bilingual
    hint: Bilingual | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for storage and export."""
        data: dict[str, Any] = {"id": self.id, "kind": self.kind, "prompt": self.prompt.to_dict()}
        if self.hint is not None:
            data["hint"] = self.hint.to_dict()
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
