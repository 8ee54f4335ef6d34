"""``facilitator export --partnership ID --format F``: the partnership report, from the records as stored now."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facilitator.cli_base import CliError, open_store, require_data, resolve_id


def export_partnership(args: argparse.Namespace) -> int:
    """Write the report of the partnership ``args.partnership`` (its progress summary computed afresh)."""
    from exports.partnership_report import FORMATS, save
    from facilitator.core.summaries.progress import progress_summary
    from facilitator.store import UnknownPartnership

    if args.format not in FORMATS:
        raise CliError(f"the partnership report is written as {', '.join(FORMATS)}, not {args.format!r}")
    write = FORMATS[args.format][1]
    require_data(args)
    store = open_store(args, read_only=True)
    partnership_id = resolve_id(args.partnership, {p.id: p.name for p in store.partnerships()},
                                "cli_what_partnership", args, "facilitator partnerships")
    try:
        partnership = store.partnership(partnership_id)
    except UnknownPartnership as err:
        raise CliError(f"no partnership {args.partnership!r} in {store.data_dir}") from err
    summary = progress_summary(partnership, store.partnership_records(partnership.id))
    if args.out == "-":
        sys.stdout.buffer.write(write(partnership, summary, args.lang))
        return 0
    folder = Path(args.out or ".")
    try:
        if args.out is None or folder.is_dir():  # a readable name: "2569-12-03 รายงานภาคี ภาคีตำบลหนองบัว.md"
            out = save(partnership, summary, args.format, args.lang, folder)
        else:
            out = folder
            out.write_bytes(write(partnership, summary, args.lang))
    except OSError as err:
        raise CliError(f"cannot write {args.out or folder}: {err.strerror or err}") from err
    print(out)
    return 0
