"""The ``facilitator`` command: the app, and the records from the shell."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator import __version__
from facilitator.core.vocab import SECTORS

if TYPE_CHECKING:
    from facilitator.store import Store
    from facilitator.store.lock import AppLock

DATA_DIR_ENV = "FACILITATOR_DATA_DIR"
SECTOR_KEYS = tuple(SECTORS)


def default_data_dir() -> Path:
    """``$FACILITATOR_DATA_DIR``, else the platform's data directory for Facilitator."""
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV])
    from platformdirs import user_data_dir

    return Path(user_data_dir("facilitator", appauthor=False))


OPTION_DEFAULTS = {"data_dir": None, "lang": "th", "host": None, "port": 8080, "wifi": None, "wifi_password": ""}


def _port(value: str) -> int:
    port = int(value)
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError("a port is 0 to 65535 (0 picks a free one)")
    return port


def build_parser() -> argparse.ArgumentParser:
    """The command line: no command opens the home screen."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS,
                        help=f"where the TinyDB files live (default: ${DATA_DIR_ENV} or {default_data_dir()})")
    room = argparse.ArgumentParser(add_help=False)
    room.add_argument("--lang", choices=("th", "en"), default=argparse.SUPPRESS, help="language of the screen (default th)")
    room.add_argument("--host", default=argparse.SUPPRESS,
                      help="address phones use, shown in the QR code (default: this machine's LAN address)")
    room.add_argument("--wifi", default=argparse.SUPPRESS, metavar="SSID",
                      help="show a QR code on the join screen that joins phones to this Wi-Fi network")
    room.add_argument("--wifi-password", default=argparse.SUPPRESS, metavar="PASSWORD",
                      help="the Wi-Fi network's password (shown as text too; leave out for an open network)")
    room.add_argument("--port", type=_port, default=argparse.SUPPRESS, help="port for phones (default: the port the last run used if it is free, else 8080; 0 picks one)")

    parser = argparse.ArgumentParser(
        prog="facilitator", parents=[common, room],
        description="Run BAR/AAR workshops: a projected screen, phones on the local network, TinyDB records. "
                    "With no command, opens the home screen.",
    )
    parser.add_argument("--version", action="version", version=f"facilitator {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = commands.add_parser("run", parents=[common, room], help="start a session and show its join screen",
                              description="Start a session of ACTIVITY and open its join screen.")
    run.add_argument("activity", help="a built-in activity (bar, aar) or the path of a .toml file")
    run.add_argument("--title", default=None, help="the session's title (default: the activity's name)")
    run.add_argument("--partnership", default=None, metavar="ID", help="run it inside this partnership")
    run.add_argument("--follows", default=None, metavar="SESSION_ID",
                     help="the BAR this AAR or check-in follows (default: the partnership's latest BAR)")
    partnerships = commands.add_parser(
        "partnerships", parents=[common], help="list partnerships, or add one",
        description="List partnerships with their sessions; 'add NAME --org \"NAME|SECTOR\" …' creates one.",
    )
    partnerships.add_argument("action", nargs="?", choices=("list", "add"), default="list")
    partnerships.add_argument("name", nargs="?", help="the new partnership's name (with add)")
    partnerships.add_argument("--org", action="append", default=[], metavar="NAME|SECTOR",
                              help=f"an invited organisation and its sector ({', '.join(SECTOR_KEYS)}); repeat")
    commands.add_parser("sessions", parents=[common], help="list the sessions in the data directory",
                        description="List every session, newest first.")
    export = commands.add_parser("export", parents=[common], help="write a session's record to a file",
                                 description="Write the record of SESSION_ID in a format.")
    export.add_argument("session_id")
    export.add_argument("--format", required=True, help="json or md")
    export.add_argument("--lang", choices=("th", "en"), default=argparse.SUPPRESS,
                        help="language of the export (default th)")
    export.add_argument("--out", default=None,
                        help="file to write (default: SESSION_ID with the format's suffix; - for stdout)")
    return parser


class CliError(Exception):
    """A one-line reason the command cannot go on."""


def _store(args: argparse.Namespace, *, read_only: bool = False):  # noqa: ANN202 - lazy import keeps --help fast
    """The data directory's store; ``read_only`` for commands that only read, beside a running app."""
    from facilitator.store import CorruptDatabase, Store, StoreUnavailable

    try:
        return Store(args.data_dir or default_data_dir(), read_only=read_only)
    except (CorruptDatabase, StoreUnavailable) as err:
        raise CliError(str(err)) from err


def _lock(args: argparse.Namespace) -> AppLock:
    """Hold the data directory for this process (before its store is opened), or say which app holds it."""
    from facilitator.store import StoreUnavailable
    from facilitator.store.lock import AlreadyRunning, AppLock

    try:
        return AppLock.acquire(args.data_dir or default_data_dir())
    except (AlreadyRunning, StoreUnavailable) as err:
        raise CliError(str(err)) from err


def _cmd_app(args: argparse.Namespace) -> int:
    with _lock(args) as lock:  # before the store opens: a second copy must not touch the first one's files
        return _run_app(args, lock)


def _run_app(args: argparse.Namespace, lock: AppLock) -> int:
    from activities import ActivityError, UnknownActivity, load
    from facilitator.core.workshop import Workshop
    from facilitator.tui.app import FacilitatorApp, RoomSettings, StartRequest

    store = _store(args)
    start = None
    if args.command == "run":
        try:
            activity = load(args.activity)
        except (ActivityError, UnknownActivity) as err:
            raise CliError(str(err)) from err
        follows = args.follows
        if args.partnership:
            try:
                store.partnership(args.partnership)
            except LookupError as err:
                raise CliError(f"no partnership {args.partnership!r} in {store.data_dir}") from err
            if follows is None:
                follows = Workshop(store).bar_to_follow(activity, args.partnership)
        if follows is not None and store.catalog.session(follows) is None:
            raise CliError(f"no session {follows!r} in {store.data_dir}")
        start = StartRequest(activity, args.title or activity.name(args.lang), args.partnership, follows)
    wifi = (args.wifi, args.wifi_password) if args.wifi else None
    # The port the last run listened on comes first (phones still hold it), unless --port says otherwise.
    last_port = lock.previous.port if not args.port_given else None
    app = FacilitatorApp(store, RoomSettings(args.host, args.port, args.lang, wifi, last_port), start, lock,
                         offer_resume=True)
    app.run()
    if app.error:
        raise CliError(app.error)
    return 0


def _cmd_sessions(args: argparse.Namespace) -> int:
    from facilitator.core.i18n import format_date

    rows = _store(args, read_only=True).sessions()
    if not rows:
        print("no sessions yet")
        return 0
    for row in rows:
        print(f"{row['id']}  {format_date(row['created_at'], 'en')}  {row['status']:<7}  "
              f"{row['activity_id']:<5}  {row['participants']:>3} joined  {row['answers']:>4} answers  "
              f"{row['title']}")
    return 0


def _cmd_partnerships(args: argparse.Namespace) -> int:
    if args.action == "add":
        with _lock(args):  # a running app keeps the catalog in memory: it would write over an addition
            return _add_partnership(args, _store(args))
    store = _store(args, read_only=True)
    sessions = store.sessions()
    found = store.partnerships()
    if not found:
        print("no partnerships yet")
    for partnership in found:
        own = [row for row in sessions if row.get("partnership_id") == partnership.id]
        orgs = ", ".join(org.name for org in partnership.organisations)
        print(f"{partnership.id}  {partnership.name}  ({len(own)} sessions; {orgs})")
    return 0


def _add_partnership(args: argparse.Namespace, store: Store) -> int:
    if not args.name:
        raise CliError("partnerships add needs a NAME")
    orgs = []
    for spec in args.org:
        name, _, sector = spec.partition("|")
        if sector and sector.strip() not in SECTOR_KEYS:
            raise CliError(f"unknown sector {sector.strip()!r} (one of: {', '.join(SECTOR_KEYS)})")
        orgs.append((name.strip(), sector.strip()))
    partnership = store.create_partnership(args.name, orgs)
    print(partnership.id)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    import exports
    from facilitator.store import StoreUnavailable, UnknownSession

    try:
        suffix = exports.suffix(args.format)
    except exports.UnknownFormat as err:
        raise CliError(str(err)) from err
    store = _store(args, read_only=True)
    try:
        record = store.load(args.session_id)
    except UnknownSession as err:
        raise CliError(f"no session {args.session_id!r} in {store.data_dir}") from err
    except StoreUnavailable as err:
        raise CliError(str(err)) from err
    data = exports.export(record, args.format, args.lang)
    if args.out == "-":
        sys.stdout.buffer.write(data)
        return 0
    out = Path(args.out or f"{record.session.id}{suffix}")
    try:
        out.write_bytes(data)
    except OSError as err:
        raise CliError(f"cannot write {out}: {err.strerror or err}") from err
    print(out)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``facilitator`` and ``python -m facilitator``."""
    args = build_parser().parse_args(argv)
    args.port_given = hasattr(args, "port")
    for name, value in OPTION_DEFAULTS.items():  # options may come before or after the command
        if not hasattr(args, name):
            setattr(args, name, value)
    handler = {"sessions": _cmd_sessions, "export": _cmd_export, "partnerships": _cmd_partnerships}.get(
        args.command, _cmd_app
    )
    try:
        return handler(args)
    except CliError as err:
        print(f"facilitator: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
