"""Simulated phones: each one joins through the real join page, then answers through the real answer endpoint.

A phone is an :class:`aiohttp.ClientSession` of its own (its own cookie jar and keep-alive connection), as on
a real phone. Every loop here is bounded both in time and in count.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import aiohttp
from yarl import URL

from bench.common import Ready

#: Longest a single request may take before it counts as an error.
REQUEST_TIMEOUT = 20.0
#: The hidden field every phone form carries: the token bound to the phone's cookie (facilitator.server.csrf).
FORM_TOKEN = re.compile(r'<input type="hidden" name="csrf" value="([^"]+)">')


_FILLER = " และควรมีการติดตามผลร่วมกันทุกเดือน"


def answer_text(phone: int, seq: int, tag: str = "", length: int = 0) -> str:
    """A unique, realistic answer: Thai with a little Latin, ~60 characters, or padded to ``length``."""
    text = f"{tag}ข้อเสนอ {phone}-{seq}: อยากให้ชุมชนมีส่วนร่วมในการวางแผน (plan #{seq})"
    while len(text) + len(_FILLER) <= length:
        text += _FILLER
    return text


@dataclass
class LoadResult:
    """What a load run achieved."""

    ok: int = 0
    errors: int = 0
    elapsed: float = 0.0
    latencies: list[float] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    error_samples: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Acknowledged answers per second."""
        return self.ok / self.elapsed if self.elapsed > 0 else 0.0

    def error(self, what: str) -> None:
        """Count an error, keeping the first few descriptions."""
        self.errors += 1
        if len(self.error_samples) < 5:
            self.error_samples.append(what)

    def add(self, part: LoadResult) -> None:
        """Count in another window of the same load."""
        self.ok += part.ok
        self.errors += part.errors
        self.elapsed += part.elapsed
        self.latencies.extend(part.latencies)
        self.error_samples.extend(part.error_samples[: max(0, 5 - len(self.error_samples))])


class Phone:
    """One participant's phone."""

    def __init__(self, target: Ready, index: int) -> None:
        self.target = target
        self.index = index
        self.seq = 0
        self.form_token = ""
        self.http = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT),
        )

    async def join(self, organisation: str = "รพ.สต.บ้านนา") -> None:
        """Open the join page (it sets the token cookie its forms' token is bound to) and post its form; the
        server answers with a redirect to the step page."""
        url = f"{self.target.base}/j/{self.target.code}"
        async with self.http.get(url) as page:
            found = FORM_TOKEN.search(await page.text())
            if found is None:
                raise RuntimeError(f"no join form: HTTP {page.status}")
            self.form_token = found.group(1)
        form = {"name": f"ผู้เข้าร่วม {self.index}", "organisation": organisation, "sector": "government",
                "csrf": self.form_token}
        async with self.http.post(url, data=form, allow_redirects=False) as response:
            await response.read()
            if response.status != 303 or not self.http.cookie_jar.filter_cookies(URL(self.target.base)).get("ftok"):
                raise RuntimeError(f"join failed: HTTP {response.status}")

    async def answer(self, text: str, *, html: bool = False) -> tuple[bool, float, str]:
        """Submit one answer with a fresh client id: (acknowledged?, seconds, error description).

        As the page's script does (JSON reply), or with ``html`` as a phone without JavaScript: post the form,
        follow the 303, get the page (acknowledged when the page arrives).
        """
        url = f"{self.target.base}/s/{self.target.code}/answers"
        form = {"step": "0", "text": text, "client_id": secrets.token_urlsafe(12), "csrf": self.form_token}
        accept = "text/html" if html else "application/json"
        started = time.perf_counter()
        try:
            async with self.http.post(url, data=form, headers={"Accept": accept}) as response:
                body = await response.read()
                status = response.status
                redirected = [r.status for r in response.history] == [303]
        except (aiohttp.ClientError, TimeoutError, OSError) as err:
            return False, time.perf_counter() - started, type(err).__name__
        elapsed = time.perf_counter() - started
        if status != 200:
            return False, elapsed, f"HTTP {status}: {body[:120]!r}"
        if html:
            return (True, elapsed, "") if redirected else (False, elapsed, "no 303 to the page")
        try:
            ok = json.loads(body).get("ok") is True
        except ValueError:
            ok = False
        return ok, elapsed, "" if ok else f"not ok: {body[:120]!r}"

    async def close(self) -> None:
        """Close the phone's connection."""
        await self.http.close()


async def join_all(target: Ready, n: int, concurrency: int = 50, first_index: int = 0) -> list[Phone]:
    """``n`` phones, each joined (at most ``concurrency`` joining at once). Raises if any join fails."""
    gate = asyncio.Semaphore(concurrency)
    phones = [Phone(target, first_index + i) for i in range(n)]

    async def one(phone: Phone) -> None:
        async with gate:
            await phone.join()

    try:
        await asyncio.gather(*(one(p) for p in phones))
    except BaseException:
        await close_all(phones)
        raise
    return phones


async def close_all(phones: list[Phone]) -> None:
    """Close every phone."""
    await asyncio.gather(*(p.close() for p in phones), return_exceptions=True)


async def saturate(
    phones: list[Phone], *, duration: float, max_answers: int, tag: str = "", length: int = 0,
    keep_texts: bool = False, until: Callable[[LoadResult], bool] | None = None, html: bool = False,
) -> LoadResult:
    """Every phone submits back to back until ``duration`` seconds or ``max_answers`` submits (or ``until``);
    ``html``: as phones without JavaScript (form, 303, page)."""
    result = LoadResult()
    started = time.perf_counter()
    deadline = started + duration
    budget = [max_answers]

    async def run(phone: Phone) -> None:
        while time.perf_counter() < deadline and budget[0] > 0 and not (until and until(result)):
            budget[0] -= 1
            phone.seq += 1
            text = answer_text(phone.index, phone.seq, tag, length)
            ok, latency, why = await phone.answer(text, html=html)
            if ok:
                result.ok += 1
                result.latencies.append(latency)
                if keep_texts:
                    result.acknowledged.append(text)
            else:
                result.error(why)

    await asyncio.gather(*(run(p) for p in phones))
    result.elapsed = time.perf_counter() - started
    return result


async def paced(
    phones: list[Phone], *, duration: float, mean_think: float, seed: int = 1, max_per_phone: int = 1_000,
) -> LoadResult:
    """Every phone waits an exponential think time (mean ``mean_think`` s) before each answer, for ``duration``."""
    result = LoadResult()
    started = time.perf_counter()
    deadline = started + duration
    rng = random.Random(seed)

    async def run(phone: Phone) -> None:
        for _ in range(max_per_phone):
            think = rng.expovariate(1.0 / mean_think)
            if time.perf_counter() + think >= deadline:
                return
            await asyncio.sleep(think)
            phone.seq += 1
            ok, latency, why = await phone.answer(answer_text(phone.index, phone.seq))
            if ok:
                result.ok += 1
                result.latencies.append(latency)
            else:
                result.error(why)

    await asyncio.gather(*(run(p) for p in phones))
    result.elapsed = time.perf_counter() - started
    return result
