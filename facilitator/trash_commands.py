"""The commands that change records from the shell: deleting into the trash, the trash itself, and bringing
back the last good copy of a damaged database file. Each holds the data directory while it works, so a running
app (which keeps the catalog in memory) never writes over it."""

from __future__ import annotations

import argparse
import sys

from facilitator.cli_base import CliError, default_data_dir, hold_data_dir, no_data_yet, open_store, require_data, resolve_id
from facilitator.core.i18n import t


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
    partnership_id = resolve_id(args.name, {p.id: p.name for p in store.partnerships()}, "cli_what_partnership",
                                args, "facilitator partnerships")
    own = [row for row in store.sessions() if row.get("partnership_id") == partnership_id]
    item = _move_to_trash(store, own, args.force, lambda: store.trash_partnership(partnership_id))
    print(f"moved partnership {item.id} ({item.title}) into the trash with its sessions ({len(item.sessions)}); "
          f"'facilitator trash restore {item.id}' brings them all back")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    require_data(args)
    with hold_data_dir(args):  # a running app keeps the catalog in memory: it would write over the deletion
        return _delete_session(open_store(args), args)


def _delete_session(store, args: argparse.Namespace) -> int:  # noqa: ANN001
    if args.demo:
        return _delete_rehearsals(store, args)
    if not args.session_id:
        raise CliError("delete needs a SESSION_ID (or --demo for every rehearsal)")
    rows = {row["id"]: row for row in store.sessions()}
    session_id = resolve_id(args.session_id, {key: row["title"] for key, row in rows.items()}, "cli_what_session",
                            args, "facilitator sessions")
    item = _move_to_trash(store, [rows[session_id]], args.force, lambda: store.trash_session(session_id))
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
    from facilitator.text_columns import pad

    if args.action in ("restore", "empty"):
        require_data(args)
        with hold_data_dir(args):  # a running app keeps the catalog in memory: it would write over the change
            return _change_trash(open_store(args), args)
    if (missing := no_data_yet(args)) is not None:
        print(missing)
        return 0
    lang = args.lang
    items = open_store(args, read_only=True).trashed()
    if not items:
        print(t("cli_trash_empty", lang))
    for item in items:
        kind = t(f"cli_what_{item.kind}", lang)
        sessions = f" ({t('cli_session_count', lang, n=len(item.sessions))})" if item.kind == "partnership" else ""
        deleted = t("cli_deleted_on", lang, date=format_date(item.deleted_at, lang))
        print(f"{item.id}  {pad(kind, 13)}  {deleted}  {item.title}{sessions}")
    return 0


def _change_trash(store, args: argparse.Namespace) -> int:  # noqa: ANN001
    from facilitator.store import CannotRestore, NotInTrash

    if args.action == "restore":
        if not args.item_id:
            raise CliError("trash restore needs the ID of a session or partnership in the trash")
        item_id = resolve_id(args.item_id, {item.id: item.title for item in store.trashed()}, "cli_what_trashed",
                             args, "facilitator trash", none="cli_trash_empty")
        try:
            item = store.restore_trashed(item_id)
        except NotInTrash as err:
            raise CliError(f"nothing with id {item_id!r} is in the trash") from err
        except CannotRestore as err:
            raise CliError(f"cannot restore {item_id}: {err}") from err
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
    require_data(args)
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
