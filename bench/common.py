"""What the bench scenarios share: a server process under test, process statistics, percentiles."""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The project root: ``python -m bench.serve`` is started from here.
ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class ServeFailed(RuntimeError):
    """A server process did not start (or stop) as expected; the message ends with its log's tail."""


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0–100) of ``values``, linearly interpolated; NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * q / 100.0
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def rss_mb(pid: int) -> float:
    """Resident set size of process ``pid`` in MB (``VmRSS`` of ``/proc/<pid>/status``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    raise ValueError(f"no VmRSS for pid {pid}")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time process ``pid`` has used so far (all its threads)."""
    raw = Path(f"/proc/{pid}/stat").read_text()
    fields = raw[raw.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS


@dataclass(frozen=True, slots=True)
class Ready:
    """What a server process announced: ``READY <port> <code> <pid> <session_id>``."""

    port: int
    code: str
    pid: int
    session_id: str

    @property
    def base(self) -> str:
        """The server's base URL."""
        return f"http://{HOST}:{self.port}"


class ServeProcess:
    """One ``python -m bench.serve`` process: start it, read its READY line, stop it and read its report.

    Use as a context manager: whatever happens, the process is ended (by its pid) when the block exits.
    """

    def __init__(
        self,
        mode: str,
        *,
        preload: int = 0,
        data_dir: Path | None = None,
        session_id: str | None = None,
        profile: Path | None = None,
        log: Path | None = None,
        extra: tuple[str, ...] = (),
        wait_go: bool = False,
    ) -> None:
        self.mode = mode
        self._scratch = tempfile.TemporaryDirectory(prefix="bench-serve-")
        scratch = Path(self._scratch.name)
        self.out = scratch / "report.json"
        self.log = log or scratch / "serve.log"
        self.args = [sys.executable, "-m", "bench.serve", "--mode", mode, "--preload", str(preload),
                     "--out", str(self.out)]
        if data_dir is not None:
            self.args += ["--data-dir", str(data_dir)]
        if session_id is not None:
            self.args += ["--session-id", session_id]
        if profile is not None:
            self.args += ["--profile", str(profile)]
        if wait_go:
            self.args.append("--wait-go")
        self.args += list(extra)
        if mode == "bare":  # the stack's limit: no facilitator code at all (bench/bare.py)
            self.args = [sys.executable, "-m", "bench.bare", "--out", str(self.out)]
        self.wait_go = wait_go
        self.proc: subprocess.Popen[bytes] | None = None
        self.ready: Ready | None = None
        self._buffer = b""

    # -- life cycle ---------------------------------------------------------------------------------------
    def spawn(self) -> None:
        """Start the process (with ``wait_go``, it imports its modules, then waits for :meth:`start`)."""
        if self.proc is not None:
            return
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                self.args, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )

    def start(self, timeout: float = 120.0) -> Ready:
        """Start the process (unless spawned) and wait (at most ``timeout`` seconds) for its READY line."""
        self.spawn()
        assert self.proc is not None
        if self.wait_go and self.proc.stdin is not None:
            try:
                self.proc.stdin.write(b"go\n")
                self.proc.stdin.flush()
            except BrokenPipeError:
                pass
        line = self._read_line(timeout)
        if line is None or not line.startswith("READY "):
            self.kill()
            raise ServeFailed(f"{self.mode} server did not start: {line!r}\n{self.log_tail()}")
        _, port, code, pid, session_id = line.split()
        self.ready = Ready(int(port), code, int(pid), session_id)
        return self.ready

    def _read_line(self, timeout: float) -> str | None:
        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                left = deadline - time.monotonic()
                if left <= 0 or not sel.select(left):
                    return None
                chunk = os.read(fd, 4096)
                if not chunk:
                    return None
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode(errors="replace").strip()

    def stop(self, timeout: float = 60.0) -> dict[str, Any]:
        """Ask the process to stop (a ``stop`` line on stdin), wait for it, and return its JSON report."""
        assert self.proc is not None
        try:
            if self.proc.stdin is not None:
                self.proc.stdin.write(b"stop\n")
                self.proc.stdin.flush()
        except BrokenPipeError:
            pass
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise ServeFailed(f"{self.mode} server did not stop in {timeout:.0f} s\n{self.log_tail()}") from None
        if self.proc.returncode != 0 or not self.out.exists():
            raise ServeFailed(
                f"{self.mode} server exited with {self.proc.returncode} and no report\n{self.log_tail()}"
            )
        return json.loads(self.out.read_text())

    def kill(self) -> None:
        """SIGKILL the process (if it still runs) and reap it."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(10)
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()

    def close(self) -> None:
        """End the process if needed and remove the scratch directory."""
        self.kill()
        self._scratch.cleanup()

    def __enter__(self) -> ServeProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- observation --------------------------------------------------------------------------------------
    @property
    def pid(self) -> int:
        """The server's pid."""
        assert self.proc is not None
        return self.proc.pid

    def rss_mb(self) -> float:
        """The server's resident set size now, in MB."""
        return rss_mb(self.pid)

    def cpu_seconds(self) -> float:
        """CPU seconds the server has used so far."""
        return cpu_seconds(self.pid)

    def log_tail(self, lines: int = 15) -> str:
        """The last lines the server wrote to stderr."""
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""
