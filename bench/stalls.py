"""Run a module and write down every time its event loop stood still: ``python -m bench.stalls OUT.txt MODULE ARGS…``.

A profile says where the time went in total; a p99 that jumps in one minute of a soak is made of a few long
pauses, which a profile averages away. Here every turn of the asyncio loop marks the time it began
(``BaseEventLoop._run_once``), and a watchdog thread wakes every few milliseconds: when the loop's turn has
lasted longer than the threshold and the main thread is not merely waiting in ``select`` for something to do, it
takes the stack of every thread. One pause is written as its start (wall clock), its length, and the stacks
seen during it, most frequent first — the main thread's say what held the loop; another thread's, what held
the interpreter's lock (a watchdog that overslept its tick by the pause's length could not run either). The
file is written when the module ends or is sent SIGTERM (the way the room's bench stops the app).

The watchdog costs a little: it takes the interpreter's lock for a moment every tick. Figures taken with it
describe a traced run.
"""

from __future__ import annotations

import asyncio.base_events
import gc
import os
import sys
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from bench.wrapped import run_wrapped

#: A loop turn longer than this is a pause (seconds).
THRESHOLD = 0.020
#: How often the watchdog looks (seconds).
TICK = 0.004
#: Frames kept of each stack (the innermost).
DEPTH = 14
#: Pauses kept in the file (the longest).
KEPT = 200


@dataclass
class Pause:
    """One stretch in which the loop's turn lasted longer than :data:`THRESHOLD`."""

    began: float  # wall clock (time.time)
    turn: float  # the loop turn's start (perf_counter), which names the pause
    length: float = 0.0
    overslept: float = 0.0  # the watchdog's longest late wake-up during it: the lock held by someone
    stacks: Counter[str] = field(default_factory=Counter)


_turn = [time.perf_counter()]


def _mark_turns() -> None:
    """Make every turn of every asyncio loop note when it began."""
    run_once = asyncio.base_events.BaseEventLoop._run_once  # type: ignore[attr-defined]

    def marked(self: asyncio.base_events.BaseEventLoop) -> None:
        _turn[0] = time.perf_counter()
        run_once(self)

    asyncio.base_events.BaseEventLoop._run_once = marked  # type: ignore[attr-defined]


def _stack(frame: FrameType | None) -> str:
    """The innermost :data:`DEPTH` frames, outermost first, one ``file:line function`` a line."""
    frames = traceback.extract_stack(frame, limit=DEPTH) if frame is not None else []
    return "\n".join(f"    {_short(f.filename)}:{f.lineno} {f.name}" for f in frames)


def _short(path: str) -> str:
    for marker in ("site-packages/", "/lib/python3"):
        if marker in path:
            return path.split(marker, 1)[1]
    return os.path.relpath(path) if path.startswith(os.getcwd()) else path


def _waiting(frame: FrameType | None) -> bool:
    """Whether the main thread is only waiting for the loop's next event."""
    return frame is not None and frame.f_code.co_name == "select" and "selectors" in frame.f_code.co_filename


class Watchdog(threading.Thread):
    """Watches the main thread's loop turns and records the pauses."""

    def __init__(self, main: int) -> None:
        super().__init__(name="stall-watchdog", daemon=True)
        self.main = main
        self.pauses: list[Pause] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        current: Pause | None = None
        while not self.stopped.is_set():
            asked = time.perf_counter()
            time.sleep(TICK)
            now = time.perf_counter()
            late = now - asked - TICK
            frames = sys._current_frames()
            turn = _turn[0]
            if now - turn < THRESHOLD or _waiting(frames.get(self.main)):
                current = None
                continue
            if current is None or current.turn != turn:
                current = Pause(began=time.time() - (now - turn), turn=turn)
                self.pauses.append(current)
            current.length = now - turn
            current.overslept = max(current.overslept, late)
            for ident, frame in frames.items():
                if ident == threading.get_ident():
                    continue
                name = "main" if ident == self.main else _thread_name(ident)
                if name != "main" and _idle(frame):
                    continue
                current.stacks[f"  [{name}]\n{_stack(frame)}"] += 1

    def report(self) -> str:
        """The pauses, longest first, each with its stacks; then what the garbage collector walks (a full
        collection's length grows with it)."""
        pauses = sorted(self.pauses, key=lambda p: p.length, reverse=True)
        lines = [f"{len(pauses)} pauses over {THRESHOLD * 1000:.0f} ms; "
                 f"total {sum(p.length for p in pauses):.2f} s", "", *_tracked(), ""]
        for pause in pauses[:KEPT]:
            lines.append(f"== {time.strftime('%H:%M:%S', time.localtime(pause.began))}"
                         f".{int(pause.began % 1 * 1000):03d}  {pause.length * 1000:.1f} ms"
                         f"  (watchdog late by up to {pause.overslept * 1000:.1f} ms)")
            for stack, seen in pause.stacks.most_common(4):
                lines.append(f"  seen {seen}×\n{stack}")
            lines.append("")
        return "\n".join(lines) + "\n"


def _tracked(top: int = 25) -> list[str]:
    """How many objects a full collection walks at the end, by type (the most first)."""
    gc.unfreeze()
    counts = Counter(type(o).__qualname__ for o in gc.get_objects())
    return [f"{sum(counts.values())} objects tracked by the collector at the end; by type:",
            *(f"  {n:>9}  {name}" for name, n in counts.most_common(top))]


def _thread_name(ident: int) -> str:
    for thread in threading.enumerate():
        if thread.ident == ident:
            return thread.name
    return str(ident)


def _idle(frame: FrameType | None) -> bool:
    """Whether a thread other than the main one is waiting (on a lock, a queue, a sleep), not working."""
    name = frame.f_code.co_name if frame is not None else ""
    return name in {"wait", "_wait_for_tstate_lock", "get", "_worker", "select", "sleep", "read", "_read"}


def main() -> None:
    """Run ``MODULE`` as ``__main__`` with the remaining arguments, watched."""
    out, module, *args = sys.argv[1:]
    watchdog = Watchdog(threading.get_ident())

    def start() -> None:
        _mark_turns()
        watchdog.start()

    def write() -> None:
        watchdog.stopped.set()
        Path(out).write_text(watchdog.report(), encoding="utf-8")

    run_wrapped(module, args, start, write)


if __name__ == "__main__":
    main()
