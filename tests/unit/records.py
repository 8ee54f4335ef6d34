"""Hand-made session records for the export tests: a BAR of notes with hostile answers, and a role split with
health, pilot scores and a partnership's progress (computed by the real core functions)."""

from __future__ import annotations

import dataclasses

from facilitator.core.activity import Activity, Bilingual, Option, Step
from facilitator.core.model import Answer, Participant, Session, Status
from facilitator.core.partnership import PartnerOrg, Partnership
from facilitator.core.record import SessionRecord
from facilitator.core.summaries.overview import session_overview
from facilitator.core.summaries.progress import commitment_id, progress_summary
from facilitator.core.summaries.session import session_summaries

THAI = "ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม"
CLICK = "[@click=app.quit]x"
MARKUP = "a [/] b"
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x")'

CREATED_AT = "2026-11-22T03:00:00.000+00:00"
CLOSED_AT = "2026-11-22T05:00:00.000+00:00"


def stamp(minute: int) -> str:
    return f"2026-11-22T03:{minute:02d}:00.000+00:00"


def make_record() -> SessionRecord:
    """A closed BAR of two steps: three participants from Thai organisations, one of them silent."""
    activity = Activity(
        id="bar",
        name=Bilingual("ทบทวนก่อนปฏิบัติงาน (BAR)", "Before Action Review (BAR)"),
        description=Bilingual("ตั้งเป้าหมายร่วมกันก่อนเริ่มงาน", "Agree on goals before the work starts."),
        steps=(
            Step(
                id="expect",
                kind="notes",
                prompt=Bilingual("เราคาดหวังอะไรจากการประชุมครั้งนี้?", "What do we expect from this meeting?"),
                hint=Bilingual("หนึ่งความคาดหวังต่อหนึ่งคำตอบ", "One expectation per answer."),
            ),
            Step(
                id="contribute",
                kind="notes",
                prompt=Bilingual("เราจะมีส่วนร่วมอย่างไร?", "How will we contribute?"),
            ),
        ),
    )
    session = Session(
        id="s-0001",
        code="K7Q2",
        title="เครือข่ายสุขภาพตำบลท่าข้าม",
        lang="th",
        activity=activity,
        created_at=CREATED_AT,
        status=Status.CLOSED,
        step=None,
        closed_at=CLOSED_AT,
        partnership_id="pn-thakham",
    )

    def person(pid: str, name: str, organisation: str, sector: str, minute: int) -> Participant:
        return Participant(pid, session.id, name, organisation, sector, "th", stamp(minute))

    participants = [
        person("p-aaa", "สมศรี", "รพ.สต.บ้านนา", "government", 1),
        person("p-bbb", "", "อบต.ท่าข้าม", "local_admin", 2),
        person("p-ccc", "Nok", "ชมรมผู้สูงอายุบ้านนา", "community", 3),
    ]

    def answer(rid: str, step: int, pid: str, text: str, minute: int) -> Answer:
        return Answer(rid, session.id, step, pid, text, f"c-{rid}", stamp(minute))

    responses = [
        answer("r-1", 0, "p-aaa", THAI, 10),
        answer("r-2", 0, "p-bbb", SCRIPT, 11),
        answer("r-3", 0, "p-aaa", f"{CLICK}\n{MARKUP}", 12),
        answer("r-4", 1, "p-bbb", FORMULA, 20),
    ]
    summary = {**session_overview(session, participants, responses), "computed_at": CLOSED_AT}
    return SessionRecord(session, participants, responses, [summary])


B = Bilingual
ROLES_AT = "2026-12-06T02:00:00.000+00:00"
ROLES_CLOSED_AT = "2026-12-06T04:00:00.000+00:00"
HOSTILE_ORG = "เยาวชน | <b>ท่าข้าม</b>"
HOSTILE_TASK = "รถรับส่ง *ผู้ป่วย* <ติดเตียง>"
HOSTILE_NOTE = "ใช้ [ลาน](http://x) วัด <ได้>"
MECHANISM = "กลไกกลาง (การประสานงาน)"


def thakham() -> Partnership:
    """The partnership both fixture sessions belong to: five invited organisations, one of which never comes."""
    return Partnership("pn-thakham", "เครือข่ายสุขภาพตำบลท่าข้าม", [
        PartnerOrg("รพ.สต.บ้านนา", "government"),
        PartnerOrg("อบต.ท่าข้าม", "local_admin"),
        PartnerOrg("ชมรมผู้สูงอายุบ้านนา", "community"),
        PartnerOrg("อสม.บ้านนา", "volunteer"),
        PartnerOrg("โรงเรียนบ้านนา", "academic"),
    ], created_at="2026-11-01T00:00:00.000+00:00")


def _rolesstamp(minute: int) -> str:
    return f"2026-12-06T02:{minute:02d}:00.000+00:00"


def make_roles_record(with_summaries: bool = True) -> SessionRecord:
    """A closed role-split and health workshop after the BAR of :func:`make_record`: role claims (one for a
    second hat, one on a task the room added), traffic lights, pilot-area points and actions; saved with its
    role-split, health and pilot-area summaries and the partnership's progress summary."""
    blocks = (
        Option("trust", B("ความไว้วางใจ", "Trust")),
        Option("purpose", B("เป้าหมายร่วม", "Shared purpose")),
        Option("monitoring", B("การติดตามผล", "Monitoring")),
    )
    areas = (Option("a1", B("บ้านนา", "Ban Na")), Option("a2", B("ท่าข้าม", "Tha Kham")),
             Option("a3", B("หนองบัว", "Nong Bua")))
    activity = Activity(
        id="role-split",
        name=B("แบ่งบทบาทและสุขภาพภาคี", "Role split and partnership health"),
        description=B("", ""),
        steps=(
            Step("roles", "role_claim", B("หน่วยงานของเราจะรับบทบาทอะไร", "Which role will my organisation take?"),
                 options=(Option("mechanism", B(MECHANISM, "Shared mechanism (coordination)"), coordination=True),
                          Option("rules", B("กติกากลาง", "Shared rules")),
                          Option("data", B("ข้อมูลกลาง", "Shared data")),
                          Option("fund", B("กองทุนกลาง", "Shared fund")))),
            Step("blocks", "rating", B("ภาคีของเราเป็นอย่างไร", "How healthy is our partnership?"), options=blocks),
            Step("readiness", "points", B("พื้นที่ไหนพร้อมเป็นพื้นที่นำร่อง", "Which area is ready to pilot?"),
                 options=areas, budget=10),
            Step("next", "action", B("ใครจะทำอะไรต่อ", "Who will do what next?")),
        ),
    )
    session = Session(
        id="s-0002", code="M3P8", title="แบ่งบทบาท ภาคีท่าข้าม", lang="th", activity=activity,
        created_at=ROLES_AT, status=Status.CLOSED, closed_at=ROLES_CLOSED_AT, partnership_id="pn-thakham",
        tasks=[Option("t-k3x", B(HOSTILE_TASK, HOSTILE_TASK))],
    )

    def person(pid: str, name: str, organisation: str, sector: str, also: list[str] | None = None) -> Participant:
        return Participant(pid, session.id, name, organisation, sector, "th", _rolesstamp(1), list(also or []))

    participants = [
        person("p-aaa", "สมศรี", "รพ.สต.บ้านนา", "government", also=["อสม.บ้านนา"]),
        person("p-bbb", "", "อบต ท่าข้าม", "local_admin"),
        person("p-ccc", "Nok", "ชมรมผู้สูงอายุบ้านนา", "community"),
        person("p-ddd", "Ton", HOSTILE_ORG, "civil_society"),
    ]

    def answer(rid: str, step: int, pid: str, minute: int, text: str = "", **data: object) -> Answer:
        return Answer(rid, session.id, step, pid, text, f"c-{rid}", _rolesstamp(minute), dict(data))

    def level(name: str, resources: tuple[str, ...] = (), note: str = "") -> dict[str, object]:
        return {"level": name, "resources": list(resources), "note": note}

    responses = [
        answer("r-1", 0, "p-aaa", 10, organisation="รพ.สต.บ้านนา", claims={
            "mechanism": level("lead"), "rules": level("informed"),
            "data": level("lead", note="รวบรวมทะเบียนผู้สูงอายุ"),
        }),
        answer("r-2", 0, "p-aaa", 11, organisation="อสม.บ้านนา",
               claims={"data": level("support", ("people",), "อสม. 12 คน เก็บข้อมูล")}),
        answer("r-3", 0, "p-bbb", 12, organisation="อบต ท่าข้าม", claims={
            "mechanism": level("lead"), "fund": level("lead", ("money",), "ปีละ 50,000 บาท"),
        }),
        answer("r-4", 0, "p-ddd", 13, organisation=HOSTILE_ORG,
               claims={"t-k3x": level("co", ("place",), HOSTILE_NOTE)}),
        answer("r-5", 1, "p-aaa", 20, lights={"trust": "green", "purpose": "green", "monitoring": "amber"}),
        answer("r-6", 1, "p-bbb", 21, "ยังไม่มีใครติดตามตัวเลข",
               lights={"trust": "amber", "purpose": "green", "monitoring": "red"}),
        answer("r-7", 1, "p-ddd", 22, lights={"trust": "red", "purpose": "amber"}),
        answer("r-8", 2, "p-aaa", 30, allocations={"a1": 6, "a2": 4}),
        answer("r-9", 2, "p-bbb", 31, allocations={"a2": 10}),
        answer("r-10", 2, "p-ddd", 32, allocations={"a1": 4, "a3": 6}),
        answer("r-11", 3, "p-bbb", 40, "นัดประชุมภาคีทุกสองเดือน", organisation="อบต ท่าข้าม", due="2027-02-01"),
        answer("r-12", 3, "p-ddd", 41, "ทำแผนที่บ้านผู้ป่วยติดเตียง", organisation="", due=""),
    ]
    record = SessionRecord(session, participants, responses)
    if not with_summaries:
        return record
    partnership = thakham()
    computed = [
        *session_summaries(session, participants, responses, partnership),
        progress_summary(partnership, [make_record(), record, make_aar_record()]),
    ]
    return dataclasses.replace(record, summaries=[{**s, "computed_at": ROLES_CLOSED_AT} for s in computed])


def make_aar_record() -> SessionRecord:
    """The AAR after both: it reviews the BAR's expectations and rates the commitments made so far."""
    activity = Activity("aar", B("ทบทวนหลังปฏิบัติการ (AAR)", "After Action Review (AAR)"), B("", ""), (
        Step("expected", "expectations", B("สิ่งที่คาดหวังไว้", "What did we expect?")),
        Step("met", "notes", B("สิ่งที่ได้ตามหรือเกินคาด", "What met or exceeded expectations?")),
        Step("fell-short", "notes", B("สิ่งที่ได้น้อยกว่าคาด", "What fell short?")),
        Step("progress", "progress", B("ความก้าวหน้าของงานที่รับไว้", "Progress on each commitment")),
    ))
    session = Session("s-0003", "Q9Z4", "AAR ภาคีท่าข้าม", "th", activity, created_at="2027-01-10T02:00:00.000+00:00",
                      status=Status.CLOSED, partnership_id="pn-thakham", follows="s-0001")
    participants = [Participant("q-1", session.id, "", "รพ.สต.บ้านนา", "government"),
                    Participant("q-2", session.id, "", "อบต.ท่าข้าม", "local_admin")]

    def answer(rid: str, step: int, pid: str, minute: int, text: str = "", **data: object) -> Answer:
        return Answer(rid, session.id, step, pid, text, f"c-{rid}", f"2027-01-10T02:{minute:02d}:00.000+00:00",
                        dict(data))

    def rating(status: str, note: str = "") -> dict[str, str]:
        return {"status": status, "note": note}

    responses = [
        answer("a-1", 0, "q-1", 10, verdicts={"r-1": "met", "r-2": "short", "r-3": "exceeded"}),
        answer("a-2", 0, "q-2", 11, verdicts={"r-1": "met", "r-2": "met"}),
        answer("a-3", 1, "q-1", 20, "มีผู้ประสานประจำแล้ว"),
        answer("a-4", 2, "q-2", 21, "งบมาช้า *มาก*"),
        answer("a-5", 3, "q-1", 30, organisation="รพ.สต.บ้านนา", ratings={
            commitment_id(MECHANISM, "รพ.สต.บ้านนา"): rating("done", "ประชุมทุกเดือน"),
            commitment_id("ข้อมูลกลาง", "รพ.สต.บ้านนา"): rating("in_progress"),
        }),
        answer("a-6", 3, "q-2", 31, organisation="อบต.ท่าข้าม", ratings={
            commitment_id("กองทุนกลาง", "อบต.ท่าข้าม"): rating("blocked", "รออนุมัติ | ข้อบัญญัติ"),
            commitment_id(MECHANISM, "อบต.ท่าข้าม"): rating("dropped", "ให้ รพ.สต. ประสานแทน"),
            commitment_id("นัดประชุมภาคีทุกสองเดือน", "อบต.ท่าข้าม"): rating("in_progress"),
        }),
    ]
    return SessionRecord(session, participants, responses)


def make_review_record() -> SessionRecord:
    """The AAR of :func:`make_aar_record` held as a review day: after its steps, a dot vote over what fell short,
    a health check and pilot-area points, with a script and a formula among the answers; saved with every
    summary the core computes for it and the partnership's progress (its expectations judged)."""
    aar = make_aar_record()
    extra = (
        Step("vote", "votes", B("เรื่องใดต้องแก้ก่อน", "Which shortfall must we fix first?"), over="fell-short", dots=2),
        Step("blocks", "rating", B("ภาคีของเราเป็นอย่างไร", "How healthy is our partnership?"), options=(
            Option("trust", B("ความไว้วางใจ", "Trust")), Option("purpose", B("เป้าหมายร่วม", "Shared purpose")))),
        Step("readiness", "points", B("พื้นที่ไหนพร้อมเป็นพื้นที่นำร่อง", "Which area is ready to pilot?"),
             options=(Option("a1", B("บ้านนา", "Ban Na")), Option("a2", B("ท่าข้าม", "Tha Kham"))), budget=10),
    )
    session = dataclasses.replace(aar.session, activity=dataclasses.replace(
        aar.session.activity, steps=(*aar.session.activity.steps, *extra)), closed_at="2027-01-10T04:00:00.000+00:00")

    def answer(rid: str, step: int, pid: str, minute: int, text: str = "", **data: object) -> Answer:
        return Answer(rid, session.id, step, pid, text, f"c-{rid}", f"2027-01-10T03:{minute:02d}:00.000+00:00",
                      dict(data))

    responses = [
        *aar.answers,
        answer("a-7", 2, "q-1", 0, FORMULA),
        answer("a-8", 4, "q-1", 10, dots={"a-4": 1, "a-7": 1}),
        answer("a-9", 4, "q-2", 11, dots={"a-4": 1}),
        answer("a-10", 5, "q-1", 20, SCRIPT, lights={"trust": "green", "purpose": "amber"}),
        answer("a-11", 5, "q-2", 21, lights={"trust": "red", "purpose": "amber"}),
        answer("a-12", 6, "q-1", 30, allocations={"a1": 7, "a2": 3}),
        answer("a-13", 6, "q-2", 31, allocations={"a2": 10}),
    ]
    record = SessionRecord(session, aar.participants, responses)
    partnership = thakham()
    computed = [*session_summaries(session, aar.participants, responses, partnership),
                progress_summary(partnership, [make_record(), make_roles_record(with_summaries=False), record])]
    return dataclasses.replace(record, summaries=[{**s, "computed_at": session.closed_at} for s in computed])
