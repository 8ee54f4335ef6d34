"""``facilitator sessions`` and ``facilitator partnerships``: the records listed in the chosen language
(``--lang``), and a partnership added with its invited organisations and their sectors.

Listing only reads: a data directory that does not exist is not created; the command says there is no data
yet."""

from __future__ import annotations

import argparse

from rich.cells import cell_len

from facilitator.cli_base import CliError, hold_data_dir, no_data_yet, open_store
from facilitator.core.chronology import listed_held_at
from facilitator.core.i18n import format_when, sector_label, t
from facilitator.core.vocab import SECTORS
from facilitator.text_columns import pad


def cmd_sessions(args: argparse.Namespace) -> int:
    """Every session, the latest meeting first: id, the date it was held (else started), status, activity, who
    joined, the answers that stand (as the home screen counts them: :func:`facilitator.store.index.counts_of`),
    title."""
    lang = args.lang
    if (missing := no_data_yet(args)) is not None:
        print(missing)
        return 0
    rows = open_store(args, read_only=True).sessions()
    if not rows:
        print(t("cli_no_sessions", lang))
        return 0
    status_width = max(len(t(row["status"], lang)) for row in rows)
    when = [format_when(listed_held_at(row), lang) for row in rows]
    when_width = max(cell_len(text) for text in when)
    for row, held in zip(rows, when):
        print(f"{row['id']}  {pad(held, when_width)}  {pad(t(row['status'], lang), status_width)}  "
              f"{row['activity_id']:<11}  {pad(t('cli_joined_count', lang, n=row['participants']), 14)}  "
              f"{pad(t('cli_answer_count', lang, n=row['answers']), 11)}  {row['title']}"
              + (f"  ({t('rehearsal_mark', lang)})" if row.get("demo") else ""))
    return 0


def list_partnerships(args: argparse.Namespace) -> int:
    """Every partnership: id, name, how many sessions, its organisations with their sectors."""
    lang = args.lang
    if (missing := no_data_yet(args)) is not None:
        print(missing)
        return 0
    store = open_store(args, read_only=True)
    sessions = store.sessions()
    found = store.partnerships()
    if not found:
        print(t("cli_no_partnerships", lang))
    for partnership in found:
        own = sum(1 for row in sessions if row.get("partnership_id") == partnership.id)
        orgs = ", ".join(f"{org.name} ({sector_label(org.sector, lang)})" for org in partnership.organisations)
        print(f"{partnership.id}  {partnership.name}  ({t('cli_session_count', lang, n=own)}; {orgs})")
    return 0


def add_partnership(args: argparse.Namespace) -> int:
    """``partnerships add NAME --org "NAME|SECTOR" …``: every organisation's sector is checked before anything
    is stored."""
    if not args.name:
        raise CliError(t("cli_add_needs_name", args.lang))
    orgs = [organisation(spec, args.lang) for spec in args.org]
    with hold_data_dir(args):  # a running app keeps the catalog in memory: it would write over an addition
        partnership = open_store(args).create_partnership(args.name, orgs)
    print(partnership.id)
    return 0


def _sector_key(text: str) -> str | None:
    """The sector ``text`` names, as its key or its Thai or English label; ``None`` if it names none."""
    wanted = text.strip().casefold()
    for key, label in SECTORS.items():
        if wanted in (key, label.th.casefold(), label.en.casefold()):
            return key
    return None


def sectors_listed(lang: str) -> str:
    """Every sector one may give: its key with its label."""
    return ", ".join(f"{key} ({sector_label(key, lang)})" for key in SECTORS)


def organisation(spec: str, lang: str) -> tuple[str, str]:
    """An ``--org`` value as (name, sector key): ``NAME|SECTOR`` (or ``NAME:SECTOR``), the sector as its key or
    label; ``NAME|`` says the sector is not known (phones from it are asked). A name alone is refused, saying
    how to write it and listing the sectors."""
    name, bar, sector = spec.partition("|")
    if not bar:
        before, colon, after = spec.rpartition(":")
        if colon and _sector_key(after) is not None:
            name, bar, sector = before, "|", after
    name = name.strip()
    if not name:
        raise CliError(t("cli_org_needs_name", lang, spec=spec))
    if not bar:
        raise CliError(t("cli_org_needs_sector", lang, name=name, sectors=sectors_listed(lang)))
    if not sector.strip():
        return name, ""
    key = _sector_key(sector)
    if key is None:
        raise CliError(t("cli_unknown_sector", lang, sector=sector.strip(), sectors=sectors_listed(lang)))
    return name, key
