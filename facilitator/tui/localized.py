"""Screens whose footer speaks the screen's language: a binding's description is a message key.

A screen declares ``Binding("n", "new", "new_session")``; what the footer (and the key panel) shows is
:attr:`Screen.active_bindings`, so these screens answer that property with each of their own descriptions in
their language. Which key runs which action stays as declared, except that each single-letter key also
answers to its character on the Thai Kedmanee layout (:mod:`facilitator.tui.keyboard`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Generic, TypeVar

from textual.binding import ActiveBinding
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from facilitator.core.i18n import MESSAGES, t
from facilitator.tui.keyboard import with_kedmanee

ResultT = TypeVar("ResultT")


def in_language(bindings: dict[str, ActiveBinding], namespace: DOMNode, lang: str) -> dict[str, ActiveBinding]:
    """``bindings`` with the description of each of ``namespace``'s own bindings that is a message key replaced
    by its text in ``lang`` (bindings of other nodes, and descriptions that are not keys, are kept)."""
    return {
        key: active._replace(binding=replace(active.binding, description=t(active.binding.description, lang)))
        if active.node is namespace and active.binding.description in MESSAGES else active
        for key, active in bindings.items()
    }


def app_lang(node: DOMNode) -> str:
    """The language of the app showing ``node`` (its ``lang`` attribute; Thai when it has none)."""
    return str(getattr(node.app, "lang", "th"))


class LocalizedScreen(Screen[ResultT], Generic[ResultT]):
    """A screen in language ``lang`` (``"th"`` or ``"en"``; the app's when not given) whose footer descriptions
    are message keys, and whose letter keys also answer with the keyboard in Thai mode."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Give the subclass's own letter bindings their Kedmanee twins before Textual merges its bindings."""
        if "BINDINGS" in cls.__dict__:
            cls.BINDINGS = with_kedmanee(cls.__dict__["BINDINGS"])
        super().__init_subclass__(**kwargs)

    def __init__(
        self, lang: str | None = None, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        #: The language of the screen's texts.
        self.lang = lang or app_lang(self)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The active bindings, this screen's descriptions in its language."""
        return in_language(super().active_bindings, self, self.lang)


class LocalizedModal(ModalScreen[ResultT], LocalizedScreen[ResultT], Generic[ResultT]):
    """A modal whose footer descriptions are message keys, shown in the app's language.

    ``ModalScreen`` comes first: Textual takes a screen's CSS type from its first base.
    """
