"""The health check across meetings, by organisation: each partner's light per building block and meeting,
where partners differ, and how each partner's view changed."""

from __future__ import annotations

from activities import load
from facilitator.core.summaries.health_trend import health_by_organisation
from facilitator.core.summaries.progress import progress_summary
from tests.unit.test_progress import HC, SAO, VHV, Builder, bar, thakham

HEALTH = load("health")


def check(sid: str, day: str, ratings: list[tuple[str, str, dict[str, str]]]) -> Builder:
    """A health check where each (person, organisation, lights) rated."""
    b = Builder(sid, HEALTH, day)
    for minute, (pid, organisation, lights) in enumerate(ratings, start=10):
        b.person(pid, organisation)
        b.answer(f"{sid}-{pid}", 0, pid, minute, lights=lights)
    return b


def two_meetings() -> list:
    first = check("h1", "2026-11-01", [
        ("p1", HC, {"trust": "green", "monitoring": "amber"}),
        ("p2", "อบต ท่าข้าม", {"trust": "red", "monitoring": "amber"}),  # another spelling of the partner
    ])
    second = check("h2", "2027-02-01", [
        ("q1", HC, {"trust": "green", "monitoring": "red"}),
        ("q2", SAO, {"trust": "amber"}),
        ("q3", VHV, {"trust": "green"}),
    ])
    second.answer("h2-q1-again", 0, "q1", 40, lights={"trust": "green", "monitoring": "green"})  # replaces q1's
    return [first.record(), second.record()]


def test_each_partners_light_per_meeting_where_they_differ_and_how_it_changed() -> None:
    trend = health_by_organisation(two_meetings(), thakham())
    assert [s["id"] for s in trend["sessions"]] == ["h1", "h2"]
    blocks = {b["id"]: b for b in trend["blocks"]}
    trust = blocks["trust"]
    assert trust["lights"] == {HC: ["green", "green"], SAO: ["red", "amber"], VHV: ["", "green"]}
    assert trust["differ"] == [True, False]  # green beside red at the first meeting only
    assert trust["change"] == {HC: "same", SAO: "better"}  # the volunteers rated once: no change to tell
    monitoring = blocks["monitoring"]
    assert monitoring["lights"] == {HC: ["amber", "green"], SAO: ["amber", ""]}
    assert monitoring["change"] == {HC: "better"}


def test_two_people_of_one_partner_count_as_the_partner_once() -> None:
    meeting = check("h1", "2026-11-01", [("p1", HC, {"trust": "green"}), ("p2", HC, {"trust": "red"})])
    trend = health_by_organisation([meeting.record()], thakham())
    assert trend["blocks"][0]["lights"] == {HC: ["amber"]}  # the mean of green and red
    assert trend["blocks"][0]["differ"] == [False]


def test_the_progress_summary_carries_it_and_meetings_without_a_health_check_are_left_out() -> None:
    summary = progress_summary(thakham(), [bar(), *two_meetings()])
    assert [s["id"] for s in summary["health_by_organisation"]["sessions"]] == ["h1", "h2"]
    assert progress_summary(thakham(), [bar()])["health_by_organisation"] == {"sessions": [], "blocks": []}
