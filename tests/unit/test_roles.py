"""The role-split summary on hand-made sessions: gaps, overlaps, the coordinator, load, many hats, and whose
voice was heard."""

from __future__ import annotations

import dataclasses
from typing import Any

from facilitator.core.activity import Activity, Bilingual, Option, Step
from facilitator.core.kinds import tasks_of
from facilitator.core.model import Answer, Participant, Session, Status
from facilitator.core.partnership import PartnerOrg, Partnership
from facilitator.core.summaries import SCHEMA_VERSION
from facilitator.core.summaries.role_split import KIND, latest_claims, partnership_for, role_split

B = Bilingual

HC = "รพ.สต.บ้านนา"  # health centre
SAO = "อบต.ท่าข้าม"  # subdistrict administration
CLUB = "ชมรมผู้สูงอายุ"  # elders' club
SCHOOL = "โรงเรียนบ้านนา"
VHV = "อสม.บ้านนา"  # village health volunteers
YOUTH = "กลุ่มเยาวชน"  # not a partner

MECHANISM = Option("mechanism", B("กลไกกลาง (การประสานงาน)", "Shared mechanism (coordination)"), coordination=True)
RULES = Option("rules", B("กติกากลาง", "Shared rules"))
DATA = Option("data", B("ข้อมูลกลาง", "Shared data"))
FUND = Option("fund", B("กองทุนกลาง", "Shared fund"))
BUS = Option("t-abc", B("รถรับส่งผู้ป่วย", "รถรับส่งผู้ป่วย"))

ROLE_STEP = Step("roles", "role_claim", B("บทบาท", "Roles"), options=(MECHANISM, RULES, DATA, FUND))
ACTIVITY = Activity("bar", B("BAR", "BAR"), B("", ""), (Step("goals", "notes", B("เป้าหมาย", "Goals")), ROLE_STEP))


def stamp(minute: int) -> str:
    return f"2026-11-22T03:{minute:02d}:00.000+00:00"


def make_session(activity: Activity = ACTIVITY, tasks: list[Option] | None = None) -> Session:
    return Session("s-bar", "K7Q2", "BAR ท่าข้าม", "th", activity, created_at=stamp(0), status=Status.RUNNING,
                   step=1, partnership_id="pn-1", tasks=list(tasks or []))


def thakham() -> Partnership:
    return Partnership("pn-1", "เครือข่ายสุขภาพตำบลท่าข้าม", [
        PartnerOrg(HC, "government"), PartnerOrg(SAO, "local_admin"), PartnerOrg(CLUB, "community"),
        PartnerOrg(SCHOOL, "academic"), PartnerOrg(VHV, "volunteer"),
    ])


def person(pid: str, organisation: str, sector: str = "", name: str = "", also: list[str] | None = None) -> Participant:
    return Participant(pid, "s-bar", name, organisation, sector, "th", stamp(1), also=list(also or []))


def claim(rid: str, pid: str, organisation: str, minute: int, **levels: Any) -> Answer:
    """A role-claim answer as parse() stores it; a level may be given as (level, resources, note)."""
    claims = {}
    for task, value in levels.items():
        level, resources, note = value if isinstance(value, tuple) else (value, [], "")
        claims[task.replace("_", "-")] = {"level": level, "resources": resources, "note": note}
    return Answer(rid, "s-bar", 1, pid, "", f"c-{rid}", stamp(minute),
                    data={"organisation": organisation, "claims": claims})


def note(rid: str, pid: str, text: str, minute: int) -> Answer:
    return Answer(rid, "s-bar", 0, pid, text, f"c-{rid}", stamp(minute))


# Somsri writes for the health centre (spelt her own way) and for the volunteers; the SAO changes its mind
# on the fund; the elders' club came but said nothing; the school did not come; a youth who gave no
# organisation claims a task the room added.
PEOPLE = [
    person("p1", "รพสต บ้านนา", "government", "สมศรี", also=[VHV]),
    person("p2", SAO, ""),
    person("p3", CLUB, "community", "Nok"),
    person("p4", "", ""),
]
ANSWERS = [
    note("r1", "p1", "ทุกตำบลใช้ข้อมูลชุดเดียวกัน", 10),
    claim("r5", "p2", SAO, 14, fund=("support", ["money"], "ปีละ 50,000 บาท")),
    claim("r2", "p1", "รพสต บ้านนา", 11, mechanism="lead", data="co"),
    claim("r3", "p1", VHV, 12, rules=("support", ["people"], "อสม. 12 คน"), mechanism="informed"),
    claim("r4", "p2", SAO, 13, mechanism="lead", fund=("lead", ["money"], "")),
    claim("r6", "p4", YOUTH, 15, t_abc="co"),
]


def summary(**changes: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "session": make_session(tasks=[BUS]), "participants": PEOPLE, "answers": ANSWERS,
        "partnership": thakham(),
    }
    args.update(changes)
    session = args["session"]
    return role_split(session, args["participants"], args["answers"], args["partnership"], tasks_of(session))


def entry(organisation: str, resources: list[str] | None = None, note_text: str = "") -> dict[str, Any]:
    return {"organisation": organisation, "resources": list(resources or []), "note": note_text}


# --- the whole summary -------------------------------------------------------------------------------------


def test_document_header() -> None:
    result = summary()
    assert result["schema_version"] == SCHEMA_VERSION
    assert result["kind"] == KIND == "role_split"
    assert (result["session_id"], result["partnership_id"]) == ("s-bar", "pn-1")
    assert result["computed_at"]


def test_organisations_are_the_partners_then_those_named_in_claims() -> None:
    assert summary()["organisations"] == [HC, SAO, CLUB, SCHOOL, VHV, YOUTH]


def test_task_rows_by_level_with_gaps_and_overlaps() -> None:
    rows = {row["id"]: row for row in summary()["tasks"]}
    assert list(rows) == ["mechanism", "rules", "data", "fund", "t-abc"]
    assert rows["mechanism"] == {
        "id": "mechanism", "label": MECHANISM.label.to_dict(), "coordination": True,
        "lead": [entry(HC), entry(SAO)], "co": [], "support": [], "informed": [entry(VHV)],
        "gap": False, "overlap": True,
    }
    assert rows["rules"]["support"] == [entry(VHV, ["people"], "อสม. 12 คน")]
    assert rows["data"]["co"] == [entry(HC)]
    assert rows["fund"]["lead"] == [] and rows["fund"]["support"] == [entry(SAO, ["money"], "ปีละ 50,000 บาท")]
    assert rows["t-abc"]["label"] == {"th": "รถรับส่งผู้ป่วย", "en": "รถรับส่งผู้ป่วย"}
    assert rows["t-abc"]["co"] == [entry(YOUTH)]
    assert [(row["gap"], row["overlap"]) for row in rows.values()] == [
        (False, True), (True, False), (True, False), (True, False), (True, False)
    ]


def test_gaps_and_overlaps() -> None:
    result = summary()
    assert result["gaps"] == ["rules", "data", "fund", "t-abc"]
    assert result["overlaps"] == ["mechanism"]


def test_matrix_organisation_by_task() -> None:
    assert summary()["matrix"] == {
        HC: {"mechanism": "lead", "data": "co"},
        SAO: {"mechanism": "lead", "fund": "support"},
        CLUB: {},
        SCHOOL: {},
        VHV: {"mechanism": "informed", "rules": "support"},
        YOUTH: {"t-abc": "co"},
    }


def test_the_coordinator_with_two_leads() -> None:
    result = summary()
    assert result["coordinator"] == [HC, SAO]
    assert result["has_coordination_task"] is True


def test_load_is_weighted_and_ordered_heaviest_first() -> None:
    def row(org: str, lead: int, co: int, support: int, informed: int, score: int) -> dict[str, Any]:
        return {"organisation": org, "lead": lead, "co": co, "support": support, "informed": informed,
                "score": score}

    assert summary()["load"] == [
        row(HC, 1, 1, 0, 0, 5),
        row(SAO, 1, 0, 1, 0, 4),
        row(YOUTH, 0, 1, 0, 0, 2),
        row(VHV, 0, 0, 1, 1, 1),
        row(CLUB, 0, 0, 0, 0, 0),
        row(SCHOOL, 0, 0, 0, 0, 0),
    ]


def test_many_hats() -> None:
    assert summary()["many_hats"] == [{"participant_id": "p1", "name": "สมศรี", "organisations": [HC, VHV]}]


def test_voices_silent_and_not_present_partners() -> None:
    result = summary()
    assert result["voices"] == [
        {"organisation": HC, "participants": 1, "answers": 3},
        {"organisation": SAO, "participants": 1, "answers": 2},
        {"organisation": CLUB, "participants": 1, "answers": 0},
        {"organisation": SCHOOL, "participants": 0, "answers": 0},
        {"organisation": VHV, "participants": 1, "answers": 3},
        {"organisation": YOUTH, "participants": 0, "answers": 0},
    ]
    assert result["not_present"] == [SCHOOL]
    assert result["silent"] == [CLUB]


def test_by_sector_falls_back_to_the_partners_sector() -> None:
    assert summary()["by_sector"] == [
        {"sector": "government", "participants": 1, "answers": 3},
        {"sector": "local_admin", "participants": 1, "answers": 2},
        {"sector": "community", "participants": 1, "answers": 0},
        {"sector": "", "participants": 1, "answers": 1},
    ]


# --- single rules ------------------------------------------------------------------------------------------


def test_no_coordinator_yet() -> None:
    answers = [claim("r1", "p2", SAO, 10, mechanism="co", rules="lead")]
    result = summary(answers=answers)
    assert result["coordinator"] is None
    assert result["has_coordination_task"] is True
    assert result["gaps"] == ["mechanism", "data", "fund", "t-abc"]
    assert result["overlaps"] == []


def test_one_coordinator() -> None:
    answers = [claim("r1", "p2", SAO, 10, mechanism="lead"), claim("r2", "p1", HC, 11, mechanism="co")]
    assert summary(answers=answers)["coordinator"] == [SAO]


def test_without_a_coordination_task_there_is_no_coordinator() -> None:
    plain = Activity("role-split", B("แบ่งบทบาท", "Role split"), B("", ""),
                     (Step("roles", "role_claim", B("บทบาท", "Roles"), options=(RULES, DATA)),))
    answers = [claim("r1", "p2", SAO, 10, rules="lead")]
    result = summary(session=make_session(plain), answers=answers)
    assert result["coordinator"] is None
    assert result["has_coordination_task"] is False
    assert [row["id"] for row in result["tasks"]] == ["rules", "data"]
    assert result["gaps"] == ["data"]


def test_a_later_claim_replaces_an_earlier_one_whatever_the_list_order() -> None:
    answers = [
        claim("r2", "p2", SAO, 12, rules="informed"),
        claim("r1", "p2", SAO, 11, rules="lead", data="lead"),
    ]
    result = summary(answers=answers)
    assert result["matrix"][SAO] == {"rules": "informed", "data": "lead"}
    assert "rules" in result["gaps"] and "data" not in result["gaps"]
    claims = latest_claims(answers, thakham())
    assert claims[(SAO, "rules")] == {"level": "informed", "resources": [], "note": "", "participant_id": "p2"}


def test_a_claim_from_another_person_of_the_same_organisation_replaces_it_too() -> None:
    answers = [claim("r1", "p1", HC, 10, fund="lead"), claim("r2", "p9", "รพ สต บ้านนา", 11, fund="support")]
    assert latest_claims(answers, thakham()) == {
        (HC, "fund"): {"level": "support", "resources": [], "note": "", "participant_id": "p9"}
    }


def test_spelling_variants_are_one_organisation() -> None:
    answers = [
        claim("r1", "p1", "รพ.สต.บ้านนา", 10, rules="lead"),
        claim("r2", "p2", "รพสต บ้านนา", 11, data="lead"),
    ]
    people = [person("p1", "รพ.สต.บ้านนา"), person("p2", "รพสต บ้านนา")]
    for partnership in (thakham(), None):
        result = summary(participants=people, answers=answers, partnership=partnership)
        assert result["matrix"][HC] == {"rules": "lead", "data": "lead"}
        assert [v for v in result["voices"] if v["organisation"] == HC] == [
            {"organisation": HC, "participants": 2, "answers": 2}
        ]
        assert [row for row in result["load"] if row["organisation"] == HC][0]["score"] == 6


def test_merged_duplicate_counts_as_the_organisation_it_was_merged_into() -> None:
    partnership = thakham()
    partnership.add("ชมรมคนเฒ่า", "community")
    people = [person("p1", "ชมรมคนเฒ่า", "community"), person("p2", CLUB, "community")]
    answers = [claim("r1", "p1", "ชมรมคนเฒ่า", 10, fund="lead"), claim("r2", "p2", CLUB, 11, rules="co")]
    before = summary(participants=people, answers=answers, partnership=partnership)
    assert before["matrix"]["ชมรมคนเฒ่า"] == {"fund": "lead"}
    assert before["matrix"][CLUB] == {"rules": "co"}

    partnership.merge("ชมรมคนเฒ่า", into=CLUB)
    after = summary(participants=people, answers=answers, partnership=partnership)
    assert "ชมรมคนเฒ่า" not in after["organisations"]
    assert after["matrix"][CLUB] == {"fund": "lead", "rules": "co"}
    assert [v for v in after["voices"] if v["organisation"] == CLUB] == [
        {"organisation": CLUB, "participants": 2, "answers": 2}
    ]
    assert CLUB not in after["silent"] and CLUB not in after["not_present"]


def test_many_hats_merge_spellings_and_one_hat_is_not_many() -> None:
    people = [person("p1", "รพสต บ้านนา", name="สมศรี", also=["อสม บ้านนา", ""]), person("p2", SAO, also=[""])]
    assert summary(participants=people)["many_hats"] == [
        {"participant_id": "p1", "name": "สมศรี", "organisations": [HC, VHV]}
    ]


def test_a_partner_whose_people_all_stayed_silent_is_silent() -> None:
    people = [person("p1", SAO), person("p2", SAO), person("p3", HC)]
    answers = [note("r1", "p3", "x", 10)]
    result = summary(participants=people, answers=answers)
    assert result["silent"] == [SAO]
    assert result["not_present"] == [CLUB, SCHOOL, VHV]


def test_without_a_partnership_nobody_was_invited() -> None:
    result = summary(partnership=None)
    assert result["organisations"] == ["รพสต บ้านนา", VHV, SAO, CLUB, YOUTH]
    assert result["not_present"] == []
    assert result["silent"] == [CLUB]
    assert result["coordinator"] == ["รพสต บ้านนา", SAO]
    assert result["partnership_id"] == "pn-1"


def test_without_a_partnership_spellings_still_match() -> None:
    loose = partnership_for(None, PEOPLE, ANSWERS)
    assert [o.name for o in loose.organisations] == ["รพสต บ้านนา", VHV, SAO, CLUB, YOUTH]
    assert loose.canonical(HC) == "รพสต บ้านนา"
    given = thakham()
    assert partnership_for(given, PEOPLE, ANSWERS) is given


def test_an_empty_session() -> None:
    result = summary(participants=[], answers=[])
    assert result["gaps"] == ["mechanism", "rules", "data", "fund", "t-abc"]
    assert result["overlaps"] == [] and result["coordinator"] is None
    assert result["not_present"] == [HC, SAO, CLUB, SCHOOL, VHV]
    assert result["silent"] == [] and result["many_hats"] == [] and result["by_sector"] == []
    assert all(row["score"] == 0 for row in result["load"])


def test_tasks_are_the_steps_then_the_added_ones_without_repeats() -> None:
    second = Step("more", "role_claim", B("อีก", "More"), options=(FUND, Option("care", B("ดูแล", "Care"))))
    activity = dataclasses.replace(ACTIVITY, steps=(*ACTIVITY.steps, second))
    session = make_session(activity, tasks=[BUS, Option("care", B("ซ้ำ", "dup"))])
    assert [t.id for t in tasks_of(session)] == ["mechanism", "rules", "data", "fund", "care", "t-abc"]
    assert tasks_of(session)[4].label.en == "Care"
    notes_only = Activity("x", B("x", "x"), B("", ""), (Step("goals", "notes", B("x", "x")),))
    assert tasks_of(make_session(notes_only)) == []
    assert [t.id for t in tasks_of(make_session(notes_only, tasks=[BUS]))] == ["t-abc"]


def test_none_withdraws_an_earlier_claim_of_the_organisation() -> None:
    answers = [
        claim("r1", "p1", "รพ.สต.บ้านนา", 10, rules="lead", data="co"),
        claim("r2", "p1", "รพ.สต.บ้านนา", 11, rules="none"),
    ]
    result = summary(participants=[person("p1", "รพ.สต.บ้านนา")], answers=answers, partnership=thakham())
    assert result["matrix"][HC] == {"data": "co"}
    assert "rules" in result["gaps"]
