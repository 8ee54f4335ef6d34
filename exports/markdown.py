"""A session as a Markdown post for a knowledge-management blog, in Thai or English.

Participant text is hostile and must read literally wherever the post is rendered: :func:`escape`
backslash-escapes every character that Markdown (CommonMark, GFM and common extensions) could read as
syntax, and nothing else, so Thai text passes through unchanged (apart from NFC).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from exports.labels import label
from exports.registry import Exporter, register
from facilitator.core.activity import Bilingual
from facilitator.core.i18n import format_date, sector_label
from facilitator.core.model import Response
from facilitator.core.record import SessionRecord
from facilitator.core.summary import KIND, SCHEMA_VERSION, session_overview

# Everything that can open or close Markdown syntax: emphasis, code, links and images, raw HTML and
# entities, headings, lists (with the digits' "." and ")"), quotes, tables, strikethrough, setext and
# "==mark==" underlines, math, and the ":" of bare-URL autolinks. All are ASCII punctuation, which
# CommonMark lets a backslash make literal.
_SPECIAL = frozenset("\\`*_{}[]<>()#+-.!|~&:=$")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def escape(text: str) -> str:
    """``text`` as one line of Markdown that renders it literally; its line breaks become spaces."""
    return " ".join(escape_lines(text))


def escape_lines(text: str) -> list[str]:
    """``text``'s non-blank lines, each escaped, their outer blanks dropped (indentation could start code).

    Only ASCII punctuation gets a backslash: Thai and every other letter or mark is kept as is (in NFC).
    """
    lines = (line.strip() for line in _LINE_BREAK.split(unicodedata.normalize("NFC", text)))
    return ["".join(f"\\{ch}" if ch in _SPECIAL else ch for ch in line) for line in lines if line]


def overview(record: SessionRecord) -> dict[str, Any]:
    """The newest saved session overview this version can read, or one computed now from the records."""
    saved = [
        (str(s.get("computed_at", "")), i, s)
        for i, s in enumerate(record.summaries)
        if s.get("kind") == KIND and s.get("schema_version") == SCHEMA_VERSION
    ]
    if saved:
        return max(saved, key=lambda item: item[:2])[2]
    return session_overview(record.session, record.participants, record.responses)


def render(record: SessionRecord, lang: str) -> str:
    """The whole post for ``record`` in ``lang``, as text ending with a newline."""
    blocks = [
        *_header(record, lang),
        *_step_sections(record, lang),
        *_summary_section(overview(record), lang),
    ]
    return "\n\n".join(blocks) + "\n"


def write_markdown(record: SessionRecord, lang: str) -> bytes:
    """:func:`render` as UTF-8 bytes."""
    return render(record, lang).encode("utf-8")


def _header(record: SessionRecord, lang: str) -> list[str]:
    session = record.session
    title = session.title or session.activity.name(lang)
    facts = (
        (label("activity", lang), session.activity.name(lang)),
        (label("date", lang), format_date(session.created_at, lang, with_time=False)),
        (label("participants", lang), str(len(record.participants))),
    )
    return [f"# {escape(title)}", " · ".join(f"{escape(name)}: {escape(value)}" for name, value in facts)]


def _step_sections(record: SessionRecord, lang: str) -> list[str]:
    organisations = {p.id: p.organisation for p in record.participants}
    ordered = sorted(record.responses, key=lambda r: r.created_at)
    blocks: list[str] = []
    for index, step in enumerate(record.session.activity.steps):
        answers = [r for r in ordered if r.step == index]
        blocks.append(f"## {index + 1}. {escape(step.prompt(lang))}")
        if answers:
            blocks.append("\n".join(_bullet(r, organisations) for r in answers))
        else:
            blocks.append(escape(label("no_answers_yet", lang)))
    return blocks


def _bullet(response: Response, organisations: dict[str, str]) -> str:
    lines = escape_lines(response.text) or [""]
    organisation = organisations.get(response.participant_id, "").strip()
    if organisation:
        lines[-1] = f"{lines[-1]} ({escape(organisation)})".lstrip()
    # A trailing backslash is a hard line break; the indent keeps later lines inside the bullet.
    return "- " + "\\\n  ".join(lines)


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

    def line(cells: Iterable[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    lines = [line(escape(h) for h in headings), line(["---"] + ["---:"] * (len(headings) - 1))]
    lines += [line([escape(name), str(first), str(second)]) for name, first, second in rows]
    return "\n".join(lines)


EXPORTER = register(
    Exporter(
        name="md", suffix=".md", media_type="text/markdown; charset=utf-8", binary=False, write=write_markdown
    )
)
