"""Answers in words (each kind's ``words``), in Thai and English, for "my answers", the wall and the exports."""

from __future__ import annotations

from typing import cast

from facilitator.core import kinds
from facilitator.core.activity import Activity, Bilingual, Option, Step
from facilitator.core.kinds import StepContext
from facilitator.core.live import LiveSession, SessionSink
from facilitator.core.model import Answer, Session
from facilitator.core.vocab import NO_ROLE
from tests.unit.steps import ACTION, EXPECT, NOTES, POINTS, PROGRESS, RATING, ROLES, TASKS

B = Bilingual

#: The four legs of the chair, as the role-split activity defines them.

COMMITMENTS = [
    {"id": "c1", "task": {"th": "ข้อมูลกลาง", "en": "Shared data"}, "lead": "รพ.สต.บ้านนา", "supporters": [],
     "due": "", "status": "not_started", "note": "", "history": []},
    {"id": "c2", "task": {"th": "กองทุนกลาง", "en": "Shared fund"}, "lead": "", "supporters": [],
     "due": "", "status": "not_started", "note": "", "history": []},
]
EXPECTATIONS = [
    Answer("e1", "bar", 0, "p9", "ผู้สูงอายุได้รับการดูแลครบทุกคน", "c-e1"),
    Answer("e2", "bar", 0, "p9", "มีฐานข้อมูลเดียวกัน", "c-e2"),
]
CONTEXT = StepContext(tasks=TASKS, commitments=tuple(COMMITMENTS), expectations=tuple(EXPECTATIONS))


def describe(step: Step, answer: Answer, lang: str, context: StepContext) -> list[str]:
    """What the step's kind says ``answer`` holds."""
    return kinds.of(step).words(step, answer, lang, context)


def answer(data: dict[str, object], text: str = "") -> Answer:
    return Answer("r1", "s1", 0, "p1", text, "client-1", data=data)


def test_a_note_is_its_text() -> None:
    assert describe(NOTES, answer({}, "ข้อมูลกระจายหลายที่"), "th", CONTEXT) == ["ข้อมูลกระจายหลายที่"]
    assert describe(NOTES, answer({}, ""), "th", CONTEXT) == []


def test_role_claims_read_task_level_resources_and_note_in_task_order() -> None:
    response = answer({"organisation": "รพ.สต.บ้านนา", "claims": {
        "fund": {"level": "support", "resources": ["money", "people"], "note": "งบ 20,000 บาท"},
        "mechanism": {"level": "lead", "resources": [], "note": ""},
    }})
    assert describe(ROLES, response, "th", CONTEXT) == [
        "กลไกกลาง (การประสานงาน): เจ้าภาพหลัก",
        "กองทุนกลาง: หนุนเสริมทรัพยากร (งบประมาณ, คน) — งบ 20,000 บาท",
    ]
    assert describe(ROLES, response, "en", CONTEXT) == [
        "Shared mechanism (coordination): Lead",
        "Shared fund: Support with resources (Money, People) — งบ 20,000 บาท",
    ]


def test_none_chosen_on_a_task_is_not_a_line() -> None:
    response = answer({"organisation": "รพ.สต.บ้านนา", "claims": {
        "rules": {"level": NO_ROLE, "resources": [], "note": ""},
        "data": {"level": "informed", "resources": [], "note": ""},
    }})
    assert describe(ROLES, response, "th", CONTEXT) == ["ข้อมูลกลาง: รับทราบ"]


def test_a_claim_on_a_task_added_during_the_session_uses_its_name() -> None:
    added = Option("t-abc", B("รถรับส่งผู้ป่วย", "รถรับส่งผู้ป่วย"))
    context = StepContext(tasks=(*TASKS, added))
    response = answer({"organisation": "อบต.ท่าข้าม", "claims": {"t-abc": {"level": "co", "resources": []}}})
    assert describe(ROLES, response, "en", context) == ["รถรับส่งผู้ป่วย: Co-deliver"]
    assert describe(ROLES, response, "th", StepContext()) == ["t-abc: ร่วมดำเนินการ"]


def test_an_action_reads_what_who_and_a_buddhist_era_due_date() -> None:
    response = answer({"organisation": "อบต.ท่าข้าม", "due": "2026-11-22"}, "จัดทำฐานข้อมูลผู้สูงอายุ")
    assert describe(ACTION, response, "th", CONTEXT) == [
        "จัดทำฐานข้อมูลผู้สูงอายุ — อบต.ท่าข้าม — กำหนดเสร็จ 22 พ.ย. 2569"
    ]
    assert describe(ACTION, response, "en", CONTEXT) == [
        "จัดทำฐานข้อมูลผู้สูงอายุ — อบต.ท่าข้าม — Due 22 Nov 2026"
    ]
    bare = answer({"organisation": "", "due": ""}, "ประชุมทุกเดือน")
    assert describe(ACTION, bare, "th", CONTEXT) == ["ประชุมทุกเดือน"]


def test_progress_reads_each_commitment_with_its_status_and_note() -> None:
    response = answer({"organisation": "รพ.สต.บ้านนา", "ratings": {
        "c2": {"status": "blocked", "note": "งบยังไม่อนุมัติ"},
        "c1": {"status": "in_progress", "note": ""},
        "gone": {"status": "done", "note": ""},
    }})
    assert describe(PROGRESS, response, "th", CONTEXT) == [
        "ข้อมูลกลาง (รพ.สต.บ้านนา): กำลังทำ",
        "กองทุนกลาง: ติดขัด — งบยังไม่อนุมัติ",
        "gone: เสร็จ",
    ]
    assert describe(PROGRESS, response, "en", CONTEXT)[0] == "Shared data (รพ.สต.บ้านนา): In progress"


def test_expectations_read_each_bar_expectation_with_its_verdict_then_the_note() -> None:
    response = answer({"verdicts": {"e2": "short", "e1": "exceeded"}}, "ข้อมูลยังไม่ครบ")
    assert describe(EXPECT, response, "th", CONTEXT) == [
        "ผู้สูงอายุได้รับการดูแลครบทุกคน: เกินความคาดหวัง",
        "มีฐานข้อมูลเดียวกัน: น้อยกว่าที่คาดหวัง",
        "ข้อมูลยังไม่ครบ",
    ]
    assert describe(EXPECT, answer({"verdicts": {"e1": "met"}}), "en", CONTEXT) == [
        "ผู้สูงอายุได้รับการดูแลครบทุกคน: Met"
    ]


def test_a_rating_reads_each_block_with_its_light_in_words() -> None:
    response = answer({"lights": {"purpose": "red", "trust": "green"}})
    assert describe(RATING, response, "th", CONTEXT) == ["ความไว้วางใจ: เขียว (ดีแล้ว)", "เป้าหมายร่วม: แดง (มีปัญหา)"]
    assert describe(RATING, answer({"lights": {"trust": "amber"}}, "ต้องคุยกันมากขึ้น"), "en", CONTEXT) == [
        "Trust: Amber (needs attention)", "ต้องคุยกันมากขึ้น",
    ]


def test_points_read_each_area_with_its_points() -> None:
    response = answer({"allocations": {"a2": 3, "a1": 7}})
    assert describe(POINTS, response, "th", CONTEXT) == ["บ้านนา: 7", "ท่าข้าม: 3"]
    assert describe(POINTS, response, "en", CONTEXT) == ["Ban Na: 7", "Tha Kham: 3"]


def test_participant_text_stays_literal() -> None:
    hostile = '<img src=x onerror=alert(1)> [@click=app.quit]x'
    response = answer({"organisation": "x", "claims": {"data": {"level": "lead", "resources": [], "note": hostile}}})
    assert describe(ROLES, response, "th", CONTEXT) == [f"ข้อมูลกลาง: เจ้าภาพหลัก — {hostile}"]


def test_the_context_of_a_session_holds_its_tasks_then_those_added() -> None:
    activity = Activity("role-split", B("แบ่งบทบาท", "Role split"), B("", ""), (ROLES, NOTES))
    session = Session("s1", "1234", "ประชุม", "th", activity)
    added = Option("t-abc", B("รถรับส่งผู้ป่วย", "รถรับส่งผู้ป่วย"))
    session.tasks.append(added)
    live = LiveSession(session, cast(SessionSink, None))
    assert live.context().commitments == () and live.context().expectations == ()
    live.commitments, live.expectations = list(COMMITMENTS), list(EXPECTATIONS)
    context = live.context()
    assert context.tasks == (*TASKS, added)
    assert [c["id"] for c in context.commitments] == ["c1", "c2"]
    assert [r.id for r in context.expectations] == ["e1", "e2"]
