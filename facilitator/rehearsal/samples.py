"""The rehearsal's sample room, read from ``samples.toml``: the partner organisations, the people on the simulated
phones, and the sample answers (see the comments at the top of the file)."""

from __future__ import annotations

import random
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from facilitator.core.vocab import SECTORS

SAMPLES_FILE = "samples.toml"


@dataclass(frozen=True, slots=True)
class Person:
    """Who a simulated phone joins as: a name, an organisation with its sector, and other organisations."""

    name: str
    organisation: str
    sector: str
    also: tuple[str, ...] = ()
    #: A task the person adds to the split while a role step is open ("": none).
    proposes: str = ""


@dataclass(frozen=True, slots=True)
class SampleRoom:
    """The people of a rehearsal and what they answer (the :class:`~facilitator.core.kinds.rehearsal.Samples`
    the step kinds draw from)."""

    people: tuple[Person, ...]
    pools: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    tables: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    functions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def texts(self, pool: str) -> Sequence[str]:
        """The sample texts of ``pool`` (none for a pool the file does not have)."""
        return self.pools.get(pool, ())

    def draw(self, pool: str, rng: random.Random) -> str:
        """Any sample text of ``pool`` ("" for a pool the file does not have)."""
        texts = self.texts(pool)
        return rng.choice(list(texts)) if texts else ""

    def weights(self, table: str) -> Mapping[str, float]:
        """How often each choice of ``table`` is made (empty for a table the file does not have)."""
        return self.tables.get(table, {})

    def leads(self, organisation: str) -> Sequence[str]:
        """The task ids ``organisation`` leads."""
        return self.functions.get(organisation, ())


class Deck:
    """The samples of ``room`` dealt to a whole room of phones: each pool is shuffled and dealt text by text, so
    two phones write the same text only once the pool has gone round (then it is shuffled again)."""

    def __init__(self, room: SampleRoom, seed: int) -> None:
        self.room = room
        self._rng = random.Random(seed)
        self._left: dict[str, list[str]] = {}

    def draw(self, pool: str, rng: random.Random) -> str:
        """The next text of ``pool`` ("" for a pool the samples do not have)."""
        left = self._left.get(pool)
        if not left:
            left = self._left[pool] = list(self.room.texts(pool))
            self._rng.shuffle(left)
        return left.pop() if left else ""

    def weights(self, table: str) -> Mapping[str, float]:
        """The room's weights of ``table``."""
        return self.room.weights(table)

    def leads(self, organisation: str) -> Sequence[str]:
        """The task ids ``organisation`` leads."""
        return self.room.leads(organisation)


def _pools(table: Mapping[str, Any], prefix: str = "") -> dict[str, tuple[str, ...]]:
    """Every list of texts in ``table``, by its dotted name (``progress_notes.done``)."""
    pools: dict[str, tuple[str, ...]] = {}
    for name, value in table.items():
        if isinstance(value, Mapping):
            pools |= _pools(value, f"{prefix}{name}.")
        else:
            pools[prefix + name] = tuple(str(text) for text in value)
    return pools


def parse_samples(data: Mapping[str, Any]) -> SampleRoom:
    """A sample room from the parsed file; ``ValueError`` for a person of an organisation it does not list or a
    sector the join page does not offer."""
    organisations = {str(org["name"]): org for org in data.get("organisations", [])}
    people = []
    for entry in data.get("people", []):
        organisation = organisations.get(str(entry["organisation"]))
        if organisation is None:
            raise ValueError(f"{entry['name']}: organisation {entry['organisation']!r} is not listed")
        sector = str(organisation.get("sector", ""))
        if sector and sector not in SECTORS:
            raise ValueError(f"{organisation['name']}: unknown sector {sector!r}")
        people.append(Person(str(entry["name"]), str(organisation["name"]), sector,
                             tuple(str(other) for other in entry.get("also", ())), str(entry.get("proposes", ""))))
    return SampleRoom(
        people=tuple(people),
        pools=_pools(data.get("texts", {})),
        tables={name: {str(k): float(v) for k, v in table.items()} for name, table in data.get("weights", {}).items()},
        functions={name: tuple(str(task) for task in org.get("leads", ())) for name, org in organisations.items()},
    )


def load_samples() -> SampleRoom:
    """The sample room that comes with the package."""
    text = resources.files(__package__).joinpath(SAMPLES_FILE).read_text(encoding="utf-8")
    return parse_samples(tomllib.loads(text))
