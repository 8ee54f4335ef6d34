"""A yes/no question before something that cannot be undone."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Static

from facilitator.tui.localized import LocalizedModal


class ConfirmScreen(LocalizedModal[bool]):
    """Dismisses with True for yes (``y`` or the yes button), False otherwise.

    Enter answers the focused button: "no", unless ``default_yes`` (a question whose usual answer is yes, such
    as resuming the session a crash interrupted).
    """

    CSS_PATH = "modal.tcss"
    BINDINGS = [Binding("y", "answer(True)", "yes"), Binding("escape,n", "answer(False)", "no")]

    def __init__(self, question: str, yes: str, no: str, *, default_yes: bool = False) -> None:
        super().__init__()
        self._question, self._yes, self._no = question, yes, no
        self._default_yes = default_yes

    def compose_dialog(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical(classes="dialog"):
            yield Static(self._question, classes="question", markup=False)
            yield Button(self._yes, variant="primary" if self._default_yes else "error", id="yes")
            yield Button(self._no, id="no")

    def on_mount(self) -> None:
        """Focus "no" (a stray Enter must not close a session), or "yes" when it is the default."""
        self.query_one("#yes" if self._default_yes else "#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def yes(self) -> None:
        """The yes button."""
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def no(self) -> None:
        """The no button."""
        self.dismiss(False)

    def action_answer(self, yes: bool) -> None:
        """Answer from the keyboard."""
        self.dismiss(yes)
