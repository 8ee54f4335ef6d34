"""Screens whose footer speaks the app's language: a binding's description is a message key."""

from __future__ import annotations

from dataclasses import replace
from typing import Generic, TypeVar

from textual.screen import ModalScreen, Screen

from facilitator.core.i18n import MESSAGES, t

ResultT = TypeVar("ResultT")


def localize_bindings(screen: Screen[object], lang: str) -> None:
    """Replace each binding description that is a message key by its text in ``lang``."""
    table = screen._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(b, description=t(b.description, lang)) if b.description in MESSAGES else b for b in bindings
        ]


def app_lang(screen: Screen[object]) -> str:
    """The language of the app showing ``screen`` (its ``lang`` attribute; Thai when it has none)."""
    return str(getattr(screen.app, "lang", "th"))


class LocalizedScreen(Screen[ResultT], Generic[ResultT]):
    """A screen in language ``lang`` (``"th"`` or ``"en"``): its footer descriptions are message keys."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        #: The language of the screen's texts.
        self.lang = lang
        localize_bindings(self, lang)


class LocalizedModal(ModalScreen[ResultT], Generic[ResultT]):
    """A modal whose footer descriptions are message keys, shown in the app's language."""

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self, app_lang(self))
