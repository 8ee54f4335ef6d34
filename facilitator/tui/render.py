"""Turning records into what the screen shows. Participant text is always literal ``Content``, never markup."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from textual.content import Content

from facilitator.core.i18n import sector_label, t
from facilitator.core.vocab import SECTORS
from facilitator.core.model import Participant


def literal(text: str, style: str = "") -> Content:
    """``text`` exactly as typed: ``[/]``, ``[@click=…]`` and ``<script>`` stay characters."""
    return Content.styled(text, style) if style else Content(text)


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
