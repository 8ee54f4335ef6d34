"""The open step's countdown on the wall: big mm:ss figures readable from the back row, and a line that says
when it is paused, when the last minute has come, and when time is up (in words, not colour alone)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from facilitator.core.i18n import t
from facilitator.core.step_timer import StepTimer, clock_face


class Countdown(Vertical):
    """Shows a :class:`StepTimer` as it is when :meth:`show` is called (the screen calls it once a second);
    hidden without one. Its classes say its state: ``-paused``, ``-warning``, ``-over``."""

    DEFAULT_CSS = """
    Countdown {
        height: auto;
        padding: 0 1;
        margin-bottom: 1;
        border: round $success;
        display: none;
    }
    Countdown.-shown { display: block; }
    Countdown > Digits { width: 1fr; text-align: center; color: $success; text-style: bold; }
    Countdown > #countdown-note { width: 1fr; text-align: center; color: $text-muted; text-style: bold; }
    Countdown.-paused { border: round $secondary; }
    Countdown.-paused > Digits { color: $text-muted; }
    Countdown.-warning { border: heavy $warning; }
    Countdown.-warning > Digits, Countdown.-warning > #countdown-note { color: $warning; }
    Countdown.-over { border: heavy $error; background: $error 15%; }
    Countdown.-over > Digits, Countdown.-over > #countdown-note { color: $error; }
    """

    #: The rows it takes: the figures, the line under them, the border and the margin.
    ROWS = 7

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The language of the line under the figures.
        self.lang = lang

    def compose(self) -> ComposeResult:
        """The figures and the line under them."""
        yield Digits("00:00", id="countdown-clock")
        yield Static("", id="countdown-note", markup=False)

    def show(self, timer: StepTimer | None) -> None:
        """Draw ``timer`` as it is now (``None``: hide)."""
        self.set_class(timer is not None, "-shown")
        if timer is None:
            return
        seconds = timer.shown_seconds()
        face = clock_face(seconds)
        clock = self.query_one(Digits)
        if clock.value != face:
            clock.update(face)
        over, warning, paused = timer.expired, timer.warning, timer.paused and not timer.expired
        self.set_class(over, "-over")
        self.set_class(warning and not paused, "-warning")
        self.set_class(paused, "-paused")
        if over:
            note = t("timer_over_closed" if timer.stop_at_zero else "timer_over", self.lang)
        elif paused:
            note = t("timer_paused", self.lang)
        elif warning:
            note = t("timer_last_minute", self.lang)
        else:
            note = t("timer_running", self.lang)
        self.query_one("#countdown-note", Static).update(note)
