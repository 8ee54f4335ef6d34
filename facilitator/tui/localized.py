"""Screens whose footer speaks the app's language: a binding's description is a message key.

A screen declares ``Binding("n", "new", "new_session")``; what the footer (and the key panel) shows is
:attr:`Screen.active_bindings`, so these screens answer that property with each of their own descriptions in
the app's language. The bindings themselves, and which key runs which action, stay as declared.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Generic, TypeVar

from textual.binding import ActiveBinding
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from facilitator.core.i18n import MESSAGES, t

ResultT = TypeVar("ResultT")


def in_language(bindings: dict[str, ActiveBinding], namespace: DOMNode, lang: str) -> dict[str, ActiveBinding]:
    """``bindings`` with the description of each of ``namespace``'s own bindings that is a message key replaced
    by its text in ``lang`` (bindings of other nodes, and descriptions that are not keys, are kept)."""
    return {
        key: active._replace(binding=replace(active.binding, description=t(active.binding.description, lang)))
        if active.node is namespace and active.binding.description in MESSAGES else active
        for key, active in bindings.items()
    }


class LocalizedScreen(Screen[ResultT], Generic[ResultT]):
    """A screen whose footer descriptions are message keys, shown in the app's language."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The active bindings, this screen's descriptions in the app's language."""
        return in_language(super().active_bindings, self, str(getattr(self.app, "lang", "th")))


class LocalizedModal(ModalScreen[ResultT], LocalizedScreen[ResultT], Generic[ResultT]):
    """A modal whose footer descriptions are message keys, shown in the app's language.

    ``ModalScreen`` comes first: Textual takes a screen's CSS type from its first base.
    """
