"""The screen bench (``bench/serve.py``, mode ``tui``) times the app by wrapping some of its methods: every
method it wraps must exist, or ``make bench`` loses its screen figures when the app changes."""

from __future__ import annotations

import re
from pathlib import Path

from facilitator.tui.screens.session import SessionScreen
from facilitator.tui.widgets.wall import AnswerWall

SERVE = Path(__file__).resolve().parents[2] / "bench" / "serve.py"


def test_every_method_the_screen_bench_wraps_exists() -> None:
    wrapped = re.findall(r"^\s*(AnswerWall|SessionScreen)\.(\w+) = ", SERVE.read_text(), re.M)
    assert wrapped, "the bench wraps no method any more: update this test"
    classes = {"AnswerWall": AnswerWall, "SessionScreen": SessionScreen}
    missing = [f"{owner}.{name}" for owner, name in wrapped if not callable(getattr(classes[owner], name, None))]
    assert not missing
