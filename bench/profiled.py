"""Run a module under cProfile and write the profile when the run ends or is sent SIGTERM (the way the room's
bench stops the app): ``python -m bench.profiled OUT.prof MODULE ARGS…``."""

from __future__ import annotations

import cProfile
import os
import runpy
import signal
import sys
from types import FrameType


def main() -> None:
    """Profile ``MODULE`` run as ``__main__`` with the remaining arguments."""
    out, module, *args = sys.argv[1:]
    profiler = cProfile.Profile()

    def dump(signum: int | None = None, frame: FrameType | None = None) -> None:
        profiler.disable()
        profiler.dump_stats(out)
        if signum is not None:
            os._exit(0)

    signal.signal(signal.SIGTERM, dump)
    sys.argv = [module, *args]
    profiler.enable()
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    finally:
        dump()


if __name__ == "__main__":
    main()
