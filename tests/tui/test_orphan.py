"""The app leaves when its terminal does, even when no SIGHUP reaches it (a window closed under ``make run``)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

LAUNCHER = r"""
import os, pty, signal, sys
pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm-256color"
    signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as under make: the hang-up never reaches the app
    os.execv(sys.executable, [sys.executable, "-m", "facilitator", "--port", "0", "--data-dir", sys.argv[1]])
seen = b""
while "ภาคี/เครือข่าย".encode() not in seen:  # the app has drawn its home screen
    chunk = os.read(fd, 65536)
    if not chunk:
        raise SystemExit("the app ended before drawing its home screen")
    seen += chunk
print(pid, flush=True)
os._exit(0)  # the launcher dies without hanging up the terminal: the app is orphaned
"""


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def test_an_orphaned_app_exits_and_frees_its_port(tmp_path: Path) -> None:
    launcher = subprocess.run([sys.executable, "-c", LAUNCHER, str(tmp_path)], capture_output=True, text=True,
                              timeout=60, cwd=Path(__file__).resolve().parents[2], check=True)
    pid = int(launcher.stdout.strip())
    tick = threading.Event()
    for _ in range(200):  # up to 20 s: the app checks every 2 s
        if not alive(pid):
            break
        tick.wait(0.1)
    else:
        os.kill(pid, 9)
        raise AssertionError("the orphaned app is still running")
    from facilitator.store import Store

    assert Store(tmp_path).sessions() == []  # the data directory it left behind opens cleanly
