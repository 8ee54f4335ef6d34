"""``facilitator activities``: the activities that run (built-in, and the facilitator's own files in
``<data dir>/activities/``), and ``activities validate FILE``, which names every mistake of a file with its line.

Nothing here creates the data directory or its ``activities/`` folder: listing only reads."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from facilitator.cli_base import CliError, data_dir_of
from facilitator.core.i18n import t
from facilitator.text_columns import pad


def cmd_activities(args: argparse.Namespace) -> int:
    """List the activities, or (``validate FILE``) check one file; 1 when the file has mistakes."""
    if args.action == "validate":
        if not args.file:
            raise CliError(t("cli_validate_needs_file", args.lang))
        return _validate(Path(args.file), args)
    return _list(args)


def _list(args: argparse.Namespace) -> int:
    from activities.library import builtins, own, own_dir

    lang = args.lang
    listed = builtins()
    mine = own(data_dir_of(args))
    width = max(len(entry.id) for entry in [*listed, *mine])
    print(t("cli_builtin_activities", lang))
    for entry in listed:
        print("  " + _line(entry, width, lang, with_path=False))
    print()
    print(t("cli_own_activities", lang, folder=own_dir(data_dir_of(args))))
    for entry in mine:
        print("  " + _line(entry, width, lang, with_path=True))
    if not mine:
        print("  " + t("cli_no_own_activities", lang))
    return 0


def _line(entry, width: int, lang: str, *, with_path: bool) -> str:  # noqa: ANN001 - activities.library.Entry
    head = entry.id.ljust(width)
    if entry.error is not None:
        return f"{head}  ⚠ " + t("cli_activity_mistake", lang, mistake=entry.error, path=entry.path)
    if entry.taken_by is not None:
        return f"{head}  ⚠ " + t("cli_activity_id_taken", lang, path=entry.path, other=entry.taken_by)
    line = f"{head}  {pad(entry.activity.name(lang), 40)}  {t('cli_steps', lang, n=len(entry.activity.steps))}"
    return f"{line}  {entry.path}" if with_path else line.rstrip()


def _validate(path: Path, args: argparse.Namespace) -> int:
    from activities import ActivityError, load_file
    from activities.library import own_dir

    lang = args.lang
    try:
        activity = load_file(path)
    except ActivityError as err:
        for mistake in err.mistakes:
            print(mistake)
        print(t("cli_mistakes", lang, n=len(err.mistakes), file=path))
        return 1
    kinds = Counter(step.kind for step in activity.steps)
    print(t("cli_valid", lang, file=path, id=activity.id, title=activity.name(lang), n=len(activity.steps),
            kinds=", ".join(f"{kind} ×{count}" for kind, count in kinds.items())))
    folder = own_dir(data_dir_of(args))
    if path.resolve().parent == folder.resolve():
        print(t("cli_run_own", lang, id=activity.id))
    else:
        print(t("cli_run_file", lang, path=path, folder=folder, id=activity.id))
    return 0
