"""A rehearsal in the record: marked as one in its session record and the index (only when it is one), shown in
the listing and the exports, easy to delete, and kept out of its partnership's progress, commitments, BAR
links and organisation list."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from activities import load
from facilitator.__main__ import main
from facilitator.core.live import LiveSession
from facilitator.core.model import Session
from facilitator.core.partnership import Partnership
from facilitator.core.workshop import Workshop
from facilitator.store import Store

THA_KHAM = "อบต.ท่าข้าม"
TOKEN_A = "token-aaaaaaaaaaaaaaaaaaaaaaaa"
TOKEN_B = "token-bbbbbbbbbbbbbbbbbbbbbbbb"


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = Store(tmp_path)
    yield store
    await store.close()


async def run_bar(workshop: Workshop, partnership: Partnership, *, demo: bool, organisation: str = THA_KHAM,
                  token: str = TOKEN_A) -> LiveSession:
    """A closed BAR of the partnership in which ``organisation`` leads the shared data."""
    bar = await workshop.open_session(load("bar"), "BAR", partnership_id=partnership.id, demo=demo)
    person = await bar.join(token, organisation=organisation)
    roles = [step.id for step in bar.session.activity.steps].index("roles")
    await bar.goto(roles)
    await bar.submit(person.id, roles, "claims-0001", {"level.data": ["lead"]})
    await workshop.close_session(bar)
    return bar


def test_the_mark_is_written_only_for_a_rehearsal() -> None:
    plain = Session(id="s", code="1234", title="t", lang="th", activity=load("bar"))
    assert "demo" not in plain.to_dict()
    demo = Session(id="s", code="1234", title="t", lang="th", activity=load("bar"), demo=True)
    assert demo.to_dict()["demo"] is True
    assert Session.from_dict(demo.to_dict()).demo is True and Session.from_dict(plain.to_dict()).demo is False


async def test_the_store_marks_a_rehearsal_in_the_record_and_the_index(store: Store) -> None:
    workshop = Workshop(store)
    demo = await workshop.open_session(load("bar"), "ซ้อม", demo=True)
    real = await workshop.open_session(load("bar"), "จริง")
    assert store.load(demo.session.id).session.demo is True
    rows = {row["id"]: row for row in store.sessions()}
    assert rows[demo.session.id]["demo"] is True and "demo" not in rows[real.session.id]
    raw = json.loads((store.sessions_dir / f"{real.session.id}.journal").read_text().split(" ", 1)[1])
    assert "demo" not in json.dumps(raw)


async def test_a_rehearsal_stays_out_of_the_partnerships_progress(store: Store) -> None:
    partnership = store.create_partnership("ภาคีตำบลท่าข้าม", [(THA_KHAM, "local_admin")])
    workshop = Workshop(store)
    real = await run_bar(workshop, partnership, demo=False)
    demo = await run_bar(workshop, partnership, demo=True, organisation="รพ.สต.ซ้อม", token=TOKEN_B)
    progress = await workshop.refresh_progress(partnership.id)
    assert [s["id"] for s in progress["sessions"]] == [real.session.id]
    assert [c["lead"] for c in progress["commitments"]] == [THA_KHAM]
    # nor do its organisations join the partnership's list, nor does a real AAR follow it or see its commitments
    assert [org.name for org in store.partnership(partnership.id).organisations] == [THA_KHAM]
    assert workshop.bar_to_follow(load("aar"), partnership.id) == real.session.id
    aar = await workshop.open_session(load("aar"), "AAR", partnership_id=partnership.id, follows=real.session.id)
    assert [c["lead"] for c in aar.commitments] == [THA_KHAM]
    # a rehearsed AAR may follow the rehearsed BAR, and sees every commitment
    assert workshop.bar_to_follow(load("aar"), partnership.id, demo=True) == demo.session.id
    rehearsed = await workshop.open_session(load("aar"), "AAR", partnership_id=partnership.id, demo=True)
    assert sorted(c["lead"] for c in rehearsed.commitments) == sorted([THA_KHAM, "รพ.สต.ซ้อม"])


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "facilitator", *argv], capture_output=True, text=True,
                          check=False, timeout=60)


@pytest.fixture
def two_sessions(tmp_path: Path) -> tuple[Path, str, str, str]:
    """A data directory with a closed rehearsal, an unfinished rehearsal and a closed real session."""

    async def fill() -> tuple[str, str, str]:
        store = Store(tmp_path)
        workshop = Workshop(store)
        closed = await workshop.open_session(load("bar"), "ซ้อมปิดแล้ว", demo=True)
        person = await closed.join(TOKEN_A, organisation=THA_KHAM)
        await closed.advance()
        await closed.answer(person.id, 0, "เป้าหมายซ้อม", "client-0001")
        await workshop.close_session(closed)
        unfinished = await workshop.open_session(load("bar"), "ซ้อมค้างไว้", demo=True)
        real = await workshop.open_session(load("bar"), "ประชุมจริง")
        await workshop.close_session(real)
        await store.close()
        return closed.session.id, unfinished.session.id, real.session.id

    return (tmp_path, *asyncio.run(fill()))


def test_the_listing_and_the_exports_say_rehearsal(two_sessions: tuple[Path, str, str, str]) -> None:
    path, closed, unfinished, real = two_sessions
    listed = {line.split()[0]: line for line in run("sessions", "--lang", "en", "--data-dir", str(path)).stdout.splitlines()}
    assert listed[closed].endswith("(Rehearsal)") and listed[unfinished].endswith("(Rehearsal)")
    assert "Rehearsal" not in listed[real]
    md = run("export", closed, "--format", "md", "--lang", "en", "--out", "-", "--data-dir", str(path)).stdout
    assert "<p>A rehearsal: the answers come from simulated phones.</p>" in MarkdownIt().render(md)
    th = run("export", closed, "--format", "md", "--out", "-", "--data-dir", str(path)).stdout
    assert "กิจกรรมซ้อม" in th
    assert "กิจกรรมซ้อม" not in run("export", real, "--format", "md", "--out", "-", "--data-dir", str(path)).stdout
    document = json.loads(run("export", closed, "--format", "json", "--out", "-", "--data-dir", str(path)).stdout)
    assert document["session"]["demo"] is True


def test_delete_demo_moves_every_rehearsal_into_the_trash(two_sessions: tuple[Path, str, str, str],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    path, closed, unfinished, real = two_sessions
    assert main(["delete", "--demo", "--data-dir", str(path)]) == 0   # the unfinished one needs no --force
    assert f"moved rehearsal {unfinished}" in capsys.readouterr().out
    store = Store(path, read_only=True)
    assert [row["id"] for row in store.sessions()] == [real]
    assert {item.id for item in store.trashed()} == {closed, unfinished}
    assert main(["delete", "--demo", "--data-dir", str(path)]) == 0
    assert "no rehearsals to delete" in capsys.readouterr().out


def test_delete_needs_a_session_or_demo(tmp_path: Path) -> None:
    result = run("delete", "--data-dir", str(tmp_path))
    assert result.returncode == 2 and "--demo" in result.stderr
    both = run("delete", "abc", "--demo", "--data-dir", str(tmp_path))
    assert both.returncode == 2 and "not both" in both.stderr


def test_run_has_a_demo_flag_and_a_pace() -> None:
    result = run("run", "--help")
    assert "--demo" in result.stdout and "--pace" in result.stdout
    bad = run("run", "bar", "--demo", "--pace", "0")
    assert bad.returncode == 2 and "pace" in bad.stderr
