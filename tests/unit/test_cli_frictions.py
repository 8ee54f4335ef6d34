"""The command line as a newcomer meets it: organisations need their sector, a session id may be shortened to
its start (and a wrong one gets suggestions), reading commands create no data directory, and listings speak
Thai or English."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from activities import load
from facilitator.__main__ import main, parse_args, start_request
from facilitator.core.i18n import format_date
from facilitator.core.vocab import SECTORS
from facilitator.core.workshop import Workshop
from facilitator.store import Store


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def closed_session(path: Path, title: str, partnership_id: str | None = None) -> str:
    async def fill() -> str:
        store = Store(path)
        workshop = Workshop(store)
        live = await workshop.open_session(load("bar"), title, partnership_id=partnership_id)
        await workshop.close_session(live)
        await store.close()
        return live.session.id

    return asyncio.run(fill())


# -- partnerships add: every organisation with its sector ----------------------------------------------------
def test_an_organisation_without_a_sector_is_refused_with_the_sectors_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    code, _, err = cli(capsys, "partnerships", "add", "ภาคีตำบลท่าข้าม", "--org", "อบต.ท่าข้าม|local_admin",
                       "--org", "รพ.สต.บ้านนา", "--lang", "en", "--data-dir", str(data))
    assert code == 2 and err.count("\n") == 1
    assert "--org 'รพ.สต.บ้านนา' has no sector: write --org \"รพ.สต.บ้านนา|SECTOR\"" in err
    assert all(f"{key} (" in err for key in SECTORS) and "Local administration" in err
    assert not data.exists()  # refused before anything was stored
    code, _, err = cli(capsys, "partnerships", "add", "ภาคี", "--org", "รพ.สต.บ้านนา", "--data-dir", str(data))
    assert code == 2 and "ไม่ได้ระบุภาคส่วน" in err and "องค์กรปกครองส่วนท้องถิ่น" in err


def test_sectors_by_key_or_label_after_a_bar_or_a_colon_and_an_unknown_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, "partnerships", "add", "ภาคีตำบลท่าข้าม", "--org", "อบต.ท่าข้าม:local_admin",
                       "--org", "รพ.สต.บ้านนา | ภาครัฐ", "--org", "ชมรมผู้สูงอายุ|", "--org", "มอ.|Academic",
                       "--data-dir", str(tmp_path))
    assert code == 0
    (partnership,) = Store(tmp_path, read_only=True).partnerships()
    assert partnership.id == out.strip()
    assert [(org.name, org.sector) for org in partnership.organisations] == [
        ("อบต.ท่าข้าม", "local_admin"), ("รพ.สต.บ้านนา", "government"), ("ชมรมผู้สูงอายุ", ""), ("มอ.", "academic")]
    listed = cli(capsys, "partnerships", "--lang", "en", "--data-dir", str(tmp_path))[1]
    assert "อบต.ท่าข้าม (Local administration)" in listed and "ชมรมผู้สูงอายุ (Not given)" in listed
    assert "(0 sessions;" in listed
    code, _, err = cli(capsys, "partnerships", "add", "x", "--org", "a|nowhere", "--lang", "en",
                       "--data-dir", str(tmp_path))
    assert code == 2 and "unknown sector 'nowhere': one of government (Government agency)" in err


# -- a session id by its start; suggestions for a wrong one -------------------------------------------------
def test_a_unique_start_of_an_id_names_the_session_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    partnership = Store(tmp_path).create_partnership("ภาคีตำบลท่าข้าม")
    session_id = closed_session(tmp_path, "ประชุมภาคีตำบล", partnership.id)
    out = tmp_path / "record.md"
    code, printed, _ = cli(capsys, "export", session_id[:3], "--format", "md", "--out", str(out),
                           "--data-dir", str(tmp_path))
    assert code == 0 and out.exists() and "ประชุมภาคีตำบล" in out.read_text(encoding="utf-8")
    store = Store(tmp_path)
    try:
        request = start_request(parse_args(["run", "aar", "--partnership", partnership.id[:2], "--follows",
                                            session_id[:4], "--data-dir", str(tmp_path)]), store)
        assert request is not None and (request.partnership_id, request.follows) == (partnership.id, session_id)
    finally:
        asyncio.run(store.close())
    code, printed, _ = cli(capsys, "delete", session_id[:3], "--lang", "en", "--data-dir", str(tmp_path))
    assert code == 0 and f"moved session {session_id}" in printed
    code, printed, _ = cli(capsys, "trash", "restore", session_id[:3], "--lang", "en", "--data-dir", str(tmp_path))
    assert code == 0 and f"restored session {session_id}" in printed
    code, printed, _ = cli(capsys, "partnerships", "delete", partnership.id[:3], "--lang", "en",
                           "--data-dir", str(tmp_path))
    assert code == 0 and f"moved partnership {partnership.id}" in printed


def test_an_ambiguous_start_lists_the_sessions_it_begins(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store(tmp_path)
    by_first: dict[str, list[str]] = {}
    while not any(len(ids) > 1 for ids in by_first.values()):  # 17 sessions at most share a first hex digit
        session = store.create_session(load("bar"), f"ประชุมครั้งที่ {sum(map(len, by_first.values())) + 1}")
        by_first.setdefault(session.id[0], []).append(session.id)
    asyncio.run(store.close())
    start, ids = next((key, ids) for key, ids in by_first.items() if len(ids) > 1)
    code, _, err = cli(capsys, "delete", start, "--lang", "en", "--data-dir", str(tmp_path))
    assert code == 2 and err.count("\n") == 1
    assert f"'{start}' is the start of more than one session id:" in err and "type more of the id" in err
    assert all(session_id in err for session_id in ids)
    assert len(Store(tmp_path, read_only=True).sessions()) == sum(map(len, by_first.values()))  # none deleted


def test_an_unknown_id_gets_suggestions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session_id = closed_session(tmp_path, "ประชุมภาคีตำบล")
    typo = session_id[:6] + ("0" if session_id[6] != "0" else "1") + session_id[7]
    code, _, err = cli(capsys, "export", typo, "--format", "md", "--lang", "en", "--data-dir", str(tmp_path))
    assert code == 2 and err.count("\n") == 1
    assert f"no session '{typo}' in {tmp_path}; did you mean {session_id} (ประชุมภาคีตำบล)?" in err
    code, _, err = cli(capsys, "export", "ภาคีตำบล", "--format", "md", "--data-dir", str(tmp_path))
    assert code == 2 and f"หมายถึง {session_id} (ประชุมภาคีตำบล) หรือไม่" in err  # found by its title
    code, _, err = cli(capsys, "delete", "zzzzzzzz", "--lang", "en", "--data-dir", str(tmp_path))
    assert code == 2 and "list them with: facilitator sessions" in err


# -- reading creates nothing ---------------------------------------------------------------------------------
@pytest.mark.parametrize("argv", [
    ["sessions"], ["partnerships"], ["activities"], ["trash"], ["export", "abc", "--format", "md"],
    ["delete", "abc"], ["trash", "restore", "abc"], ["trash", "empty", "--yes"], ["restore"],
    ["partnerships", "delete", "abc"],
])
def test_commands_on_a_missing_data_directory_say_there_is_no_data_yet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    data = tmp_path / "not-yet"
    code, out, err = cli(capsys, *argv, "--lang", "en", "--data-dir", str(data))
    assert not data.exists()
    if argv[0] != "activities":
        assert f"no data yet in {data}: nothing has been recorded there" in out + err
    assert code == (0 if argv in (["sessions"], ["partnerships"], ["activities"], ["trash"]) else 2)


# -- listings in Thai and English ----------------------------------------------------------------------------
def test_the_sessions_listing_speaks_thai_or_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session_id = closed_session(tmp_path, "ประชุมภาคีตำบล")
    waiting = Store(tmp_path).create_session(load("aar"), "ยังไม่เริ่ม")
    thai = cli(capsys, "sessions", "--data-dir", str(tmp_path))[1]
    english = cli(capsys, "sessions", "--lang", "en", "--data-dir", str(tmp_path))[1]
    created = next(row["created_at"] for row in Store(tmp_path, read_only=True).sessions() if row["id"] == session_id)
    closed_th = next(line for line in thai.splitlines() if line.startswith(session_id))
    assert "ปิดแล้ว" in closed_th and "เข้าร่วม 0 คน" in closed_th and "0 คำตอบ" in closed_th
    assert format_date(created, "th") in closed_th  # the Buddhist-era year
    assert "รอเริ่ม" in next(line for line in thai.splitlines() if line.startswith(waiting.id))
    closed_en = next(line for line in english.splitlines() if line.startswith(session_id))
    assert "Closed" in closed_en and "0 joined" in closed_en and "0 answers" in closed_en
    assert format_date(created, "en") in closed_en
    assert "Lobby" in english
    for raw in ("lobby", "closed", "running"):
        assert f" {raw} " not in thai + english
    assert cli(capsys, "trash", "--data-dir", str(tmp_path))[1] == "ถังขยะว่าง\n"
