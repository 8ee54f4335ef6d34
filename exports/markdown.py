"""A session as a Markdown post for a knowledge-management blog, in Thai or English.

Participant text is hostile and must read literally wherever the post is rendered, and the post must read
cleanly where it is pasted as plain text: :mod:`exports.md_escape` escapes a character only where Markdown
(CommonMark with GFM tables and strikethrough) would read it as syntax.
"""

from __future__ import annotations

from collections.abc import Iterable

from exports.facts import record_notes, session_facts
from exports.labels import label
from exports.md_escape import escape, escape_lines
from exports.registry import Exporter, register
from exports.summary_tables import Section, summary_sections
from exports.tables import Table, context_of
from facilitator.core import kinds, themes
from facilitator.core.i18n import t
from facilitator.core.record import SessionRecord

def render(record: SessionRecord, lang: str) -> str:
    """The whole post for ``record`` in ``lang``, as text ending with a newline.

    After the answers come the summaries (:func:`exports.summary_tables.summary_sections`): the overview, then
    those saved with the record, each the newest of its kind — the role split, the health check, the pilot-area
    scores, the dot votes and the partnership's progress.
    """
    blocks = [*_header(record, lang), *_step_sections(record, lang)]
    for section in summary_sections(record, lang):
        blocks += _section(section)
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


def _section(section: Section) -> list[str]:
    """A summary's section: its title as a heading, then each block, a titled block under a subheading."""
    blocks = [f"## {escape(section.title)}"]
    for block in section.blocks:
        if block.title:
            blocks.append(f"### {escape(block.title)}")
        if isinstance(block, Table):
            blocks.append(_grid(block))
            continue
        if block.lead:
            blocks.append(f"{escape(block.lead)}:")
        if block.bulleted:
            blocks.append("\n".join(f"- {escape(line)}" for line in block.lines))
        else:
            blocks += [escape(line) for line in block.lines]
    return blocks


def _grid(table: Table) -> str:
    """A GFM table of escaped text cells; the table's numeric columns right-aligned."""

    def line(cells: Iterable[str]) -> str:
        return "| " + " | ".join(escape(cell, cell=True) for cell in cells) + " |"

    rule = "| " + " | ".join("---:" if i in table.numeric else "---" for i in range(len(table.headings))) + " |"
    return "\n".join([line(table.headings), rule, *(line(row) for row in table.rows)])


EXPORTER = register(
    Exporter(
        name="md", suffix=".md", media_type="text/markdown; charset=utf-8", binary=False, write=write_markdown
    )
)
