"""What every ``facilitator`` command stands on: the data directory, its store opened for reading or for
changing, the lock that keeps one app per directory, and the one-line error a command ends with."""

from __future__ import annotations

import argparse
import os
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from facilitator.store.lock import AppLock

DATA_DIR_ENV = "FACILITATOR_DATA_DIR"


def default_data_dir() -> Path:
    """``$FACILITATOR_DATA_DIR``, else the platform's data directory for Facilitator."""
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV])
    from platformdirs import user_data_dir

    return Path(user_data_dir("facilitator", appauthor=False))


class CliError(Exception):
    """A one-line reason the command cannot go on."""


def open_store(args: argparse.Namespace, *, read_only: bool = False):  # noqa: ANN202 - lazy import keeps --help fast
    """The data directory's store; ``read_only`` for commands that only read, beside a running app."""
    from facilitator.store import CorruptDatabase, Store, StoreUnavailable

    data_dir = args.data_dir or default_data_dir()
    try:
        return Store(data_dir, read_only=read_only)
    except CorruptDatabase as err:
        raise CliError(f"{err}. {way_out(err, data_dir)}") from err
    except StoreUnavailable as err:
        raise CliError(str(err)) from err


def way_out(err: Exception, data_dir: Path) -> str:
    """What to do about a refused database file: the exact command that brings back its last good copy."""
    backup = getattr(err, "backup", None)
    if backup is None:
        return "No earlier copy of it is kept; move it aside to start that file afresh (its records are lost)"
    return (f"To bring back its last good copy ({backup.name}), run: "
            f"facilitator restore --data-dir {shlex.quote(str(data_dir))}")


def hold_data_dir(args: argparse.Namespace) -> AppLock:
    """Hold the data directory for this process (before its store is opened), or say which app holds it."""
    from facilitator.store import StoreUnavailable
    from facilitator.store.lock import AlreadyRunning, AppLock

    try:
        return AppLock.acquire(args.data_dir or default_data_dir())
    except (AlreadyRunning, StoreUnavailable) as err:
        raise CliError(str(err)) from err
