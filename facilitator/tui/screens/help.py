"""``?``: every key of the screen below and what it does, in the screen's language; Escape (or ``?``) closes,
``l`` shows the list and the screen under it in the other language. Its footer, as every dialog's, says so."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from textual.actions import parse
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from facilitator.core.i18n import MESSAGES, t
from facilitator.tui.localized import LocalizedModal, ours
from facilitator.tui.render import literal
from facilitator.tui.widgets.columns import table


def key_rows(screen: Screen[object], lang: str, display: Callable[[Binding], str]) -> list[tuple[str, str]]:
    """(keys, description in ``lang``) for each action of ``screen``, of the app and of our widgets that the
    screen offers now, the keys of one action joined ("→ / space"; "↑ / ↓" for one action whose keys differ
    only in its parameters). Hidden twins (the Thai-mode letters) and
    Textual's own keys (scrolling, focus), which have no description of ours, are left out. ``display`` writes
    a binding's key as the footer does.

    The bindings are read along the screen's chain of nodes (focused widget, its parents, the screen, the app)
    rather than from its active bindings, which keep one binding per key: a scrolling widget's ``left`` would
    hide the screen's "previous", though the key reaches it whenever there is nothing to scroll."""
    rows: dict[tuple[int, str, str], tuple[list[str], str]] = {}
    for node, bindings in screen._modal_binding_chain:
        for _key, binding in bindings:
            if binding.system or binding.description not in MESSAGES or not ours(node, screen):
                continue
            _, action, parameters = parse(binding.action)
            if not node.check_action(action, parameters):
                continue
            keys, _ = rows.setdefault((id(node), action, binding.description), ([], t(binding.description, lang)))
            if (shown := display(binding)) not in keys:
                keys.append(shown)
    return [(" / ".join(keys), description) for keys, description in rows.values()]


class HelpScreen(LocalizedModal[None]):
    """The keys of a screen: for each language, its (keys, description) rows in that language, listed in the
    app's. Under the list, the dialog's footer shows the keys that work while it is open: ``l`` and Escape."""

    CSS_PATH = "modal.tcss"
    # A dialog's keys are its own (the app's do not reach past it): ``l`` is the app's, as on every screen.
    BINDINGS = [Binding("l", "app.switch_language", "switch_language"),
                Binding("escape,question_mark", "close", "back")]
    switches_language = True

    def __init__(self, rows: Mapping[str, Sequence[tuple[str, str]]]) -> None:
        super().__init__()
        self._rows = {lang: list(found) for lang, found in rows.items()}

    def compose_dialog(self) -> ComposeResult:
        """A title, the table of keys, how to close."""
        lang = self.lang
        body = table([literal(t("key", lang)), literal(t("what_it_does", lang))],
                     [[literal(keys, "bold $accent"), literal(what)] for keys, what in self._rows[lang]],
                     max_width=60)
        with VerticalScroll(classes="dialog", id="help"):
            yield Static(t("help_title", lang), classes="question", markup=False)
            yield Static(body, id="help-keys")
            yield Static(Content(t("help_hint", lang)), classes="muted")

    def action_close(self) -> None:
        """Back to the screen."""
        self.dismiss(None)
