"""Turning records into what the screen shows. Participant text is always literal ``Content``, never markup."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from textual.content import Content, Span

from facilitator.core.i18n import sector_label, t
from facilitator.core.vocab import SECTORS
from facilitator.core.model import Participant


def literal(text: str, style: str = "") -> Content:
    """``text`` exactly as typed: ``[/]``, ``[@click=…]`` and ``<script>`` stay characters."""
    return Content.styled(text, style) if style else Content(text)


def joined(separator: str, parts: Iterable[Content]) -> Content:
    """``Content(separator).join(parts)``, at the cost of the text: Textual's join copies every character into
    a list and scans the result for control codes again, which a live board, joining its long lines with
    every claim, paid several milliseconds for. The parts are ``Content`` already (their text clean), and so
    must ``separator`` be."""
    texts: list[str] = []
    spans: list[Span] = []
    offset = 0
    for index, part in enumerate(parts):
        if index and separator:
            texts.append(separator)
            offset += len(separator)
        text = part.plain
        texts.append(text)
        spans.extend(Span(offset + span.start, offset + span.end, span.style) for span in part.spans if span.style)
        offset += len(text)
    return Content("".join(texts), spans, strip_control_codes=False)


def sector_counts(people: Iterable[Participant], lang: str) -> Content:
    """Lines "sector  n" for every sector with somebody in it, largest first, with a total."""
    counts = Counter(p.sector for p in people)
    total = sum(counts.values())
    order = [key for key in SECTORS if counts[key]] + ([""] if counts[""] else [])
    order.sort(key=lambda key: -counts[key])
    lines: list[str | tuple[str, str]] = [(f"{t('joined', lang)}: {total}\n", "bold")]
    for key in order:
        lines.append(f"{counts[key]:>4}  {sector_label(key, lang)}\n")
    return Content.assemble(*lines)
