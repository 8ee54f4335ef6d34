"""The commands that change records from the shell: deleting into the trash, the trash itself, and bringing
back the last good copy of a damaged database file. Each holds the data directory while it works, so a running
app (which keeps the catalog in memory) never writes over it."""

from __future__ import annotations

import argparse
import sys

from facilitator.cli_base import CliError, default_data_dir, hold_data_dir, open_store


def _move_to_trash(store, rows: list[dict], force: bool, move):  # noqa: ANN001, ANN202
    """Refuse sessions that are not closed (unless ``force``), then ``move()`` them into the trash."""
    from facilitator.store import SessionInUse

    unfinished = [row["id"] for row in rows if row["status"] != "closed"]
    if unfinished and not force:
        raise CliError(f"session {', '.join(unfinished)} is not closed: close it in the app first "
                       "(or, if the app is not running, use --force)")
    try:
        return move()
    except SessionInUse as err:
        raise CliError(f"session {err} is being served") from err


def delete_partnership(store, args: argparse.Namespace) -> int:  # noqa: ANN001
    if not args.name:
        raise CliError("partnerships delete needs the partnership's ID")
    if not any(p.id == args.name for p in store.partnerships()):
        raise CliError(f"no partnership {args.name!r} in {store.data_dir}")
    own = [row for row in store.sessions() if row.get("partnership_id") == args.name]
    item = _move_to_trash(store, own, args.force, lambda: store.trash_partnership(args.name))
    print(f"moved partnership {item.id} ({item.title}) into the trash with its sessions ({len(item.sessions)}); "
          f"'facilitator trash restore {item.id}' brings them all back")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with hold_data_dir(args):  # a running app keeps the catalog in memory: it would write over the deletion
        return _delete_session(open_store(args), args)


def _delete_session(store, args: argparse.Namespace) -> int:  # noqa: ANN001
    if args.demo:
        return _delete_rehearsals(store, args)
    if not args.session_id:
        raise CliError("delete needs a SESSION_ID (or --demo for every rehearsal)")
    entry = next((row for row in store.sessions() if row["id"] == args.session_id), None)
    if entry is None:
        raise CliError(f"no session {args.session_id!r} in {store.data_dir}")
    item = _move_to_trash(store, [entry], args.force, lambda: store.trash_session(args.session_id))
    print(f"moved session {item.id} ({item.title}) into the trash; "
          f"'facilitator trash restore {item.id}' brings it back")
    return 0


def _delete_rehearsals(store, args: argparse.Namespace) -> int:  # noqa: ANN001
    """Every rehearsal into the trash, finished or not: nobody's answers are in one (the data directory is held,
    so no app is serving one)."""
    if args.session_id:
        raise CliError("delete takes a SESSION_ID or --demo, not both")
    rows = [row for row in store.sessions() if row.get("demo")]
    if not rows:
        print("no rehearsals to delete")
        return 0
    for row in rows:
        item = store.trash_session(row["id"])
        print(f"moved rehearsal {item.id} ({item.title}) into the trash")
    print("'facilitator trash restore ID' brings one back")
    return 0


def cmd_trash(args: argparse.Namespace) -> int:
    from facilitator.core.i18n import format_date

    if args.action in ("restore", "empty"):
        with hold_data_dir(args):  # a running app keeps the catalog in memory: it would write over the change
            return _change_trash(open_store(args), args)
    items = open_store(args, read_only=True).trashed()
    if not items:
        print("the trash is empty")
    for item in items:
        sessions = f" with {len(item.sessions)} sessions" if item.kind == "partnership" else ""
        print(f"{item.id}  {item.kind:<11}  deleted {format_date(item.deleted_at, 'en')}  {item.title}{sessions}")
    return 0


def _change_trash(store, args: argparse.Namespace) -> int:  # noqa: ANN001
    from facilitator.store import CannotRestore, NotInTrash

    if args.action == "restore":
        if not args.item_id:
            raise CliError("trash restore needs the ID of a session or partnership in the trash")
        try:
            item = store.restore_trashed(args.item_id)
        except NotInTrash as err:
            raise CliError(f"nothing with id {args.item_id!r} is in the trash") from err
        except CannotRestore as err:
            raise CliError(f"cannot restore {args.item_id}: {err}") from err
        print(f"restored {item.kind} {item.id} ({item.title})")
        return 0
    items = store.trashed()
    if items and not args.yes:
        if not sys.stdin.isatty():
            raise CliError("trash empty deletes for good: add --yes to confirm without a terminal")
        reply = input(f"Delete {len(items)} item(s) in the trash for good? [y/N] ")
        if reply.strip().lower() not in ("y", "yes"):
            print("nothing deleted")
            return 1
    print(f"deleted {store.empty_trash()} item(s) for good")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    with hold_data_dir(args):  # never under a running app's feet
        return _restore(args)


def _restore(args: argparse.Namespace) -> int:
    from facilitator.store.repair import restore_last_good

    data_dir = args.data_dir or default_data_dir()
    repairs = restore_last_good(data_dir)
    for repair in repairs:
        if repair.restored:
            print(f"restored {repair.path} from its last good copy (the damaged file is kept as {repair.kept})")
        else:
            print(f"{repair.path} cannot be read and no good copy of it is kept")
    indexed, forgotten = open_store(args).reconcile_index()
    for session_id in indexed:
        print(f"listed session {session_id} again (its file is there; the restored copy did not list it)")
    for session_id in forgotten:
        print(f"no longer lists session {session_id} (its files were deleted for good after that copy was made)")
    if not repairs and not indexed and not forgotten:
        print(f"every database file in {data_dir} reads fine: nothing to restore")
    return 0
