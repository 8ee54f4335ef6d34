"""The session overview: answers per step, per sector, per organisation, and who was silent."""

from __future__ import annotations

import json

from facilitator.core.activity import Activity, Bilingual, Step
from facilitator.core.model import Participant, Answer, Session, Status
from facilitator.core.summaries import SCHEMA_VERSION
from facilitator.core.summaries.overview import KIND, session_overview
from facilitator.core.text import NAME, clean

ACTIVITY = Activity(
    id="aar",
    name=Bilingual("ทบทวนหลังปฏิบัติงาน", "After Action Review"),
    description=Bilingual("", ""),
    steps=(
        Step("expect", "notes", Bilingual("สิ่งที่คาดหวังไว้", "What did we expect?")),
        Step("happened", "notes", Bilingual("เกิดอะไรขึ้นจริง", "What happened?")),
        Step("next", "notes", Bilingual("ครั้งหน้าจะทำอะไร", "What next?")),
    ),
)


def make_session() -> Session:
    return Session(id="s1", code="4821", title="ทดสอบ", lang="th", activity=ACTIVITY,
                   status=Status.RUNNING, step=1)


def person(pid: str, organisation: str, sector: str) -> Participant:
    # Organisations pass through the same cleaning a phone's join does.
    return Participant(pid, "s1", name=pid, organisation=clean(organisation, NAME, required=False), sector=sector)


PEOPLE = [
    person("p1", "รพ.สต.บ้านนา", "government"),
    person("p2", "  รพ.สต.บ้านนา ", "government"),
    person("p3", "Health  Network", "civil_society"),
    person("p4", "health network", "civil_society"),
    person("p5", "HEALTH NETWORK ", "community"),
    person("p6", "", ""),
    person("p7", "อบต.ท่าข้าม", "local_admin"),  # joined, never answered
]


def answers() -> list[Answer]:
    plan = [
        ("p1", 0), ("p1", 0), ("p1", 1),
        ("p2", 0),
        ("p3", 0), ("p3", 2),
        ("p4", 1),
        ("p5", 1), ("p5", 1), ("p5", 1),
        ("p6", 2),
    ]
    return [
        Answer(id=f"r{i}", session_id="s1", step=step, participant_id=pid, text=f"idea {i}",
                 client_id=f"client-{i:04d}")
        for i, (pid, step) in enumerate(plan)
    ]


def overview() -> dict:
    return session_overview(make_session(), PEOPLE, answers())


def test_header_and_totals() -> None:
    s = overview()
    assert s["schema_version"] == SCHEMA_VERSION
    assert s["kind"] == KIND
    assert s["session_id"] == "s1"
    assert s["participants"] == 7
    assert s["answers"] == 11


def test_per_step_answers_and_respondents() -> None:
    steps = overview()["steps"]
    assert [(st["index"], st["id"]) for st in steps] == [(0, "expect"), (1, "happened"), (2, "next")]
    assert [st["answers"] for st in steps] == [4, 5, 2]
    assert [st["respondents"] for st in steps] == [3, 3, 2]
    assert steps[1]["prompt"] == {"th": "เกิดอะไรขึ้นจริง", "en": "What happened?"}


def test_a_step_nobody_answered_counts_zero() -> None:
    s = session_overview(make_session(), PEOPLE, [r for r in answers() if r.step != 2])
    assert s["steps"][2]["answers"] == 0
    assert s["steps"][2]["respondents"] == 0


def test_by_sector() -> None:
    rows = {row["sector"]: (row["participants"], row["answers"]) for row in overview()["by_sector"]}
    assert rows == {
        "government": (2, 4),
        "civil_society": (2, 3),
        "community": (1, 3),
        "": (1, 1),
        "local_admin": (1, 0),
    }


def test_by_sector_is_sorted_by_answers_then_participants() -> None:
    order = [row["sector"] for row in overview()["by_sector"]]
    assert order == ["government", "civil_society", "community", "", "local_admin"]


def test_by_organisation_groups_case_and_spacing_variants() -> None:
    rows = overview()["by_organisation"]
    by_key = {row["organisation"].casefold(): row for row in rows}
    assert len(rows) == 4
    network = by_key["health network"]
    assert network["organisation"] == "Health Network"  # the first spelling seen is shown
    assert (network["participants"], network["answers"]) == (3, 6)
    assert (by_key["รพ.สต.บ้านนา"]["participants"], by_key["รพ.สต.บ้านนา"]["answers"]) == (2, 4)
    assert (by_key[""]["participants"], by_key[""]["answers"]) == (1, 1)
    assert (by_key["อบต.ท่าข้าม"]["participants"], by_key["อบต.ท่าข้าม"]["answers"]) == (1, 0)
    assert rows[0]["organisation"] == "Health Network"


def test_silent_participants() -> None:
    assert overview()["silent_participants"] == 1
    assert session_overview(make_session(), PEOPLE, [])["silent_participants"] == len(PEOPLE)


def test_no_participants_no_answers() -> None:
    s = session_overview(make_session(), [], [])
    assert s["participants"] == s["answers"] == s["silent_participants"] == 0
    assert s["by_sector"] == [] and s["by_organisation"] == []


def test_summary_is_plain_json_data() -> None:
    s = overview()
    assert json.loads(json.dumps(s, ensure_ascii=False)) == s
