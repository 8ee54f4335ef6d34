"""The summaries saved with a session as titled sections of plain text, shared by the Markdown post and the HTML
and PDF reports, so each report says the same things in the same words.

A :class:`Section` is one summary: its title, then blocks, each a :class:`~exports.tables.Table` (titled "" when it
needs no subheading) or :class:`Lines` of text. The sections, in order (:func:`summary_sections`): the overview
(answers by step, by sector, by organisation, who was silent), then each summary kind the session saved, the newest
of its kind — the role split, the health check, the pilot-area scores, the dot votes and the partnership's
progress (its commitments, the timeline of its meetings and the BAR's expectations beside the AAR's results). A
kind the session did not save, or saved with nothing in it, has no section. Dates are :func:`format_day`'s: the
Buddhist era in Thai.

Participant text is returned as typed: escaping is each writer's job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from exports.cells import count
from exports.labels import label
from exports.tables import RoleMatrix, Table, word
from facilitator.core.activity import Bilingual
from facilitator.core.chronology import saved_held_at
from facilitator.core.i18n import format_day, sector_label
from facilitator.core.record import SessionRecord
from facilitator.core.summaries import health, pilot_scores, progress, role_split, votes
from facilitator.core.summaries.overview import KIND as OVERVIEW
from facilitator.core.vocab import LEVELS, LIGHTS, RESOURCES, STAGES, STATUSES, VERDICTS


@dataclass(frozen=True, slots=True)
class Lines:
    """Text in a section: under a subheading (``title``, "" for none) and a lead-in (``lead``, which the formats
    end with a colon), the ``lines``, as a list when ``bulleted``, else a paragraph each."""

    lines: tuple[str, ...]
    title: str = ""
    lead: str = ""
    bulleted: bool = False


#: What a section holds: tables and lines of text.
Block = Table | Lines


@dataclass(frozen=True, slots=True)
class Section:
    """One summary as the reports show it: the summary's ``kind``, the section's title and its blocks, in order."""

    kind: str
    title: str
    blocks: tuple[Block, ...]


def summary_sections(record: SessionRecord, lang: str) -> list[Section]:
    """The overview's section, then one per summary kind the record saved (its newest), in :data:`SECTIONS`
    order; a summary with nothing to show has none."""
    found = [overview_section(record.overview(), lang)]
    for kind, build in SECTIONS:
        summary = record.latest(kind)
        section = build(summary, lang) if summary is not None else None
        if section is not None:
            found.append(section)
    return found


def _headings(keys: Iterable[str], lang: str) -> tuple[str, ...]:
    return tuple(label(key, lang) for key in keys)


def _listed(items: Iterable[str], lang: str, empty: str = "none") -> str:
    """``items`` joined with commas, or the word for none."""
    return ", ".join(items) or label(empty, lang)


def _text(entry: dict[str, Any], lang: str) -> str:
    """A saved bilingual text (``{"th": …, "en": …}``) in ``lang``."""
    return Bilingual.from_dict(entry)(lang)


def overview_section(summary: dict[str, Any], lang: str) -> Section:
    """Who took part: answers and respondents by step, participants and answers by sector and by organisation,
    and how many joined without answering."""
    counts = ("participants", "answers")
    steps = [(f"{row['index'] + 1}. {_text(row['prompt'], lang)}", count(row["answers"]),
              count(row["respondents"]))
             for row in summary["steps"]]
    organisations = [(row["organisation"] or label("no_org", lang), count(row["participants"]),
                      count(row["answers"]))
                     for row in summary["by_organisation"]]
    return Section(OVERVIEW, label("summary", lang), (
        Table(label("by_step", lang), _headings(("step", "answers", "respondents"), lang), steps, (1, 2)),
        sector_table(summary, lang),
        Table(label("by_organisation", lang), _headings(("organisation_column", *counts), lang), organisations,
              (1, 2)),
        Lines((f"{label('silent', lang)}: {summary['silent_participants']}",)),
    ))


def sector_table(summary: dict[str, Any], lang: str) -> Table:
    """Participants and answers by sector, as the overview ``summary`` counts them (the HTML report draws them as
    a chart above it)."""
    rows = [(sector_label(row["sector"], lang), count(row["participants"]), count(row["answers"]))
            for row in summary["by_sector"]]
    return Table(label("by_sector", lang), _headings(("sector", "participants", "answers"), lang), rows, (1, 2))


def role_split_section(summary: dict[str, Any], lang: str) -> Section:
    """The organisation × task matrix of levels, then its gaps, overlaps, coordinator, people with several hats,
    invited partners absent or silent, each organisation's load and the resources offered."""
    tasks = summary.get("tasks", [])
    names = {row["id"]: _text(row["label"], lang) for row in tasks}
    overlaps = [f"{names.get(row['id'], row['id'])} ({', '.join(entry['organisation'] for entry in row['lead'])})"
                for row in tasks if row.get("overlap")]
    hats = [f"{person.get('name') or label('no_name', lang)} ({', '.join(person['organisations'])})"
            for person in summary.get("many_hats", [])]
    facts = (
        f"{label('gaps', lang)}: {_listed((names.get(t, t) for t in summary.get('gaps', [])), lang)}",
        f"{label('overlaps', lang)}: {_listed(overlaps, lang)}",
        f"{label('coordinator', lang)}: {_listed(summary.get('coordinator') or [], lang, 'none_yet')}",
        f"{label('many_hats', lang)}: {_listed(hats, lang)}",
        f"{label('not_present', lang)}: {_listed(summary.get('not_present', []), lang)}",
        f"{label('silent_partners', lang)}: {_listed(summary.get('silent', []), lang)}",
    )
    load = [(row["organisation"], *(count(row.get(level, 0)) for level in LEVELS), count(row.get("score", 0)))
            for row in summary.get("load", [])]
    blocks: list[Block] = [
        RoleMatrix.of(summary, lang).table(lang, title=""),
        Lines(facts, bulleted=True),
        Table(label("load", lang),
              (label("organisation_column", lang), *(name(lang) for name in LEVELS.values()), label("load_score", lang)),
              load, tuple(range(1, len(LEVELS) + 2))),
    ]
    offers = []
    for row in tasks:
        for entry in (entry for level in LEVELS for entry in row.get(level, [])):
            resources = ", ".join(word(RESOURCES, r, lang) for r in entry.get("resources", []))
            offered = " — ".join(part for part in (resources, str(entry.get("note", ""))) if part)
            if offered:
                offers.append(f"{names.get(row['id'], row['id'])} — {entry['organisation']}: {offered}")
    if offers:
        blocks.append(Lines(tuple(offers), title=label("offers", lang), bulleted=True))
    return Section(role_split.KIND, label("role_split", lang), tuple(blocks))


def health_section(summary: dict[str, Any], lang: str) -> Section | None:
    """Each building block's green, amber and red ratings and its overall light, then the comments given with
    them (``None`` when nothing was rated or said)."""
    blocks = summary.get("blocks", [])
    comments = tuple(str(note) for note in summary.get("notes", []))
    if not blocks and not comments:
        return None
    rows = [(_text(block["label"], lang), *(count(block.get(light, 0)) for light in LIGHTS),
             count(block.get("ratings", 0)),
             word(LIGHTS, block["light"], lang) if block.get("light") else label("not_rated", lang))
            for block in blocks]
    headings = (label("block", lang), *(label(light, lang) for light in LIGHTS), label("ratings", lang),
                label("light", lang))
    found: list[Block] = [Table("", headings, rows, tuple(range(1, len(LIGHTS) + 2)))]
    if comments:
        found.append(Lines(comments, title=label("comments", lang), bulleted=True))
    return Section(health.KIND, label("health", lang), tuple(found))


def pilot_section(summary: dict[str, Any], lang: str) -> Section | None:
    """The candidate areas ranked by the points they were given, with their voters and the points by sector
    (``None`` when there is no area)."""
    areas = summary.get("areas", [])
    if not areas:
        return None
    rows = [(count(area["rank"]), _text(area["label"], lang), count(area["points"]), count(area["voters"]),
             ", ".join(f"{sector_label(sector, lang)} {points}" for sector, points in area.get("by_sector", {}).items()))
            for area in areas]
    table = Table("", _headings(("rank", "area", "points", "voters", "by_sector"), lang), rows, (0, 2, 3))
    return Section(pilot_scores.KIND, label("pilot_scores", lang), (table,))


def votes_section(summary: dict[str, Any], lang: str) -> Section | None:
    """For each dot vote, its question, how many voted and placed how many dots, and its items ranked by dots
    (``None`` when the session held no vote)."""
    steps = summary.get("steps", [])
    if not steps:
        return None
    headings = _headings(("rank", "item_col", "dots_col", "dot_voters"), lang)
    found: list[Block] = []
    for vote in steps:
        rows = [(count(item["rank"]) if item["dots"] else "", _text(item["label"], lang), count(item["dots"]),
                 count(item["voters"])) for item in vote.get("items", [])]
        counted = label("voted_count", lang).format(n=vote.get("voters", 0), dots=vote.get("dots_placed", 0))
        found.append(Lines((counted,), title=_text(vote["prompt"], lang)))
        found.append(Table("", headings, rows, (0, 2, 3)) if rows else Lines((label("nothing_to_vote", lang),)))
    return Section(votes.KIND, label("dot_vote", lang), tuple(found))


def progress_section(summary: dict[str, Any], lang: str) -> Section:
    """The partnership's stage, its commitments with their status history, the timeline of its meetings and,
    for each AAR, the BAR's expectations with the room's verdicts and what met or fell short of them."""
    stage, suggested = str(summary.get("stage", "")), str(summary.get("stage_suggested", ""))
    stage_line = f"{label('stage', lang)}: {word(STAGES, stage, lang)}"
    if suggested and suggested != stage:
        stage_line += f" ({label('stage_suggested', lang)}: {word(STAGES, suggested, lang)})"
    sessions = summary.get("sessions", [])
    found: list[Block] = [Lines((stage_line,)), commitments_summary(summary, lang)]
    if sessions:
        found.append(timeline_table(sessions, lang, label("timeline", lang)))
    titles = meetings_by_id(sessions)
    for review in summary.get("reviews", []):
        title, when = titles.get(review.get("aar_session"), ("", ""))
        heading = f"{label('expectations', lang)}: {title}" if title else label("expectations", lang)
        if when:
            heading += f" ({format_day(when, lang)})"
        found.append(expectations_table(review, lang, heading))
        found += [Lines(tuple(review[key]), lead=label(key, lang), bulleted=True)
                  for key in ("met_or_exceeded", "fell_short") if review.get(key)]
    return Section(progress.KIND, label("progress", lang), tuple(found))


def commitments_summary(summary: dict[str, Any], lang: str) -> Block:
    """The commitments as a report reads them: one row per commitment — its task, lead, supporters, status, due
    date, contact, latest note and the history of its ratings (or a line saying there is none yet)."""
    title = label("commitments", lang)
    items = summary.get("commitments", [])
    if not items:
        return Lines((label("no_commitments", lang),), title=title)
    rows = [(_text(item["task"], lang), str(item.get("lead", "")), ", ".join(item.get("supporters", [])),
             word(STATUSES, str(item["status"]), lang), format_day(str(item.get("due", "")), lang),
             str(item.get("contact", "")), str(item.get("note", "")), history(item.get("history", []), lang))
            for item in items]
    return Table(title, _headings(("task", "lead_org", "supporters", "status", "due", "contact", "latest_note",
                                   "history"), lang), rows)


def history(entries: Iterable[dict[str, Any]], lang: str) -> str:
    """A commitment's ratings, oldest first: "status (date of the meeting it was given at, organisation) → …"."""
    return " → ".join(
        f"{word(STATUSES, str(entry.get('status', '')), lang)} ("
        + ", ".join(part for part in (format_day(saved_held_at(entry, "at"), lang), str(entry.get("organisation", "")))
                    if part) + ")"
        for entry in entries
    )


def meetings_by_id(sessions: Iterable[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """The title and the date it was held of each meeting of a progress summary's timeline, by session id."""
    return {s["id"]: (str(s.get("title", "")), saved_held_at(s)) for s in sessions}


def timeline_table(sessions: Iterable[dict[str, Any]], lang: str, title: str = "") -> Table:
    """The partnership's meetings in the order they were held: the date each was held, title, activity,
    participants and answers."""
    rows = [(format_day(saved_held_at(s), lang), str(s.get("title", "")), _text(s["activity_name"], lang),
             count(s.get("participants", 0)), count(s.get("answers", 0))) for s in sessions]
    return Table(title, _headings(("date", "title", "activity", "participants", "answers"), lang), rows, (3, 4))


def expectations_table(review: dict[str, Any], lang: str, title: str = "") -> Table:
    """A BAR's expectations as an AAR judged them: each with the room's verdict and the votes for each verdict."""
    rows = [(str(item.get("text", "")), word(VERDICTS, item["verdict"], lang) if item.get("verdict") else "",
             ", ".join(f"{VERDICTS[v](lang)} {item['verdicts'][v]}" for v in VERDICTS
                       if item.get("verdicts", {}).get(v)))
            for item in review.get("expectations", [])]
    return Table(title, _headings(("expectation", "verdict", "votes"), lang), rows)


#: Each summary kind a session saves, with the builder of its section, in the order the reports show them.
SECTIONS: tuple[tuple[str, Callable[[dict[str, Any], str], Section | None]], ...] = (
    (role_split.KIND, role_split_section),
    (health.KIND, health_section),
    (pilot_scores.KIND, pilot_section),
    (votes.KIND, votes_section),
    (progress.KIND, progress_section),
)
