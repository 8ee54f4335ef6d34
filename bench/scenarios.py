"""The scenarios of ``make bench``, each returning its rows of the table.

Each scenario starts its own server process(es) (:class:`bench.common.ServeProcess`) and drives them from
here with simulated phones (:mod:`bench.load`).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import ROOT, ServeProcess, percentile
from bench.crash import kill_loop_async
from bench.fold import journal_fold
from bench.kept import kept_rows
from bench.load import LoadResult, close_all, join_all, paced, saturate
from bench.room_scenarios import room_followers, room_ingest, room_paced, room_role_board, room_soak
from bench.table import Row, ms, per_s, ratio


@dataclass(frozen=True, slots=True)
class Config:
    """Sizes and durations of a bench run (full or ``--quick``)."""

    sat_phones: int = 100
    sat_seconds: float = 4.0
    sat_windows: int = 4
    sat_max: int = 40_000
    #: 7a: windows of each kind of phone per target, and seconds of each (the targets take turns).
    ingest_windows: int = 4
    ingest_seconds: float = 2.0
    paced_phones: int = 500
    paced_seconds: float = 20.0
    paced_windows: int = 4
    think: float = 5.0
    growth: tuple[int, int] = (1_000, 50_000)
    screen_phones: int = 300
    screen_seconds: float = 20.0
    cold_runs: int = 3
    rss_answers: int = 10_000
    kills: int = 100
    crash_phones: int = 6
    fuzz: str = "long"
    profile_dir: Path | None = None
    stalls_dir: Path | None = None
    followers: int = 2_000
    board_orgs: int = 60
    board_tasks: int = 12
    board_rounds: int = 30
    soak_minutes: int = 30
    fold_sizes: tuple[int, ...] = (12_000, 36_000)


QUICK = Config(sat_seconds=1.5, sat_windows=2, ingest_windows=1, ingest_seconds=1.5, paced_phones=200, paced_seconds=5.0, paced_windows=2, growth=(1_000, 10_000), screen_phones=100,
               screen_seconds=5.0, cold_runs=1, rss_answers=3_000, kills=10, fuzz="short", followers=500,
               board_rounds=10, soak_minutes=3, fold_sizes=(3_000,))


def log(message: str) -> None:
    """Progress, on stderr (the table goes to stdout)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass
class Run:
    """One load run against one server process."""

    load: LoadResult
    report: dict[str, Any]
    server_cpu: float
    rss_mb: float

    @property
    def mean_batch(self) -> float:
        """Answers (and other records) per group commit."""
        batches = self.report.get("batches") or 0
        return self.report.get("items", 0) / batches if batches else math.nan


async def saturation_run(
    mode: str, cfg: Config, *, preload: int = 0, seconds: float | None = None, max_answers: int | None = None,
    until: Callable[[LoadResult], bool] | None = None, profile: str | None = None,
) -> Run:
    """``cfg.sat_phones`` phones submitting back to back against a fresh ``mode`` server."""
    prof = cfg.profile_dir / f"{profile}.prof" if cfg.profile_dir and profile else None
    with ServeProcess(mode, preload=preload, profile=prof) as server:
        ready = await asyncio.to_thread(server.start)
        phones = await join_all(ready, cfg.sat_phones)
        try:
            cpu0 = server.cpu_seconds()
            load = await saturate(phones, duration=seconds or cfg.sat_seconds,
                                  max_answers=max_answers or cfg.sat_max, until=until)
            cpu = (server.cpu_seconds() - cpu0) / load.elapsed
            rss = server.rss_mb()
        finally:
            await close_all(phones)
        report = await asyncio.to_thread(server.stop)
    return Run(load, report, cpu, rss)


Drive = Callable[[list[Any], float, int], Awaitable[LoadResult]]


async def interleaved(
    cfg: Config, servers: dict[str, tuple[str, int]], *, phones: int, seconds: float, windows: int, drive: Drive,
) -> dict[str, Run]:
    """Load several servers, all alive at once, in turn, window by window.

    ``servers`` maps a name to (mode, answers preloaded). Each server gets ``phones`` phones of its own and
    ``windows`` windows of ``drive(team, window_seconds, turn)``, ``seconds`` in all; the order rotates every
    window. Only the server being loaded is busy, so servers are compared under the same conditions even
    when other processes share the machine.
    """
    names = list(servers)
    with contextlib.ExitStack() as stack:
        procs: dict[str, ServeProcess] = {}
        readies = {}
        for name, (mode, preload) in servers.items():
            prof = cfg.profile_dir / f"{name}.prof" if cfg.profile_dir else None
            procs[name] = stack.enter_context(ServeProcess(mode, preload=preload, profile=prof))
            readies[name] = await asyncio.to_thread(procs[name].start)
        teams: dict[str, list[Any]] = {}
        totals = {name: LoadResult() for name in names}
        busy = dict.fromkeys(names, 0.0)
        try:
            for name in names:
                teams[name] = await join_all(readies[name], phones)
            for turn in range(windows):
                for name in names[turn % len(names):] + names[:turn % len(names)]:
                    cpu0 = procs[name].cpu_seconds()
                    part = await drive(teams[name], seconds / windows, turn)
                    busy[name] += procs[name].cpu_seconds() - cpu0
                    totals[name].add(part)
            rss = {name: procs[name].rss_mb() for name in names}
        finally:
            for team in teams.values():
                await close_all(team)
        reports = {name: await asyncio.to_thread(procs[name].stop) for name in names}
    return {name: Run(totals[name], reports[name], busy[name] / totals[name].elapsed if totals[name].elapsed else 0.0,
                      rss[name]) for name in names}


async def interleaved_saturation(cfg: Config, servers: dict[str, tuple[str, int]]) -> dict[str, Run]:
    """:func:`interleaved` with ``cfg.sat_phones`` phones submitting back to back."""

    async def drive(team: list[Any], seconds: float, turn: int) -> LoadResult:
        return await saturate(team, duration=seconds, max_answers=cfg.sat_max)

    return await interleaved(cfg, servers, phones=cfg.sat_phones, seconds=cfg.sat_seconds,
                             windows=cfg.sat_windows, drive=drive)


def _errors_row(name: str, load: LoadResult) -> Row:
    sample = f" (e.g. {load.error_samples[0][:40]})" if load.error_samples else ""
    return Row(name, f"{load.errors}{sample}", "0", load.errors == 0)


# -- 1a ------------------------------------------------------------------------------------------------------
async def ingest_saturation(cfg: Config) -> list[Row]:
    """Durable vs no-op vs stock TinyDB, the same load, interleaved in this run."""
    log("1a saturation: durable, no-op and stock TinyDB servers, interleaved")
    runs = await interleaved_saturation(cfg, {"durable": ("durable", 0), "noop": ("noop", 0),
                                              "tinydb": ("tinydb", 0)})
    durable, noop, stock = runs["durable"], runs["noop"], runs["tinydb"]
    rel_noop = durable.load.rate / noop.load.rate if noop.load.rate else math.nan
    rel_stock = durable.load.rate / stock.load.rate if stock.load.rate else math.nan
    p, w = cfg.sat_phones, cfg.sat_windows
    return [
        Row(f"durable ingest, {p} phones back to back, {w} × {cfg.sat_seconds / w:.1f} s", per_s(durable.load.rate)),
        _errors_row("  durable errors", durable.load),
        Row("  durable submit latency p50 / p99",
            f"{ms(percentile(durable.load.latencies, 50))} / {ms(percentile(durable.load.latencies, 99))}"),
        Row("  durable group commit: batches, records per batch",
            f"{durable.report.get('batches', 0)}, {durable.mean_batch:.1f}"),
        Row("no-op handler (same pages, sink does nothing)", per_s(noop.load.rate)),
        Row("  no-op errors", str(noop.load.errors)),
        Row("stock TinyDB JSONStorage, insert per record", per_s(stock.load.rate)),
        Row("  stock TinyDB errors", str(stock.load.errors)),
        Row("durable / no-op", ratio(rel_noop), "≥ 0.50", rel_noop >= 0.5),
        Row("durable / stock TinyDB", f"{rel_stock:.1f} ×"),
        Row("server CPU busy: durable / no-op / TinyDB",
            " / ".join(f"{runs[m].server_cpu:.0%}" for m in ("durable", "noop", "tinydb"))),
    ]


# -- 1b ------------------------------------------------------------------------------------------------------
async def paced_forum(cfg: Config) -> list[Row]:
    """Phones answering every ~5 s (exponential think time): latency of the acknowledged submit.

    A no-op server gets the same load in interleaved windows: its latencies show what the machine itself
    (the client, the scheduler, other processes) adds.
    """
    log(f"1b paced forum: {cfg.paced_phones} phones on a durable and a no-op server, "
        f"{cfg.paced_windows} windows of {cfg.paced_seconds / cfg.paced_windows:.0f} s each")

    async def drive(team: list[Any], seconds: float, turn: int) -> LoadResult:
        return await paced(team, duration=seconds, mean_think=cfg.think, seed=turn)

    runs = await interleaved(cfg, {"paced-durable": ("durable", 0), "paced-noop": ("noop", 0)},
                             phones=cfg.paced_phones, seconds=cfg.paced_seconds, windows=cfg.paced_windows,
                             drive=drive)
    durable, noop = runs["paced-durable"], runs["paced-noop"]
    lat = durable.load.latencies
    p99 = percentile(lat, 99)
    return [
        Row(f"paced: {cfg.paced_phones} phones, think ~{cfg.think:.0f} s, {cfg.paced_seconds:.0f} s",
            f"{durable.load.ok} answers, {durable.load.rate:.0f} /s"),
        Row("  acknowledged submit p50", ms(percentile(lat, 50))),
        Row("  acknowledged submit p95", ms(percentile(lat, 95))),
        Row("  acknowledged submit p99", ms(p99), "≤ 100 ms", p99 <= 0.100),
        Row("  max", ms(max(lat) if lat else math.nan)),
        _errors_row("  errors", durable.load),
        Row("  records per batch, server CPU busy", f"{durable.mean_batch:.1f}, {durable.server_cpu:.0%}"),
        Row("  control: no-op server, same load, p50 / p99",
            f"{ms(percentile(noop.load.latencies, 50))} / {ms(percentile(noop.load.latencies, 99))}"),
    ]


# -- 2 -------------------------------------------------------------------------------------------------------
async def growth(cfg: Config) -> list[Row]:
    """Saturation rate with few vs many answers already stored."""
    small, large = cfg.growth
    log(f"2 growth: durable servers holding {small:,} and {large:,} answers, interleaved")
    runs = await interleaved_saturation(cfg, {f"growth-{small}": ("durable", small),
                                              f"growth-{large}": ("durable", large)})
    rates = {n: math.nan if runs[f"growth-{n}"].load.errors else runs[f"growth-{n}"].load.rate
             for n in (small, large)}
    closes = {n: runs[f"growth-{n}"].report.get("close_s", math.nan) for n in (small, large)}
    rel = rates[large] / rates[small] if rates[small] else math.nan
    return [
        Row(f"durable ingest with {small:,} answers stored", per_s(rates[small])),
        Row(f"durable ingest with {large:,} answers stored", per_s(rates[large])),
        Row(f"rate @{large // 1000}k / rate @{small // 1000}k", ratio(rel), "≥ 0.70", rel >= 0.7),
        Row(f"  close (flush + checkpoint) @{small // 1000}k / @{large // 1000}k",
            f"{ms(closes[small])} / {ms(closes[large])}"),
    ]


# -- 3 -------------------------------------------------------------------------------------------------------
async def screen(cfg: Config) -> list[Row]:
    """The real app headless under the paced load: answer → wall, and key → frame."""
    log(f"3 screen: {cfg.screen_phones} phones joining the headless app")
    with ServeProcess("tui", profile=cfg.profile_dir / "tui.prof" if cfg.profile_dir else None) as server:
        ready = await asyncio.to_thread(server.start)
        phones = await join_all(ready, cfg.screen_phones)
        try:
            log(f"3 screen: {cfg.screen_seconds:.0f} s of load")
            load = await paced(phones, duration=cfg.screen_seconds, mean_think=cfg.think, seed=3)
        finally:
            await close_all(phones)
        report = await asyncio.to_thread(server.stop)
    timed = report["ack_to_wall"]
    wall = [latency for latency, _ in timed]
    early = [latency for latency, cards in timed if cards <= 200]
    late = [latency for latency, cards in timed if cards > max(cards for _, cards in timed) - 200] if timed else []
    frame = report["key_frame"]
    wall95, frame95 = percentile(wall, 95), percentile(frame, 95)
    return [
        Row(f"headless app, {cfg.screen_phones} phones, think ~{cfg.think:.0f} s",
            f"{load.ok} answers, {load.rate:.0f} /s"),
        _errors_row("  submit errors", load),
        Row("  acknowledged submit p50 / p99 (server = app)",
            f"{ms(percentile(load.latencies, 50))} / {ms(percentile(load.latencies, 99))}"),
        Row("  acknowledged → card on the wall p50", ms(percentile(wall, 50))),
        Row("  acknowledged → card on the wall p95", ms(wall95), "≤ 200 ms", wall95 <= 0.200),
        Row("  cards timed, cards on the wall at the end", f"{len(wall)}, {report['wall_cards']}"),
        Row("  → wall p95: first 200 cards / last 200 cards", f"{ms(percentile(early, 95))} / {ms(percentile(late, 95))}"),
        Row("  frames painted per second", f"{report['frames'] / report['serve_s']:.1f}"),
        Row("  key press (h) → handled and frame painted, p50", ms(percentile(frame, 50))),
        Row(f"  key press → frame p95 ({len(frame)} presses)", ms(frame95), "≤ 100 ms", frame95 <= 0.100),
        Row("  key press → frame max", ms(max(frame) if frame else math.nan)),
        Row("  pilot.press + pilot.pause() return (waits for idle CPU), p50",
            ms(percentile(report["key_pause"], 50))),
    ]


# -- 4 -------------------------------------------------------------------------------------------------------
def _cold_start_once(start: bool) -> float:
    args = [sys.executable, "-m", "bench.coldstart"] + (["--start"] if start else [])
    began = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    try:
        assert proc.stdout is not None
        for _ in range(100):
            line = proc.stdout.readline()
            if not line or line.strip() == b"FRAME":
                break
        elapsed = time.perf_counter() - began
        if line.strip() != b"FRAME":
            return math.nan
        proc.wait(30)
        return elapsed
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


async def cold_start(cfg: Config) -> list[Row]:
    """Process start → first frame, median of ``cfg.cold_runs`` runs; home screen and a new session's."""
    log("4 cold start")
    home = [await asyncio.to_thread(_cold_start_once, False) for _ in range(cfg.cold_runs)]
    join = [await asyncio.to_thread(_cold_start_once, True) for _ in range(cfg.cold_runs)]
    med = statistics.median(home)
    return [
        Row(f"cold start → first frame, home (median of {cfg.cold_runs})", f"{med:.2f} s", "≤ 1 s", med <= 1.0),
        Row("  all runs", ", ".join(f"{s:.2f}" for s in home) + " s"),
        Row("cold start → join screen of a new BAR (median)", f"{statistics.median(join):.2f} s"),
    ]


async def rss(cfg: Config) -> list[Row]:
    """Resident memory of a durable server that has ingested ``cfg.rss_answers`` answers, and the bytes one
    answer keeps in a live session over the store (:mod:`bench.kept`)."""
    log(f"4 RSS: ingesting {cfg.rss_answers:,} answers")
    target = cfg.rss_answers
    run = await saturation_run("durable", cfg, seconds=60.0, max_answers=target + cfg.sat_phones,
                               until=lambda r: r.ok >= target)
    return [
        Row(f"RSS after {run.load.ok:,} answers (durable server)", f"{run.rss_mb:.0f} MB", "≤ 150 MB",
            run.rss_mb <= 150 and run.load.ok >= target),
        Row("  sustained ingest, errors", f"{run.load.rate:,.0f} /s, {run.load.errors}"),
        *await kept_rows(cfg.rss_answers),
    ]


# -- 5 -------------------------------------------------------------------------------------------------------
async def crash(cfg: Config) -> list[Row]:
    """SIGKILL the durable server under load, ``cfg.kills`` times, on one data directory."""
    log(f"5 crash: {cfg.kills} kills")
    with tempfile.TemporaryDirectory(prefix="bench-crash-") as scratch:
        report = await kill_loop_async(cfg.kills, Path(scratch), phones=cfg.crash_phones, seed=5)
    rows = [
        Row("SIGKILLs under load (one data directory)", str(report.kills), str(cfg.kills),
            report.kills == cfg.kills and not report.problems),
        Row("  acknowledged answers, stored at the end", f"{report.acknowledged:,}, {report.stored:,}"),
        Row("  rounds after which the journal had been folded", str(report.checkpoints)),
        Row("  acknowledged answers lost", str(report.lost), "0", report.lost == 0),
        Row("  unreadable databases", str(report.unreadable), "0", report.unreadable == 0),
        Row("  time", f"{report.seconds:.0f} s"),
    ]
    rows += [Row(f"  problem: {p[:90]}", "") for p in report.problems[:5]]
    return rows


async def fuzz(cfg: Config) -> list[Row]:
    """The form parsers' property tests (tests/unit/test_fuzz_forms.py) with the hypothesis profile
    ``cfg.fuzz``: ``make test`` runs the short one, ``make bench`` the long one."""
    from tests.fuzz import EXAMPLES

    log(f"6 fuzz: every form parser, {EXAMPLES[cfg.fuzz]:,} forms per property")
    began = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/unit/test_fuzz_forms.py",
        cwd=ROOT, env={**os.environ, "FACILITATOR_FUZZ": cfg.fuzz},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    passed = process.returncode == 0
    if not passed:
        log(output.decode(errors="replace")[-4000:])
    return [Row(f"forms fuzzed ({EXAMPLES[cfg.fuzz]:,} per parser and property)",
                "no other exception" if passed else "FAILED (see stderr)", "parsed or refused", passed),
            Row("  time", f"{time.perf_counter() - began:.0f} s")]


SCENARIOS: dict[str, tuple[str, Callable[[Config], Any]]] = {
    "room": ("7a the real app in a 160×45 terminal: ingest beside the bare aiohttp server", room_ingest),
    "room-paced": ("7b the real app in a terminal: paced forum, wall and keys", room_paced),
    "followers": ("7c the real app: phones holding the live stream", room_followers),
    "board": ("7d the real app: the largest role board", room_role_board),
    "soak": ("7e the real app: soak", room_soak),
    "saturation": ("1a server alone (no screen): ingest at saturation", ingest_saturation),
    "paced": ("1b server alone (no screen): paced forum", paced_forum),
    "growth": ("2 growth", growth),
    "fold": ("2b the journal folded while phones answer", journal_fold),
    "screen": ("3 screen latency", screen),
    "cold": ("4 cold start", cold_start),
    "rss": ("4 memory", rss),
    "crash": ("5 crash", crash),
    "fuzz": ("6 form fuzzing", fuzz),
}
