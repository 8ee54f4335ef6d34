"""The health check (traffic lights per building block), pilot-area scoring, and which summaries a session has."""

from __future__ import annotations

from typing import Any

import pytest

from facilitator.core.activity import Activity, Bilingual, Option, Step
from facilitator.core.kinds import POINTS, RATING
from facilitator.core.model import Answer, Participant, Session
from facilitator.core.summaries import SCHEMA_VERSION
from facilitator.core.summaries import health as health_check
from facilitator.core.summaries import pilot_scores as pilot_areas
from facilitator.core.summaries.health import KIND as HEALTH_KIND
from facilitator.core.summaries.health import light_of
from facilitator.core.summaries.pilot_scores import KIND as POINTS_KIND
from facilitator.core.summaries.session import session_summaries

B = Bilingual


def health(session: Session, answers: list[Answer]) -> dict[str, Any]:
    """The health check of every traffic-light step of ``session``."""
    return health_check.health(session, answers, RATING.steps_in(session))


def pilot_scores(session: Session, people: list[Participant], answers: list[Answer]) -> dict[str, Any]:
    """The pilot-area scores of every points step of ``session``."""
    return pilot_areas.pilot_scores(session, people, answers, POINTS.steps_in(session))


TRUST = Option("trust", B("ความไว้วางใจ", "Trust"))
PURPOSE = Option("purpose", B("เป้าหมายร่วม", "Shared purpose"))
NEED = Option("need", B("ความจำเป็นที่ต้องร่วมมือ", "A clear need"))
MONITORING = Option("monitoring", B("การติดตามผล", "Monitoring"))
FUN = Option("fun", B("ความสนุก", "Enjoyment"))

HEALTH = Activity("health", B("สุขภาพภาคี", "Partnership health"), B("", ""), (
    Step("blocks", "rating", B("ให้สัญญาณไฟ", "Rate each block"), options=(TRUST, PURPOSE, NEED, MONITORING)),
    Step("care", "notes", B("ควรดูแลอะไร", "What needs care?")),
    Step("more", "rating", B("อีกข้อ", "One more"), options=(FUN,)),
))

AREAS = tuple(Option(f"a{n}", B(f"พื้นที่ {n}", f"Area {n}")) for n in (5, 4, 3, 2, 1))
PILOT = Activity("pilot-areas", B("พื้นที่นำร่อง", "Pilot areas"), B("", ""), (
    Step("readiness", "points", B("ให้คะแนน", "Spread your points"), options=AREAS, budget=10),
    Step("why", "notes", B("เพราะอะไร", "Why?")),
))


def stamp(minute: int) -> str:
    return f"2026-11-22T03:{minute:02d}:00.000+00:00"


def session(activity: Activity, tasks: list[Option] | None = None) -> Session:
    return Session("s1", "K7Q2", "x", "th", activity, created_at=stamp(0), tasks=list(tasks or []))


def person(pid: str, sector: str) -> Participant:
    return Participant(pid, "s1", "", f"org-{pid}", sector, "th", stamp(1))


def rate(rid: str, step: int, pid: str, minute: int, text: str = "", **lights: str) -> Answer:
    return Answer(rid, "s1", step, pid, text, f"c-{rid}", stamp(minute), data={"lights": lights})


def spread(rid: str, pid: str, minute: int, **allocations: int) -> Answer:
    return Answer(rid, "s1", 0, pid, "", f"c-{rid}", stamp(minute), data={"allocations": allocations})


RATINGS = [
    rate("r2", 0, "p1", 20, "", trust="amber", purpose="green"),  # p1 changed their mind: only this counts
    rate("r1", 0, "p1", 10, "ดีมาก", trust="red", purpose="red", need="green"),
    rate("r3", 0, "p2", 11, "ขาดการติดตาม", trust="green", purpose="amber", need="red"),
    rate("r4", 0, "p3", 12, "", trust="green", purpose="amber"),
    Answer("n1", "s1", 1, "p3", "ต้องคุยกันบ่อยขึ้น", "c-n1", stamp(13)),
    rate("r5", 2, "p4", 14, "สนุก", fun="green"),
]


# --- health ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "light"),
    [(2.0, "green"), (1.5, "green"), (1.49, "amber"), (1.0, "amber"), (0.75, "amber"), (0.74, "red"), (0.0, "red")],
)
def test_light_thresholds(score: float, light: str) -> None:
    assert light_of(score) == light


def test_health_document() -> None:
    result = health(session(HEALTH), RATINGS)
    assert (result["schema_version"], result["kind"], result["session_id"]) == (SCHEMA_VERSION, HEALTH_KIND, "s1")
    assert HEALTH_KIND == "health" and result["computed_at"]


def test_health_blocks_count_each_participants_latest_rating_once() -> None:
    def block(step: int, option: Option, green: int, amber: int, red: int, score: float | None,
              light: str) -> dict[str, Any]:
        return {"step": step, "id": option.id, "label": option.label.to_dict(), "green": green, "amber": amber,
                "red": red, "ratings": green + amber + red, "score": score, "light": light}

    result = health(session(HEALTH), RATINGS)
    assert result["blocks"] == [
        block(0, TRUST, 2, 1, 0, 1.67, "green"),
        block(0, PURPOSE, 1, 2, 0, 1.33, "amber"),
        block(0, NEED, 0, 0, 1, 0.0, "red"),
        block(0, MONITORING, 0, 0, 0, None, ""),
        block(2, FUN, 1, 0, 0, 2.0, "green"),
    ]
    assert result["notes"] == ["ขาดการติดตาม", "สนุก"]  # the comments written with the ratings, by step


def test_health_with_no_ratings() -> None:
    result = health(session(HEALTH), [])
    blocks = result["blocks"]
    assert [(b["id"], b["ratings"], b["score"], b["light"]) for b in blocks] == [
        ("trust", 0, None, ""), ("purpose", 0, None, ""), ("need", 0, None, ""), ("monitoring", 0, None, ""),
        ("fun", 0, None, ""),
    ]
    assert result["notes"] == [] and all("notes" not in block for block in blocks)


def test_health_of_an_activity_without_ratings_is_empty() -> None:
    assert health(session(PILOT), RATINGS)["blocks"] == []


# --- pilot-area scores -------------------------------------------------------------------------------------


PEOPLE = [person("p1", "government"), person("p2", "community"), person("p3", "community"), person("p4", "volunteer")]
SPREADS = [
    spread("s2", "p1", 20, a1=3, a3=7),  # replaces p1's first spread
    spread("s1", "p1", 10, a1=6, a2=4),
    spread("s3", "p2", 11, a2=5, a3=5),
    spread("s4", "p3", 12, a2=5, a4=5),
    spread("s5", "p9", 13, a1=7, a4=3),  # a participant no longer in the list: no sector
    spread("s6", "p4", 14, a5=10, a4=0),
]


def test_pilot_scores_document() -> None:
    result = pilot_scores(session(PILOT), PEOPLE, SPREADS)
    assert (result["schema_version"], result["kind"], result["session_id"]) == (SCHEMA_VERSION, POINTS_KIND, "s1")
    assert POINTS_KIND == "pilot_scores" and result["computed_at"]


def test_pilot_areas_ranked_by_points_then_voters_then_id() -> None:
    areas = pilot_scores(session(PILOT), PEOPLE, SPREADS)["areas"]
    assert [(a["rank"], a["id"], a["points"], a["voters"]) for a in areas] == [
        (1, "a3", 12, 2),
        (2, "a1", 10, 2),
        (3, "a2", 10, 2),
        (4, "a5", 10, 1),
        (5, "a4", 8, 2),
    ]
    assert areas[0] == {"step": 0, "id": "a3", "label": {"th": "พื้นที่ 3", "en": "Area 3"}, "points": 12,
                        "voters": 2, "by_sector": {"government": 7, "community": 5}, "rank": 1}
    assert [a["by_sector"] for a in areas[1:]] == [
        {"government": 3, "": 7}, {"community": 10}, {"volunteer": 10}, {"community": 5, "": 3}
    ]


def test_pilot_areas_without_points() -> None:
    areas = pilot_scores(session(PILOT), PEOPLE, [])["areas"]
    assert [(a["rank"], a["id"], a["points"], a["voters"], a["by_sector"]) for a in areas] == [
        (1, "a1", 0, 0, {}), (2, "a2", 0, 0, {}), (3, "a3", 0, 0, {}), (4, "a4", 0, 0, {}), (5, "a5", 0, 0, {})
    ]


# --- which summaries a session has -------------------------------------------------------------------------


def kinds_of(activity: Activity, tasks: list[Option] | None = None) -> list[str]:
    return [s["kind"] for s in session_summaries(session(activity, tasks), PEOPLE, [])]


def test_session_summaries_follow_the_activitys_steps() -> None:
    notes = Activity("x", B("x", "x"), B("", ""), (Step("n", "notes", B("x", "x")),))
    roles = Activity("y", B("y", "y"), B("", ""), (
        Step("r", "role_claim", B("x", "x"), options=(TRUST,)), *HEALTH.steps, *PILOT.steps
    ))
    assert kinds_of(notes) == ["session_overview"]
    assert kinds_of(notes, [Option("t-1", B("งานใหม่", "งานใหม่"))]) == ["session_overview", "role_split"]
    assert kinds_of(HEALTH) == ["session_overview", "health"]
    assert kinds_of(PILOT) == ["session_overview", "pilot_scores"]
    assert kinds_of(roles) == ["session_overview", "role_split", "health", "pilot_scores"]


def test_session_summaries_carry_the_answers() -> None:
    found = {s["kind"]: s for s in session_summaries(session(PILOT), PEOPLE, SPREADS)}
    assert found["session_overview"]["answers"] == 6
    assert found["pilot_scores"]["areas"][0]["id"] == "a3"
