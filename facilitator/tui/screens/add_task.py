"""Ask the facilitator for the name of a task to add to the role split."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Input, Static

from facilitator.core.i18n import t
from facilitator.core.text import MAX_NAME_CHARS
from facilitator.tui.localized import LocalizedModal


class AddTaskScreen(LocalizedModal[str | None]):
    """Dismisses with the typed task name (stripped), or ``None`` when cancelled or left empty."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        """A title, the name box and two buttons."""
        with Vertical(classes="dialog"):
            yield Static(t("add_task", self.lang), classes="question", markup=False)
            yield Input(placeholder=t("new_task", self.lang), max_length=MAX_NAME_CHARS, id="task-name")
            yield Button(t("add_task", self.lang), variant="primary", id="add")
            yield Button(t("cancel", self.lang), id="cancel")

    def on_mount(self) -> None:
        """Type straight away."""
        self.query_one("#task-name", Input).focus()

    @on(Input.Submitted, "#task-name")
    @on(Button.Pressed, "#add")
    def add(self, event: Input.Submitted | Button.Pressed) -> None:
        """Enter in the name box, or the add button, adds the task."""
        event.stop()
        self.dismiss(self.query_one("#task-name", Input).value.strip() or None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Escape (or the cancel button) closes without adding anything."""
        self.dismiss(None)
