"""``facilitator export --partnership ID --format F``: the partnership report, from the records as stored now."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facilitator.cli_base import CliError, open_store


def export_partnership(args: argparse.Namespace) -> int:
    """Write the report of the partnership ``args.partnership`` (its progress summary computed afresh)."""
    from exports.partnership_report import FORMATS
    from facilitator.core.summaries.progress import progress_summary
    from facilitator.store import UnknownPartnership

    if args.format not in FORMATS:
        raise CliError(f"the partnership report is written as {', '.join(FORMATS)}, not {args.format!r}")
    suffix, write = FORMATS[args.format]
    store = open_store(args, read_only=True)
    try:
        partnership = store.partnership(args.partnership)
    except UnknownPartnership as err:
        raise CliError(f"no partnership {args.partnership!r} in {store.data_dir}") from err
    records = [rec for rec in store.partnership_records(partnership.id) if not rec.session.demo]  # no rehearsals
    summary = progress_summary(partnership, records)
    data = write(partnership, summary, args.lang)
    if args.out == "-":
        sys.stdout.buffer.write(data)
        return 0
    out = Path(args.out or f"{partnership.name or partnership.id}{suffix}".replace("/", "-"))
    try:
        out.write_bytes(data)
    except OSError as err:
        raise CliError(f"cannot write {out}: {err.strerror or err}") from err
    print(out)
    return 0
