"""A session's record as one self-contained printable HTML page (A4), for the provincial office.

The page holds every summary the Markdown post does (:mod:`exports.summary_tables`), before the answers step by
step. Nothing on the page asks the network for anything: the CSS is inline, there is no script, the charts
(participation by sector, the role-split matrix) are inline SVG, and the fonts are the reader's own (Sarabun or
another Thai font). Participant text goes through Jinja2 with autoescaping on, in the tables and in the SVG
alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import jinja2

from exports.facts import record_notes
from exports.labels import label
from exports.registry import Exporter, register
from exports.summary_tables import sector_table, summary_sections
from exports.tables import RoleMatrix, Table, by_sector, facts, role_matrix, step_entries, title_of
from facilitator.core.record import SessionRecord
from facilitator.core.shortening import shortened
from facilitator.core.vocab import LEVELS

#: Width of the charts' drawing area, in SVG user units (CSS pixels when printed at 100 %).
CHART_WIDTH = 640
#: The matrix's colour for each level, darkest for the lead.
LEVEL_COLOURS = {"lead": "#1b5e3b", "co": "#4c9a6a", "support": "#a6d4b6", "informed": "#e4e4e4"}
#: Longest organisation name drawn in a chart before it is cut with "…" (tables show it whole).
CHART_NAME = 28
#: A run of this many characters with no place to break a line (a link, a code; Thai has its word breaks) lets
#: its table cell break anywhere, so that it cannot push the table off the page; every other cell breaks only
#: between words, so a Thai name or status is never cut inside a word.
UNBROKEN = re.compile(r"[^\s\u0e00-\u0e7f]{24,}")

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("exports", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.tests["table"] = lambda value: isinstance(value, Table)
_ENV.tests["unbroken"] = lambda value: bool(UNBROKEN.search(str(value)))


@dataclass(frozen=True, slots=True)
class Bar:
    """One sector's row of the participation chart: its bars' lengths in SVG units, and the counts."""

    sector: str
    participants: int
    answers: int
    people_length: float
    answers_length: float


def render(record: SessionRecord, lang: str) -> str:
    """The page for ``record`` in ``lang``: the facts, the summaries (:func:`summary_sections`; participation
    by sector and the role split drawn as charts above their tables), then the answers step by step."""
    matrix = role_matrix(record, lang)
    return _ENV.get_template("report.html").render(
        lang=lang,
        label=lambda key: label(key, lang),
        title=title_of(record, lang),
        facts=facts(record, lang),
        notes=record_notes(record, lang),
        sections=summary_sections(record, lang),
        bars=_bars(record, lang),
        sector_table=sector_table(record.overview(), lang),
        chart_width=CHART_WIDTH,
        matrix=_matrix_chart(matrix, lang) if matrix else None,
        matrix_table=matrix.table(lang, title="") if matrix else None,
        steps=step_entries(record, lang),
    )


def write_html(record: SessionRecord, lang: str) -> bytes:
    """:func:`render` as UTF-8 bytes."""
    return render(record, lang).encode("utf-8")


def _bars(record: SessionRecord, lang: str) -> list[Bar]:
    rows = by_sector(record, lang)
    most_people = max((people for _, people, _ in rows), default=0) or 1
    most_answers = max((answers for _, _, answers in rows), default=0) or 1
    area = CHART_WIDTH - 260
    return [Bar(_short(sector), people, answers, round(area * people / most_people, 1),
                round(area * answers / most_answers, 1)) for sector, people, answers in rows]


def _matrix_chart(matrix: RoleMatrix, lang: str) -> dict[str, Any]:
    """The role-split matrix as a grid: a coloured square per organisation and task it takes on."""
    cell = min(48, (CHART_WIDTH - 240) // max(len(matrix.tasks), 1))
    return {
        "cell": cell,
        "width": 240 + cell * len(matrix.tasks),
        "height": 30 + cell * len(matrix.organisations),
        "rows": [{"name": _short(org), "cells": [{"colour": LEVEL_COLOURS.get(level, "#ffffff"),
                                                  "word": LEVELS[level](lang) if level in LEVELS else ""}
                                                 for level in levels]}
                 for org, levels in zip(matrix.organisations, matrix.levels)],
        "columns": [{"task": task, "gap": gap, "overlap": overlap}
                    for task, gap, overlap in zip(matrix.tasks, matrix.gaps, matrix.overlaps)],
        "legend": [(LEVEL_COLOURS[key], word(lang)) for key, word in LEVELS.items()],
    }


def _short(name: str) -> str:
    return shortened(name, CHART_NAME)


EXPORTER = register(
    Exporter(name="html", suffix=".html", media_type="text/html", binary=False, write=write_html)
)
