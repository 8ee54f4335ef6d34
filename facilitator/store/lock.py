"""One app per data directory: a lock the kernel drops when the process holding it dies.

The app holds ``fcntl.flock`` on ``facilitator.lock`` in the data directory for as long as it runs. A crash,
``SIGKILL`` or a pulled battery frees it with the process, so the next start is never blocked by a stale file.
The file holds the pid of the app and, once its server listens, the port phones reach it on: a second copy
reads them to say which app is running, and the next start after a crash reads the port to listen there again.
The file is never removed (removing a file others may be locking would let two copies lock two files).
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from facilitator.store.atomic import StoreUnavailable

LOCK_NAME = "facilitator.lock"
#: The file's contents are padded to this many bytes and written in one call, so a reader never sees half.
RECORD_BYTES = 128


@dataclass(frozen=True, slots=True)
class Holder:
    """What the lock file says about the app that holds (or last held) it."""

    pid: int | None = None
    port: int | None = None


class AlreadyRunning(RuntimeError):
    """Another app holds the data directory's lock."""

    def __init__(self, data_dir: Path, holder: Holder) -> None:
        where = ", ".join(part for part in (
            f"pid {holder.pid}" if holder.pid is not None else "",
            f"port {holder.port}" if holder.port is not None else "",
        ) if part)
        super().__init__(f"another copy of facilitator is running on {data_dir}"
                         + (f" ({where})" if where else "") + "; use that one, or quit it first")
        self.data_dir = data_dir
        self.holder = holder


def _parse(raw: bytes) -> Holder:
    try:
        data = json.loads(raw.decode().strip() or "{}")
    except (UnicodeDecodeError, ValueError):
        return Holder()
    if not isinstance(data, dict):
        return Holder()

    def number(key: str) -> int | None:
        value = data.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    return Holder(number("pid"), number("port"))


class AppLock:
    """The data directory's lock, held from :meth:`acquire` until :meth:`release` (or the process's end)."""

    def __init__(self, data_dir: Path, fd: int, previous: Holder) -> None:
        self.data_dir = data_dir
        self.path = data_dir / LOCK_NAME
        self._fd: int | None = fd
        #: What the file said before this app took it: the last run's pid and port (after a crash too).
        self.previous = previous

    @classmethod
    def acquire(cls, data_dir: Path) -> AppLock:
        """Lock ``data_dir`` (created if missing) for this process, or raise :class:`AlreadyRunning` naming the
        app that holds it. Raises :class:`StoreUnavailable` when the directory cannot be used."""
        data_dir = Path(data_dir)
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(data_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise StoreUnavailable(f"cannot use data directory {data_dir}: {err.strerror or err}") from err
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            holder = _parse(os.pread(fd, RECORD_BYTES, 0))
            os.close(fd)
            if err.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise AlreadyRunning(data_dir, holder) from None
            raise StoreUnavailable(f"cannot lock {data_dir / LOCK_NAME}: {err.strerror or err}") from err
        lock = cls(data_dir, fd, _parse(os.pread(fd, RECORD_BYTES, 0)))
        lock._write(Holder(os.getpid(), lock.previous.port))
        return lock

    def listening(self, port: int) -> None:
        """Record the port this app's server listens on (for a second copy to name, and the next start)."""
        self._write(Holder(os.getpid(), port))

    def _write(self, holder: Holder) -> None:
        if self._fd is None:
            return
        record = json.dumps({"pid": holder.pid, "port": holder.port}).encode().ljust(RECORD_BYTES)
        os.pwrite(self._fd, record, 0)
        os.ftruncate(self._fd, RECORD_BYTES)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def release(self) -> None:
        """Unlock (the file stays, with the port for the next start)."""
        if self._fd is not None:
            os.close(self._fd)  # closing the last descriptor drops the flock
            self._fd = None

