"""Screens whose footer speaks the screen's language: a binding's description is a message key.

A screen declares ``Binding("n", "new", "new_session")``; what the footer (and the key panel and the ``?``
help) shows is :attr:`Screen.active_bindings`, so these screens answer that property with their own
descriptions, the app's and those of our widgets, in their language. Which key runs which action stays as
declared, except that each single-letter key also answers to its character on the Thai Kedmanee layout
(:mod:`facilitator.tui.keyboard`).

The language can change while the app runs (``l``): :meth:`LocalizedScreen.change_language` composes the
screen again in the new language; a screen that was not showing catches up when it is shown again.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.timer import Timer, TimerCallback
from textual.widget import Widget

from facilitator.core.i18n import MESSAGES, t
from facilitator.tui.keyboard import with_kedmanee
from facilitator.tui.widgets.fitting_footer import FittingFooter

ResultT = TypeVar("ResultT")

#: The app's actions its footers show before the screen's own keys.
FOOTER_FIRST = ("help", "switch_language")


def ours(node: DOMNode, namespace: DOMNode) -> bool:
    """Whether ``node``'s binding descriptions are message keys: the screen ``namespace`` itself, the app, or a
    widget of this package (Textual's own widgets describe their keys in English words)."""
    return node is namespace or node is namespace.app or type(node).__module__.startswith("facilitator.")


def in_language(bindings: dict[str, ActiveBinding], namespace: DOMNode, lang: str) -> dict[str, ActiveBinding]:
    """``bindings`` with the description of each binding of ``namespace``, of the app and of our widgets that is
    a message key replaced by its text in ``lang``, and so its group's (what the footer shows for related keys
    together); Textual's widgets' bindings, and descriptions that are not keys, are kept."""
    return {
        key: active._replace(binding=translated(active.binding, lang)) if described(active, namespace) else active
        for key, active in bindings.items()
    }


def translated(binding: Binding, lang: str) -> Binding:
    """``binding`` with its description, and its group's when that is a message key, in ``lang``."""
    group = binding.group
    if group is not None and group.description in MESSAGES:
        group = replace(group, description=t(group.description, lang))
    return replace(binding, description=t(binding.description, lang), group=group)


def described(active: ActiveBinding, namespace: DOMNode) -> bool:
    """Whether ``active``'s description is a message key of ours, shown translated on screen ``namespace``."""
    return active.binding.description in MESSAGES and ours(active.node, namespace)


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
        self._composing = False
        #: The language of the screen's texts.
        self.lang = lang or app_lang(self)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The active bindings, this screen's descriptions in its language; the app's keys help and language
        switch first, so that a footer cut short by a narrow screen still shows them."""
        bindings = in_language(super().active_bindings, self, self.lang)
        first = {key: active for key, active in bindings.items()
                 if active.node is self.app and active.binding.action in FOOTER_FIRST}
        return first | bindings

    def set_interval(self, interval: float, callback: TimerCallback | None = None, **options: Any) -> Timer:
        """A repeating timer, as Textual's, whose callback is skipped while the screen is composed again (its
        widgets are gone for a moment; timers run apart from the screen's queue of messages)."""
        return super().set_interval(interval, self._unless_composing(callback), **options)

    def set_timer(self, delay: float, callback: TimerCallback | None = None, **options: Any) -> Timer:
        """A timer, as Textual's, whose callback is skipped while the screen is composed again."""
        return super().set_timer(delay, self._unless_composing(callback), **options)

    def _unless_composing(self, callback: TimerCallback | None) -> TimerCallback | None:
        if callback is None:
            return None

        def unless_composing() -> object:
            return None if self._composing else callback()

        return unless_composing

    async def change_language(self, lang: str) -> None:
        """Show the screen in ``lang``: compose it again (titles, texts, footer), the focus kept on the widget
        of the same id. A screen that shows data it loaded after composing extends this to load it again.

        Run it on the screen's own queue of messages (``screen.call_later``), so that messages to the screen
        wait while its widgets are replaced; its timers skip their turn meanwhile."""
        self.lang = lang
        focused = self.focused.id if self.focused is not None else None
        self._composing = True
        try:
            await self.recompose()
        finally:
            self._composing = False
        if focused is not None:
            found = self.query(f"#{focused}")
            if found and isinstance(widget := found.first(), Widget) and widget.focusable:
                widget.focus()
        self.refresh_bindings()

    async def on_screen_resume(self) -> None:
        """Shown again after the app's language changed (under another screen): catch up."""
        if self.lang != app_lang(self) and not isinstance(self, ModalScreen):
            await self.change_language(app_lang(self))


class LocalizedModal(ModalScreen[ResultT], LocalizedScreen[ResultT], Generic[ResultT]):
    """A modal (a dialog) whose footer descriptions are message keys, shown in the app's language.

    A dialog draws what it asks in :meth:`compose_dialog`; under it, a footer of its own shows the keys that
    work while it is open — its own (Escape, Enter, …), not those of the screen below, which wait until it
    closes (the app's keys do not reach past a dialog either).

    ``ModalScreen`` comes first: Textual takes a screen's CSS type from its first base.
    """

    switches_language: ClassVar[bool] = False
    """Whether ``l`` switches the language while this dialog is open: the dialog and the screen under it are
    composed again in the other language. Dialogs whose texts come translated already, or where a letter is
    typed, leave it off."""

    def compose(self) -> ComposeResult:
        """The dialog, then its footer (over the footer of the screen below)."""
        yield from self.compose_dialog()
        yield FittingFooter((), show_command_palette=False)

    def compose_dialog(self) -> ComposeResult:
        """What the dialog shows, above its footer."""
        yield from ()


def language_switches_on(screen: Screen[Any]) -> bool:
    """Whether ``l`` switches the language while ``screen`` is showing: on any screen, and in a dialog only if
    it switches with the screen under it (:attr:`LocalizedModal.switches_language`)."""
    return not isinstance(screen, ModalScreen) or (isinstance(screen, LocalizedModal) and screen.switches_language)
