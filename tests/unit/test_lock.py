"""One app per data directory: the lock is held by a live process only, and says which one holds it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from facilitator.store.lock import LOCK_NAME, AlreadyRunning, AppLock, Holder
from tests.support import stop

ROOT = Path(__file__).resolve().parents[2]

HOLDER = r"""
import sys
from pathlib import Path
from facilitator.store.lock import AppLock
lock = AppLock.acquire(Path(sys.argv[1]))
if len(sys.argv) > 2:
    lock.listening(int(sys.argv[2]))
print("held", flush=True)
sys.stdin.read()  # hold until told (or killed)
"""


@contextmanager
def held_by_another_process(data_dir: Path, port: int | None = None) -> Iterator[subprocess.Popen[str]]:
    """A second process holding ``data_dir``'s lock (having recorded ``port``) until the block ends."""
    argv = [sys.executable, "-c", HOLDER, str(data_dir), *([str(port)] if port is not None else [])]
    child = subprocess.Popen(argv, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline() == "held\n"
        yield child
    finally:
        stop(child)


def test_a_second_process_is_refused_with_the_holders_pid_and_port(tmp_path: Path) -> None:
    with held_by_another_process(tmp_path, 8123) as child, pytest.raises(AlreadyRunning) as refused:
        AppLock.acquire(tmp_path)
    assert refused.value.holder == Holder(child.pid, 8123)
    message = str(refused.value)
    assert "\n" not in message and f"pid {child.pid}" in message and "port 8123" in message


def test_a_sigkilled_holder_frees_the_lock_and_leaves_its_port(tmp_path: Path) -> None:
    with held_by_another_process(tmp_path, 8124) as child:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        with AppLock.acquire(tmp_path) as lock:  # no stale lock: the kernel dropped it with the process
            assert lock.previous == Holder(child.pid, 8124)
            with pytest.raises(AlreadyRunning) as refused:  # and now this process holds it
                AppLock.acquire(tmp_path)
            assert refused.value.holder.pid == os.getpid()
            assert refused.value.holder.port == 8124  # the port is kept until the new server listens
            lock.listening(9000)
    with AppLock.acquire(tmp_path) as again:  # released: the next start gets it, with the last port
        assert again.previous.port == 9000


def test_the_lock_creates_a_missing_data_directory_and_reads_a_damaged_file_as_unknown(tmp_path: Path) -> None:
    data_dir = tmp_path / "new" / "data"
    with AppLock.acquire(data_dir) as lock:
        assert lock.previous == Holder()
    (data_dir / LOCK_NAME).write_bytes(b'{"pid": "x", "port": tr')
    with AppLock.acquire(data_dir) as lock:
        assert lock.previous == Holder()


# -- the command line beside a running app ----------------------------------------------------------------------
THAI = "ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม"


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "facilitator", *argv], capture_output=True, text=True,
                          check=False, timeout=60, cwd=ROOT, stdin=subprocess.DEVNULL)


def tree(directory: Path) -> dict[str, bytes]:
    """Every file under ``directory`` and its bytes."""
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("argv", [[], ["run", "bar"]])
def test_a_second_app_is_refused_in_one_line_before_touching_the_data_directory(
    tmp_path: Path, argv: list[str]
) -> None:
    leftover = tmp_path / ".tmp-facilitator.json.abc"  # what the running app's next atomic write is building
    leftover.write_bytes(b"half")
    with held_by_another_process(tmp_path, 8125) as child:
        result = run(*argv, "--port", "0", "--data-dir", str(tmp_path))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "another copy of facilitator is running" in result.stderr
    assert f"pid {child.pid}" in result.stderr and "port 8125" in result.stderr
    assert leftover.exists() and not (tmp_path / "facilitator.json").exists()  # its store was never opened


@pytest.fixture
def open_session(tmp_path: Path) -> tuple[Path, str]:
    """A data directory with a running BAR whose answer is only in the journal (as while the app runs), and
    leftover temp files in both directories."""
    import asyncio

    from activities import load
    from facilitator.core.workshop import Workshop
    from facilitator.store import Store

    async def fill() -> str:
        store = Store(tmp_path)
        live = await Workshop(store).open_session(load("bar"), "ประชุมภาคีตำบล")
        person = await live.join("token-aaaaaaaaaaaaaaaaaaaa", organisation="รพ.สต.บ้านนา")
        await live.advance()
        await live.answer(person.id, 0, THAI, "client-0001")
        return live.session.id  # not closed: nothing checkpointed, as when the app is killed

    session_id = asyncio.run(fill())
    for directory in (tmp_path, tmp_path / "sessions"):
        (directory / ".tmp-x.json.abc").write_bytes(b"half")
    return tmp_path, session_id


def test_sessions_and_export_read_beside_a_running_app_and_write_nothing(open_session: tuple[Path, str]) -> None:
    data_dir, session_id = open_session
    with held_by_another_process(data_dir, 8126):
        before = tree(data_dir)
        listed = run("sessions", "--lang", "en", "--data-dir", str(data_dir))
        exported = run("export", session_id, "--format", "json", "--out", "-", "--data-dir", str(data_dir))
        partnerships = run("partnerships", "--lang", "en", "--data-dir", str(data_dir))
        added = run("partnerships", "add", "ภาคีใหม่", "--data-dir", str(data_dir))
        after = tree(data_dir)
    assert listed.returncode == 0 and session_id in listed.stdout and "Running" in listed.stdout
    assert exported.returncode == 0 and THAI in exported.stdout
    assert partnerships.returncode == 0 and "no partnerships yet" in partnerships.stdout
    assert added.returncode == 2 and "another copy of facilitator is running" in added.stderr
    assert after == before  # the leftover temp files of the running app are still there, too


def test_reading_a_missing_data_directory_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = run("sessions", "--lang", "en", "--data-dir", str(missing))
    assert result.returncode == 0 and result.stdout.startswith(f"no data yet in {missing}")
    assert not missing.exists()


def test_a_read_only_store_refuses_to_write(open_session: tuple[Path, str]) -> None:
    from facilitator.store import Store

    data_dir, session_id = open_session
    store = Store(data_dir, read_only=True)
    record = store.load(session_id)
    with pytest.raises(PermissionError):
        store.sink(record.session)
    with pytest.raises(PermissionError):
        store.create_partnership("ภาคีใหม่")
