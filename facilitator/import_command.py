"""``facilitator import FILE…``: JSON exports from other laptops read into this data directory, merged into
their partnerships (see :mod:`facilitator.core.merge`). Safe to repeat: a file already imported changes nothing."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from facilitator.cli_base import CliError, hold_data_dir, open_store
from facilitator.core.i18n import t


def add_parser(commands, common: argparse.ArgumentParser) -> None:  # noqa: ANN001 - argparse's private type
    """The ``import`` command's arguments."""
    parser = commands.add_parser(
        "import", parents=[common], help="read JSON exports back, merging them into their partnerships",
        description="Read session records written by 'facilitator export ID --format json' (on this laptop or "
                    "others) into the data directory. A session already held gains only what it lacks; a "
                    "partnership is matched by id, then by name, and learns the organisations the records name. "
                    "Importing a file twice changes nothing.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="a JSON export; several are merged")
    parser.add_argument("--partnership", default=None, metavar="ID",
                        help="put every imported session into this partnership")


def cmd_import(args: argparse.Namespace) -> int:
    """Import every file; files that cannot be read are named and skipped (exit status 1)."""
    with hold_data_dir(args):  # a running app keeps the catalog in memory: it would write over the import
        return asyncio.run(_import(open_store(args), args))


async def _import(store, args: argparse.Namespace) -> int:  # noqa: ANN001
    from exports.json_export import read_json
    from facilitator.store import UnknownPartnership
    from facilitator.store.importer import Importer

    lang = args.lang
    try:
        importer = Importer(store, into=args.partnership)
    except UnknownPartnership as err:
        await store.close()
        raise CliError(t("import_no_partnership", lang, id=args.partnership, dir=store.data_dir)) from err
    failed = 0
    try:
        for path in args.files:
            try:
                record = read_json(path.read_bytes())
            except (OSError, ValueError, UnicodeDecodeError) as err:
                reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
                print(t("import_unreadable", lang, file=path, reason=reason), file=sys.stderr)
                failed += 1
                continue
            done = await importer.add(record)
            print(_report(path, done, lang))
    finally:
        await importer.finish()
    return 1 if failed else 0


def _report(path: Path, done, lang: str) -> str:  # noqa: ANN001
    """One file's outcome, in a line or two."""
    result = done.arrival
    title = result.session.title
    if not result.changes:
        line = t("import_nothing_new", lang, file=path, title=title)
    else:
        line = t("import_added", lang, file=path, title=title, id=result.session.id,
                 answers=result.new_answers, participants=result.new_participants)
    if done.new_partnership:
        line += "\n  " + t("import_new_partnership", lang, name=done.partnership.name, id=done.partnership.id)
    if done.organisations:
        line += "\n  " + t("import_learned", lang, name=done.partnership.name, names=", ".join(done.organisations))
    return line
