"""A meeting typed in after it was held is placed at the date its facilitator gave, not at the day its record was
created: in the partnership's timeline, its period, the history of its commitments, the health check meeting by
meeting and BAR expectations beside AAR results — in the partnership report and in a session's exports alike. A
summary saved before it carried the meeting date still exports, dated as it was."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import exports
from activities import load
from exports.partnership_report import FORMATS, Report, report
from exports.summary_tables import summary_sections
from exports.tables import Table
from facilitator.core.chronology import held_at, in_meeting_order
from facilitator.core.i18n import BANGKOK, format_day
from facilitator.core.kinds import Form
from facilitator.core.model import Session, SessionDetails, now_iso
from facilitator.core.record import SessionRecord
from facilitator.core.summaries.progress import KIND as PROGRESS, commitment_id, progress_summary
from facilitator.core.workshop import Workshop
from facilitator.store import Store

SAO = "อบต.หนองบัว"
HC = "รพ.สต.หนองบัว"
GOAL = "ทุกหมู่บ้านใช้ข้อมูลผู้สูงอายุชุดเดียวกัน"
FUND = commitment_id("กองทุนกลาง", SAO)
TODAY = datetime.now(BANGKOK).date()
#: The paper BAR, the paper health check and the paper AAR: held weeks ago, typed in today.
BAR_DAY, HEALTH_DAY, AAR_DAY = ((TODAY - timedelta(days=days)).isoformat() for days in (61, 45, 30))


@dataclass
class TypedInLate:
    """A partnership whose meetings were recorded in another order than they were held: its store, its id and
    its sessions' ids by what they were."""

    store: Store
    id: str
    sessions: dict[str, str]
    #: When today's health check started (the day it is dated).
    today: str


async def hold(workshop: Workshop, activity_id: str, partnership_id: str, *, held_at: str = "",
               follows: str | None = None, answers: Sequence[tuple[int, Form]] = ()) -> str:
    """Open a session (dated ``held_at`` when given), answer its steps from one phone of ``SAO``, close it."""
    live = await workshop.open_session(load(activity_id), f"{activity_id} {held_at or 'today'}",
                                       partnership_id=partnership_id, follows=follows,
                                       details=SessionDetails(held_at=held_at))
    person = await live.join("token-aaaaaaaaaaaaaaaaaaaa", organisation=SAO)
    for step, form in answers:
        await live.goto(step)
        await live.submit(person.id, step, f"client-{step:04d}", form)
    await workshop.close_session(live)
    return live.session.id


@pytest.fixture
async def typed_in_late(tmp_path: Path) -> AsyncIterator[TypedInLate]:
    """Today's health check held live, then three meetings held on paper weeks ago and typed in after it: the
    BAR (a goal, a lead claim on the fund), a health check, and the AAR that follows the BAR (judging the goal,
    rating the fund)."""
    store = Store(tmp_path)
    partnership = store.create_partnership("ภาคีตำบลหนองบัว", [(SAO, "local_admin"), (HC, "government")])
    workshop = Workshop(store)
    green = {"light.trust": ["green"], "light.purpose": ["green"]}
    sessions = {"health today": await hold(workshop, "health", partnership.id, answers=[(0, green)])}
    bar = await hold(workshop, "bar", partnership.id, held_at=BAR_DAY, answers=[
        (0, {"text": [GOAL]}), (5, {"organisation": [SAO], "level.fund": ["lead"]})])
    sessions["bar"] = bar
    sessions["health on paper"] = await hold(workshop, "health", partnership.id, held_at=HEALTH_DAY, answers=[
        (0, {"light.trust": ["red"], "light.purpose": ["amber"]})])
    goal = next(a.id for a in store.load(bar).answers if a.step == 0)
    sessions["aar"] = await hold(workshop, "aar", partnership.id, held_at=AAR_DAY, follows=bar, answers=[
        (0, {f"verdict.{goal}": ["met"]}), (4, {"organisation": [SAO], f"status.{FUND}": ["in_progress"]})])
    yield TypedInLate(store, partnership.id, sessions, store.load(sessions["health today"]).session.created_at)
    await store.close()


def test_meetings_are_ordered_by_the_day_then_the_time_they_were_held() -> None:
    def session(sid: str, created: str, held_at: str = "") -> SessionRecord:
        return SessionRecord(Session(sid, sid.upper(), sid, "th", load("bar"), created_at=created,
                                     details=SessionDetails(held_at=held_at)), [], [])

    live = session("live", "2026-12-03T02:00:00.000+00:00")  # 09:00 in Bangkok, no date given
    records = [
        session("day-typed-later", "2026-12-03T08:00:00.000+00:00", "2026-12-03"),  # same day, created after
        live,
        session("timed-before", "2026-12-03T09:00:00.000+00:00", "2026-12-03T08:30+07:00"),
        session("the-day-before", "2026-12-20T01:00:00.000+00:00", "2026-12-02"),
    ]
    assert [rec.session.id for rec in in_meeting_order(records)] == [
        "the-day-before", "timed-before", "live", "day-typed-later"]
    assert held_at(live.session) == live.session.created_at


def partnership_report(late: TypedInLate, lang: str) -> Report:
    partnership = late.store.partnership(late.id)
    return report(partnership, progress_summary(partnership, late.store.partnership_records(late.id)), lang)


def grid(doc: Report, title: str, subtitle: str = "") -> Any:
    section = next(s for s in doc.sections if s.title == title)
    return dict(section.tables)[subtitle]


def day(iso_day: str, lang: str = "en") -> str:
    return format_day(iso_day, lang)


@pytest.mark.parametrize("lang", ["th", "en"])
async def test_the_partnership_report_places_each_meeting_at_the_day_it_was_held(
        typed_in_late: TypedInLate, lang: str) -> None:
    doc = partnership_report(typed_in_late, lang)
    facts = dict(doc.facts)
    period = "ช่วงเวลา" if lang == "th" else "Period"
    assert facts[period] == f"{day(BAR_DAY, lang)} – {day(typed_in_late.today, lang)}"
    timeline = grid(doc, "ลำดับการประชุม" if lang == "th" else "Timeline of sessions")
    assert [(row[0], row[1]) for row in timeline.rows] == [
        (day(BAR_DAY, lang), f"bar {BAR_DAY}"), (day(HEALTH_DAY, lang), f"health {HEALTH_DAY}"),
        (day(AAR_DAY, lang), f"aar {AAR_DAY}"), (day(typed_in_late.today, lang), "health today"),
    ]


async def test_expectations_history_and_health_are_dated_by_their_meetings(typed_in_late: TypedInLate) -> None:
    doc = partnership_report(typed_in_late, "en")
    [(subtitle, expectations)] = next(s.tables for s in doc.sections
                                      if s.title == "BAR expectations beside AAR results")
    assert subtitle == f"aar {AAR_DAY} ({day(AAR_DAY)})"
    assert expectations.rows == ((GOAL, "Met", "Met 1"),)
    [fund] = grid(doc, "Commitments by task").rows
    assert fund[6] == f"In progress ({day(AAR_DAY)}, {SAO})"
    trust = grid(doc, "Partnership health by organisation, meeting by meeting", "Trust")
    assert trust.headings[1:3] == (day(HEALTH_DAY), day(typed_in_late.today))
    assert trust.rows == ((SAO, "Red (a problem)", "Green (working well)", "Better"),)


async def test_a_sessions_exports_show_the_partnerships_meetings_in_the_order_they_were_held(
        typed_in_late: TypedInLate) -> None:
    record = typed_in_late.store.load(typed_in_late.sessions["aar"])
    progress = next(s for s in summary_sections(record, "en") if s.kind == PROGRESS)
    timeline = next(b for b in progress.blocks if isinstance(b, Table) and b.title == "Timeline of sessions")
    assert [row[0] for row in timeline.rows] == [day(d) for d in (BAR_DAY, HEALTH_DAY, AAR_DAY, typed_in_late.today)]
    rows = list(csv.reader(io.StringIO(exports.export(record, "csv", "en").decode("utf-8-sig"))))
    assert ["In progress", "", day(AAR_DAY), SAO] in [row[4:] for row in rows]


async def test_a_meeting_typed_in_is_asked_only_about_commitments_made_before_it(typed_in_late: TypedInLate) -> None:
    workshop = Workshop(typed_in_late.store)
    before = (TODAY - timedelta(days=90)).isoformat()
    earlier = await workshop.open_session(load("checkin"), "check-in", partnership_id=typed_in_late.id,
                                          details=SessionDetails(held_at=before))
    later = await workshop.open_session(load("checkin"), "check-in", partnership_id=typed_in_late.id,
                                        details=SessionDetails(held_at=AAR_DAY))
    assert earlier.commitments == []
    assert [item["id"] for item in later.commitments] == [FUND]


async def test_a_summary_saved_before_it_carried_meeting_dates_still_exports(typed_in_late: TypedInLate) -> None:
    store = typed_in_late.store
    saved = dict(store.load(typed_in_late.sessions["aar"]).latest(PROGRESS) or {})
    old = {**saved, "computed_at": now_iso(),
           "sessions": [without_held_at(s) for s in saved["sessions"]],
           "commitments": [{**c, "history": [without_held_at(h) for h in c["history"]]}
                           for c in saved["commitments"]],
           "health_by_organisation": {**saved["health_by_organisation"], "sessions": [
               without_held_at(s) for s in saved["health_by_organisation"]["sessions"]]}}
    store.save_summary(old)
    record = store.load(typed_in_late.sessions["aar"])
    assert "held_at" not in str(record.latest(PROGRESS))
    today = day(typed_in_late.today)
    markdown = exports.export(record, "md", "en").decode("utf-8")
    assert f"| {today} | bar {BAR_DAY} |" in markdown and f"In progress ({today}, {SAO})" in markdown
    for fmt in ("csv", "xlsx", "html", "pdf", "png", "json"):
        assert exports.export(record, fmt, "en")
    partnership = store.partnership(typed_in_late.id)
    doc = report(partnership, old, "en")
    assert dict(doc.facts)["Period"] == f"{today} – {today}"
    book = load_workbook(io.BytesIO(FORMATS["xlsx"][1](partnership, old, "th")))
    assert book.sheetnames


def without_held_at(entry: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in entry.items() if key != "held_at"}


async def test_listings_put_the_latest_meeting_first_dated_by_the_day_it_was_held(
        typed_in_late: TypedInLate, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from facilitator.__main__ import main

    held_order = [typed_in_late.sessions[key] for key in ("health today", "aar", "health on paper", "bar")]
    assert [row["id"] for row in typed_in_late.store.sessions()] == held_order  # recorded: aar, paper, bar, today
    assert main(["sessions", "--data-dir", str(tmp_path), "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == held_order
    assert day(AAR_DAY) in lines[1] and day(BAR_DAY) in lines[3]  # the day it was held, not the day typed in
    assert main(["sessions", "--data-dir", str(tmp_path), "--lang", "th"]) == 0
    assert day(AAR_DAY, "th") in capsys.readouterr().out.splitlines()[1]  # in the Buddhist era


async def test_an_index_written_before_it_kept_the_meeting_date_still_lists_in_meeting_order(
        typed_in_late: TypedInLate) -> None:
    store = typed_in_late.store
    assert store.catalog.session(typed_in_late.sessions["bar"])["held_at"] == BAR_DAY  # the index keeps it now

    def forget(data: dict[str, Any]) -> None:
        for doc in data["sessions"].values():
            del doc["held_at"]

    store.catalog.change(forget)
    assert all("held_at" not in row for row in store.catalog.sessions())
    held_order = [typed_in_late.sessions[key] for key in ("health today", "aar", "health on paper", "bar")]
    assert [row["id"] for row in store.sessions()] == held_order  # the session files say when


def test_an_entry_without_a_meeting_date_is_placed_by_when_it_was_created() -> None:
    from facilitator.core.chronology import entry_key

    old = {"id": "old", "created_at": "2026-12-03T02:00:00.000+00:00"}
    typed = {"id": "typed", "created_at": "2026-12-04T02:00:00.000+00:00", "held_at": "2026-11-20"}
    newer = {"id": "newer", "created_at": "2026-12-05T02:00:00.000+00:00", "held_at": ""}
    assert [e["id"] for e in sorted([old, typed, newer], key=entry_key, reverse=True)] == ["newer", "old", "typed"]


async def test_an_aar_follows_the_bar_held_last_not_the_one_typed_in_last(typed_in_late: TypedInLate) -> None:
    store = typed_in_late.store
    older = (TODAY - timedelta(days=90)).isoformat()
    earlier_bar = await hold(Workshop(store), "bar", typed_in_late.id, held_at=older)  # typed in after the rest
    assert store.latest_session(typed_in_late.id, "bar") == typed_in_late.sessions["bar"] != earlier_bar
    assert Workshop(store).bar_to_follow(load("aar"), typed_in_late.id) == typed_in_late.sessions["bar"]
