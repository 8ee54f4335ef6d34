"""Columns of the command line's listings: Thai vowel and tone marks take no column of their own, so text is
padded by the cells a terminal draws, not by its characters."""

from __future__ import annotations

from rich.cells import cell_len


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` terminal cells (longer text is left whole)."""
    return text + " " * max(0, width - cell_len(text))
