"""The scenarios of the real room: ``facilitator run`` drawing in a 160 × 45 pseudo-terminal while phones
answer (:mod:`bench.room`), beside its peers in the same run — a bare aiohttp server with two form pages
(the limit of the stack on this machine, :mod:`bench.bare`).

Phones come in two kinds: with JavaScript (the page's script posts and reads a JSON reply) and without (the
form is posted, the 303 followed, the page fetched). Figures taken without the app's screen (the server
alone) are labelled as such: a line of the ingest rows here, and the scenarios of :mod:`bench.scenarios`.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from bench.common import Ready, ServeProcess, percentile
from bench.load import LoadResult, Phone, close_all, join_all, paced, saturate
from bench.room import RIGHT, RoomApp, burst_end, settled, wait_seen
from bench.table import Row, ms, per_s, ratio


def _log(message: str) -> None:
    from bench.scenarios import log

    log(message)


async def state_of(phone: Phone) -> str:
    """The state a phone's page follows (``lobby``, the open step…)."""
    async with phone.http.get(f"{phone.target.base}/s/{phone.target.code}/state") as response:
        return str((await response.json())["state"])


async def next_step(app: RoomApp, phone: Phone, timeout: float = 30.0) -> float:
    """Press → until the phones' state changes (the app may still be starting); returns the press moment."""
    before = await state_of(phone)
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        pressed = app.press(RIGHT)
        for _ in range(100):
            if await state_of(phone) != before:
                return pressed
            await asyncio.sleep(0.02)
    raise RuntimeError(f"the step did not change within {timeout:.0f} s")


def _tracing(cfg: Any, name: str) -> dict[str, Path | None]:
    """Where the app of scenario ``name`` writes its cProfile (``--profile DIR``) or its loop's pauses
    (``--stalls DIR``): :class:`RoomApp`'s arguments."""
    return {"profile": cfg.profile_dir / f"app-{name}.prof" if cfg.profile_dir else None,
            "stalls": cfg.stalls_dir / f"app-{name}.stalls.txt" if cfg.stalls_dir else None}


# -- ingest: the real app beside the bare server -------------------------------------------------------------
async def room_ingest(cfg: Any) -> list[Row]:
    """100 phones back to back: the bare forms server, the participants' server alone (no screen), and the
    real app in its terminal (the per-phone limit of 2 answers/s lifted, :mod:`bench.unlimited`), interleaved
    window by window, each with phones with and without JavaScript. The server alone bounds what any
    arrangement of the screen (another process, a coarser frame rate) could give the real app.

    The three, all started at once, take turns window by window (``cfg.ingest_windows``, the order rotating):
    the machine's speed drifts by a tenth from one minute to the next here, and each ratio compares loads
    taken under the same conditions."""
    n, windows, seconds = cfg.sat_phones, cfg.ingest_windows, cfg.ingest_seconds
    _log(f"7a real app: {n} phones back to back against the bare server and the app in a 160×45 terminal, "
         f"interleaved, {windows} × {seconds:.1f} s of each kind of phone")
    loads = {(name, html): LoadResult() for name in ("bare", "alone", "app") for html in (False, True)}
    with contextlib.ExitStack() as stack:
        bare, alone = (stack.enter_context(ServeProcess(mode)) for mode in ("bare", "durable"))
        app = stack.enter_context(RoomApp(unlimited=True, **_tracing(cfg, "room")))
        readies = {"bare": await asyncio.to_thread(bare.start), "alone": await asyncio.to_thread(alone.start),
                   "app": await asyncio.to_thread(app.start)}
        teams: dict[str, list[Phone]] = {}
        try:
            for name, ready in readies.items():
                teams[name] = await join_all(ready, n)
            await settled(app)
            await next_step(app, teams["app"][0])
            names = list(teams)
            for turn in range(windows):
                for name in names[turn % 3:] + names[:turn % 3]:
                    for html in (False, True):
                        loads[name, html].add(await saturate(teams[name], duration=seconds, max_answers=cfg.sat_max,
                                                             tag=f"{'f' if html else 'j'}{turn}", html=html))
        finally:
            for team in teams.values():
                await close_all(team)
        for server in (bare, alone):
            await asyncio.to_thread(server.stop)
    (bare_js, bare_forms), (alone_js, alone_forms), (app_js, app_forms) = (
        (loads[name, False], loads[name, True]) for name in ("bare", "alone", "app"))
    rel, rel_js = _over(app_forms, bare_forms), _over(app_js, bare_js)
    return [
        Row(f"bare aiohttp, two form pages, {n} phones: forms (post, 303, page) / JSON",
            f"{per_s(bare_forms.rate)} / {per_s(bare_js.rate)}"),
        Row("server alone, no screen (the same pages and store): forms / JSON",
            f"{per_s(alone_forms.rate)} / {per_s(alone_js.rate)}"),
        Row("  server alone / bare server: forms / JSON (the most a screen apart from the server could leave)",
            f"{ratio(_over(alone_forms, bare_forms))} / {ratio(_over(alone_js, bare_js))}"),
        Row(f"real app in a terminal, {n} phones without JavaScript (post, 303, page)", per_s(app_forms.rate)),
        Row("  p50 / p99", f"{ms(percentile(app_forms.latencies, 50))} / {ms(percentile(app_forms.latencies, 99))}"),
        Row("  real app / bare server (forms)", ratio(rel), "≥ 0.50", rel >= 0.5),
        Row(f"real app in a terminal, {n} phones with JavaScript (JSON)", per_s(app_js.rate)),
        Row("  real app / bare server (JSON)", ratio(rel_js)),
        _errors("  errors (both kinds of phones)", app_js, app_forms),
        _errors("  errors, server alone", alone_js, alone_forms),
    ]


def _over(load: LoadResult, peer: LoadResult) -> float:
    return load.rate / peer.rate if peer.rate else math.nan


def _errors(name: str, *loads: LoadResult) -> Row:
    errors = sum(load.errors for load in loads)
    samples = [s for load in loads for s in load.error_samples]
    sample = f" (e.g. {samples[0][:40]})" if samples else ""
    return Row(name, f"{errors}{sample}", "0", errors == 0)


# -- the room under a paced load -------------------------------------------------------------------------------
@dataclass
class Probes:
    """Answer → card on the wall, and key press → frame, measured while the room is loaded."""

    wall: list[float] = field(default_factory=list)
    keys: list[float] = field(default_factory=list)
    missed: int = 0
    refused: list[str] = field(default_factory=list)


#: Seconds between two probe answers: the probing phone keeps to the per-phone limit (2 answers/s) like any
#: phone, so every probe is stored and a missing card means the wall did not show it.
PROBE_EVERY = 0.6


async def probe(app: RoomApp, phone: Phone, ready: Ready, deadline: float, prompt: str) -> Probes:
    """Until ``deadline``: an answer with a tag of its own (time from its acknowledgement to the tag reaching
    the terminal), then ``j`` (time to the join address on the screen) and ``j`` again (back to the wall)."""
    found = Probes()
    address = f"127.0.0.1:{ready.port}"
    n = 0
    while time.perf_counter() < deadline:
        n += 1
        tag = f"Zq{n:05d}x"
        key = app.watch(tag)
        sent = time.perf_counter()
        ok, _, why = await phone.answer(f"{tag} ทดสอบการแสดงผลบนจอ")
        acknowledged = time.perf_counter()
        seen = await wait_seen(app, key, 5.0) if ok else None
        app.forget(key)
        if not ok:
            found.refused.append(why)
        elif seen is None:
            found.missed += 1
        else:
            found.wall.append(max(0.0, seen - acknowledged))
        key = app.watch(address)
        pressed = app.press(b"j")
        seen = await wait_seen(app, key, 5.0)
        app.forget(key)
        if seen is not None:
            found.keys.append(seen - pressed)
        back = app.watch(prompt)
        app.press(b"j")
        await wait_seen(app, back, 5.0)
        app.forget(back)
        await asyncio.sleep(max(0.2, sent + PROBE_EVERY - time.perf_counter()))
    return found


async def room_paced(cfg: Any) -> list[Row]:
    """500 phones answering every ~5 s (the real limit in place) while probes time the wall and the keys."""
    from activities import load

    n = cfg.paced_phones
    prompt = load("bar").steps[0].prompt("th")[:12]
    _log(f"7b real app: {n} phones, think ~{cfg.think:.0f} s, {cfg.paced_seconds:.0f} s, wall and key probes")
    with RoomApp(**_tracing(cfg, "room-paced")) as app:
        ready = await asyncio.to_thread(app.start)
        team = await join_all(ready, n + 1)
        try:
            await settled(app)
            await next_step(app, team[0])
            deadline = time.perf_counter() + cfg.paced_seconds
            load_task = asyncio.create_task(paced(team[1:], duration=cfg.paced_seconds, mean_think=cfg.think))
            probes = await probe(app, team[0], ready, deadline, prompt)
            result = await load_task
        finally:
            await close_all(team)
    p99 = percentile(result.latencies, 99)
    wall95, key95 = percentile(probes.wall, 95), percentile(probes.keys, 95)
    return [
        Row(f"real app in a terminal, {n} phones, think ~{cfg.think:.0f} s", f"{result.ok} answers, "
            f"{result.rate:.0f} /s"),
        Row("  acknowledged submit p50 / p95",
            f"{ms(percentile(result.latencies, 50))} / {ms(percentile(result.latencies, 95))}"),
        Row("  acknowledged submit p99", ms(p99), "≤ 100 ms", p99 <= 0.100),
        _errors("  errors", result),
        Row(f"  answer → card on the wall p50 ({len(probes.wall)} probes, {probes.missed} not seen in 5 s)",
            ms(percentile(probes.wall, 50))),
        Row("  answer → card on the wall p95", ms(wall95), "≤ 200 ms", wall95 <= 0.200 and not probes.missed),
        Row("  probe answers refused", f"{len(probes.refused)} {'; '.join(probes.refused[:2])}".strip(), "0",
            not probes.refused),
        Row(f"  key press (j) → frame on the terminal p50 ({len(probes.keys)} presses)",
            ms(percentile(probes.keys, 50))),
        Row("  key press → frame p95", ms(key95), "≤ 50 ms", key95 <= 0.050),
    ]


# -- phones following the live stream -----------------------------------------------------------------------
async def _follow(http: aiohttp.ClientSession, url: str, changed: list[float], first: asyncio.Event) -> None:
    """Hold the stream; note when the state after the first one arrives."""
    async with http.get(url) as response:
        states = 0
        async for line in response.content:
            if line.startswith(b"data:"):
                states += 1
                if states == 1:
                    first.set()
                elif states == 2:
                    changed.append(time.perf_counter())
                    return


async def room_followers(cfg: Any) -> list[Row]:
    """``cfg.followers`` phones hold the live stream; the facilitator presses →; when has every phone heard?"""
    n = cfg.followers
    _log(f"7c real app: {n} phones holding the live stream, one step change")
    with RoomApp(**_tracing(cfg, "followers")) as app:
        ready = await asyncio.to_thread(app.start)
        [phone] = await join_all(ready, 1)
        connector = aiohttp.TCPConnector(limit=0)
        changed: list[float] = []
        try:
            async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=120)) as http:
                url = f"{ready.base}/s/{ready.code}/events"
                firsts = [asyncio.Event() for _ in range(n)]
                tasks = [asyncio.create_task(_follow(http, url, changed, first)) for first in firsts]
                await asyncio.wait_for(asyncio.gather(*(f.wait() for f in firsts)), 120)
                await settled(app)
                pressed = await next_step(app, phone)
                await asyncio.wait(tasks, timeout=30)
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
        finally:
            await close_all([phone])
    delays = sorted(moment - pressed for moment in changed)
    last = delays[-1] if len(delays) == n else math.inf
    return [
        Row(f"{n} phones holding the live stream: heard the step change", f"{len(delays)}"),
        Row("  key press → phone told, p50", ms(percentile(delays, 50))),
        Row("  key press → every phone told", ms(last) if math.isfinite(last) else "not all",
            "≤ 2 s", last <= 2.0),
    ]


# -- the role board at its largest -----------------------------------------------------------------------------
def _big_role_split(folder: Path, tasks: int) -> Path:
    """An activity file: one role-claim step of ``tasks`` tasks."""
    lines = ['id = "big-roles"', "[name]", 'th = "แบ่งบทบาท"', 'en = "Roles"', "[[steps]]", 'id = "roles"',
             'kind = "role_claim"', "[steps.prompt]", 'th = "บทบาท"', 'en = "Roles"']
    for i in range(tasks):
        lines += ["[[steps.options]]", f'id = "t{i}"', f'th = "งานที่ {i + 1}"', f'en = "Task {i + 1}"']
    path = folder / "big-roles.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def room_role_board(cfg: Any) -> list[Row]:
    """60 organisations × 12 tasks on the role board: after a claim, how long until the terminal is quiet."""
    orgs, tasks = cfg.board_orgs, cfg.board_tasks
    _log(f"7d real app: a role board of {orgs} organisations × {tasks} tasks")
    levels = ("lead", "co", "support", "informed", "")
    rng = random.Random(7)
    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-roles-")))
        app = stack.enter_context(RoomApp(str(_big_role_split(folder, tasks)), unlimited=True,
                                                   **_tracing(cfg, "board")))
        ready = await asyncio.to_thread(app.start)
        team = [Phone(ready, i) for i in range(orgs)]
        redraws: list[float] = []
        try:
            for i, phone in enumerate(team):
                await phone.join(organisation=_org(i))
            await settled(app)
            await next_step(app, team[0])
            for i, phone in enumerate(team):
                await _claim(phone, _org(i), {f"t{t}": rng.choice(levels) for t in range(tasks)})
            for round_ in range(cfg.board_rounds):
                await asyncio.sleep(0.3)  # let the previous frame and any clock tick pass
                phone = team[round_ % orgs]
                claims = {f"t{t}": rng.choice(levels[:-1]) for t in range(tasks)}
                acknowledged = await _claim(phone, _org(round_ % orgs), claims)
                redraws.append(await burst_end(app, acknowledged) - acknowledged)
        finally:
            await close_all(team)
    p95 = percentile(redraws, 95)
    return [
        Row(f"role board {orgs} organisations × {tasks} tasks: claim acknowledged → board drawn, p50",
            ms(percentile(redraws, 50))),
        Row(f"  p95 ({len(redraws)} claims)", ms(p95), "≤ 50 ms", p95 <= 0.050),
    ]


def _org(i: int) -> str:
    return f"หน่วยงานที่ {i + 1:02d}"


async def _claim(phone: Phone, organisation: str, levels: dict[str, str]) -> float:
    """One organisation's claims, as the page's script sends them; returns the acknowledgement moment."""
    form = {"step": "0", "client_id": f"c{random.getrandbits(48):012x}", "csrf": phone.form_token,
            "organisation": organisation, **{f"level.{task}": level for task, level in levels.items()}}
    url = f"{phone.target.base}/s/{phone.target.code}/answers"
    async with phone.http.post(url, data=form, headers={"Accept": "application/json"}) as response:
        body = await response.json()
        if not body.get("ok"):
            raise RuntimeError(f"claim refused: {body}")
    return time.perf_counter()


# -- the soak ------------------------------------------------------------------------------------------------
async def room_soak(cfg: Any) -> list[Row]:
    """20 answers/s for ``cfg.soak_minutes`` minutes; RSS, open files and latency sampled every minute."""
    minutes, rate = cfg.soak_minutes, SOAK_RATE
    _log(f"7e real app: soak at {rate:.0f} answers/s for {minutes} min")
    samples: list[tuple[float, int, float, int]] = []
    with RoomApp(**_tracing(cfg, "soak")) as app:
        ready = await asyncio.to_thread(app.start)
        team = await join_all(ready, 60)
        try:
            await settled(app)
            await next_step(app, team[0])
            for minute in range(minutes):
                result = LoadResult()
                started = time.perf_counter()

                async def send(phone: Phone, text: str, result: LoadResult = result) -> None:
                    ok, latency, why = await phone.answer(text)
                    if ok:
                        result.ok += 1
                        result.latencies.append(latency)
                    else:
                        result.error(why)

                sending = []
                for sent in range(int(60 * rate)):  # on schedule, whether or not earlier answers are back
                    await asyncio.sleep(max(0.0, started + sent / rate - time.perf_counter()))
                    phone = team[sent % len(team)]
                    sending.append(asyncio.create_task(send(phone, f"soak {minute}-{sent} ความคืบหน้าของงานร่วมกัน")))
                await asyncio.gather(*sending)
                samples.append((app.rss(), app.open_files(), percentile(result.latencies, 99), result.errors))
                _log(f"7e soak minute {minute + 1}: RSS {samples[-1][0]:.0f} MB, {samples[-1][1]} files, "
                     f"p99 {samples[-1][2] * 1000:.1f} ms, {result.errors} errors")
        finally:
            await close_all(team)
    return _soak_rows(samples, minutes)


#: Answers a second in the soak.
SOAK_RATE = 20.0


def _soak_rows(samples: list[tuple[float, int, float, int]], minutes: int) -> list[Row]:
    """Flat means: the mean of the last third within 5 % of the second sixth's (of 30 minutes: the last 10
    minutes against minutes 5–10, once the app has warmed up)."""
    n = len(samples)
    warm, last = samples[n // 6:max(n // 3, n // 6 + 1)], samples[-max(1, n // 3):]
    rss_change = statistics.mean(s[0] for s in last) / statistics.mean(s[0] for s in warm) - 1
    files_change = statistics.mean(s[1] for s in last) / statistics.mean(s[1] for s in warm) - 1
    p99s = [s[2] for s in samples]
    errors = sum(s[3] for s in samples)
    return [
        Row(f"soak, {minutes} min at 20 answers/s: RSS first / middle / last minute",
            " / ".join(f"{samples[i][0]:.0f} MB" for i in (0, len(samples) // 2, -1))),
        Row("  RSS, last third vs minutes 5–10 (of 30)", f"{rss_change:+.1%}", "within 5 %", abs(rss_change) <= 0.05),
        Row("  RSS per 1 000 answers (the latest 2 048 held whole, the older on the session's shelf)",
            f"{(samples[-1][0] - samples[0][0]) / max(1, (n - 1) * 60 * SOAK_RATE / 1000):.2f} MB"),
        Row("  open files, last third vs minutes 5–10", f"{files_change:+.1%} ({samples[-1][1]})", "within 5 %",
            abs(files_change) <= 0.05),
        Row("  submit p99 per minute: lowest / highest", f"{ms(min(p99s))} / {ms(max(p99s))}", "steady",
            max(p99s) <= 2 * max(min(p99s), 0.010)),
        Row("  errors", str(errors), "0", errors == 0),
    ]
