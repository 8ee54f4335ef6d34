"""Keeping the collector's full passes short while phones wait.

The loaded program and Textual are tens of thousands of objects that live as long as the app; so, once they
have joined, are the phones' connections, and the session's answers (the Thai word segmenter's dictionary is
kept where the collector does not look: :mod:`facilitator.core.prefix_dictionary`).
Python's full garbage collection walks every one of them: measured with 500 phones answering (``make bench``,
row 7b), a full pass every ~6 s held the event loop for 230–290 ms, and every answer that arrived meanwhile
waited — the whole tail of the submit latencies.

So objects alive for a while are moved out of the collector's sight (:func:`tidy`, every few seconds): the
passes in between walk only what came after. Such an object is still freed as soon as nothing refers to it;
only a reference cycle among them is no longer looked for — and Textual's drawn lines are such cycles, kept a
few seconds on the wall and then dropped. :func:`sweep` gives them back to the collector for one full pass
now and then (one pause a minute instead of one every few seconds), so memory stays flat however long the
session runs.
"""

from __future__ import annotations

import gc

#: Seconds between two :func:`tidy` calls: what lived that long is moved out of the full passes.
TIDY_EVERY = 5.0
#: Seconds between two :func:`sweep` calls: how long a dropped cycle may wait to be freed.
SWEEP_EVERY = 60.0


def tidy() -> None:
    """Collect the young generations (a few milliseconds), then move what survived out of later full passes.
    (Never a full collection here: that is the very pause this avoids.)"""
    gc.collect(1)
    gc.freeze()


def sweep() -> None:
    """One full collection over everything, the objects moved out included (cycles dropped since are freed),
    then everything alive is moved out again."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def release() -> None:
    """Give every object moved out back to the collector (the app is ending; its process may go on)."""
    gc.unfreeze()
