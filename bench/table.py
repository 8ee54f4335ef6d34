"""The one table ``make bench`` prints: measurement | value | target | met?"""

from __future__ import annotations

import math
from dataclasses import dataclass

MET, MISSED = "✔", "✘"


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table; ``met`` is ``None`` for a figure reported without a target."""

    measurement: str
    value: str
    target: str = ""
    met: bool | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """A separator between scenarios, carrying the scenario's title."""

    title: str


def ms(seconds: float) -> str:
    """Seconds as milliseconds."""
    return "n/a" if math.isnan(seconds) else f"{seconds * 1000:.1f} ms"


def per_s(rate: float) -> str:
    """A rate."""
    return f"{rate:,.0f} /s"


def ratio(value: float) -> str:
    """A ratio."""
    return "n/a" if math.isnan(value) else f"{value:.2f}"


def render(lines: list[Row | Rule]) -> str:
    """The table, columns aligned, one line per row."""
    head = Row("measurement", "value", "target", None)
    rows = [line for line in lines if isinstance(line, Row)]
    widths = [max(len(r.measurement) for r in [head, *rows]), max(len(r.value) for r in [head, *rows]),
              max(len(r.target) for r in [head, *rows]), len("met?")]
    total = sum(widths) + 3 * 3

    def fmt(measurement: str, value: str, target: str, met: str) -> str:
        return (f"{measurement:<{widths[0]}} | {value:>{widths[1]}} | {target:<{widths[2]}} | {met}").rstrip()

    out = [fmt("measurement", "value", "target", "met?"), "-" * total]
    for line in lines:
        if isinstance(line, Rule):
            out.append(f"-- {line.title} " + "-" * max(0, total - len(line.title) - 4))
            continue
        mark = "" if line.met is None else MET if line.met else MISSED
        out.append(fmt(line.measurement, line.value, line.target, mark))
    return "\n".join(out)
