"""Run a module under cProfile and write the profile when the run ends or is sent SIGTERM (the way the room's
bench stops the app): ``python -m bench.profiled OUT.prof MODULE ARGS…``."""

from __future__ import annotations

import cProfile
import sys

from bench.wrapped import run_wrapped


def main() -> None:
    """Profile ``MODULE`` run as ``__main__`` with the remaining arguments."""
    out, module, *args = sys.argv[1:]
    profiler = cProfile.Profile()

    def dump() -> None:
        profiler.disable()
        profiler.dump_stats(out)

    run_wrapped(module, args, profiler.enable, dump)


if __name__ == "__main__":
    main()
