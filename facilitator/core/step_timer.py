"""A countdown for one step: set so many minutes, pause and resume, add a minute, read what is left.

:class:`StepTimer` is pure: it reads time only from the ``clock`` it is given (monotonic seconds; a test hands
it a fake one), so the wall and the phones, which both ask the live session's timer, agree on what is left.
The last minute is a warning; at zero the timer has expired and, when it was set to, the step stops taking
answers (:attr:`StepTimer.closes_answers`) until the facilitator adds a minute.

A timer is kept with its session's record as :meth:`StepTimer.to_record`: what was left and when (wall-clock
seconds), so a session resumed after the laptop restarted counts on from where it would be.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

Clock = Callable[[], float]
#: The last so many seconds are the warning ("one minute left").
WARNING_SECONDS = 60
#: What the facilitator's "add a minute" adds.
MINUTE = 60
#: The longest countdown the facilitator may set, in minutes.
MAX_MINUTES = 180


class StepTimer:
    """A countdown of ``seconds`` started now (by ``clock``), or held from the start when ``paused``;
    ``stop_at_zero``: the step takes no answers once it has run out."""

    def __init__(self, seconds: float, *, stop_at_zero: bool = False, clock: Clock = time.monotonic,
                 paused: bool = False) -> None:
        if not (math.isfinite(seconds) and seconds >= 0):
            raise ValueError(f"a countdown of {seconds} seconds")
        self._clock = clock
        #: Whether the step stops taking answers at zero.
        self.stop_at_zero = stop_at_zero
        self._left = float(seconds)      # what was left at ``_since`` (or while paused)
        self._since: float | None = None if paused else clock()   # ``None`` while paused

    @property
    def paused(self) -> bool:
        """Whether the countdown is held."""
        return self._since is None

    def remaining(self) -> float:
        """Seconds left (never below zero)."""
        if self._since is None:
            return max(0.0, self._left)
        return max(0.0, self._left - (self._clock() - self._since))

    def shown_seconds(self) -> int:
        """Seconds left as a clock shows them: rounded up, so "00:00" means time is up."""
        return math.ceil(self.remaining() - 1e-9)

    @property
    def expired(self) -> bool:
        """Whether the countdown has reached zero."""
        return self.shown_seconds() == 0

    @property
    def warning(self) -> bool:
        """Whether it is the last minute (not yet zero)."""
        return 0 < self.shown_seconds() <= WARNING_SECONDS

    @property
    def closes_answers(self) -> bool:
        """Whether the step takes no answers now: time is up and the timer was set to stop them."""
        return self.stop_at_zero and self.expired

    def pause(self) -> None:
        """Hold the countdown where it is."""
        if self._since is not None:
            self._left = self.remaining()
            self._since = None

    def resume(self) -> None:
        """Count down again from where it was held."""
        if self._since is None:
            self._since = self._clock()

    def toggle(self) -> None:
        """Pause a running countdown, resume a paused one."""
        if self.paused:
            self.resume()
        else:
            self.pause()

    def add(self, seconds: float = MINUTE) -> None:
        """Give ``seconds`` more (a countdown at zero starts again from them)."""
        self._left = self.remaining() + seconds
        if self._since is not None:
            self._since = self._clock()

    # -- kept with the session -------------------------------------------------------------------------------
    def to_record(self, wall_now: float) -> dict[str, Any]:
        """Plain data for the session's record: what is left as of ``wall_now`` (epoch seconds)."""
        return {"remaining": round(self.remaining(), 3), "paused": self.paused,
                "stop_at_zero": self.stop_at_zero, "at": round(wall_now, 3)}

    @classmethod
    def from_record(cls, data: dict[str, Any], *, clock: Clock = time.monotonic,
                    wall_now: float | None = None) -> StepTimer:
        """The timer :meth:`to_record` wrote, counted on by the wall-clock time since (``wall_now``: now, epoch
        seconds); a paused one is where it was held. Raises :class:`ValueError` for a record it cannot read."""
        try:
            remaining, paused, stop, at = (float(data["remaining"]), data["paused"] is True,
                                           data["stop_at_zero"] is True, float(data["at"]))
        except (KeyError, TypeError, ValueError) as err:
            raise ValueError(f"not a timer record: {data!r}") from err
        if not paused:
            now = time.time() if wall_now is None else wall_now
            remaining -= max(0.0, now - at)
        return cls(max(0.0, remaining), stop_at_zero=stop, clock=clock, paused=paused)

    def to_json(self) -> dict[str, Any]:
        """What a phone is told: whole seconds left (its own clock may be wrong: it counts down from these),
        whether the countdown is paused, and whether answers stop at zero."""
        return {"remaining": self.shown_seconds(), "paused": self.paused, "stops": self.stop_at_zero}


def parse_minutes(raw: str) -> int | None:
    """The whole number of minutes the facilitator typed (1 to :data:`MAX_MINUTES`), or ``None``."""
    text = raw.strip()
    if not text.isascii() or not text.isdigit():
        return None
    minutes = int(text)
    return minutes if 1 <= minutes <= MAX_MINUTES else None


def clock_face(seconds: int) -> str:
    """``seconds`` as mm:ss (minutes beyond 99 stay whole: "120:00")."""
    seconds = max(0, seconds)
    return f"{seconds // 60:02d}:{seconds % 60:02d}"
