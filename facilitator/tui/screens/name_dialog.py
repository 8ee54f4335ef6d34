"""Ask the facilitator for a short name (a theme's, a task's): one box, a button, Escape to cancel."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Input, Static

from facilitator.core.i18n import t
from facilitator.core.text import MAX_NAME_CHARS
from facilitator.tui.localized import LocalizedModal
from facilitator.tui.render import literal


class NameDialog(LocalizedModal[str | None]):
    """Titled ``title`` with the box holding ``initial``; dismisses with the typed name (stripped), or ``None``
    when cancelled or left empty. ``button`` and ``placeholder`` are message keys: the confirming button's
    words and what the empty box says."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def __init__(self, lang: str, title: str, button: str, initial: str = "", placeholder: str = "themes_name") -> None:
        super().__init__(lang)
        self.title_text = title
        self.button = button
        self.initial = initial
        self.placeholder = placeholder

    def compose_dialog(self) -> ComposeResult:
        """A title, the name box and two buttons."""
        with Vertical(classes="dialog"):
            yield Static(literal(self.title_text), classes="question")
            yield Input(self.initial, placeholder=t(self.placeholder, self.lang), max_length=MAX_NAME_CHARS, id="name")
            yield Button(t(self.button, self.lang), variant="primary", id="ok")
            yield Button(t("cancel", self.lang), id="cancel")

    def on_mount(self) -> None:
        """Type straight away."""
        self.query_one("#name", Input).focus()

    @on(Input.Submitted, "#name")
    @on(Button.Pressed, "#ok")
    def confirm(self, event: Input.Submitted | Button.Pressed) -> None:
        """Enter in the box, or the button, gives the name."""
        event.stop()
        self.dismiss(self.query_one("#name", Input).value.strip() or None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Escape (or the cancel button) gives nothing."""
        self.dismiss(None)
