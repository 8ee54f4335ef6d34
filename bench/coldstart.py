"""Cold start: import the app, open a store, run headless, print ``FRAME`` once the first screen is painted.

``python -m bench.coldstart [--start] [--data-dir D]``: without ``--start`` the first screen is home (what
``facilitator`` opens); with it, the join screen of a new BAR session (what ``facilitator run bar`` opens). The
bench times the process from its start to the ``FRAME`` line.
"""

from __future__ import annotations

import argparse
import inspect
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Run the app until its first screen has been mounted and refreshed, then exit."""
    parser = argparse.ArgumentParser(prog="python -m bench.coldstart")
    parser.add_argument("--start", action="store_true", help="open a new BAR session's join screen")
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args(argv)

    import facilitator.tui.app as tui_app
    from facilitator.store import Store

    announced = [False]

    def first_frame() -> None:
        if not announced[0]:
            announced[0] = True
            print("FRAME", flush=True)
            app.exit(0)

    base = tui_app.SessionScreen if args.start else tui_app.HomeScreen

    class FirstScreen(base):  # type: ignore[valid-type, misc]
        """The first screen, reporting its first refresh."""

        CSS_PATH = str(Path(inspect.getfile(base)).parent / str(base.CSS_PATH))

        def on_mount(self) -> None:
            self.call_after_refresh(first_frame)

    if args.start:
        tui_app.SessionScreen = FirstScreen  # type: ignore[misc]
    else:
        tui_app.HomeScreen = FirstScreen  # type: ignore[misc]

    with tempfile.TemporaryDirectory(prefix="bench-cold-") as scratch:
        start = None
        if args.start:
            from activities import load

            start = tui_app.StartRequest(load("bar"), "bench")
        app = tui_app.FacilitatorApp(Store(args.data_dir or Path(scratch)), tui_app.RoomSettings("127.0.0.1", 0, "th"),
                                     start)
        app.run(headless=True, size=(160, 50))
    return 0 if announced[0] else 1


if __name__ == "__main__":
    sys.exit(main())
