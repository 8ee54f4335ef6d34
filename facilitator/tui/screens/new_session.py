"""Starting a session: pick an activity, give it a title."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from activities import available, load
from facilitator.core.i18n import t

if TYPE_CHECKING:
    from facilitator.tui.app import FacilitatorApp


class NewSessionScreen(ModalScreen[tuple[str, str] | None]):
    """Dismisses with ``(activity_id, title)``, or ``None`` when cancelled."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        """An activity picker, a title box, start and cancel buttons."""
        lang = cast("FacilitatorApp", self.app).lang
        self._names = {activity_id: load(path).name(lang) for activity_id, path in available().items()}
        options = [(name, activity_id) for activity_id, name in self._names.items()]
        with Vertical(classes="dialog"):
            yield Label(t("activity", lang))
            yield Select(options, value=options[0][1] if options else Select.NULL, allow_blank=False,
                         id="activity")
            yield Label(t("title", lang))
            yield Input(id="title", max_length=120)
            yield Button(t("start", lang), variant="primary", id="ok")
            yield Button(t("cancel", lang), id="cancel")

    def on_mount(self) -> None:
        """Type the title first."""
        self.query_one("#title", Input).focus()

    def on_input_submitted(self) -> None:
        """Enter in the title box starts the session."""
        self._done()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """OK starts, Cancel closes."""
        if event.button.id == "ok":
            self._done()
        else:
            self.dismiss(None)

    def _done(self) -> None:
        activity = self.query_one("#activity", Select).value
        title = self.query_one("#title", Input).value.strip()
        if isinstance(activity, str):
            self.dismiss((activity, title or self._names[activity]))

    def action_cancel(self) -> None:
        """Escape closes without starting anything."""
        self.dismiss(None)
