"""A drop-down list whose options read as typed.

Textual's ``Select`` reads an option given as a string as content markup: an organisation a phone typed as
``[/]อบต.`` or a session titled ``[b]BAR`` raises ``MarkupError`` when the list opens (the dialog fails) or is
drawn as styles. :class:`PlainSelect` gives every string option to ``Select`` as literal ``Content``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from rich.console import RenderableType
from textual.widgets import Select

from facilitator.tui.render import literal

T = TypeVar("T")


def _literal(options: Iterable[tuple[RenderableType, T]]) -> list[tuple[RenderableType, T]]:
    return [(literal(prompt) if isinstance(prompt, str) else prompt, value) for prompt, value in options]


class PlainSelect(Select[T]):
    """``Select`` with its options' words drawn exactly as given (never as markup)."""

    def __init__(self, options: Iterable[tuple[RenderableType, T]], **kwargs: Any) -> None:
        super().__init__(_literal(options), **kwargs)

    def set_options(self, options: Iterable[tuple[RenderableType, T]]) -> None:
        """Replace the options (see ``Select.set_options``), their words as typed."""
        super().set_options(_literal(options))
