"""The app's screens may paint 120 frames a second, unless the environment says otherwise."""

import os
import subprocess
import sys

import pytest

from facilitator.tui import FRAMES_PER_SECOND

PROBE = "import facilitator.tui.app, textual.constants as c, textual.screen as s; print(c.MAX_FPS, s.UPDATE_PERIOD)"


def textual_rate(**env: str) -> tuple[int, float]:
    """Textual's frame rate and update period in a fresh interpreter that imports the app."""
    environ = {key: value for key, value in os.environ.items() if key != "TEXTUAL_FPS"} | env
    out = subprocess.run([sys.executable, "-c", PROBE], env=environ, capture_output=True, text=True, check=True)
    fps, period = out.stdout.split()
    return int(fps), float(period)


def test_the_app_asks_textual_for_its_frame_rate() -> None:
    assert FRAMES_PER_SECOND == 120
    assert textual_rate() == (120, pytest.approx(1 / 120))


def test_a_frame_rate_set_in_the_environment_is_kept() -> None:
    assert textual_rate(TEXTUAL_FPS="30") == (30, pytest.approx(1 / 30))
