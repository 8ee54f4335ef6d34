"""Twenty SIGKILLs of a loaded server on one data directory: every acknowledged answer survives, every
database stays readable (``make bench`` runs a hundred)."""

from __future__ import annotations

from pathlib import Path

from bench.crash import kill_loop_async


async def test_twenty_kills_lose_no_acknowledged_answer(tmp_path: Path) -> None:
    report = await kill_loop_async(20, tmp_path / "data", seed=20261122)
    assert report.kills == 20
    assert report.acknowledged > 0
    assert (report.lost, report.unreadable) == (0, 0), report.problems
    assert report.stored >= report.acknowledged
