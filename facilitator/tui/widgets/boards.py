"""Boards: the summaries on the wall. Each board draws plain summary data (the documents of
:mod:`facilitator.core.summaries`) as literal ``Content`` — participant text is never read as markup — and
redraws whenever it is given new data. :data:`BOARDS` names the board of each summary kind (a step kind's
``board`` is one of them).

The drawing functions are pure (data in, ``Content`` out); the widgets only hold the data and the width.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from textual.content import Content
from textual.reactive import reactive

from facilitator.core.activity import Bilingual
from facilitator.core.chronology import saved_held_at
from facilitator.core.i18n import format_day, t
from facilitator.core.summaries import expectations, health, pilot_scores, progress, role_split, votes
from facilitator.core.vocab import LEVEL_WEIGHT, LEVELS, LIGHTS, STAGES, STATUSES, VERDICTS
from facilitator.tui.render import joined, literal
from facilitator.tui.widgets.columns import MAX_COLUMN, labelled, lines, squeezed, table
from facilitator.tui.widgets.content_view import ContentView

Summary = Mapping[str, Any]

#: How each role level looks in a matrix cell: lead stands out, "keep informed" recedes.
LEVEL_STYLE = {"lead": "bold $success", "co": "$accent", "support": "$primary", "informed": "dim"}
#: A commitment's status colour.
STATUS_STYLE = {
    "not_started": "dim", "in_progress": "$accent", "blocked": "bold $error", "done": "bold $success",
    "dropped": "dim strike",
}
#: Traffic-light colours.
LIGHT_STYLE = {"green": "$success", "amber": "$warning", "red": "$error"}
#: How each verdict on a BAR expectation looks.
VERDICT_STYLE = {"exceeded": "bold $success", "met": "$success", "short": "$error"}
GAP_MARK, OVERLAP_MARK, EMPTY_CELL, LIGHT_DOT, BAR_CHAR = "⚠", "‼", "·", "●", "█"
#: Width assumed before a board knows its own.
DEFAULT_WIDTH = 120
#: An overlapping task names its leads up to this many; beyond, it counts them (the matrix shows who they are).
OVERLAP_NAMED = 3
#: The compact matrix's one-cell mark of each level, fuller for a stronger claim: a dotted ring for "keep
#: informed", so that it is not taken for the dot of no claim. The same in both languages (the legend names them).
LEVEL_MARK = {"lead": "●", "co": "◐", "support": "○", "informed": "◌"}
#: The role matrix never squeezes its organisation column narrower than this, nor narrower than its longest
#: name when that is shorter: a board that would draws the compact matrix instead, so names still read in full.
ORG_ROOM = 20


def label_of(label: Mapping[str, str] | str, lang: str) -> str:
    """A stored bilingual label (``{"th": …, "en": …}``) in ``lang``, falling back to the other language."""
    return label if isinstance(label, str) else Bilingual.from_dict(dict(label))(lang)


@functools.cache
def level_cell(level: str | None, lang: str) -> Content:
    """A matrix cell: the level's short label in its style, or a dim dot for no claim (made once: a live board
    of 60 organisations × 12 tasks has 720 of them to draw with every claim)."""
    if not level or level not in LEVELS:
        return literal(EMPTY_CELL, "dim")
    return literal(t(f"level_{level}_short", lang), LEVEL_STYLE[level])


@functools.cache
def level_mark(level: str | None) -> Content:
    """A cell of the compact matrix: the level's one-cell mark in its style, or a dim dot for no claim (made
    once, as :func:`level_cell`)."""
    if not level or level not in LEVELS:
        return literal(EMPTY_CELL, "dim")
    return literal(LEVEL_MARK[level], LEVEL_STYLE[level])


def level_legend(lang: str, width: int | None = None, *, compact: bool = False) -> Content:
    """The legend under the matrix: each level's short label (in its style) and its full name; above the
    compact matrix, each level's mark and its full name, and the mark of no claim (in lines of ``width``)."""
    if compact:
        parts = [Content.assemble(level_mark(level), f" = {label(lang)}") for level, label in LEVELS.items()]
        parts.append(Content.assemble(level_mark(None), f" = {t('level_none', lang)}"))
        return packed(parts, "   ", width).stylize("italic")
    parts = []
    for level, label in LEVELS.items():
        short = level_cell(level, lang)
        parts.append(short if short.plain == label(lang) else Content.assemble(short, f" = {label(lang)}"))
    return joined("  ·  ", parts).stylize("italic")


def packed(parts: Sequence[Content], separator: str, width: int | None) -> Content:
    """The parts on as few lines of ``width`` cells as they fit, ``separator`` between them on a line (one
    longer than ``width`` has a line of its own)."""
    rows: list[list[Content]] = [[]]
    used = 0
    room = len(separator)
    for part in parts:
        length = part.cell_length
        if rows[-1] and width is not None and used + room + length > width:
            rows.append([])
            used = 0
        used += (room if rows[-1] else 0) + length
        rows[-1].append(part)
    return joined("\n", [joined(separator, row) for row in rows])


def task_key(names: Sequence[str], width: int | None) -> Content:
    """The key above the compact matrix: "1 = first task, 2 = second task, …" (in lines of ``width``)."""
    last = len(names)
    return packed([
        Content.assemble((f"{number} =", "bold"), " ", literal(name), "," if number < last else "")
        for number, name in enumerate(names, start=1)
    ], " ", width)


def load_legend(lang: str) -> Content:
    """How the load figures are counted: the points each level of claim on a task adds."""
    weights = ", ".join(f"{label(lang)} {LEVEL_WEIGHT[level]}" for level, label in LEVELS.items())
    return literal(t("load_legend", lang, weights=weights), "dim italic")


def overlap_leads(leads: Sequence[str], lang: str) -> Content:
    """The leads of a task with several: named when a few, counted when many."""
    if len(leads) <= OVERLAP_NAMED:
        return joined(", ", [literal(o) for o in leads])
    return literal(t("overlap_leads", lang, n=len(leads)))


# -- role split -------------------------------------------------------------------------------------------
def task_mark(task: Mapping[str, Any], space: str = " ") -> Content:
    """What heads a task's column before its name (then ``space``) or number: ⚠ when it has no lead, ‼ when it
    has several."""
    if task.get("gap"):
        return Content.styled(f"{GAP_MARK}{space}", "bold $error")
    if task.get("overlap"):
        return Content.styled(f"{OVERLAP_MARK}{space}", "bold $warning")
    return Content("")


def role_content(summary: Summary, lang: str, width: int = DEFAULT_WIDTH) -> Content:
    """The role-split summary: the organisation × task matrix, then gaps, overlaps, the coordinator, the load,
    people with several hats, and invited partners not present or not heard."""
    tasks: list[dict[str, Any]] = list(summary.get("tasks", []))
    organisations: list[str] = list(summary.get("organisations", []))
    matrix: Mapping[str, Mapping[str, str]] = summary.get("matrix", {})
    names = {task["id"]: label_of(task["label"], lang) for task in tasks}

    ids = [task["id"] for task in tasks]
    claims = [matrix.get(org, {}) for org in organisations]
    corner = literal(t("organisation_col", lang))
    orgs = [literal(org) for org in organisations]
    header = [corner, *(Content.assemble(task_mark(task), literal(names[task["id"]])) for task in tasks)]
    # The columns' widths, measured before any row is drawn: a task's column is as wide as its name or the widest
    # level claimed on it.
    org_width = max(1, min(MAX_COLUMN, max(cell.cell_length for cell in [corner, *orgs])))
    task_widths = []
    for tid, head in zip(ids, header[1:], strict=True):
        claimed_levels = {claimed.get(tid) for claimed in claims}
        widest = max([head.cell_length, *(level_cell(level, lang).cell_length for level in claimed_levels)])
        task_widths.append(max(1, min(MAX_COLUMN, widest)))
    fit = squeezed([org_width, *task_widths], width)
    compact = bool(tasks) and fit[0] < min(org_width, ORG_ROOM)
    if compact:
        # The full matrix would cut the names (and the tasks'): number the tasks and mark each claim in a cell.
        numbers = [Content.assemble(task_mark(task, space=""), str(n)) for n, task in enumerate(tasks, start=1)]
        room = max(number.cell_length for number in numbers)
        header = [corner, *(number.pad_left(room - number.cell_length) for number in numbers)]
        rows = [[org, *(level_mark(claimed.get(tid)) for tid in ids)]
                for org, claimed in zip(orgs, claims, strict=True)]
        grid = table(header, rows, right=frozenset(range(1, len(header))),
                     widths=squeezed([org_width, *[room] * len(tasks)], width))
    else:
        rows = [[org, *(level_cell(claimed.get(tid), lang) for tid in ids)]
                for org, claimed in zip(orgs, claims, strict=True)]
        grid = table(header, rows, widths=fit)
    if not organisations:
        grid = joined("\n", [grid, literal(t("no_answers_yet", lang), "dim")])

    leads = {task["id"]: [c["organisation"] for c in task.get("lead", [])] for task in tasks}
    gaps = [literal(names[tid]) for tid in summary.get("gaps", []) if tid in names]
    overlaps = [
        Content.assemble(literal(names[tid]), " (", overlap_leads(leads[tid], lang), ")")
        for tid in summary.get("overlaps", []) if tid in names
    ]
    coordinator = [literal(org, "bold") for org in summary.get("coordinator") or []]
    load = [
        Content.assemble(literal(row["organisation"]), (f" {row['score']}", "bold"))
        for row in summary.get("load", []) if row.get("score")
    ]
    hats = [
        Content.assemble(literal(row.get("name") or t("no_name", lang)), " (",
                         joined(", ", [literal(o) for o in row.get("organisations", [])]), ")")
        for row in summary.get("many_hats", [])
    ]
    # The compact matrix's key and marks come first: a board of many organisations is read from its top.
    key = (task_key([names[task["id"]] for task in tasks], width), level_legend(lang, width, compact=True),
           Content("")) if compact else ()
    return lines(
        *key,
        grid,
        Content(""),
        None if compact else level_legend(lang, width),
        labelled(t("gap", lang), gaps, mark=GAP_MARK, style="bold $error"),
        labelled(t("overlap", lang), overlaps, mark=OVERLAP_MARK, style="bold $warning"),
        labelled(t("coordinator", lang), coordinator, empty=t("none_yet", lang)),
        labelled(t("load", lang), load),
        load_legend(lang) if load else None,
        labelled(t("many_hats", lang), hats),
        labelled(t("not_present", lang), [literal(o) for o in summary.get("not_present", [])]),
        labelled(t("silent_partners", lang), [literal(o) for o in summary.get("silent", [])]),
    )


# -- progress ---------------------------------------------------------------------------------------------
def status_cell(status: str, lang: str) -> Content:
    """A commitment's status in its colour."""
    label = STATUSES[status](lang) if status in STATUSES else status
    return literal(label, STATUS_STYLE.get(status, ""))


def progress_content(summary: Summary, lang: str, width: int = DEFAULT_WIDTH) -> Content:
    """Every commitment: task, lead organisation, status (coloured), due date, latest note; and the
    partnership's stage when the summary has one."""
    items = list(summary.get("commitments", []))
    if not items:
        body = literal(t("no_commitments", lang), "dim")
    else:
        header = [literal(t(key, lang)) for key in ("task", "lead_org", "status", "due", "note")]
        rows = [
            [literal(label_of(item["task"], lang)), literal(item.get("lead", "")),
             status_cell(item.get("status", ""), lang), literal(format_day(item.get("due", ""), lang)),
             literal(item.get("note", ""), "italic")]
            for item in items
        ]
        body = table(header, rows, max_width=[MAX_COLUMN, MAX_COLUMN, 18, 14, 60], width=width)
    stage = summary.get("stage")
    if not stage:
        return body
    suggested = summary.get("stage_suggested")
    line = Content.assemble((f"{t('stage', lang)}: ", "bold"), STAGES[stage](lang) if stage in STAGES else stage)
    if suggested and suggested != stage and suggested in STAGES:
        line = Content.assemble(line, (f"  ({t('stage_suggested', lang)}: {STAGES[suggested](lang)})", "dim"))
    return lines(body, Content(""), line)


def partners_content(summary: Summary, lang: str, width: int = DEFAULT_WIDTH) -> Content:
    """Commitments by partner: how many each organisation leads, and how many are in each status."""
    rows = list(summary.get("by_partner", []))
    if not rows:
        return literal(t("no_commitments", lang), "dim")
    header = [literal(t("lead_org", lang)), literal(t("commitments", lang))]
    header += [status_cell(status, lang) for status in STATUSES]
    body = [
        [literal(row["organisation"] or t("no_org", lang)), literal(str(row["commitments"])),
         *(literal(str(row.get(status, 0))) for status in STATUSES)]
        for row in rows
    ]
    return table(header, body, right=frozenset(range(1, len(header))), width=width)


def timeline_content(summary: Summary, lang: str, width: int = DEFAULT_WIDTH) -> Content:
    """The partnership's sessions, the latest meeting first (as every list on screen): the date each was held,
    activity, title, participants, answers."""
    sessions = list(reversed(summary.get("sessions", [])))  # the summary keeps them oldest first
    if not sessions:
        return literal(t("no_sessions", lang), "dim")
    header = [literal(t(key, lang)) for key in ("date", "activity", "title", "participants", "answers")]
    rows = [
        [literal(format_day(saved_held_at(row), lang)),
         literal(label_of(row.get("activity_name", ""), lang)), literal(row.get("title", "")),
         literal(str(row.get("participants", 0))), literal(str(row.get("answers", 0)))]
        for row in sessions
    ]
    return table(header, rows, right=frozenset({3, 4}), max_width=[16, MAX_COLUMN, 40, 12, 12], width=width)


def expectations_content(review: Summary, lang: str, width: int = DEFAULT_WIDTH) -> Content:
    """Each BAR expectation beside how many found it exceeded, met or fell short, and the verdict; then what
    was met or exceeded and what fell short."""
    items = list(review.get("expectations", []))
    if not items:
        body = literal(t("no_expectations", lang), "dim")
    else:
        header = [Content("")]
        header += [literal(label(lang), VERDICT_STYLE[key]) for key, label in VERDICTS.items()]
        header.append(literal(t("verdict", lang)))
        rows = []
        for item in items:
            counts = item.get("verdicts", {})
            verdict = item.get("verdict", "")
            rows.append([
                literal(item.get("text", "")),
                *(literal(str(counts.get(key, 0))) for key in VERDICTS),
                literal(VERDICTS[verdict](lang), VERDICT_STYLE[verdict]) if verdict in VERDICTS
                else literal(EMPTY_CELL, "dim"),
            ])
        body = table(header, rows, right=frozenset({1, 2, 3}), max_width=[60, 18, 18, 18, 20], width=width)
    return lines(
        body,
        labelled(t("met_or_exceeded", lang), [literal(x) for x in review.get("met_or_exceeded", [])],
                 style="bold $success"),
        labelled(t("fell_short", lang), [literal(x) for x in review.get("fell_short", [])], style="bold $error"),
    )


# -- health and pilot areas -------------------------------------------------------------------------------
def short_light(light: str, lang: str) -> str:
    """A light's colour word alone ("เขียว", "Green"), without its explanation."""
    return re.split(r"\s*[:(]", LIGHTS[light](lang), maxsplit=1)[0]


def health_content(summary: Summary, lang: str, width: int = DEFAULT_WIDTH) -> Content:
    """Each building block: how many gave each light, how many rated, the overall light and the mean score."""
    blocks = list(summary.get("blocks", []))
    header = [literal(t("block", lang))]
    header += [literal(f"{LIGHT_DOT} {short_light(key, lang)}", LIGHT_STYLE[key]) for key in LIGHTS]
    header += [literal(t("ratings", lang)), literal(t("overall", lang)), literal(t("score", lang))]
    rows = []
    for block in blocks:
        light = block.get("light", "")
        score = block.get("score")
        rows.append([
            literal(label_of(block["label"], lang)),
            *(literal(str(block.get(key, 0)), LIGHT_STYLE[key] if block.get(key) else "dim") for key in LIGHTS),
            literal(str(block.get("ratings", 0))),
            literal(f"{LIGHT_DOT} {LIGHTS[light](lang)}", f"bold {LIGHT_STYLE[light]}") if light in LIGHTS
            else literal(EMPTY_CELL, "dim"),
            literal(f"{score:.2f}" if score is not None else EMPTY_CELL),
        ])
    grid = table(header, rows, right=frozenset({1, 2, 3, 4, 6}), max_width=[40, 12, 12, 12, 18, 26, 18],
                 width=width)
    notes = [literal(note, "italic") for note in summary.get("notes", [])]
    return lines(grid, labelled(t("note", lang), notes))


def points_content(summary: Summary, lang: str, width: int = DEFAULT_WIDTH) -> Content:
    """Candidate areas in the order given (ranked, most points first), each with a bar of its points."""
    areas = list(summary.get("areas", []))
    most = max([int(area.get("points", 0)) for area in areas] + [1])
    bar_room = max(10, min(40, width - 60))
    header = [literal(t("rank", lang)), literal(t("area", lang)), literal(""), literal(t("points", lang)),
              literal(t("voters", lang))]
    rows = []
    for position, area in enumerate(areas, start=1):
        points = int(area.get("points", 0))
        top = position == 1 and points > 0
        length = round(points / most * bar_room)
        rows.append([
            literal(f"{position}.", "bold" if top else ""),
            literal(label_of(area["label"], lang), "bold" if top else ""),
            literal(BAR_CHAR * length, "$success" if top else "$accent") if length else literal(EMPTY_CELL, "dim"),
            literal(str(points), "bold" if top else ""),
            literal(str(area.get("voters", 0))),
        ])
    return table(header, rows, right=frozenset({0, 3, 4}), max_width=[6, 30, bar_room, 10, 14], width=width)


def votes_content(summary: Summary, lang: str, width: int = DEFAULT_WIDTH) -> Content:
    """Each vote's items ranked by dots, with a bar of dots each, how many gave them a dot, and how many voted
    (a summary of several votes names each one's question)."""
    parts: list[Content] = []
    steps = list(summary.get("steps", []))
    for vote in steps:
        if parts:
            parts.append(Content(""))
        if len(steps) > 1:
            parts.append(literal(label_of(vote.get("prompt", ""), lang), "bold"))
        parts.append(literal(t("voted_count", lang, n=vote.get("voters", 0), dots=vote.get("dots_placed", 0)),
                             "italic"))
        items = list(vote.get("items", []))
        if not items:
            parts.append(literal(t("nothing_to_vote", lang), "dim"))
            continue
        most = max([int(item.get("dots", 0)) for item in items] + [1])
        bar_room = max(4, min(40, width // 3 - 10))   # a narrow board keeps its room for the items' words
        rows = []
        for item in items:
            dots = int(item.get("dots", 0))
            top = int(item.get("rank", 0)) == 1 and dots > 0
            length = round(dots / most * bar_room)
            rows.append([
                literal(f"{item.get('rank', '')}." if dots else "", "bold" if top else ""),
                literal(label_of(item["label"], lang), "bold" if top else ""),
                literal(BAR_CHAR * length, "$success" if top else "$accent") if length else literal(EMPTY_CELL, "dim"),
                literal(str(dots), "bold" if top else ""),
                literal(str(item.get("voters", 0))),
            ])
        header = [literal(t("rank", lang)), literal(t("item_col", lang)), literal(""), literal(t("dots_col", lang)),
                  literal(t("dot_voters", lang))]
        parts.append(table(header, rows, right=frozenset({0, 3, 4}), max_width=[6, 60, bar_room, 8, 14],
                           width=width))
    return lines(*parts) if parts else literal(t("nothing_to_vote", lang), "dim")


# -- widgets ----------------------------------------------------------------------------------------------
class Board(ContentView):
    """A summary drawn as literal ``Content``; give it new data by setting :attr:`data`. Each subclass names
    its drawing function (:attr:`DRAW`). A new summary costs only the board's lines that changed."""

    DEFAULT_CSS = """
    Board { width: 1fr; height: auto; padding: 0 1; }
    """

    data: reactive[Summary | None] = reactive(None, always_update=True)
    """The summary to draw (plain data, as saved); ``None`` before there is one."""

    def __init__(
        self, data: Summary | None = None, *, lang: str = "th", id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.lang = lang
        self.set_reactive(Board.data, data)

    #: How a board of this class draws its data: ``(data, lang, width) -> Content``.
    DRAW: ClassVar[Callable[[Summary, str, int], Content]]

    def draw(self, data: Summary, width: int) -> Content:
        """The board for ``data`` at ``width`` cells."""
        return type(self).DRAW(data, self.lang, width)

    @property
    def plain(self) -> str:
        """What the board shows, as plain text."""
        return self.content.plain

    def watch_data(self) -> None:
        """Redraw with the new data."""
        self.redraw()

    def content_at(self, width: int) -> Content:
        """The board for its data at ``width`` cells (inside the padding and any scrollbar)."""
        data = self.data
        return self.draw(data, width) if data is not None else literal(t("no_answers_yet", self.lang), "dim")


class RoleBoard(Board):
    """The role-split matrix (organisation × task) with gaps, overlaps, the coordinator and who was heard."""

    DRAW = staticmethod(role_content)


class ProgressBoard(Board):
    """Commitments with their status, due date and note (and the partnership's stage)."""

    DRAW = staticmethod(progress_content)


class PartnersBoard(Board):
    """Commitments counted by lead organisation and status (from a progress summary)."""

    DRAW = staticmethod(partners_content)


class TimelineBoard(Board):
    """A partnership's sessions, newest first (from a progress summary)."""

    DRAW = staticmethod(timeline_content)


class ExpectationsBoard(Board):
    """A BAR's expectations beside the AAR's verdicts (an expectations review)."""

    DRAW = staticmethod(expectations_content)


class HealthBoard(Board):
    """The health check: counts of each traffic light per building block, the overall light and score."""

    DRAW = staticmethod(health_content)


class PointsBoard(Board):
    """Pilot areas ranked by points, with a bar each and the number of voters."""

    DRAW = staticmethod(points_content)


class VotesBoard(Board):
    """A dot vote's live ranking: items by dots, a bar each, voters per item and in all."""

    DRAW = staticmethod(votes_content)


#: The board that draws each kind of summary (a live step's board, or a section of a summary screen).
BOARDS: dict[str, type[Board]] = {
    role_split.KIND: RoleBoard,
    health.KIND: HealthBoard,
    pilot_scores.KIND: PointsBoard,
    progress.KIND: ProgressBoard,
    expectations.KIND: ExpectationsBoard,
    votes.KIND: VotesBoard,
}
