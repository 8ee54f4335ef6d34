"""Partnerships: the partner organisations that meet over many sessions, and how their names are matched."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from facilitator.core.model import now_iso
from facilitator.core.vocab import STAGES

_IGNORED = re.compile(r"[\s.\-_,/()'\"]+")


@functools.lru_cache(maxsize=8192)
def org_key(name: str) -> str:
    """What two spellings of one organisation share: "รพ.สต.บ้านนา" and "รพสต บ้านนา" give the same key.
    (Kept for the names seen last: a live board matches every claim's organisation against every partner.)"""
    return _IGNORED.sub("", unicodedata.normalize("NFC", name).casefold())


@dataclass(slots=True)
class PartnerOrg:
    """A partner organisation, its sector, and other spellings merged into it."""

    name: str
    sector: str = ""
    aliases: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {"name": self.name, "sector": self.sector, "aliases": list(self.aliases)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PartnerOrg:
        """Inverse of :meth:`to_dict`."""
        return cls(data["name"], data.get("sector", ""), list(data.get("aliases", [])))


@dataclass(slots=True)
class Partnership:
    """A partnership (ภาคี/เครือข่าย): its invited organisations and its stage in the partnering cycle."""

    id: str
    name: str
    organisations: list[PartnerOrg] = field(default_factory=list)
    stage: str = ""
    created_at: str = field(default_factory=now_iso)

    def canonical(self, name: str) -> str:
        """The partnership's spelling of organisation ``name`` (matched by :func:`org_key` or an alias)."""
        key = org_key(name)
        if not key:
            return ""
        for org in self.organisations:
            if key == org_key(org.name) or any(key == org_key(alias) for alias in org.aliases):
                return org.name
        return name.strip()

    def sector_of(self, name: str) -> str:
        """The sector of a partner organisation ("" when not a partner)."""
        canonical = self.canonical(name)
        return next((org.sector for org in self.organisations if org.name == canonical), "")

    def matcher(self) -> NameMatcher:
        """The partnership's spellings as they are now, indexed: for matching many names at once (a summary
        matches every claim and every participant). Take a new one after the partnership changes."""
        return NameMatcher(self.organisations)

    def add(self, name: str, sector: str = "") -> PartnerOrg:
        """Add an organisation (or return the one it already matches)."""
        canonical = self.canonical(name)
        for org in self.organisations:
            if org.name == canonical:
                return org
        org = PartnerOrg(name.strip(), sector)
        self.organisations.append(org)
        return org

    def merge(self, duplicate: str, into: str) -> None:
        """Make ``duplicate`` another spelling of ``into`` (both stay matched from now on)."""
        target = self.add(into)
        source = next((o for o in self.organisations if o.name == self.canonical(duplicate)), None)
        if source is not None and source is not target:
            self.organisations.remove(source)
            target.aliases.extend([source.name, *source.aliases])
            target.sector = target.sector or source.sector
        elif source is None:
            target.aliases.append(duplicate.strip())

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "id": self.id, "name": self.name, "organisations": [o.to_dict() for o in self.organisations],
            "stage": self.stage, "created_at": self.created_at,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Partnership:
        """Inverse of :meth:`to_dict`."""
        return cls(
            data["id"], data["name"], [PartnerOrg.from_dict(o) for o in data.get("organisations", [])],
            data.get("stage", ""), data.get("created_at", now_iso()),
        )


class NameMatcher:
    """:meth:`Partnership.canonical` and :meth:`Partnership.sector_of` for many names: each organisation's
    spellings are keyed once, so a name costs one lookup, not a walk over every partner."""

    def __init__(self, organisations: Iterable[PartnerOrg]) -> None:
        self._names: dict[str, str] = {}
        self._sectors: dict[str, str] = {}
        for org in organisations:   # the first organisation a key matches wins, as in ``canonical``
            for spelling in (org.name, *org.aliases):
                self._names.setdefault(org_key(spelling), org.name)
            self._sectors.setdefault(org.name, org.sector)

    def canonical(self, name: str) -> str:
        """The partnership's spelling of ``name`` (see :meth:`Partnership.canonical`)."""
        key = org_key(name)
        if not key:
            return ""
        return self._names.get(key) or name.strip()

    def sector_of(self, name: str) -> str:
        """The sector of a partner organisation ("" when not a partner)."""
        return self._sectors.get(self.canonical(name), "")


#: The stage each activity suggests once it has run (the latest activity wins).
_STAGE_AFTER = {
    "health": "reviewing", "bar": "planning", "role-split": "planning", "pilot-areas": "planning",
    "checkin": "implementing", "aar": "reviewing",
}


def suggest_stage(activity_ids: Iterable[str]) -> str:
    """A stage of the partnering cycle suggested by the activities run so far, oldest first."""
    stage = "scoping"
    for activity_id in activity_ids:
        stage = _STAGE_AFTER.get(activity_id, stage)
    assert stage in STAGES
    return stage


def loose_partnership(names: Iterable[str]) -> Partnership:
    """A partnership-less session still matches spellings: a throwaway partnership of the names seen."""
    partnership = Partnership(id="", name="")
    seen: set[str] = set()
    for name in names:   # as ``add`` would, without matching each name against every one before it
        key = org_key(name)
        if key and key not in seen:
            seen.add(key)
            partnership.organisations.append(PartnerOrg(name.strip()))
    return partnership
