"""The app the room runs: ``facilitator run`` in a pseudo-terminal of a real size, its screen output read as a
terminal would read it, and the moments given texts first reach that terminal.

A thread drains the terminal without pause (a terminal that is not read would block the app's writes, and a
slow one would measure the reader); every chunk is searched for the texts a measurement waits for — an answer's
tag on its way to the wall, the join address after a key press. The app's port comes from the lock file it
writes once its server listens, the session's join code from its data directory's catalog, as another
``facilitator`` command would read them.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
import urllib.request
from pathlib import Path

from bench.common import ROOT, Ready, cpu_seconds, rss_mb

#: Keys as a terminal sends them.
RIGHT = b"\x1b[C"
#: How much of the output is kept for a text that arrives split over two reads.
_OVERLAP = 4096


class RoomApp:
    """``facilitator run ACTIVITY`` in a ``cols`` × ``rows`` terminal, on 127.0.0.1 with a port of its own."""

    def __init__(self, activity: str = "bar", *, cols: int = 160, rows: int = 45,
                 extra: tuple[str, ...] = (), unlimited: bool = False, profile: Path | None = None,
                 stalls: Path | None = None) -> None:
        """``unlimited``: run it through :mod:`bench.unlimited` (no per-phone answer limit); ``profile``: run it
        under cProfile, written to that file when the app ends; ``stalls`` (instead): under
        :mod:`bench.stalls`, its loop's pauses written to that file."""
        self._scratch = tempfile.TemporaryDirectory(prefix="bench-room-")
        self.data_dir = Path(self._scratch.name) / "data"
        program = "bench.unlimited" if unlimited else "facilitator"
        profiler = (["-m", "bench.profiled", str(profile)] if profile is not None
                    else ["-m", "bench.stalls", str(stalls)] if stalls is not None else ["-m"])
        self.args = [sys.executable, *profiler, program, "--data-dir", str(self.data_dir), "run", activity,
                     "--host", "127.0.0.1", "--port", "0", "--lang", "th", *extra]
        self.cols, self.rows = cols, rows
        self.proc: subprocess.Popen[bytes] | None = None
        self._master = -1
        self._lock = threading.Lock()
        self._watched: dict[bytes, float | None] = {}
        self._tail = b""
        self.received = 0
        self._last = 0.0
        self._reader: threading.Thread | None = None
        self._closed = threading.Event()

    # -- life ----------------------------------------------------------------------------------------------
    def start(self, timeout: float = 60.0) -> Ready:
        """Start the app and wait until its server listens and its session has a join code."""
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "C.UTF-8",
               "COLUMNS": str(self.cols), "LINES": str(self.rows)}
        self.proc = subprocess.Popen(self.args, cwd=ROOT, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     start_new_session=True, close_fds=True)
        os.close(slave)
        self._master = master
        self._reader = threading.Thread(target=self._read, name="terminal", daemon=True)
        self._reader.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready = self._ready()
            if ready is not None:
                return ready
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"the app did not start within {timeout:.0f} s: {self.screen_tail()!r}")

    def _ready(self) -> Ready | None:
        try:
            port = json.loads((self.data_dir / "facilitator.lock").read_bytes().decode().strip() or "{}").get("port")
            catalog = json.loads((self.data_dir / "facilitator.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        sessions = list(catalog.get("sessions", {}).values())
        if not port or not sessions:
            return None
        assert self.proc is not None
        ready = Ready(int(port), str(sessions[-1]["code"]), self.proc.pid, str(sessions[-1]["id"]))
        try:  # served, not only created: the join page answers
            with urllib.request.urlopen(f"{ready.base}/j/{ready.code}", timeout=5) as page:
                return ready if page.status == 200 else None
        except OSError:
            return None

    def stop(self, timeout: float = 20.0) -> None:
        """End the app (SIGTERM, then SIGKILL) and the reader."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout)
        self._closed.set()
        if self._reader is not None:
            self._reader.join(5)
        if self._master >= 0:
            os.close(self._master)
            self._master = -1
        self._scratch.cleanup()

    def __enter__(self) -> RoomApp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- the terminal ------------------------------------------------------------------------------------------
    def _read(self) -> None:
        while not self._closed.is_set():
            try:
                chunk = os.read(self._master, 65536)
            except OSError:
                return
            if not chunk:
                return
            now = time.perf_counter()
            with self._lock:
                self.received += len(chunk)
                self._last = now
                window = self._tail + chunk
                for text, seen in self._watched.items():
                    if seen is None and text in window:
                        self._watched[text] = now
                self._tail = window[-_OVERLAP:]

    def watch(self, text: str) -> bytes:
        """Start looking for ``text`` in what the app writes from now on; returns the key for :meth:`seen`."""
        key = text.encode("utf-8")
        with self._lock:
            self._watched[key] = None
        return key

    def seen(self, key: bytes) -> float | None:
        """When (``time.perf_counter``) the watched text first reached the terminal (``None``: not yet)."""
        with self._lock:
            return self._watched.get(key)

    def forget(self, key: bytes) -> None:
        """Stop looking for a text."""
        with self._lock:
            self._watched.pop(key, None)

    def press(self, keys: bytes) -> float:
        """Type ``keys`` as the facilitator would; returns the moment they were written."""
        os.write(self._master, keys)
        return time.perf_counter()

    def last_output(self) -> float:
        """When (``time.perf_counter``) the app last wrote to the terminal."""
        with self._lock:
            return self._last

    def screen_tail(self) -> bytes:
        """The last bytes the app wrote (for a failure message)."""
        with self._lock:
            return self._tail[-400:]

    def cpu(self) -> float:
        """CPU seconds the app has used so far (all its threads)."""
        assert self.proc is not None
        return cpu_seconds(self.proc.pid)

    def rss(self) -> float:
        """The app's resident memory, MB."""
        assert self.proc is not None
        return rss_mb(self.proc.pid)

    def open_files(self) -> int:
        """How many file descriptors the app holds."""
        assert self.proc is not None
        return len(os.listdir(f"/proc/{self.proc.pid}/fd"))


async def burst_end(app: RoomApp, after: float, gap: float = 0.03, timeout: float = 10.0) -> float:
    """When the first burst of output written after ``after`` ended (no byte for ``gap`` seconds): the end of
    the frame a change caused. ``math.inf`` if nothing came within ``timeout``."""
    import asyncio
    import math

    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        last = app.last_output()
        if last > after and time.perf_counter() - last >= gap:
            return last
        await asyncio.sleep(0.002)
    return math.inf


async def wait_seen(app: RoomApp, key: bytes, timeout: float) -> float | None:
    """When the watched text reached the terminal, waiting at most ``timeout`` seconds (``None``: never)."""
    import asyncio

    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        moment = app.seen(key)
        if moment is not None:
            return moment
        await asyncio.sleep(0.002)
    return app.seen(key)


#: The app has settled once it used less than this share of a core over :data:`SETTLE_WINDOW` seconds.
SETTLE_BUSY = 0.05
SETTLE_WINDOW = 0.5


async def settled(app: RoomApp, timeout: float = 60.0) -> float:
    """Wait until the app has done its start-up work (the Thai word segmenter loaded in the lobby, the heap
    tidied after it): a window in which it used under :data:`SETTLE_BUSY` of a core. A room's lobby lasts
    minutes while people scan and join; a load sent at once would time the start-up, which the cold-start rows
    measure. Returns the seconds waited."""
    import asyncio

    began = time.perf_counter()
    while time.perf_counter() - began < timeout:
        before = app.cpu()
        await asyncio.sleep(SETTLE_WINDOW)
        if app.cpu() - before < SETTLE_BUSY * SETTLE_WINDOW:
            return time.perf_counter() - began
    raise RuntimeError(f"the app was still busy after {timeout:.0f} s")
