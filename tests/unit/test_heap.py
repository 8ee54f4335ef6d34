"""The app keeps the collector's full passes short: what lived a while is moved out of them, and a young
reference cycle is still collected."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from facilitator.tui import heap


class Node:
    """An object that refers to itself: only the cycle collector can free it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def thawed() -> Iterator[None]:
    """Give the frozen objects back to the collector after the test (the suite goes on in this process)."""
    yield
    gc.unfreeze()


def tracked(obj: object) -> bool:
    """Whether a full pass of the collector would walk ``obj``."""
    return any(o is obj for o in gc.get_objects())


def test_tidy_collects_young_cycles_and_moves_survivors_out_of_full_passes(thawed: None) -> None:
    dropped = Node()
    gone = weakref.ref(dropped)
    del dropped
    kept = Node()
    assert tracked(kept)
    heap.tidy()
    assert gone() is None            # a cycle already dropped is collected, not kept forever
    assert not tracked(kept)         # what survived is out of the full passes…
    later = Node()
    assert tracked(later)            # …and what comes after is walked again
    assert kept.me is kept


def test_a_cycle_dropped_after_tidy_is_freed_by_the_next_sweep(thawed: None) -> None:
    kept = Node()
    gone = weakref.ref(kept)
    heap.tidy()                      # alive now: moved out of the full passes
    del kept                         # …then dropped: only its cycle holds it
    gc.collect()
    assert gone() is not None        # a full pass no longer sees it
    heap.sweep()
    assert gone() is None            # the sweep does


def test_release_gives_everything_back(thawed: None) -> None:
    kept = Node()
    heap.tidy()
    assert not tracked(kept)
    heap.release()
    assert tracked(kept) and gc.get_freeze_count() == 0


def test_sweeps_space_out_while_they_find_nothing_and_come_back_when_they_do() -> None:
    found = [0] * 6 + [5_000, 5_000, 0]
    sweeps = heap.Sweeps(collect=lambda: found.pop(0))
    swept_at = [minute for minute in range(1, 60) if found and sweeps() is not None]
    #  waits of 1, 2, 4, 8, 10, 10 minutes while nothing is found; then 5, 2 after the two that found much
    assert swept_at[:7] == [1, 3, 7, 15, 25, 35, 45]
    assert swept_at[7:] == [50, 52]
    assert sweeps.wait == 4           # the last found nothing: twice the wait before it
