"""The room's laptop, as processes: one app serves a session to a phone; a second copy on the same data directory
is refused (so two copies can never each tell a phone "saved" while one answer is lost); the records read beside
it; the app is SIGKILLed; the next ``facilitator`` puts the session back with one key on the same port, where
the phone finds its answer; Ctrl+Q then asks before quitting."""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
import signal
import struct
import subprocess
import sys
import termios
import threading
from collections.abc import Callable
from pathlib import Path

from facilitator.store import Store
from facilitator.store.lock import LOCK_NAME
from bench.load import FORM_TOKEN
from tests.support import LOOPBACK, new_phone

ROOT = Path(__file__).resolve().parents[2]
ANSWER = "ขอให้ทุกหน่วยงานใช้ข้อมูลชุดเดียวกัน"
RIGHT, ENTER, CTRL_Q = b"\x1b[C", b"\r", b"\x11"


class Terminal:
    """``facilitator`` running in a pseudo-terminal of 140x45 whose output is read all the time (an app whose
    terminal is not read blocks)."""

    def __init__(self, *argv: str) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 45, 140, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color"}
        self.process = subprocess.Popen([sys.executable, "-m", "facilitator", *argv], stdin=slave, stdout=slave,
                                        stderr=slave, cwd=ROOT, env=env, start_new_session=True)
        os.close(slave)
        self._master = master
        self._output = bytearray()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self._master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self._output += chunk

    def shows(self, text: str) -> bool:
        """Whether the app has written ``text`` to its terminal."""
        return text.encode() in self._output

    def type(self, keys: bytes) -> None:
        """Press keys."""
        os.write(self._master, keys)

    def close(self) -> None:
        """End the app if it still runs, and the terminal."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)
        os.close(self._master)
        self._reader.join(timeout=30)


async def eventually(condition: Callable[[], object], what: str, tries: int = 1500) -> None:
    """Wait until ``condition()`` holds, checking every 20 ms; fail after ``tries``."""
    for _ in range(tries):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def recorded(data_dir: Path) -> dict[str, int | None]:
    """The pid and port the lock file holds."""
    try:
        return dict(json.loads((data_dir / LOCK_NAME).read_text() or "{}"))
    except (FileNotFoundError, ValueError):
        return {}


def facilitator(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "facilitator", *argv], capture_output=True, text=True,
                          check=False, timeout=60, cwd=ROOT, stdin=subprocess.DEVNULL)


def session_row(data_dir: Path) -> dict[str, object] | None:
    rows = Store(data_dir, read_only=True).sessions() if (data_dir / "facilitator.json").exists() else []
    return rows[0] if rows else None


async def test_a_second_copy_is_refused_and_a_killed_app_comes_back_on_its_port(tmp_path: Path) -> None:
    data = str(tmp_path)
    first = Terminal("run", "bar", "--title", "ประชุมภาคีตำบล", "--host", LOOPBACK, "--port", "0", "--lang", "en",
                     "--data-dir", data)
    again: Terminal | None = None
    try:
        await eventually(lambda: recorded(tmp_path).get("port"), "the first app to listen")
        port = recorded(tmp_path)["port"]
        assert recorded(tmp_path)["pid"] == first.process.pid
        await eventually(lambda: session_row(tmp_path), "the session to be saved")
        row = session_row(tmp_path)
        assert row is not None
        session_id, code = str(row["id"]), str(row["code"])
        base = f"http://{LOOPBACK}:{port}"

        await eventually(lambda: first.shows(code), "the join screen")
        async with new_phone() as phone:
            async with phone.get(f"{base}/j/{code}") as page:  # the join page gives the phone its form token
                found = FORM_TOKEN.search(await page.text())
            assert found is not None
            token = found.group(1)
            joined = await phone.post(f"{base}/j/{code}", data={"organisation": "รพ.สต.บ้านนา", "csrf": token})
            assert joined.status == 200
            first.type(RIGHT)
            await eventually(lambda: Store(tmp_path, read_only=True).load(session_id).session.step == 0,
                             "the first step to open")
            sent = await phone.post(f"{base}/s/{code}/answers", headers={"Accept": "application/json"},
                                    data={"step": "0", "client_id": "client-0001", "text": ANSWER, "csrf": token})
            assert sent.status == 200 and (await sent.json())["ok"] is True

            # A second copy would have served the same session to other phones: it is refused instead.
            for argv in ([], ["run", "bar"]):
                second = facilitator(*argv, "--data-dir", data)
                assert second.returncode == 2 and second.stderr.count("\n") == 1
                assert f"pid {first.process.pid}" in second.stderr and f"port {port}" in second.stderr
            listed = facilitator("sessions", "--data-dir", data)
            exported = facilitator("export", session_id, "--format", "md", "--out", "-", "--data-dir", data)
            assert listed.returncode == 0 and session_id in listed.stdout
            assert exported.returncode == 0 and ANSWER in exported.stdout

            first.process.send_signal(signal.SIGKILL)
            assert first.process.wait(timeout=30) == -signal.SIGKILL

            again = Terminal("--host", LOOPBACK, "--lang", "en", "--data-dir", data)  # no --port: the last one
            await eventually(lambda: again is not None and again.shows("Resume"), "the offer to resume")
            assert recorded(tmp_path) == {"pid": again.process.pid, "port": port}
            again.type(ENTER)
            await eventually(lambda: again is not None and again.shows("Step 1 of 6"), "the step on the wall")
            page = await phone.get(f"{base}/s/{code}")  # the same address and code: the phone carries on
            assert page.status == 200 and ANSWER in await page.text()

        again.type(CTRL_Q)
        await eventually(lambda: again is not None and again.shows("Keep running"), "the question")
        assert again.process.poll() is None
        again.type(b"y")
        assert again.process.wait(timeout=30) == 0
        assert (tmp_path / "sessions" / f"{session_id}.journal").stat().st_size == 0
        assert Store(tmp_path).load(session_id).session.status == "running"
    finally:
        first.close()
        if again is not None:
            again.close()
