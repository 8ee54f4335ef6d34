"""Commitments and the progress summary across a partnership's sessions: a BAR's lead claims carried to two
AARs in a row, action answers becoming commitments, expectations reviewed, the timeline and the stage."""

from __future__ import annotations

from typing import Any

from facilitator.core.activity import Activity, Bilingual, Option, Step
from facilitator.core.kinds import EXPECTATIONS
from facilitator.core.model import Answer, Participant, Session, Status
from facilitator.core.partnership import PartnerOrg, Partnership
from facilitator.core.record import SessionRecord
from facilitator.core.summaries import SCHEMA_VERSION
from facilitator.core.summaries import expectations as review
from facilitator.core.summaries.expectations import expectations
from facilitator.core.summaries.progress import KIND, commitment_id, commitments, progress_summary

B = Bilingual


def expectations_review(bar: SessionRecord, aar: SessionRecord) -> dict[str, Any]:
    """The BAR's expectations beside the verdicts of the AAR's expectations steps."""
    return review.expectations_review(bar, aar, EXPECTATIONS.steps_in(aar.session))


HC = "รพ.สต.บ้านนา"
SAO = "อบต.ท่าข้าม"
CLUB = "ชมรมผู้สูงอายุ"
VHV = "อสม.บ้านนา"

MECHANISM = Option("mechanism", B("กลไกกลาง (การประสานงาน)", "Shared mechanism (coordination)"), coordination=True)
RULES = Option("rules", B("กติกากลาง", "Shared rules"))
DATA = Option("data", B("ข้อมูลกลาง", "Shared data"))
FUND = Option("fund", B("กองทุนกลาง", "Shared fund"))
BUS = Option("t-abc", B("รถรับส่งผู้ป่วย", "รถรับส่งผู้ป่วย"))

BAR = Activity("bar", B("BAR", "BAR"), B("", ""), (
    Step("goals", "notes", B("เป้าหมาย", "Goals")),
    Step("roles", "role_claim", B("บทบาท", "Roles"), options=(MECHANISM, RULES, DATA, FUND)),
))
AAR = Activity("aar", B("AAR", "AAR"), B("", ""), (
    Step("expected", "expectations", B("สิ่งที่คาดหวังไว้", "What did we expect?")),
    Step("met", "notes", B("ได้ตามคาด", "Met")),
    Step("fell-short", "notes", B("น้อยกว่าคาด", "Fell short")),
    Step("next", "action", B("จะทำอะไรต่อ", "Next")),
    Step("progress", "progress", B("ความก้าวหน้า", "Progress")),
))
CHECKIN = Activity("checkin", B("ติดตาม", "Check-in"), B("", ""), (
    Step("progress", "progress", B("ความก้าวหน้า", "Progress")),
))

C_MECHANISM = commitment_id("กลไกกลาง (การประสานงาน)", HC)
C_DATA = commitment_id("ข้อมูลกลาง", HC)
C_FUND = commitment_id("กองทุนกลาง", SAO)
C_BUS = commitment_id("รถรับส่งผู้ป่วย", CLUB)
C_MEETINGS = commitment_id("นัดประชุมภาคีทุกสองเดือน", SAO)
C_TRAINING = commitment_id("อบรม อสม. ใช้แอป", VHV)


def thakham(stage: str = "") -> Partnership:
    return Partnership("pn-1", "เครือข่ายสุขภาพตำบลท่าข้าม", [
        PartnerOrg(HC, "government"), PartnerOrg(SAO, "local_admin"), PartnerOrg(CLUB, "community"),
        PartnerOrg(VHV, "volunteer"),
    ], stage=stage)


def at(day: str, minute: int) -> str:
    return f"{day}T03:{minute:02d}:00.000+00:00"


class Builder:
    """One session's record, answer by answer."""

    def __init__(self, sid: str, activity: Activity, day: str, follows: str | None = None,
                 tasks: list[Option] | None = None) -> None:
        self.sid, self.day = sid, day
        self.session = Session(sid, sid.upper(), f"{activity.id} {day}", "th", activity, created_at=at(day, 0),
                               status=Status.CLOSED, partnership_id="pn-1", follows=follows, tasks=list(tasks or []))
        self.participants: list[Participant] = []
        self.answers: list[Answer] = []

    def person(self, pid: str, organisation: str, also: list[str] | None = None) -> str:
        self.participants.append(Participant(pid, self.sid, "", organisation, "", "th", at(self.day, 1),
                                             also=list(also or [])))
        return pid

    def answer(self, rid: str, step: int, pid: str, minute: int, text: str = "", **data: Any) -> Answer:
        response = Answer(rid, self.sid, step, pid, text, f"c-{rid}", at(self.day, minute), data=data)
        self.answers.append(response)
        return response

    def claims(self, rid: str, pid: str, organisation: str, minute: int, **levels: str | tuple[str, list[str]]) -> None:
        claims = {}
        for task, value in levels.items():
            level, resources = value if isinstance(value, tuple) else (value, [])
            claims[task.replace("_", "-")] = {"level": level, "resources": resources, "note": ""}
        self.answer(rid, 1, pid, minute, organisation=organisation, claims=claims)

    def ratings(self, rid: str, step: int, pid: str, organisation: str, minute: int,
                **ratings: tuple[str, str]) -> None:
        self.answer(rid, step, pid, minute, organisation=organisation,
                    ratings={cid: {"status": s, "note": n} for cid, (s, n) in ratings.items()})

    def record(self) -> SessionRecord:
        return SessionRecord(self.session, self.participants, self.answers)


def bar() -> SessionRecord:
    b = Builder("s-bar", BAR, "2026-11-01", tasks=[BUS])
    p1, p2, p3 = b.person("p1", "รพสต บ้านนา", also=[VHV]), b.person("p2", SAO), b.person("p3", CLUB)
    b.answer("e2", 0, p2, 11, "มีกองทุนกลาง")
    b.answer("e1", 0, p1, 10, "ทุกตำบลใช้ข้อมูลผู้สูงอายุชุดเดียวกัน")
    b.answer("e3", 0, p3, 12, "ผู้สูงอายุมาร่วมมากขึ้น")
    b.claims("b1", p1, "รพสต บ้านนา", 20, mechanism="lead", data="lead", rules="informed")
    b.claims("b2", p1, VHV, 21, data=("support", ["people"]))
    b.claims("b3", p2, SAO, 22, fund=("lead", ["money"]), mechanism="co", data="co")
    b.claims("b4", p3, CLUB, 23, t_abc=("support", ["place"]))
    b.claims("b5", p3, CLUB, 24, t_abc="lead")  # replaces the club's support
    return b.record()


def aar1() -> SessionRecord:
    a = Builder("s-aar1", AAR, "2026-12-01", follows="s-bar")
    q1, q2, q3 = a.person("q1", HC), a.person("q2", "อบต ท่าข้าม"), a.person("q3", VHV)
    a.answer("v1", 0, q1, 10, verdicts={"e1": "met", "e2": "short"})
    a.answer("v2", 0, q2, 11, "งบมาช้า", verdicts={"e1": "exceeded", "e2": "short", "e3": "met"})
    a.answer("v3", 0, q3, 12, verdicts={"e1": "met", "zz": "met"})
    a.answer("m1", 1, q2, 20, "ส่งข้อมูลครบก่อนกำหนด")
    a.answer("f1", 2, q1, 21, "งบมาช้าเพราะขั้นตอนอนุมัติ")
    a.answer("x1", 3, q2, 30, "นัดประชุมภาคีทุกสองเดือน", organisation="อบต ท่าข้าม", due="2027-02-01")
    a.answer("x2", 3, q3, 31, "อบรม อสม. ใช้แอป", organisation="", due="")
    a.ratings("g1", 4, q1, HC, 40, **{C_MECHANISM: ("in_progress", "ประชุมแล้ว 1 ครั้ง"),
                                       C_DATA: ("blocked", "รอข้อมูลจาก อบต.")})
    a.ratings("g2", 4, q2, "อบต ท่าข้าม", 41, **{C_FUND: ("dropped", "ไม่มีงบปีนี้")})
    return a.record()


def aar2() -> SessionRecord:
    a = Builder("s-aar2", AAR, "2027-01-15", follows="s-bar")
    q1, q2 = a.person("q1", HC), a.person("q2", SAO)
    a.answer("x3", 3, q2, 30, "นัดประชุมภาคี ทุกสองเดือน", organisation=SAO, due="2027-03-01")
    a.ratings("g3", 4, q1, HC, 40, **{C_MECHANISM: ("done", "มีผู้ประสานประจำ"), "unknown": ("done", "")})
    a.ratings("g4", 4, q2, SAO, 41, **{C_MEETINGS: ("in_progress", "")})
    return a.record()


def records() -> list[SessionRecord]:
    """Given newest first: the summaries must order them."""
    return [aar2(), bar(), aar1()]


def by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


# --- commitments -------------------------------------------------------------------------------------------


def test_commitment_ids_are_stable_across_spellings() -> None:
    assert commitment_id("ข้อมูลกลาง", "รพ.สต.บ้านนา") == commitment_id("ข้อมูล กลาง", "รพสต บ้านนา")
    assert commitment_id("ข้อมูลกลาง", HC) != commitment_id("ข้อมูลกลาง", SAO)
    assert commitment_id("a", "bc") != commitment_id("ab", "c")
    assert len(C_DATA) == 10


def test_lead_claims_of_a_bar_become_commitments() -> None:
    items = commitments([bar()], thakham())
    assert items == [
        {"id": C_MECHANISM, "task": MECHANISM.label.to_dict(), "lead": HC, "supporters": [SAO], "due": "", "contact": "",
         "source_session": "s-bar", "status": "not_started", "note": "", "history": []},
        {"id": C_DATA, "task": DATA.label.to_dict(), "lead": HC, "supporters": [SAO, VHV], "due": "", "contact": "",
         "source_session": "s-bar", "status": "not_started", "note": "", "history": []},
        {"id": C_FUND, "task": FUND.label.to_dict(), "lead": SAO, "supporters": [], "due": "", "contact": "",
         "source_session": "s-bar", "status": "not_started", "note": "", "history": []},
        {"id": C_BUS, "task": BUS.label.to_dict(), "lead": CLUB, "supporters": [], "due": "", "contact": "",
         "source_session": "s-bar", "status": "not_started", "note": "", "history": []},
    ]


def test_a_lead_claims_due_date_and_contact_reach_its_commitment() -> None:
    b = Builder("s-bar", BAR, "2026-11-01")
    p1 = b.person("p1", SAO)
    b.answer("b1", 1, p1, 20, organisation=SAO, claims={
        "fund": {"level": "lead", "resources": [], "note": "", "due": "2027-03-31", "contact": "ปลัด อบต. 081"},
    })
    [fund] = commitments([b.record()], thakham())
    assert (fund["lead"], fund["due"], fund["contact"]) == (SAO, "2027-03-31", "ปลัด อบต. 081")


def test_without_a_partnership_the_first_spelling_leads() -> None:
    items = by_id(commitments([bar()]))
    assert items[C_MECHANISM]["lead"] == "รพสต บ้านนา"
    assert set(items) == {C_MECHANISM, C_DATA, C_FUND, C_BUS}


def test_progress_ratings_carry_a_bar_commitment_through_two_aars() -> None:
    items = by_id(commitments(records(), thakham()))
    mechanism = items[C_MECHANISM]
    assert (mechanism["status"], mechanism["note"]) == ("done", "มีผู้ประสานประจำ")
    assert mechanism["history"] == [
        {"status": "in_progress", "note": "ประชุมแล้ว 1 ครั้ง", "session_id": "s-aar1",
         "at": at("2026-12-01", 40), "held_at": at("2026-12-01", 40), "organisation": HC},
        {"status": "done", "note": "มีผู้ประสานประจำ", "session_id": "s-aar2",
         "at": at("2027-01-15", 40), "held_at": at("2027-01-15", 40), "organisation": HC},
    ]
    assert (items[C_DATA]["status"], items[C_DATA]["note"]) == ("blocked", "รอข้อมูลจาก อบต.")
    assert [h["status"] for h in items[C_DATA]["history"]] == ["blocked"]
    assert (items[C_BUS]["status"], items[C_BUS]["history"]) == ("not_started", [])


def test_a_dropped_commitment() -> None:
    fund = by_id(commitments(records(), thakham()))[C_FUND]
    assert (fund["status"], fund["note"]) == ("dropped", "ไม่มีงบปีนี้")
    assert fund["history"] == [{"status": "dropped", "note": "ไม่มีงบปีนี้", "session_id": "s-aar1",
                                "at": at("2026-12-01", 41), "held_at": at("2026-12-01", 41), "organisation": SAO}]


def test_action_answers_become_commitments_with_due_dates() -> None:
    items = commitments(records(), thakham())
    assert [item["id"] for item in items] == [C_MECHANISM, C_DATA, C_FUND, C_BUS, C_MEETINGS, C_TRAINING]
    meetings, training = items[4], items[5]
    assert meetings == {
        "id": C_MEETINGS, "task": {"th": "นัดประชุมภาคีทุกสองเดือน", "en": "นัดประชุมภาคีทุกสองเดือน"},
        "lead": SAO, "supporters": [], "due": "2027-03-01", "contact": "", "source_session": "s-aar1",
        "status": "in_progress", "note": "",
        "history": [{"status": "in_progress", "note": "", "session_id": "s-aar2", "at": at("2027-01-15", 41),
                     "held_at": at("2027-01-15", 41),
                     "organisation": SAO}],
    }
    # No organisation given: the answer's author's organisation leads.
    assert (training["lead"], training["due"], training["status"]) == (VHV, "", "not_started")


def test_a_rating_of_a_commitment_made_later_is_ignored() -> None:
    early = Builder("s-check", CHECKIN, "2026-10-01")
    early.ratings("g0", 0, early.person("q1", HC), HC, 10, **{C_MECHANISM: ("done", "")})
    items = by_id(commitments([bar(), early.record()], thakham()))
    assert items[C_MECHANISM]["status"] == "not_started" and items[C_MECHANISM]["history"] == []


def test_a_check_in_between_meetings_moves_the_status() -> None:
    check = Builder("s-check", CHECKIN, "2026-11-15")
    check.ratings("g0", 0, check.person("q1", VHV), VHV, 10, **{C_DATA: ("in_progress", "ได้ข้อมูล 3 หมู่")})
    items = by_id(commitments([aar1(), check.record(), bar()], thakham()))
    assert [(h["session_id"], h["status"], h["organisation"]) for h in items[C_DATA]["history"]] == [
        ("s-check", "in_progress", VHV), ("s-aar1", "blocked", HC)
    ]
    assert items[C_DATA]["status"] == "blocked"


def test_a_later_lead_claim_adds_supporters_and_keeps_the_source() -> None:
    again = Builder("s-split", BAR, "2026-11-20")
    p = again.person("p1", SAO, also=[CLUB])
    again.claims("c1", p, "รพ.สต. บ้านนา", 10, data="lead")
    again.claims("c2", p, CLUB, 11, data=("support", ["place"]))
    data = by_id(commitments([bar(), again.record()], thakham()))[C_DATA]
    assert data["source_session"] == "s-bar"
    assert data["supporters"] == [CLUB, SAO, VHV]


# --- expectations ------------------------------------------------------------------------------------------


def test_expectations_are_the_bars_first_step_in_order() -> None:
    assert [r.id for r in expectations(bar())] == ["e1", "e2", "e3"]


def test_expectations_review_counts_verdicts_and_takes_the_majority() -> None:
    review = expectations_review(bar(), aar1())
    assert review == {
        "bar_session": "s-bar",
        "aar_session": "s-aar1",
        "expectations": [
            {"id": "e1", "text": "ทุกตำบลใช้ข้อมูลผู้สูงอายุชุดเดียวกัน", "verdicts": {"met": 2, "exceeded": 1},
             "verdict": "met"},
            {"id": "e2", "text": "มีกองทุนกลาง", "verdicts": {"short": 2}, "verdict": "short"},
            {"id": "e3", "text": "ผู้สูงอายุมาร่วมมากขึ้น", "verdicts": {"met": 1}, "verdict": "met"},
        ],
        "met_or_exceeded": ["ส่งข้อมูลครบก่อนกำหนด"],
        "fell_short": ["งบมาช้าเพราะขั้นตอนอนุมัติ"],
    }


def test_a_tied_verdict_goes_to_the_first_in_vocabulary_order() -> None:
    a = Builder("s-aar", AAR, "2026-12-01", follows="s-bar")
    a.answer("v1", 0, a.person("q1", HC), 10, verdicts={"e1": "short", "e2": "met"})
    a.answer("v2", 0, a.person("q2", SAO), 11, verdicts={"e1": "exceeded", "e2": "short"})
    verdicts = [item["verdict"] for item in expectations_review(bar(), a.record())["expectations"]]
    assert verdicts == ["exceeded", "met", ""]


def test_a_changed_verdict_counts_once() -> None:
    a = Builder("s-aar", AAR, "2026-12-01", follows="s-bar")
    q1, q2 = a.person("q1", HC), a.person("q2", SAO)
    a.answer("v3", 0, q1, 30, verdicts={"e1": "short"})
    a.answer("v1", 0, q1, 10, verdicts={"e1": "met", "e2": "met"})
    a.answer("v2", 0, q2, 20, verdicts={"e1": "met"})
    items = expectations_review(bar(), a.record())["expectations"]
    assert [(item["verdicts"], item["verdict"]) for item in items] == [
        ({"short": 1, "met": 1}, "met"), ({"met": 1}, "met"), ({}, "")
    ]


def test_an_aar_without_results_steps_reviews_verdicts_only() -> None:
    plain = Activity("aar-lite", B("x", "x"), B("", ""), (Step("expected", "expectations", B("x", "x")),))
    a = Builder("s-lite", plain, "2026-12-01", follows="s-bar")
    a.answer("v1", 0, a.person("q1", HC), 10, verdicts={"e3": "exceeded"})
    review = expectations_review(bar(), a.record())
    assert (review["met_or_exceeded"], review["fell_short"]) == ([], [])
    assert review["expectations"][2]["verdict"] == "exceeded"


# --- the progress summary ----------------------------------------------------------------------------------


def test_progress_summary_document() -> None:
    result = progress_summary(thakham(), records())
    assert (result["schema_version"], result["kind"], result["partnership_id"]) == (SCHEMA_VERSION, KIND, "pn-1")
    assert KIND == "progress" and result["computed_at"]
    assert result["commitments"] == commitments(records(), thakham())


def test_progress_summary_by_task_and_by_partner() -> None:
    result = progress_summary(thakham(), records())
    assert [(row["id"], row["lead"], row["status"]) for row in result["by_task"]] == [
        (C_MECHANISM, HC, "done"), (C_DATA, HC, "blocked"), (C_FUND, SAO, "dropped"), (C_BUS, CLUB, "not_started"),
        (C_MEETINGS, SAO, "in_progress"), (C_TRAINING, VHV, "not_started"),
    ]
    assert result["by_task"][0]["task"] == MECHANISM.label.to_dict()

    def row(org: str, n: int, **statuses: int) -> dict[str, Any]:
        counts = {s: 0 for s in ("not_started", "in_progress", "blocked", "done", "dropped")}
        return {"organisation": org, "commitments": n, **{**counts, **statuses}}

    assert result["by_partner"] == [
        row(CLUB, 1, not_started=1),
        row(HC, 2, blocked=1, done=1),
        row(SAO, 2, in_progress=1, dropped=1),
        row(VHV, 1, not_started=1),
    ]


def test_progress_summary_timeline_is_in_date_order() -> None:
    timeline = progress_summary(thakham(), records())["sessions"]
    assert [(s["id"], s["activity_id"], s["follows"]) for s in timeline] == [
        ("s-bar", "bar", None), ("s-aar1", "aar", "s-bar"), ("s-aar2", "aar", "s-bar")
    ]
    first, second, third = timeline
    assert (first["participants"], first["answers"]) == (3, 8)
    assert [step["answers"] for step in first["steps"]] == [3, 5]
    assert (second["participants"], second["answers"]) == (3, 9)
    assert [(step["answers"], step["respondents"]) for step in second["steps"]] == [
        (3, 3), (1, 1), (1, 1), (2, 2), (2, 2)
    ]
    assert [step["answers"] for step in third["steps"]] == [0, 0, 0, 1, 2]
    assert (second["title"], second["activity_name"], second["created_at"], second["status"]) == (
        "aar 2026-12-01", {"th": "AAR", "en": "AAR"}, at("2026-12-01", 0), "closed"
    )


def test_progress_summary_reviews_each_aar_against_its_bar() -> None:
    reviews = progress_summary(thakham(), records())["reviews"]
    assert [(r["bar_session"], r["aar_session"]) for r in reviews] == [("s-bar", "s-aar1"), ("s-bar", "s-aar2")]
    assert [item["verdict"] for item in reviews[0]["expectations"]] == ["met", "short", "met"]
    assert [item["verdict"] for item in reviews[1]["expectations"]] == ["", "", ""]


def test_an_aar_whose_bar_is_missing_has_no_review() -> None:
    result = progress_summary(thakham(), [aar1(), aar2()])
    assert result["reviews"] == []
    assert [item["id"] for item in result["commitments"]] == [C_MEETINGS, C_TRAINING]


def test_stage_suggested_or_set_on_the_partnership() -> None:
    suggested = progress_summary(thakham(), records())
    assert (suggested["stage"], suggested["stage_suggested"]) == ("reviewing", "reviewing")
    chosen = progress_summary(thakham("implementing"), records())
    assert (chosen["stage"], chosen["stage_suggested"]) == ("implementing", "reviewing")
    assert progress_summary(thakham(), [bar()])["stage"] == "planning"
    empty = progress_summary(None, [])
    assert (empty["stage"], empty["partnership_id"], empty["commitments"], empty["sessions"]) == (
        "scoping", None, [], []
    )


def test_progress_summary_does_not_depend_on_record_order() -> None:
    def stable(result: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in result.items() if k != "computed_at"}

    forward = progress_summary(thakham(), [bar(), aar1(), aar2()])
    backward = progress_summary(thakham(), list(reversed([bar(), aar1(), aar2()])))
    assert stable(forward) == stable(backward)
