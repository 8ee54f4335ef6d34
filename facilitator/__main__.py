"""The ``facilitator`` command: the app, and the records from the shell."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator import __version__
from facilitator.cli_base import (
    DATA_DIR_ENV,
    CliError,
    default_data_dir,
    hold_data_dir,
    open_store,
)
from facilitator.core.vocab import SECTORS
from facilitator.trash_commands import (
    cmd_delete,
    cmd_restore,
    cmd_trash,
    delete_partnership,
)

if TYPE_CHECKING:
    from facilitator.store import Store
    from facilitator.store.lock import AppLock
    from facilitator.tui.app import StartRequest

SECTOR_KEYS = tuple(SECTORS)


OPTION_DEFAULTS = {"data_dir": None, "lang": "th", "host": None, "port": 8080, "wifi": None, "wifi_password": "",
                   "theme": None}


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
    room.add_argument("--theme", choices=("default", "projector"), default=argparse.SUPPRESS,
                      help="the screen's look: projector is high contrast with a larger prompt, for the back row "
                           "(default: the look chosen last time with b, else default)")
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
    run.add_argument("--anonymous", action="store_true",
                     help="ask phones for no name and keep none (organisation and sector are still asked)")
    partnerships = commands.add_parser(
        "partnerships", parents=[common], help="list partnerships, add one, or delete one",
        description="List partnerships with their sessions; 'add NAME --org \"NAME|SECTOR\" …' creates one; "
                    "'delete ID' moves a partnership into the trash together with its sessions "
                    "('facilitator trash restore ID' brings them all back).",
    )
    partnerships.add_argument("action", nargs="?", choices=("list", "add", "delete"), default="list")
    partnerships.add_argument("name", nargs="?", metavar="NAME_OR_ID",
                              help="the new partnership's name (with add); the partnership's id (with delete)")
    partnerships.add_argument("--org", action="append", default=[], metavar="NAME|SECTOR",
                              help=f"an invited organisation and its sector ({', '.join(SECTOR_KEYS)}); repeat")
    partnerships.add_argument("--force", action="store_true",
                              help="with delete: also when one of its sessions is not closed (only while the app "
                                   "is not running)")
    commands.add_parser("sessions", parents=[common], help="list the sessions in the data directory",
                        description="List every session, newest first.")
    delete = commands.add_parser(
        "delete", parents=[common], help="move a session into the trash",
        description="Move SESSION_ID (its answers, participants, summaries) into the trash. Nothing is lost: "
                    "'facilitator trash restore SESSION_ID' brings it back; only 'facilitator trash empty' "
                    "deletes for good.",
    )
    delete.add_argument("session_id")
    delete.add_argument("--force", action="store_true",
                        help="also a session that is not closed (only while the app is not running)")
    trash = commands.add_parser(
        "trash", parents=[common], help="list, restore or empty the trash",
        description="With no action, list what is in the trash (what, when deleted, title). "
                    "'restore ID' brings a session or partnership back whole; 'empty' deletes everything in the "
                    "trash for good, after asking.",
    )
    trash.add_argument("action", nargs="?", choices=("list", "restore", "empty"), default="list")
    trash.add_argument("item_id", nargs="?", metavar="ID", help="with restore: the session's or partnership's id")
    trash.add_argument("--yes", action="store_true", help="with empty: do not ask (needed without a terminal)")
    commands.add_parser(
        "restore", parents=[common], help="bring back the last good copy of a damaged database file",
        description="Replace every database file of the data directory that cannot be read with the last good "
                    "copy kept beside it (<name>.bak); the damaged file is kept as <name>.damaged. Records "
                    "stored after that copy are missing from it, except a session's answers still in its journal.",
    )
    export = commands.add_parser("export", parents=[common], help="write a session's record to a file",
                                 description="Write the record of SESSION_ID in a format.")
    export.add_argument("session_id")
    export.add_argument("--format", required=True, help="json or md")
    export.add_argument("--lang", choices=("th", "en"), default=argparse.SUPPRESS,
                        help="language of the export (default th)")
    export.add_argument("--out", default=None,
                        help="file to write (default: SESSION_ID with the format's suffix; - for stdout)")
    return parser


def _cmd_app(args: argparse.Namespace) -> int:
    with hold_data_dir(args) as lock:  # before the store opens: a second copy must not touch the first one's files
        return _run_app(args, lock)


def start_request(args: argparse.Namespace, store: Store) -> StartRequest | None:
    """The session ``facilitator run`` opens as the app starts (``None`` for the home screen alone)."""
    from activities import ActivityError, UnknownActivity, load
    from facilitator.core.workshop import Workshop
    from facilitator.tui.app import StartRequest

    if args.command != "run":
        return None
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
    return StartRequest(activity, args.title or activity.name(args.lang), args.partnership, follows,
                        anonymous=args.anonymous)


def _run_app(args: argparse.Namespace, lock: AppLock) -> int:
    from facilitator.tui.app import FacilitatorApp, RoomSettings

    store = open_store(args)
    start = start_request(args, store)
    wifi = (args.wifi, args.wifi_password) if args.wifi else None
    # The port the last run listened on comes first (phones still hold it), unless --port says otherwise.
    last_port = lock.previous.port if not args.port_given else None
    app = FacilitatorApp(store, RoomSettings(args.host, args.port, args.lang, wifi, last_port, args.theme), start, lock,
                         offer_resume=True)
    app.run()
    if app.error:
        raise CliError(app.error)
    return 0


def _cmd_sessions(args: argparse.Namespace) -> int:
    from facilitator.core.i18n import format_date

    rows = open_store(args, read_only=True).sessions()
    if not rows:
        print("no sessions yet")
        return 0
    for row in rows:
        print(f"{row['id']}  {format_date(row['created_at'], 'en')}  {row['status']:<7}  "
              f"{row['activity_id']:<5}  {row['participants']:>3} joined  {row['answers']:>4} answers  "
              f"{row['title']}")
    return 0


def _cmd_partnerships(args: argparse.Namespace) -> int:
    if args.action == "delete":
        with hold_data_dir(args):  # a running app keeps the catalog in memory: it would write over the deletion
            return delete_partnership(open_store(args), args)
    if args.action == "add":
        with hold_data_dir(args):  # a running app keeps the catalog in memory: it would write over an addition
            return _add_partnership(args, open_store(args))
    store = open_store(args, read_only=True)
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
    store = open_store(args, read_only=True)
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


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line read, with the defaults of options not given (before or after the command)."""
    args = build_parser().parse_args(argv)
    args.port_given = hasattr(args, "port")
    for name, value in OPTION_DEFAULTS.items():  # options may come before or after the command
        if not hasattr(args, name):
            setattr(args, name, value)
    return args


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``facilitator`` and ``python -m facilitator``."""
    args = parse_args(argv)
    handler = {"sessions": _cmd_sessions, "export": _cmd_export, "partnerships": _cmd_partnerships,
               "delete": cmd_delete, "trash": cmd_trash, "restore": cmd_restore}.get(
        args.command, _cmd_app
    )
    try:
        return handler(args)
    except CliError as err:
        print(f"facilitator: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
