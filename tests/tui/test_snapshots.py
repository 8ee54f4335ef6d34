"""What the room sees, as snapshots (pytest-textual-snapshot): the join screen, a wall of Thai answers, the
role board while organisations claim, and the summary after closing — each at 80×24 and 160×45; the wall, the
board and the summary also in the projector look.

The app runs for real: phones join and answer through its server on loopback (aiohttp), the facilitator
presses keys. What would differ run after run is pinned from here: the join code, the address the screen
shows (and its QR code encodes), the wall clock that stamps records, and the step timer's clock.
Regenerate after a deliberate change of the screens with ``pytest tests/tui/test_snapshots.py
--snapshot-update``, and look at the SVGs in ``__snapshots__`` before committing them.
"""

from __future__ import annotations

import sys
import time
import types
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from facilitator.core import ids, words
from facilitator.tui.app import FacilitatorApp
from tests.support import (
    Fields,
    answer,
    close_session,
    drawn_still,
    make_app,
    phones,
    screen_text,
    session_joined,
    until,
    wall_texts,
)

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 45), id="160x45")]

#: What the screen shows phones to open: a typical hotspot address and port, and a join code.
SHOWN_BASE = "http://192.168.1.20:8080"
CODE = "4821"
#: The moment every record is stamped with: 09:30 in Bangkok.
NOW = datetime(2026, 11, 22, 2, 30, 0, tzinfo=UTC)

ORGS = [("รพ.สต.บ้านนา", "มานี", "government"), ("อบต.ท่าข้าม", "ชูใจ", "local_admin"),
        ("โรงเรียนบ้านนา", "ปิติ", "academic")]
ANSWERS = [
    (0, "ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม"),
    (1, "ทุกหน่วยงานใช้ข้อมูลผู้ป่วยติดเตียงชุดเดียวกัน"),
    (2, "เด็กนักเรียนช่วยเยี่ยมบ้านผู้สูงอายุทุกเดือน"),
    (0, "มีกองทุนกลางของตำบล"),
]
CLAIMS = [
    [("level.mechanism", "lead"), ("level.rules", "lead"), ("level.data", "co")],
    [("level.rules", "lead"), ("level.data", "lead"), ("level.fund", "support"), ("resource.fund", "money"),
     ("note.fund", "งบ 50,000 บาท")],
    [("level.fund", "informed"), ("level.data", "support"), ("resource.data", "people")],
]

RunBefore = Callable[[Pilot[Any]], Awaitable[None]]


class FrozenDatetime(datetime):
    """``datetime`` whose ``now()`` is always :data:`NOW`."""

    @classmethod
    def now(cls, tz: Any = None) -> FrozenDatetime:  # type: ignore[override]
        moment = NOW if tz is None else NOW.astimezone(tz)
        return cls.fromtimestamp(moment.timestamp(), moment.tzinfo)


def frozen_time() -> types.ModuleType:
    """The ``time`` module with a monotonic clock that never moves."""
    frozen = types.ModuleType("time")
    frozen.__dict__.update(vars(time))
    frozen.monotonic = lambda: 1000.0  # type: ignore[attr-defined]
    return frozen


def pin(monkeypatch: pytest.MonkeyPatch, prefix: str, real: object, fake: object) -> None:
    """Replace ``real`` by ``fake`` wherever a module under ``prefix`` holds it by name, so the pin holds
    whichever module asks (``from x import real`` or ``import real``)."""
    for module in list(sys.modules.values()):
        if not getattr(module, "__name__", "").startswith(prefix):
            continue
        for name, value in list(vars(module).items()):
            if value is real:
                monkeypatch.setattr(module, name, fake)


@pytest.fixture(autouse=True)
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    """The join code, the address on screen, the records' clock and the step timer: the same every run."""
    pin(monkeypatch, "facilitator", ids.new_join_code, lambda taken=(): CODE)
    pin(monkeypatch, "facilitator", datetime, FrozenDatetime)
    pin(monkeypatch, "facilitator.tui", time, frozen_time())
    pin(monkeypatch, "facilitator.tui", time.monotonic, lambda: 1000.0)
    # Phones reach the server on loopback at the port it bound (see tests.support.served_by); the screen
    # shows, and the QR code holds, a typical hotspot address instead.
    monkeypatch.setattr(FacilitatorApp, "join_url", lambda self, code: f"{SHOWN_BASE}/j/{code}")


def joins(devices: list[Any]) -> list[tuple[Any, dict[str, str]]]:
    """Each phone joins for the next of :data:`ORGS`, with a name and a sector."""
    return [(phone, {"organisation": org, "name": name, "sector": sector})
            for phone, (org, name, sector) in zip(devices, ORGS, strict=False)]


async def first_step_answered(pilot: Pilot[Any], answers: list[tuple[int, Fields]]) -> None:
    """Three phones join (see :data:`ORGS`), the facilitator opens the first step, and the phones answer it
    in turn: (which phone, its form)."""
    async with phones(3) as devices:
        served = await session_joined(pilot, *joins(devices))
        await pilot.press("right")
        await until(pilot, lambda: served.step == 0, "the first step")
        for i, (who, fields) in enumerate(answers):
            await answer(devices[who], served, fields, f"answer-{i:04d}")


# -- the join screen -------------------------------------------------------------------------------------
async def two_phones_joined(pilot: Pilot[Any]) -> None:
    async with phones(2) as devices:
        await session_joined(pilot, *joins(devices))
    await until(pilot, lambda: "เข้าร่วมแล้ว: 2" in screen_text(pilot.app), "both phones counted")


@pytest.mark.parametrize("size", SIZES)
def test_join_screen(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tmp_path), run_before=two_phones_joined, terminal_size=size)


# -- a wall of Thai answers ------------------------------------------------------------------------------
async def thai_answers_on_the_wall(pilot: Pilot[Any]) -> None:
    await first_step_answered(pilot, [(who, {"text": text}) for who, text in ANSWERS])
    app = pilot.app
    assert isinstance(app, FacilitatorApp)
    await until(pilot, lambda: wall_texts(app) == [text for _, text in ANSWERS], "every answer on the wall")
    await until(pilot, words.ready, "the lines broken between words")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_notes_wall(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tmp_path), run_before=thai_answers_on_the_wall, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_notes_wall_projector(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp_path, theme="projector")
    assert snap_compare(app, run_before=thai_answers_on_the_wall, terminal_size=size)


# -- the role board ----------------------------------------------------------------------------------------
async def roles_claimed(pilot: Pilot[Any]) -> None:
    await first_step_answered(pilot, [(i, [("organisation", ORGS[i][0]), *claims])
                                      for i, claims in enumerate(CLAIMS)])
    await until(pilot, lambda: "ผู้ประสาน: รพ.สต.บ้านนา" in screen_text(pilot.app), "the claims on the board")
    await drawn_still(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_role_board(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp_path, "role-split")
    assert snap_compare(app, run_before=roles_claimed, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_role_board_projector(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp_path, "role-split", theme="projector")
    assert snap_compare(app, run_before=roles_claimed, terminal_size=size)


# -- the summary after closing ---------------------------------------------------------------------------
async def closed_after_claims(pilot: Pilot[Any]) -> None:
    await roles_claimed(pilot)
    await close_session(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_close_summary(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp_path, "role-split")
    assert snap_compare(app, run_before=closed_after_claims, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_close_summary_projector(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp_path, "role-split", theme="projector")
    assert snap_compare(app, run_before=closed_after_claims, terminal_size=size)
