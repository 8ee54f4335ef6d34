"""The countdown keys of the session screen: **t** sets the open step's countdown (minutes, and whether answers
stop at zero), **p** pauses and resumes it, **+** adds a minute; and its drawing, once a second, in the side
panel. The countdown itself is the live session's (:class:`facilitator.core.step_timer.StepTimer`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial

from textual import work
from textual.binding import Binding

from facilitator.core.i18n import t
from facilitator.core.live import LiveSession, Rejected, StorageError
from facilitator.core.model import Status
from facilitator.tui.localized import LocalizedScreen
from facilitator.tui.widgets.countdown import Countdown
from facilitator.tui.widgets.qr_code import QRCode


#: The countdown's keys, shown in the footer as one entry ("t p + Timer") while a countdown runs.
TIMER_KEYS = Binding.Group("timer_keys")

#: The countdown's bindings, for the session screen to place among its own (where they stand in its list is
#: where the footer shows them).
COUNTDOWN_BINDINGS = [
    Binding("t", "set_timer", "set_timer", group=TIMER_KEYS),
    Binding("p", "toggle_timer", "pause_timer", group=TIMER_KEYS),
    Binding("plus", "add_minute", "add_minute", group=TIMER_KEYS),
    Binding("๙", "add_minute", "add_minute", show=False, system=True),   # "+" with the keyboard in Thai mode
]


class CountdownKeys(LocalizedScreen[None]):
    """What the session screen does with the open step's countdown. It has the ``live`` session, and a side
    panel ``#side`` holding the :meth:`countdown` above the small QR code ``#small-qr``."""

    live: LiveSession

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Setting a countdown is offered while a step of the running session is open; pausing it or adding a
        minute once it has one."""
        running = self.live.session.status is Status.RUNNING
        if action == "set_timer":
            return running and self.live.session.step is not None
        if action in ("toggle_timer", "add_minute"):
            return running and self.live.timer is not None
        return super().check_action(action, parameters)

    def countdown(self) -> Countdown:
        """The widget that draws the countdown (hidden while the step has none)."""
        return Countdown(self.lang, id="countdown")

    def _update_countdown(self) -> None:
        """Draw the open step's countdown as it is now (once a second, and when the facilitator changes it). On a
        screen too low for both, the countdown takes the side panel's small QR code's place (``j`` shows the
        join view)."""
        countdown = self.query_one(Countdown)
        countdown.show(self.live.timer)
        qr = self.query_one("#small-qr", QRCode)
        room = self.query_one("#side").content_size.height - (countdown.outer_size.height or Countdown.ROWS)
        qr.display = not countdown.has_class("-shown") or qr.natural_size().height <= room

    def action_set_timer(self) -> None:
        """Ask for the minutes of the open step's countdown (and whether answers stop at zero), then start it."""
        from facilitator.tui.screens.set_timer import SetTimerScreen, TimerRequest

        def chosen(asked: TimerRequest | None) -> None:
            if asked is not None:
                self._change_timer(partial(self.live.set_timer, asked.minutes, stop_at_zero=asked.stop_at_zero))

        self.app.push_screen(SetTimerScreen(self.lang), chosen)

    def action_toggle_timer(self) -> None:
        """Pause the countdown, or resume it."""
        self._change_timer(self.live.toggle_timer)

    def action_add_minute(self) -> None:
        """Give the countdown a minute more (answers stopped at zero are taken again)."""
        self._change_timer(self.live.add_minute)

    @work(group="timer")
    async def _change_timer(self, change: Callable[[], Awaitable[object]]) -> None:
        try:
            await change()
        except Rejected as err:
            self.notify(t(err.reason, self.lang), severity="warning", markup=False)
        except StorageError as err:
            self.notify(str(err), title=t("storage_warning", self.lang), severity="error", markup=False)

