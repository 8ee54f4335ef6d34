"""Pages drawn once and kept as frames: what many requests draw alike, with holes for what each fills in.

A phone without its script fetches the step page after every answer it sends, and a hundred phones draw the
same step, in the same language, with the same countdown. The template is drawn once for what such pages share
(the step, its form, the session's state) with unguessable marks where each request's own values go (its form
token, its new client id, its list of answers); the drawn text is kept, cut at the marks, under a key naming
everything the page was drawn from. A request with the same key joins the kept pieces around its own values.

Drawing and filling are one path: a new frame is drawn, cut and filled exactly as a kept one is, so a page
from a kept frame is the page the template draws. Values that cannot be part of a key (anything but strings,
numbers, booleans, ``None`` and lists, tuples and dicts of them) draw a frame that is used once and not kept.
"""

from __future__ import annotations

import re
import secrets
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

#: Frames kept per server: the newest used. A step's page has one per language, view of "my answers" and
#: second of its countdown; each answer a phone's page lists has one (a hundred phones listing their latest
#: five keep 500). A frame is one to a few kilobytes: at most a few megabytes in all.
KEPT = 2048

_PLAIN = (str, int, float, bool, type(None))


class NotAKey(TypeError):
    """A value a frame's key cannot hold (it may change without its key changing)."""


def frozen(value: Any) -> Hashable:
    """``value`` as part of a key: plain values as they are, lists and tuples as tuples, dicts as sorted pairs.
    Raises :class:`NotAKey` for anything else."""
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, (list, tuple)):
        return tuple(frozen(item) for item in value)
    if isinstance(value, Mapping):
        return tuple(sorted((str(key), frozen(item)) for key, item in value.items()))
    raise NotAKey(type(value).__name__)


@dataclass(frozen=True, slots=True)
class Frame:
    """A drawn page cut at its holes: text pieces, and between them the names of the values that go there."""

    pieces: tuple[str, ...]
    holes: tuple[str, ...]
    #: The holes' names, each once (a value filling several holes is escaped once).
    names: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", frozenset(self.holes))

    def fill(self, values: Mapping[str, str]) -> str:
        """The page with ``values`` in its holes: escaped as the template escapes them (drawn HTML passes as
        :class:`~markupsafe.Markup`), each value once however many holes it fills."""
        escaped = {name: escape(values[name]) for name in self.names}
        out = [self.pieces[0]]
        for hole, piece in zip(self.holes, self.pieces[1:]):
            out += (escaped[hole], piece)
        return "".join(out)


class Frames:
    """The frames kept by one server (the newest :data:`KEPT`), and the marks its holes are drawn with."""

    def __init__(self, kept: int = KEPT) -> None:
        self._kept: OrderedDict[Hashable, Frame] = OrderedDict()
        self._limit = kept
        self._nonce = secrets.token_hex(8)   # no phone can type a mark that is cut as a hole

    def mark(self, hole: str) -> Markup:
        """What the template draws where ``hole``'s value goes (safe: escaping leaves it as it is)."""
        return Markup(f"\x00{self._nonce}:{hole}\x00")

    def page(self, key: Hashable | None, holes: Mapping[str, str], draw: Callable[[Mapping[str, Markup]], str]) -> str:
        """The page for ``key`` with ``holes`` filled. ``draw(marks)`` draws it with each hole's mark in place
        of its value; it is called when no frame is kept for ``key`` (``None``: a page that is not kept)."""
        frame = self._kept.get(key) if key is not None else None
        if frame is None:
            frame = self._cut(draw({hole: self.mark(hole) for hole in holes}))
            if key is not None:
                self._kept[key] = frame
                if len(self._kept) > self._limit:
                    self._kept.popitem(last=False)
        else:
            self._kept.move_to_end(key)
        return frame.fill(holes)

    def _cut(self, text: str) -> Frame:
        parts = re.split(f"\x00{self._nonce}:([a-z_]+)\x00", text)
        pieces = tuple(parts[0::2])
        if any(self._nonce in piece.lower() for piece in pieces):   # a filter changed a mark: a wrong page
            raise ValueError("a hole's mark was drawn through a filter; draw its value as it is")
        return Frame(pieces, tuple(parts[1::2]))

    def __len__(self) -> int:
        return len(self._kept)
