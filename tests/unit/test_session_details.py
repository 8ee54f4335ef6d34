"""Place, facilitator, date and time of a meeting: read as people type them, kept in the record, printed in the
exports; a session exported while it runs is marked as a snapshot."""

from __future__ import annotations

import asyncio
import dataclasses
import html
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from activities import load
from exports.facts import session_facts
from exports.markdown import render
from facilitator.__main__ import main, parse_args, start_request
from facilitator.cli_base import CliError
from facilitator.core.i18n import read_date
from facilitator.core.model import Session, SessionDetails, Status
from facilitator.core.record import SessionRecord
from facilitator.core.workshop import Workshop
from facilitator.store import Store

DETAILS = SessionDetails("ศาลาประชาคม อบต.หนองบัว", "นางสาวน้ำฝน ใจดี", "2026-12-03T09:30+07:00")


@pytest.mark.parametrize("typed, stored", [
    ("3/12/2569 09:30", "2026-12-03T09:30+07:00"),
    ("2026-12-03 9:30", "2026-12-03T09:30+07:00"),
    ("2569-12-03T14:05", "2026-12-03T14:05+07:00"),
    ("3/12/2026", "2026-12-03"),
    ("  ", ""),
])
def test_dates_and_times_as_people_type_them(typed: str, stored: str) -> None:
    assert read_date(typed, with_time=True) == stored


@pytest.mark.parametrize("typed", ["31/2/2569", "พรุ่งนี้", "3/12/2569 25:00", "3/12/2569 9", "2026-12"])
def test_what_is_not_a_date_is_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        read_date(typed, with_time=True)


def test_a_time_of_day_is_refused_where_only_a_date_is_asked() -> None:
    with pytest.raises(ValueError):
        read_date("3/12/2569 09:30")


def test_details_are_kept_in_the_record_only_when_given() -> None:
    session = Session("s1", "K7Q2", "ภาคี", "th", load("bar"))
    assert "details" not in session.to_dict()
    with_details = dataclasses.replace(session, details=DETAILS)
    assert with_details.to_dict()["details"] == {"place": DETAILS.place, "facilitator": DETAILS.facilitator,
                                                 "held_at": DETAILS.held_at}
    assert Session.from_dict(with_details.to_dict()).details == DETAILS
    assert Session.from_dict({**session.to_dict(), "details": "garbage"}).details == SessionDetails()


def test_every_export_header_carries_the_details() -> None:
    session = Session("s1", "K7Q2", "ภาคีตำบลหนองบัว", "th", load("bar"), status=Status.CLOSED, details=DETAILS)
    facts = dict(session_facts(SessionRecord(session), "th"))
    assert facts["วันเวลา"] == "3 ธ.ค. 2569 09:30"
    assert facts["สถานที่"] == DETAILS.place and facts["ผู้อำนวยความสะดวก"] == DETAILS.facilitator
    post = MarkdownIt("gfm-like").render(render(SessionRecord(session), "en"))  # as a blog shows it
    assert "When: 3 Dec 2026 09:30" in post and "Facilitator: นางสาวน้ำฝน ใจดี" in post
    assert "snapshot" not in post


def test_without_details_the_start_is_the_date_and_nothing_else_is_printed() -> None:
    session = Session("s1", "K7Q2", "ภาค", "th", load("bar"), created_at="2026-12-03T02:30:00.000+00:00",
                      status=Status.CLOSED)
    facts = dict(session_facts(SessionRecord(session), "en"))
    assert facts["When"] == "3 Dec 2026 09:30"  # the start, in the room's time
    assert "Place" not in facts and "Facilitator" not in facts


def test_an_export_of_a_running_session_says_it_is_a_snapshot() -> None:
    session = Session("s1", "K7Q2", "ภาค", "th", load("bar"), status=Status.RUNNING, step=0)
    facts = dict(session_facts(SessionRecord(session), "en", exported_at="2026-12-03T03:00:00+00:00"))
    assert facts["Status"].startswith("A snapshot taken at 3 Dec 2026 10:00 while the session was still running")


def test_run_takes_the_details_from_the_command_line(tmp_path: Path) -> None:
    store = Store(tmp_path)
    args = parse_args(["run", "bar", "--place", " ศาลาประชาคม อบต.หนองบัว ", "--facilitator", DETAILS.facilitator,
                       "--when", "3/12/2569 09:30", "--data-dir", str(tmp_path)])
    request = start_request(args, store)
    assert request is not None and request.details == DETAILS

    async def opened() -> SessionDetails:
        live = await Workshop(store).open_session(request.activity, request.title, details=request.details)
        await store.close()
        return Store(tmp_path, read_only=True).load(live.session.id).session.details

    assert asyncio.run(opened()) == DETAILS


def test_run_refuses_a_date_it_cannot_read(tmp_path: Path) -> None:
    args = parse_args(["run", "bar", "--when", "พรุ่งนี้", "--data-dir", str(tmp_path)])
    with pytest.raises(CliError, match="cannot read the date"):
        start_request(args, Store(tmp_path))


def test_the_running_session_export_from_the_command_line_is_marked(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    async def running() -> str:
        store = Store(tmp_path)
        live = await Workshop(store).open_session(load("bar"), "ภาคีตำบลหนองบัว", details=DETAILS)
        await live.advance()
        await store.close()
        return live.session.id

    session_id = asyncio.run(running())
    assert main(["export", session_id, "--format", "md", "--lang", "en", "--out", "-",
                 "--data-dir", str(tmp_path)]) == 0
    out = MarkdownIt("gfm-like").render(capsys.readouterr().out)
    assert "while the session was still running" in out and "Place: ศาลาประชาคม อบต.หนองบัว" in out


@pytest.mark.parametrize("fmt", ["html", "pdf", "md"])
def test_the_reports_print_the_place_and_the_facilitator(fmt: str) -> None:
    import io

    import exports
    from pypdf import PdfReader

    session = Session("s1", "K7Q2", "ภาคีตำบลหนองบัว", "th", load("bar"), status=Status.CLOSED, details=DETAILS)
    data = exports.export(SessionRecord(session), fmt, "th")
    text = ("".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages) if fmt == "pdf"
            else data.decode("utf-8"))
    for value in ("ศาลาประชาคม", "นางสาวน้ำฝน ใจดี", "3 ธ.ค. 2569 09:30"):
        assert value in text, (fmt, value)


@pytest.mark.parametrize("fmt", ["html", "pdf", "md"])
def test_the_reports_say_a_rehearsal_and_an_anonymous_session(fmt: str) -> None:
    import io

    import exports
    from pypdf import PdfReader

    session = Session("s1", "K7Q2", "ซ้อม", "en", load("bar"), status=Status.CLOSED, demo=True, anonymous=True)
    data = exports.export(SessionRecord(session), fmt, "en")
    text = ("".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages) if fmt == "pdf"
            else html.unescape(data.decode("utf-8")))
    text = " ".join(text.split())
    assert "A rehearsal: the answers come from simulated phones." in text, fmt
    assert "An anonymous session: no participant's name was kept." in text, fmt
