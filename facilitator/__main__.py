"""The ``facilitator`` command: the app, and the records from the shell."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator import __version__, big_buffers, import_command
from facilitator.activity_commands import cmd_activities
from facilitator.cli_base import (
    DATA_DIR_ENV,
    CliError,
    default_data_dir,
    hold_data_dir,
    open_store,
    require_data,
    resolve_id,
)
from facilitator.core.vocab import SECTORS
from facilitator.listing_commands import add_partnership, cmd_sessions, list_partnerships
from facilitator.partnership_export import export_partnership
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


def _pace(value: str) -> float:
    try:
        pace = float(value)
    except ValueError:
        pace = -1.0
    if not 0 < pace <= 600:
        raise argparse.ArgumentTypeError("a pace is a number of seconds, more than 0 and at most 600")
    return pace


def build_parser() -> argparse.ArgumentParser:
    """The command line: no command opens the home screen."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS,
                        help=f"where the TinyDB files live (default: ${DATA_DIR_ENV} or {default_data_dir()})")
    common.add_argument("--lang", choices=("th", "en"), default=argparse.SUPPRESS,
                        help="language of the screen, the listings and the messages (default th)")
    room = argparse.ArgumentParser(add_help=False)
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
    run.add_argument("activity", help="a built-in activity (bar, aar, …), the id of one of your own in "
                                      "<data dir>/activities/, or the path of a .toml file "
                                      "(facilitator activities lists them)")
    run.add_argument("--title", default=None, help="the session's title (default: the activity's name)")
    run.add_argument("--partnership", default=None, metavar="ID",
                     help="run it inside this partnership (its id, or the start of it)")
    run.add_argument("--follows", default=None, metavar="SESSION_ID",
                     help="the BAR this AAR or check-in follows (default: the partnership's latest BAR); "
                          "the session's id or the start of it")
    run.add_argument("--place", default="", help="where the meeting is held (printed in every export)")
    run.add_argument("--facilitator", default="", metavar="NAME", help="who facilitates it (printed in every export)")
    run.add_argument("--when", default="", metavar="DATE [TIME]",
                     help="when it is held: YYYY-MM-DD or D/M/YYYY (Buddhist-era years too), optionally HH:MM "
                          "(default: when it starts)")
    run.add_argument("--anonymous", action="store_true",
                     help="ask phones for no name and keep none (organisation and sector are still asked)")
    run.add_argument("--demo", action="store_true",
                     help="a rehearsal: simulated phones join through this app's server and answer with Thai sample "
                          "answers; the session is marked as a rehearsal and kept out of the partnership's progress")
    run.add_argument("--pace", type=_pace, default=None, metavar="SECONDS",
                     help="with --demo: mean seconds between two actions of a simulated phone (default 4)")
    partnerships = commands.add_parser(
        "partnerships", parents=[common], help="list partnerships, add one, or delete one",
        description="List partnerships with their sessions; 'add NAME --org \"NAME|SECTOR\" …' creates one "
                    "(every organisation with its sector: NAME|SECTOR or NAME:SECTOR, the sector as its key or "
                    "its Thai or English name; NAME| when its sector is not known, so phones from it are asked); "
                    "'delete ID' moves a partnership into the trash together with its sessions "
                    "('facilitator trash restore ID' brings them all back). An ID may be shortened to its start.",
    )
    partnerships.add_argument("action", nargs="?", choices=("list", "add", "delete"), default="list")
    partnerships.add_argument("name", nargs="?", metavar="NAME_OR_ID",
                              help="the new partnership's name (with add); the partnership's id (with delete)")
    partnerships.add_argument("--org", action="append", default=[], metavar="NAME|SECTOR",
                              help=f"with add: an invited organisation and its sector, as NAME|SECTOR or NAME:SECTOR "
                                   f"(SECTOR: {', '.join(SECTOR_KEYS)}, or its Thai or English name; NAME| when "
                                   "it is not known); repeat")
    partnerships.add_argument("--force", action="store_true",
                              help="with delete: also when one of its sessions is not closed (only while the app "
                                   "is not running)")
    commands.add_parser("sessions", parents=[common], help="list the sessions in the data directory",
                        description="List every session, newest first: id, date, status, activity, how many "
                                    "joined, how many answers stand (hidden and withdrawn ones are not "
                                    "counted), title (in --lang). Creates nothing: a data directory "
                                    "that does not exist has no data yet.")
    activities = commands.add_parser(
        "activities", parents=[common], help="list the activities, or check an activity file",
        description="List the built-in activities and your own: the activity files (.toml) in the activities "
                    "folder of the data directory (<data dir>/activities/), each run by its id with "
                    "'facilitator run ID'. 'validate FILE' checks a file and names every mistake with its "
                    "line (exit status 1), or says OK with a summary. The format: docs/activities.md.",
    )
    activities.add_argument("action", nargs="?", choices=("list", "validate"), default="list")
    activities.add_argument("file", nargs="?", metavar="FILE", help="with validate: the activity file to check")
    delete = commands.add_parser(
        "delete", parents=[common], help="move a session (or every rehearsal) into the trash",
        description="Move SESSION_ID (its answers, participants, summaries; the id or the start of it) into the "
                    "trash; with --demo, every rehearsal instead, finished or not. Nothing is lost: 'facilitator "
                    "trash restore ID' brings one back; only 'facilitator trash empty' deletes for good.",
    )
    delete.add_argument("session_id", nargs="?")
    delete.add_argument("--demo", action="store_true",
                        help="every rehearsal (sessions started with --demo), also those not closed")
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
    import_command.add_parser(commands, common)
    export = commands.add_parser("export", parents=[common], help="write a session's record to a file",
                                 description="Write the record of SESSION_ID (the id, or the start of it) in "
                                             "a format, in --lang (default th); or, with --partnership ID, the "
                                             "partnership report.")
    export.add_argument("session_id", nargs="?", help="the session (or the start of its id)")
    export.add_argument("--partnership", default=None, metavar="ID",
                        help="instead of a session: the partnership report (every commitment and where it stands, "
                             "the meetings, expectations beside results, health by organisation)")
    export.add_argument("--format", required=True,
                        help="json, md, csv, xlsx, html, pdf, png (a poster), qr-png or qr-pdf (the join handout: "
                             "needs --url); the partnership report: md, pdf, xlsx or html")
    export.add_argument("--out", default=None,
                        help="file or folder to write (default: the current folder, under a readable name such as "
                             "'2569-12-03 BAR title.pdf', numbered if taken; - for stdout)")
    export.add_argument("--url", default=None,
                        help="the join address the QR handout prints (shown on the app's join screen)")
    return parser


def _cmd_app(args: argparse.Namespace) -> int:
    with hold_data_dir(args) as lock:  # before the store opens: a second copy must not touch the first one's files
        return _run_app(args, lock)


def start_request(args: argparse.Namespace, store: Store) -> StartRequest | None:
    """The session ``facilitator run`` opens as the app starts (``None`` for the home screen alone)."""
    from activities import ActivityError, UnknownActivity
    from activities.library import find, own_dir
    from facilitator.core.i18n import read_date, t
    from facilitator.core.model import SessionDetails
    from facilitator.core.workshop import Workshop
    from facilitator.tui.app import StartRequest

    if args.command != "run":
        return None
    try:
        activity = find(args.activity, store.data_dir)
    except ActivityError as err:
        raise CliError(str(err)) from err
    except UnknownActivity as err:
        raise CliError(t("cli_unknown_activity", args.lang, name=err.name, ids=", ".join(err.available),
                         folder=own_dir(store.data_dir))) from err
    follows = args.follows and resolve_id(args.follows, session_titles(store), "cli_what_session", args,
                                          "facilitator sessions")
    partnership = args.partnership and resolve_id(args.partnership, {p.id: p.name for p in store.partnerships()},
                                                  "cli_what_partnership", args, "facilitator partnerships")
    if partnership and follows is None:
        follows = Workshop(store).bar_to_follow(activity, partnership, demo=args.demo)
    try:
        held_at = read_date(args.when, with_time=True)
    except ValueError as err:
        raise CliError(f"cannot read the date {args.when!r}: use YYYY-MM-DD or D/M/YYYY, then HH:MM") from err
    details = SessionDetails(args.place.strip(), args.facilitator.strip(), held_at)
    return StartRequest(activity, args.title or activity.name(args.lang), partnership or None, follows or None,
                        anonymous=args.anonymous, details=details, demo=args.demo)


def session_titles(store: Store) -> dict[str, str]:
    """Every session's id with its title, for finding a session by (the start of) its id."""
    return {row["id"]: row["title"] for row in store.sessions()}


def _run_app(args: argparse.Namespace, lock: AppLock) -> int:
    from facilitator.tui.app import FacilitatorApp, RoomSettings

    store = open_store(args)
    start = start_request(args, store)
    wifi = (args.wifi, args.wifi_password) if args.wifi else None
    # The port the last run listened on comes first (phones still hold it), unless --port says otherwise.
    last_port = lock.previous.port if not args.port_given else None
    settings = RoomSettings(args.host, args.port, args.lang, wifi, last_port, args.theme)
    if getattr(args, "pace", None) is not None:
        settings = replace(settings, rehearsal_pace=args.pace)
    app = FacilitatorApp(store, settings, start, lock, offer_resume=True)
    app.run()
    if app.error:
        raise CliError(app.error)
    return 0


def _cmd_partnerships(args: argparse.Namespace) -> int:
    if args.action == "delete":
        require_data(args)
        with hold_data_dir(args):  # a running app keeps the catalog in memory: it would write over the deletion
            return delete_partnership(open_store(args), args)
    if args.action == "add":
        return add_partnership(args)
    return list_partnerships(args)


def _cmd_export(args: argparse.Namespace) -> int:
    if args.partnership:
        return export_partnership(args)
    if not args.session_id:
        raise CliError("export needs a SESSION_ID, or --partnership ID")
    import exports
    from exports.filenames import write_new
    from exports.saving import file_name
    from facilitator.core.i18n import t
    from facilitator.store import StoreUnavailable, UnknownSession

    try:
        if exports.get(args.format).needs_url and not args.url:
            raise exports.MissingUrl(args.format)
    except (exports.UnknownFormat, exports.MissingUrl) as err:
        raise CliError(str(err)) from err
    require_data(args)
    store = open_store(args, read_only=True)
    session_id = resolve_id(args.session_id, session_titles(store), "cli_what_session", args, "facilitator sessions")
    try:
        record = store.load(session_id)
    except UnknownSession as err:
        raise CliError(t("cli_never_opened", args.lang, id=session_id)) from err
    except StoreUnavailable as err:
        raise CliError(str(err)) from err
    data = exports.export(record, args.format, args.lang, url=args.url)
    if args.out == "-":
        sys.stdout.buffer.write(data)
        return 0
    folder = Path(args.out or ".")
    try:
        if args.out is None or folder.is_dir():
            out = write_new(folder, file_name(record, args.format, args.lang), data)
        else:
            out = folder
            out.write_bytes(data)
    except OSError as err:
        raise CliError(f"cannot write {args.out or file_name(record, args.format, args.lang)}: "
                       f"{err.strerror or err}") from err
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
    big_buffers.give_back_when_freed()
    args = parse_args(argv)
    handler = {"sessions": cmd_sessions, "export": _cmd_export, "partnerships": _cmd_partnerships,
               "activities": cmd_activities, "delete": cmd_delete, "trash": cmd_trash, "restore": cmd_restore,
               "import": import_command.cmd_import}.get(
        args.command, _cmd_app
    )
    try:
        return handler(args)
    except CliError as err:
        print(f"facilitator: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
