"""Keeping the collector's full passes short while phones wait.

The loaded program, Textual and the Thai word segmenter's dictionary are hundreds of thousands of objects that
live as long as the app; so, once they have joined, are the phones' connections, and the session's answers.
Python's full garbage collection walks every one of them: measured with 500 phones answering (``make bench``,
row 7b), a full pass every ~6 s held the event loop for 230–290 ms, and every answer that arrived meanwhile
waited — the whole tail of the submit latencies. Objects alive for a while are moved out of the collector's
sight (:func:`gc.freeze`); they are still freed as soon as nothing refers to them, only a reference cycle among
them is no longer looked for.
"""

from __future__ import annotations

import gc

#: Seconds between two :func:`tidy` calls: what lived that long is moved out of the full passes.
TIDY_EVERY = 5.0


def tidy() -> None:
    """Collect the young generations (a few milliseconds), then move what survived out of later full passes.
    A full pass then walks only what came after, so it stays short however long the session runs. (Never a
    full collection here: that is the very pause this avoids.)"""
    gc.collect(1)
    gc.freeze()
