"""The ``facilitator`` command outside the app: listing, exporting, partnerships, and one-line errors."""

from __future__ import annotations

import asyncio
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from activities import load
from facilitator.__main__ import main
from facilitator.core.workshop import Workshop
from facilitator.store import Store

THAI = "ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม"


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "facilitator", *argv], capture_output=True, text=True,
                          check=False, timeout=60)


@pytest.fixture
def data_dir(tmp_path: Path) -> tuple[Path, str]:
    """A data directory holding one closed BAR with one Thai answer."""

    async def fill() -> str:
        store = Store(tmp_path)
        workshop = Workshop(store)
        live = await workshop.open_session(load("bar"), "ประชุมภาคีตำบล")
        person = await live.join("token-aaaaaaaaaaaaaaaaaaaa", organisation="รพ.สต.บ้านนา")
        await live.advance()
        await live.answer(person.id, 0, THAI, "client-0001")
        await workshop.close_session(live)
        await store.close()
        return live.session.id

    return tmp_path, asyncio.run(fill())


def test_sessions_lists_the_session(data_dir: tuple[Path, str]) -> None:
    path, session_id = data_dir
    result = run("sessions", "--data-dir", str(path))
    assert result.returncode == 0 and session_id in result.stdout and "ประชุมภาคีตำบล" in result.stdout
    before = run("--data-dir", str(path), "sessions")  # options before the command work too
    assert before.stdout == result.stdout


def test_export_json_and_markdown_carry_the_answer(data_dir: tuple[Path, str], tmp_path: Path) -> None:
    path, session_id = data_dir
    out = tmp_path / "record.json"
    assert main(["export", session_id, "--format", "json", "--out", str(out), "--data-dir", str(path)]) == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert [r["text"] for r in record["answers"]] == [THAI]
    md = run("export", session_id, "--format", "md", "--lang", "en", "--out", "-", "--data-dir", str(path))
    assert md.returncode == 0 and THAI in md.stdout and "Participants" in md.stdout


@pytest.mark.parametrize(
    "argv, message",
    [
        (["run", "nope"], "unknown activity 'nope'"),
        (["export", "nosuch", "--format", "md"], "no session 'nosuch'"),
        (["export", "x", "--format", "docx"], "docx"),
        (["run", "aar", "--partnership", "nope"], "no partnership 'nope'"),
        (["partnerships", "add", "x", "--org", "a|nowhere"], "unknown sector 'nowhere'"),
    ],
)
def test_mistakes_are_one_line_errors(tmp_path: Path, argv: list[str], message: str) -> None:
    result = run(*argv, "--data-dir", str(tmp_path), "--lang", "en")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr and "Traceback" not in result.stderr


def test_a_corrupt_database_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "facilitator.json").write_bytes(b'{"sessions": {"1": {"id"')
    result = run("sessions", "--data-dir", str(tmp_path))
    assert result.returncode == 2 and "facilitator.json" in result.stderr and "Traceback" not in result.stderr


def test_an_unwritable_data_directory_is_a_one_line_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = run("sessions", "--data-dir", str(blocker / "data"))
    assert result.returncode == 2 and "cannot use data directory" in result.stderr


def test_partnerships_are_added_and_listed(tmp_path: Path) -> None:
    added = run("partnerships", "add", "ภาคีตำบลท่าข้าม", "--org", "อบต.ท่าข้าม|local_admin", "--data-dir", str(tmp_path))
    assert added.returncode == 0
    listed = run("partnerships", "--data-dir", str(tmp_path))
    assert added.stdout.strip() in listed.stdout and "อบต.ท่าข้าม" in listed.stdout


def test_every_command_has_help() -> None:
    for argv in ([], ["run"], ["sessions"], ["export"], ["partnerships"], ["delete"], ["trash"], ["restore"],
                 ["activities"]):
        result = run(*argv, "--help")
        assert result.returncode == 0 and "usage: facilitator" in result.stdout


def test_the_data_directory_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from facilitator.__main__ import default_data_dir

    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(tmp_path))
    assert default_data_dir() == tmp_path


def test_a_session_goes_to_the_trash_and_comes_back(data_dir: tuple[Path, str]) -> None:
    path, session_id = data_dir
    listed = run("sessions", "--data-dir", str(path), "--lang", "en").stdout
    deleted = run("delete", session_id, "--data-dir", str(path), "--lang", "en")
    assert deleted.returncode == 0 and f"facilitator trash restore {session_id}" in deleted.stdout
    assert run("sessions", "--data-dir", str(path), "--lang", "en").stdout == "no sessions yet\n"
    trash = run("trash", "--data-dir", str(path), "--lang", "en")
    assert session_id in trash.stdout and "ประชุมภาคีตำบล" in trash.stdout and "session" in trash.stdout
    restored = run("trash", "restore", session_id, "--data-dir", str(path), "--lang", "en")
    assert restored.returncode == 0 and run("sessions", "--data-dir", str(path), "--lang", "en").stdout == listed
    assert run("trash", "--data-dir", str(path), "--lang", "en").stdout == "the trash is empty\n"
    missing = run("trash", "restore", session_id, "--data-dir", str(path), "--lang", "en")
    assert missing.returncode == 2 and f"no deleted item '{session_id}'" in missing.stderr
    assert "the trash is empty" in missing.stderr


def test_emptying_the_trash_asks_and_refuses_without_a_terminal(data_dir: tuple[Path, str]) -> None:
    path, session_id = data_dir
    run("delete", session_id, "--data-dir", str(path))
    refused = run("trash", "empty", "--data-dir", str(path))  # stdin is not a terminal here
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert session_id in run("trash", "--data-dir", str(path)).stdout
    emptied = run("trash", "empty", "--yes", "--data-dir", str(path))
    assert emptied.returncode == 0 and "deleted 1 item(s) for good" in emptied.stdout
    assert not list(path.rglob(f"{session_id}*"))


def test_a_session_that_is_not_closed_needs_force(tmp_path: Path) -> None:
    session = Store(tmp_path).create_session(load("bar"), "ยังไม่ปิด")
    refused = run("delete", session.id, "--data-dir", str(tmp_path))
    assert refused.returncode == 2 and "not closed" in refused.stderr and "--force" in refused.stderr
    assert run("delete", session.id, "--force", "--data-dir", str(tmp_path)).returncode == 0
    assert Store(tmp_path).sessions() == []


def test_a_partnership_goes_to_the_trash_with_its_sessions(tmp_path: Path) -> None:
    store = Store(tmp_path)
    partnership = store.create_partnership("ภาคีตำบลท่าข้าม")

    async def close_one() -> str:
        workshop = Workshop(store)
        live = await workshop.open_session(load("bar"), "BAR", partnership_id=partnership.id)
        await workshop.close_session(live)
        await store.close()
        return live.session.id

    session_id = asyncio.run(close_one())
    deleted = run("partnerships", "delete", partnership.id, "--data-dir", str(tmp_path), "--lang", "en")
    assert deleted.returncode == 0 and "with its sessions (1)" in deleted.stdout
    assert run("partnerships", "--data-dir", str(tmp_path), "--lang", "en").stdout == "no partnerships yet\n"
    assert session_id not in run("sessions", "--data-dir", str(tmp_path), "--lang", "en").stdout
    assert run("trash", "restore", partnership.id, "--data-dir", str(tmp_path), "--lang", "en").returncode == 0
    assert session_id in run("sessions", "--data-dir", str(tmp_path), "--lang", "en").stdout


class Terminal(io.StringIO):
    """Typed answers on a terminal's standard input."""

    def isatty(self) -> bool:
        return True


def test_emptying_the_trash_at_a_terminal_deletes_only_after_yes(
    data_dir: tuple[Path, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path, session_id = data_dir
    assert main(["delete", session_id, "--data-dir", str(path)]) == 0
    monkeypatch.setattr(sys, "stdin", Terminal("n\n"))
    assert main(["trash", "empty", "--data-dir", str(path)]) == 1
    assert "nothing deleted" in capsys.readouterr().out and len(Store(path).trashed()) == 1
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    assert main(["trash", "empty", "--data-dir", str(path)]) == 0
    assert "for good" in capsys.readouterr().out and Store(path).trashed() == []


def test_export_without_out_writes_a_readable_name_and_never_replaces(data_dir: tuple[Path, str],
                                                                    tmp_path: Path) -> None:
    path, session_id = data_dir
    folder = tmp_path / "out"
    folder.mkdir()
    first = subprocess.run([sys.executable, "-m", "facilitator", "export", session_id, "--format", "csv",
                            "--data-dir", str(path)], capture_output=True, text=True, check=False, timeout=60,
                           cwd=folder)
    again = run("export", session_id, "--format", "csv", "--out", str(folder), "--data-dir", str(path))
    assert first.returncode == 0 and again.returncode == 0
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 2 and names[0].endswith("ประชุมภาคีตำบล (2).csv") and names[1].endswith("ประชุมภาคีตำบล.csv")
    assert names[1][:4].isdigit() and " BAR " in names[1]
    assert again.stdout.strip() == str(folder / names[0])
    assert THAI in (folder / names[1]).read_bytes().decode("utf-8-sig")


def test_the_qr_handout_needs_the_join_address(data_dir: tuple[Path, str], tmp_path: Path) -> None:
    path, session_id = data_dir
    refused = run("export", session_id, "--format", "qr-pdf", "--data-dir", str(path))
    assert refused.returncode == 2 and "--url" in refused.stderr and refused.stderr.count("\n") == 1
    out = tmp_path / "handout.pdf"
    url = "http://192.168.1.23:8765/j/ABCD"
    given = run("export", session_id, "--format", "qr-pdf", "--url", url, "--out", str(out), "--data-dir", str(path))
    assert given.returncode == 0 and out.read_bytes().startswith(b"%PDF")


def test_export_help_names_every_format() -> None:
    import exports

    helped = " ".join(run("export", "--help").stdout.split())
    assert all(name in helped for name in exports.names())
