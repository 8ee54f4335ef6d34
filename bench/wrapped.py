"""Run a module as ``__main__`` with something around it: what :mod:`bench.profiled` and :mod:`bench.stalls`
share. ``finish`` runs when the module ends, or when the process is sent SIGTERM (the way the room's bench
stops the app), and then the process exits at once."""

from __future__ import annotations

import os
import runpy
import signal
import sys
from collections.abc import Callable
from types import FrameType


def run_wrapped(module: str, args: list[str], start: Callable[[], None], finish: Callable[[], None]) -> None:
    """``start()``, run ``module`` with ``args`` as ``__main__``, then ``finish()`` (also on SIGTERM)."""

    def stopped(signum: int, frame: FrameType | None) -> None:
        finish()
        os._exit(0)

    signal.signal(signal.SIGTERM, stopped)
    sys.argv = [module, *args]
    start()
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    finally:
        finish()
