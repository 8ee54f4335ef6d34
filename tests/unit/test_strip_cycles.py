"""Drawn lines are freed when dropped: cropping a line to its whole width or cutting it at its end no longer
leaves it holding itself (a cycle only the collector's full pass could free)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from facilitator.tui import strip_cycles


def line(text: str = "ข้อมูลกลาง data") -> Strip:
    return Strip([Segment(text, Style(bold=True))])


@pytest.fixture
def collector_off() -> Iterator[None]:
    """Only reference counts free anything while the test runs."""
    gc.collect()
    gc.disable()
    yield
    gc.enable()


def dropped_cycles(use: str) -> int:
    """How many objects a full collection finds after 50 lines were drawn with ``use`` and dropped."""
    for _ in range(50):
        strip = line()
        width = strip.cell_length
        if use == "crop_extend":
            assert strip.crop_extend(0, width, None) is strip
        else:
            assert list(strip.divide([width])) == [strip]
        del strip
    return gc.collect()


@pytest.mark.parametrize("use", ["crop_extend", "divide"])
def test_a_line_used_whole_is_freed_when_dropped(collector_off: None, use: str) -> None:
    strip_cycles.install()
    assert dropped_cycles(use) == 0


def test_the_other_crops_and_cuts_are_textuals_own() -> None:
    strip_cycles.install()
    strip = line("abcdefghij")
    assert strip.crop_extend(2, 5, None).text == "cde"
    assert strip.crop_extend(8, 14, None).text == "ij    "       # extended past its end, as Textual does
    assert strip.crop_extend(2, 5, None) is strip.crop_extend(2, 5, None)  # and still cached
    assert [s.text for s in strip.divide([3, 10])] == ["abc", "defghij"]
    assert [s.text for s in strip.divide([4, 20])] == ["abcd"]   # a cut past the end is dropped, as in Textual
    strip_cycles.install()                                       # twice changes nothing
    assert strip.crop_extend(0, 10, None) is strip


def test_textuals_own_methods_left_such_cycles(collector_off: None) -> None:
    """What the replacement is for: without it, every such line is garbage only a full pass frees."""
    original = strip_cycles._ORIGINAL or {"crop_extend": Strip.crop_extend}
    strip = line()
    assert original["crop_extend"](strip, 0, strip.cell_length, None) is strip
    del strip
    assert gc.collect() > 0
