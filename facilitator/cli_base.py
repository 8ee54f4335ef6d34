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


def data_dir_of(args: argparse.Namespace) -> Path:
    """The data directory the command works on: ``--data-dir``, else :func:`default_data_dir`."""
    return Path(args.data_dir or default_data_dir())


def no_data_yet(args: argparse.Namespace) -> str | None:
    """What to say when the data directory does not exist (nothing recorded yet), else ``None``. Commands that
    only read, or change what must already be there, never create it."""
    from facilitator.core.i18n import t

    folder = data_dir_of(args)
    try:
        folder.stat()
    except FileNotFoundError:
        return t("cli_no_data_yet", args.lang, folder=folder)
    except OSError:
        pass  # not a directory, or not readable: the store says what is wrong with it
    return None


def require_data(args: argparse.Namespace) -> None:
    """Refuse, saying there is no data yet, when the data directory does not exist."""
    missing = no_data_yet(args)
    if missing is not None:
        raise CliError(missing)


def resolve_id(
    given: str, known: dict[str, str], what: str, args: argparse.Namespace, listing: str, *, none: str = "cli_none_yet"
) -> str:
    """The id among ``known`` (id → title) that ``given`` names: itself, or the one id it is the start of.

    An unknown id is refused with the ids it resembles (``did you mean``), an ambiguous start with the ids it
    begins; ``what`` is the catalog key of what is named, ``listing`` the command that lists them all, ``none``
    the key of what to say when there are none.
    """
    import difflib

    from facilitator.core.i18n import t

    lang = args.lang
    if given in known:
        return given
    starting = [key for key in known if given and key.startswith(given)]
    if len(starting) == 1:
        return starting[0]

    def described(ids: list[str]) -> str:
        return ", ".join(f"{key} ({known[key]})" if known[key] else key for key in ids)

    noun = t(what, lang)
    if starting:
        raise CliError(t("cli_ambiguous_id", lang, given=given, what=noun, candidates=described(starting)))
    unknown = t("cli_unknown_id", lang, given=given, what=noun, folder=data_dir_of(args))
    by_title = [key for key, title in known.items() if given.casefold() in title.casefold()] if given else []
    close = list(dict.fromkeys(by_title + difflib.get_close_matches(given, list(known), n=3, cutoff=0.5)))[:3]
    if close:
        raise CliError(f"{unknown}; {t('cli_did_you_mean', lang, candidates=described(close))}")
    if not known:
        raise CliError(f"{unknown}; {t(none, lang)}")
    raise CliError(f"{unknown}; {t('cli_list_with', lang, command=listing)}")
