"""A session as a Markdown post for a knowledge-management blog, in Thai or English.

Participant text is hostile and must read literally wherever the post is rendered, and the post must read
cleanly where it is pasted as plain text: :mod:`exports.md_escape` escapes a character only where Markdown
(CommonMark with GFM tables and strikethrough) would read it as syntax.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from exports.facts import record_notes, session_facts
from exports.labels import label
from exports.md_escape import escape, escape_lines
from exports.tables import context_of
from exports.registry import Exporter, register
from facilitator.core import kinds, themes
from facilitator.core.activity import Bilingual
from facilitator.core.i18n import format_day, sector_label, t
from facilitator.core.record import SessionRecord
from facilitator.core.summaries import health, pilot_scores, progress, role_split, votes
from facilitator.core.vocab import LEVELS, LIGHTS, RESOURCES, STAGES, STATUSES, VERDICTS

def render(record: SessionRecord, lang: str) -> str:
    """The whole post for ``record`` in ``lang``, as text ending with a newline.

    After the answers and the overview come the other summaries saved with the record, each the newest of its
    kind: the role split, the health check, the pilot-area scores, the dot votes and the partnership's progress.
    """
    blocks = [
        *_header(record, lang),
        *_step_sections(record, lang),
        *_summary_section(record.overview(), lang),
    ]
    for kind, section in _SECTIONS:
        summary = record.latest(kind)
        if summary is not None:
            blocks += section(summary, lang)
    return "\n\n".join(blocks) + "\n"


def write_markdown(record: SessionRecord, lang: str) -> bytes:
    """:func:`render` as UTF-8 bytes."""
    return render(record, lang).encode("utf-8")


def _header(record: SessionRecord, lang: str) -> list[str]:
    session = record.session
    title = session.title or session.activity.name(lang)
    facts = session_facts(record, lang)
    header = [f"# {escape(title)}", " · ".join(f"{escape(name)}: {escape(value)}" for name, value in facts)]
    return [*header, *(escape(note) for note in record_notes(record, lang))]


def _step_sections(record: SessionRecord, lang: str) -> list[str]:
    people = {p.id: p for p in record.participants}
    ordered = sorted(record.answers, key=lambda a: a.created_at)
    context = context_of(record)
    blocks: list[str] = []
    for index, step in enumerate(record.session.activity.steps):
        answers = kinds.of(step).standing(a for a in ordered if a.step == index)
        blocks.append(f"## {index + 1}. {escape(step.prompt(lang))}")
        groups = themes.grouped(record.session.themes, answers, index)
        if not any(theme for theme, _ in groups):  # no themes: the answers in one list
            groups = [(None, answers)] if answers else []
        for theme, members in groups:
            if theme is not None or len(groups) > 1:
                blocks.append(f"### {escape(theme.name if theme else label('themes_other', lang))}")
            blocks.append("\n".join(
                _bullet(kinds.card(step, a, people.get(a.participant_id), lang, context)) for a in members
            ) or escape(label("no_answers_yet", lang)))
        if not groups:
            blocks.append(escape(label("no_answers_yet", lang)))
        hidden = sum(1 for a in record.set_aside if a.hidden and not a.withdrawn and a.step == index)
        if hidden:  # said, never shown: the text of a hidden answer stays out of the post
            blocks.append(f"*{escape(t('answers_hidden_count', lang, n=hidden))}*")
    return blocks


def _bullet(card: kinds.Card) -> str:
    """One answer as a bullet: a one-line answer with the organisation it speaks for in brackets; an answer of
    several lines (a role claim's tasks, a note typed on several lines) as the organisation with its lines
    nested under it, which reads the same as plain text and rendered."""
    lines = [escaped for line in card.lines for escaped in escape_lines(line)] or [""]
    organisation = escape(card.organisation) if card.organisation else ""
    if len(lines) == 1:
        return f"- {lines[0]} ({organisation})".replace(" ()", "") if organisation else f"- {lines[0]}"
    head, rest = (organisation, lines) if organisation else (lines[0], lines[1:])
    return "\n".join([f"- {head}", *(f"  - {line}" for line in rest)])


def _summary_section(summary: dict[str, Any], lang: str) -> list[str]:
    steps = [
        (f"{row['index'] + 1}. {Bilingual.from_dict(row['prompt'])(lang)}", row["answers"], row["respondents"])
        for row in summary["steps"]
    ]
    sectors = [
        (sector_label(row["sector"], lang), row["participants"], row["answers"]) for row in summary["by_sector"]
    ]
    organisations = [
        (row["organisation"] or label("no_org", lang), row["participants"], row["answers"])
        for row in summary["by_organisation"]
    ]
    counts = ("participants", "answers")
    return [
        f"## {escape(label('summary', lang))}",
        f"### {escape(label('by_step', lang))}",
        _table([label(k, lang) for k in ("step", "answers", "respondents")], steps),
        f"### {escape(label('by_sector', lang))}",
        _table([label(k, lang) for k in ("sector", *counts)], sectors),
        f"### {escape(label('by_organisation', lang))}",
        _table([label(k, lang) for k in ("organisation_column", *counts)], organisations),
        f"{escape(label('silent', lang))}: {summary['silent_participants']}",
    ]


def _table(headings: Sequence[str], rows: Iterable[tuple[str, int, int]]) -> str:
    """A GFM table: one text column, then right-aligned counts."""
    return _grid(headings, ([name, first, second] for name, first, second in rows), numeric=range(1, len(headings)))


def _grid(headings: Sequence[str], rows: Iterable[Sequence[str | int]], numeric: Iterable[int] = ()) -> str:
    """A GFM table of escaped text cells; the columns in ``numeric`` hold numbers, right-aligned."""
    right = set(numeric)

    def line(cells: Iterable[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    lines = [line(escape(h, cell=True) for h in headings),
             line("---:" if i in right else "---" for i in range(len(headings)))]
    lines += [line(str(cell) if isinstance(cell, int) else escape(cell, cell=True) for cell in row) for row in rows]
    return "\n".join(lines)


def _bullets(items: Iterable[str]) -> str:
    """A bullet list of escaped one-line items."""
    return "\n".join(f"- {escape(item)}" for item in items)


def _word(vocabulary: dict[str, Bilingual], key: str, lang: str) -> str:
    entry = vocabulary.get(key)
    return entry(lang) if entry is not None else key


def _listed(items: Sequence[str], lang: str, empty: str = "none") -> str:
    return ", ".join(items) if items else label(empty, lang)


def _role_split_section(summary: dict[str, Any], lang: str) -> list[str]:
    tasks = summary.get("tasks", [])
    names = {row["id"]: Bilingual.from_dict(row["label"])(lang) for row in tasks}
    matrix = summary.get("matrix", {})
    levels = [
        [organisation, *(_word(LEVELS, matrix.get(organisation, {}).get(row["id"], ""), lang) for row in tasks)]
        for organisation in summary.get("organisations", [])
    ]
    overlaps = [
        f"{names.get(row['id'], row['id'])} ({', '.join(entry['organisation'] for entry in row['lead'])})"
        for row in tasks if row.get("overlap")
    ]
    hats = [
        f"{person.get('name') or label('no_name', lang)} ({', '.join(person['organisations'])})"
        for person in summary.get("many_hats", [])
    ]
    facts = [
        f"{label('gaps', lang)}: {_listed([names.get(t, t) for t in summary.get('gaps', [])], lang)}",
        f"{label('overlaps', lang)}: {_listed(overlaps, lang)}",
        f"{label('coordinator', lang)}: {_listed(summary.get('coordinator') or [], lang, 'none_yet')}",
        f"{label('many_hats', lang)}: {_listed(hats, lang)}",
        f"{label('not_present', lang)}: {_listed(summary.get('not_present', []), lang)}",
        f"{label('silent_partners', lang)}: {_listed(summary.get('silent', []), lang)}",
    ]
    load = [
        [row["organisation"], *(int(row.get(level, 0)) for level in LEVELS), int(row.get("score", 0))]
        for row in summary.get("load", [])
    ]
    blocks = [
        f"## {escape(label('role_split', lang))}",
        _grid([label("organisation_column", lang), *(names[row["id"]] for row in tasks)], levels),
        _bullets(facts),
        f"### {escape(label('load', lang))}",
        _grid(
            [label("organisation_column", lang), *(LEVELS[level](lang) for level in LEVELS), label("load_score", lang)],
            load, numeric=range(1, len(LEVELS) + 2),
        ),
    ]
    offers = []
    for row in tasks:
        for entry in (entry for level in LEVELS for entry in row.get(level, [])):
            resources = ", ".join(_word(RESOURCES, r, lang) for r in entry.get("resources", []))
            offered = " — ".join(part for part in (resources, str(entry.get("note", ""))) if part)
            if offered:
                offers.append(f"{names.get(row['id'], row['id'])} — {entry['organisation']}: {offered}")
    if offers:
        blocks += [f"### {escape(label('offers', lang))}", _bullets(offers)]
    return blocks


def _health_section(summary: dict[str, Any], lang: str) -> list[str]:
    blocks = summary.get("blocks", [])
    rows = [
        [Bilingual.from_dict(block["label"])(lang), *(int(block.get(light, 0)) for light in LIGHTS),
         int(block.get("ratings", 0)),
         _word(LIGHTS, block["light"], lang) if block.get("light") else label("not_rated", lang)]
        for block in blocks
    ]
    headings = [label("block", lang), *(label(light, lang) for light in LIGHTS), label("ratings", lang),
                label("light", lang)]
    section = [f"## {escape(label('health', lang))}", _grid(headings, rows, numeric=range(1, len(LIGHTS) + 2))]
    comments = list(summary.get("notes", []))
    if comments:
        section += [f"### {escape(label('comments', lang))}", _bullets(comments)]
    return section


def _pilot_section(summary: dict[str, Any], lang: str) -> list[str]:
    rows = [
        [int(area["rank"]), Bilingual.from_dict(area["label"])(lang), int(area["points"]), int(area["voters"]),
         ", ".join(f"{sector_label(sector, lang)} {points}" for sector, points in area.get("by_sector", {}).items())]
        for area in summary.get("areas", [])
    ]
    headings = [label(k, lang) for k in ("rank", "area", "points", "voters", "by_sector")]
    return [f"## {escape(label('pilot_scores', lang))}", _grid(headings, rows, numeric=(0, 2, 3))]


def _history(history: Iterable[dict[str, Any]], lang: str) -> str:
    """A commitment's ratings, oldest first: "status (date, organisation) → …"."""
    return " → ".join(
        f"{_word(STATUSES, str(entry.get('status', '')), lang)} "
        f"({', '.join(part for part in (format_day(str(entry.get('at', '')), lang), entry.get('organisation', '')) if part)})"
        for entry in history
    )


def _votes_section(summary: dict[str, Any], lang: str) -> list[str]:
    blocks = [f"## {escape(label('dot_vote', lang))}"]
    headings = [label(k, lang) for k in ("rank", "item_col", "dots_col", "dot_voters")]
    for vote in summary.get("steps", []):
        rows = [[int(item["rank"]) if item["dots"] else "", Bilingual.from_dict(item["label"])(lang), int(item["dots"]), int(item["voters"])]
                for item in vote.get("items", [])]
        blocks += [f"### {escape(Bilingual.from_dict(vote['prompt'])(lang))}",
                   escape(label("voted_count", lang).format(n=vote.get("voters", 0), dots=vote.get("dots_placed", 0))),
                   _grid(headings, rows, numeric=(0, 2, 3)) if rows else escape(label("nothing_to_vote", lang))]
    return blocks


def _progress_section(summary: dict[str, Any], lang: str) -> list[str]:
    stage, suggested = str(summary.get("stage", "")), str(summary.get("stage_suggested", ""))
    stage_line = f"{label('stage', lang)}: {_word(STAGES, stage, lang)}"
    if suggested and suggested != stage:
        stage_line += f" ({label('stage_suggested', lang)}: {_word(STAGES, suggested, lang)})"
    blocks = [f"## {escape(label('progress', lang))}", escape(stage_line), f"### {escape(label('commitments', lang))}"]
    items = summary.get("commitments", [])
    if items:
        blocks.append(_grid(
            [label(k, lang) for k in ("task", "lead_org", "status", "due", "contact", "latest_note", "history")],
            ([Bilingual.from_dict(item["task"])(lang), item.get("lead", ""), _word(STATUSES, item["status"], lang),
              format_day(item.get("due", ""), lang), item.get("contact", ""), item.get("note", ""),
              _history(item.get("history", []), lang)] for item in items),
        ))
    else:
        blocks.append(escape(label("no_commitments", lang)))
    sessions = summary.get("sessions", [])
    if sessions:
        blocks += [
            f"### {escape(label('timeline', lang))}",
            _grid(
                [label(k, lang) for k in ("date", "title", "activity", "participants", "answers")],
                ([format_day(s["created_at"], lang), s.get("title", ""), Bilingual.from_dict(s["activity_name"])(lang),
                  int(s.get("participants", 0)), int(s.get("answers", 0))] for s in sessions),
                numeric=(3, 4),
            ),
        ]
    titles = {s["id"]: (s.get("title", ""), s.get("created_at", "")) for s in sessions}
    for review in summary.get("reviews", []):
        title, when = titles.get(review.get("aar_session"), ("", ""))
        heading = f"{label('expectations', lang)}: {title}" if title else label("expectations", lang)
        if when:
            heading += f" ({format_day(when, lang)})"
        rows = [
            [item.get("text", ""), _word(VERDICTS, item["verdict"], lang) if item.get("verdict") else "",
             ", ".join(f"{VERDICTS[v](lang)} {item['verdicts'][v]}" for v in VERDICTS if item["verdicts"].get(v))]
            for item in review.get("expectations", [])
        ]
        blocks += [f"### {escape(heading)}",
                   _grid([label(k, lang) for k in ("expectation", "verdict", "votes")], rows)]
        for key in ("met_or_exceeded", "fell_short"):
            if review.get(key):
                blocks += [f"{escape(label(key, lang))}:", _bullets(review[key])]
    return blocks


_SECTIONS = (
    (role_split.KIND, _role_split_section),
    (health.KIND, _health_section),
    (pilot_scores.KIND, _pilot_section),
    (votes.KIND, _votes_section),
    (progress.KIND, _progress_section),
)

EXPORTER = register(
    Exporter(
        name="md", suffix=".md", media_type="text/markdown; charset=utf-8", binary=False, write=write_markdown
    )
)
