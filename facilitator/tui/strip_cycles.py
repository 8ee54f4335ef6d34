"""Drawn lines freed as soon as they are dropped, not by the garbage collector's full passes.

Textual (8.2) keeps, in each drawn line (a ``Strip``), a small cache of what cropping or dividing it gave; when
the crop is the whole line (``crop_extend(0, its width)``) or the cut is at its end (``divide([its width])``),
the answer is the line itself, and the line then holds itself in its own cache: a reference cycle. The
compositor does both for nearly every line of every frame, so each line drawn becomes garbage that only a full
collection can free — and the app moves objects out of the collector's passes (:mod:`facilitator.tui.heap`), so
they waited for the once-a-minute sweep, which then had to walk and free tens of thousands of them while the
phones' requests waited (measured in the 30-minute soak of ``make bench``, section 7e: a 140–280 ms pause each
minute).

:func:`install` makes those two calls return the line itself without caching it, as they would on a cache
hit: the same lines are drawn, and a dropped line is freed by its reference count at once. Every other call
goes to Textual's own method, cache and all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rich.style import Style
from textual.strip import Strip

_ORIGINAL: dict[str, Callable[..., Any]] = {}


def _crop_extend(self: Strip, start: int, end: int, style: Style | None) -> Strip:
    """``Strip.crop_extend``: the whole line is the line itself, not cached in itself."""
    if start == 0 and end == self.cell_length:
        return self
    return _ORIGINAL["crop_extend"](self, start, end, style)


def _divide(self: Strip, cuts: Iterable[int]) -> Sequence[Strip]:
    """``Strip.divide``: one cut at the line's end is the line itself, not cached in itself."""
    cuts = [cut for cut in cuts if cut <= self.cell_length]
    if cuts == [self.cell_length]:
        return [self]
    return _ORIGINAL["divide"](self, cuts)


def install() -> None:
    """Replace the two methods (once; calling again changes nothing)."""
    if _ORIGINAL:
        return
    for name, method in (("crop_extend", _crop_extend), ("divide", _divide)):
        _ORIGINAL[name] = getattr(Strip, name)
        setattr(Strip, name, method)
