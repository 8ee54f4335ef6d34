"""``python -m bench`` (``make bench``): run every scenario and print one table against the targets.

Targets are reported, not asserted: the exit status is non-zero only when a scenario could not run.

``--quick`` runs a reduced version (short loads, 10 kills) in under a minute; ``--only a,b`` runs some
scenarios; ``--profile DIR`` makes the servers write cProfile files there and prints their top functions;
``--stalls DIR`` makes the real app (sections 7a–7e) write there every pause of its event loop over 20 ms, with
the stacks that held it (:mod:`bench.stalls`), and prints the longest.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import pstats
import sys
import time
import traceback
from pathlib import Path

from bench.scenarios import QUICK, SCENARIOS, Config, log
from bench.table import Row, Rule, render


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a reduced run (under a minute)")
    parser.add_argument("--only", default="", help=f"comma-separated scenarios of: {', '.join(SCENARIOS)}")
    parser.add_argument("--kills", type=int, default=None, help="SIGKILL rounds (default 100; 10 with --quick)")
    parser.add_argument("--profile", type=Path, default=None, metavar="DIR",
                        help="write a cProfile of each server into DIR and print the top 15 functions")
    parser.add_argument("--stalls", type=Path, default=None, metavar="DIR",
                        help="write the real app's event-loop pauses over 20 ms, with their stacks, into DIR")
    return parser.parse_args(argv)


def profile_summaries(directory: Path, top: int = 15) -> str:
    """The top functions (by own time) of every profile in ``directory``."""
    import io

    out = io.StringIO()
    for path in sorted(directory.glob("*.prof")):
        out.write(f"\n=== {path.name} ===\n")
        stats = pstats.Stats(str(path), stream=out)
        stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def stall_summaries(directory: Path, top: int = 40) -> str:
    """The head of every stall report in ``directory`` (the longest pauses)."""
    out = []
    for path in sorted(directory.glob("*.stalls.txt")):
        out.append(f"\n=== {path.name} ===")
        out.extend(path.read_text(encoding="utf-8").splitlines()[:top])
    return "\n".join(out)


async def run(names: list[str], cfg: Config) -> list[Row | Rule]:
    """Every requested scenario, in order; a failing scenario becomes a failed row, the others still run."""
    lines: list[Row | Rule] = []
    for name in names:
        title, scenario = SCENARIOS[name]
        lines.append(Rule(title))
        began = time.perf_counter()
        try:
            lines.extend(await scenario(cfg))
        except Exception as err:  # noqa: BLE001 - reported in the table; the other scenarios still run
            traceback.print_exc(file=sys.stderr)
            lines.append(Row(f"{title} failed: {type(err).__name__}: {str(err).splitlines()[0][:80]}", "",
                             "runs", False))
        log(f"{title}: {time.perf_counter() - began:.0f} s")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run the bench and print the table."""
    args = parse_args(argv)
    cfg = QUICK if args.quick else Config()
    if args.kills is not None:
        cfg = dataclasses.replace(cfg, kills=args.kills)
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
        cfg = dataclasses.replace(cfg, profile_dir=args.profile.resolve())
    if args.stalls:
        args.stalls.mkdir(parents=True, exist_ok=True)
        cfg = dataclasses.replace(cfg, stalls_dir=args.stalls.resolve())
    names = [n.strip() for n in args.only.split(",") if n.strip()] or list(SCENARIOS)
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        print(f"unknown scenario(s): {', '.join(unknown)}; choose from {', '.join(SCENARIOS)}", file=sys.stderr)
        return 2
    load_before = os.getloadavg()
    began = time.perf_counter()
    lines = asyncio.run(run(names, cfg))
    elapsed = time.perf_counter() - began
    load_after = os.getloadavg()
    print(render(lines))
    print(f"\n{'quick' if args.quick else 'full'} run, {elapsed:.0f} s on {os.cpu_count()} CPUs, loopback only; "
          f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after "
          f"(other processes share these CPUs: absolute rates vary, ratios are measured within this run)")
    if args.profile:
        print(profile_summaries(args.profile))
    if args.stalls:
        print(stall_summaries(args.stalls))
    crashed = [line for line in lines if isinstance(line, Row) and line.target == "runs"]
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
