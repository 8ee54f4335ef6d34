"""Ask the facilitator how many minutes the open step gets, and whether answers stop at zero."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Checkbox, Input, Static

from facilitator.core.i18n import t
from facilitator.core.step_timer import parse_minutes
from facilitator.tui.localized import LocalizedModal


@dataclass(frozen=True, slots=True)
class TimerRequest:
    """A countdown to start: ``minutes`` long; ``stop_at_zero``: the step takes no answers once it runs out."""

    minutes: int
    stop_at_zero: bool


class SetTimerScreen(LocalizedModal[TimerRequest | None]):
    """Dismisses with a :class:`TimerRequest` (Enter anywhere but on the cancel button; space ticks the box), or
    ``None`` on Escape. Minutes that are not a whole number from 1 to 180 get a message in the dialog, which
    stays open."""

    CSS_PATH = "modal.tcss"
    DEFAULT_CSS = """
    #timer-error { color: $error; text-style: bold; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "cancel"),
        Binding("enter", "enter", "timer_start", priority=True),
    ]

    def __init__(self, lang: str, minutes: int = 5) -> None:
        super().__init__()
        self.lang = lang
        self._minutes = minutes

    def compose_dialog(self) -> ComposeResult:
        """A title, the minutes, the "stop at zero" box, the message line and two buttons."""
        with Vertical(classes="dialog"):
            yield Static(t("timer_title", self.lang), classes="question", markup=False)
            yield Static(t("timer_minutes", self.lang), markup=False)
            yield Input(str(self._minutes), max_length=6, id="timer-minutes")
            yield Checkbox(t("timer_stop", self.lang), id="timer-stop")
            yield Static("", id="timer-error", markup=False)
            yield Button(t("timer_start", self.lang), variant="primary", id="start")
            yield Button(t("cancel", self.lang), id="cancel")

    def on_mount(self) -> None:
        """Type the minutes straight away."""
        self.query_one("#timer-minutes", Input).focus()

    def action_enter(self) -> None:
        """Enter starts the countdown, wherever the focus is (the box too), except on the cancel button."""
        focused = self.focused
        if focused is not None and focused.id == "cancel":
            self.dismiss(None)
        else:
            self.start()

    @on(Button.Pressed, "#start")
    def start(self) -> None:
        """Start the countdown, or say what is wrong with the minutes."""
        minutes = parse_minutes(self.query_one("#timer-minutes", Input).value)
        if minutes is None:
            error = self.query_one("#timer-error", Static)
            error.update(t("timer_bad_minutes", self.lang))
            self.query_one("#timer-minutes", Input).focus()
            return
        self.dismiss(TimerRequest(minutes, self.query_one("#timer-stop", Checkbox).value))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Escape (or the cancel button) starts nothing."""
        self.dismiss(None)
