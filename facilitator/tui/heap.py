"""Keeping the collector's full passes short while phones wait.

The loaded program and Textual are tens of thousands of objects that live as long as the app; so, once they
have joined, are the phones' connections, and the session's answers (the Thai word segmenter's dictionary is
kept where the collector does not look: :mod:`facilitator.core.prefix_dictionary`).
Python's full garbage collection walks every one of them: measured with 500 phones answering (``make bench``,
row 7b), a full pass every ~6 s held the event loop for 230–290 ms, and every answer that arrived meanwhile
waited — the whole tail of the submit latencies.

So objects alive for a while are moved out of the collector's sight (:func:`tidy`, every few seconds): the
passes in between walk only what came after. Such an object is still freed as soon as nothing refers to it;
only a reference cycle among them is no longer looked for. :func:`sweep` gives them back to the collector for
one full pass, which walks everything the app keeps (~100 ms with a few thousand answers); :class:`Sweeps`
decides when: as often as the sweeps find cycles to free. Textual's drawn lines used to be such cycles, one per
line drawn, and needed a sweep every minute; they are freed when dropped now
(:mod:`facilitator.tui.strip_cycles`), and a room answering leaves next to none, so the sweeps space out to one
every ten minutes — what a closed dialog leaves behind waits for it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

#: Seconds between two :func:`tidy` calls: what lived that long is moved out of the full passes.
TIDY_EVERY = 5.0
#: Seconds between two looks at whether a sweep is due: also the shortest wait between two sweeps.
SWEEP_EVERY = 60.0
#: The longest wait between two sweeps (seconds): how long a dropped cycle may wait to be freed.
SWEEP_AT_LEAST_EVERY = 600.0
#: A sweep that freed fewer objects than this was hardly worth its pause: the next one waits twice as long.
WORTH_A_SWEEP = 1_000


def tidy() -> None:
    """Collect the young generations (a few milliseconds), then move what survived out of later full passes.
    (Never a full collection here: that is the very pause this avoids.)"""
    gc.collect(1)
    gc.freeze()


def sweep() -> int:
    """One full collection over everything, the objects moved out included (cycles dropped since are freed),
    then everything alive is moved out again. Returns how many objects it found dropped."""
    gc.unfreeze()
    found = gc.collect()
    gc.freeze()
    return found


class Sweeps:
    """When to :func:`sweep`: called every :data:`SWEEP_EVERY` seconds, it sweeps once its wait is over. A sweep
    that found little doubles the wait (up to :data:`SWEEP_AT_LEAST_EVERY`), one that found much halves it
    (down to :data:`SWEEP_EVERY`)."""

    def __init__(self, collect: Callable[[], int] = sweep) -> None:
        self._collect = collect
        #: Calls from one sweep to the next (each :data:`SWEEP_EVERY` seconds apart).
        self.wait = 1
        self._calls = 0

    def __call__(self) -> int | None:
        """Sweep if it is time; returns what the sweep found, or ``None`` when it was not time."""
        self._calls += 1
        if self._calls < self.wait:
            return None
        self._calls = 0
        found = self._collect()
        longest = round(SWEEP_AT_LEAST_EVERY / SWEEP_EVERY)
        self.wait = min(longest, self.wait * 2) if found < WORTH_A_SWEEP else max(1, self.wait // 2)
        return found


def release() -> None:
    """Give every object moved out back to the collector (the app is ending; its process may go on)."""
    gc.unfreeze()
