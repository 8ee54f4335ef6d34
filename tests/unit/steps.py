"""One step of every kind, shared by the tests of parsing (kinds) and describing (describe) answers."""

from __future__ import annotations

from activities import load
from facilitator.core.activity import Bilingual as B
from facilitator.core.activity import Option, Step

#: The four legs of the chair, as the role-split activity defines them.
TASKS = load("role-split").steps[0].options
BLOCKS = (Option("trust", B("ความไว้วางใจ", "Trust")), Option("purpose", B("เป้าหมายร่วม", "Shared purpose")))
AREAS = (
    Option("a1", B("บ้านนา", "Ban Na")), Option("a2", B("ท่าข้าม", "Tha Kham")), Option("a3", B("หนองบัว", "Nong Bua"))
)

NOTES = Step("n", "notes", B("คิดอย่างไร", "What do you think?"))
ROLES = Step("roles", "role_claim", B("บทบาท", "Roles"), options=TASKS)
ACTION = Step("next", "action", B("จะทำอะไรต่อ", "What next?"))
PROGRESS = Step("progress", "progress", B("ความก้าวหน้า", "Progress"))
EXPECT = Step("expected", "expectations", B("คาดหวัง", "Expected"))
RATING = Step("blocks", "rating", B("สุขภาพ", "Health"), options=BLOCKS)
POINTS = Step("readiness", "points", B("คะแนน", "Points"), options=AREAS, budget=10)
VOTES = Step("pick", "votes", B("เลือกพื้นที่", "Pick areas"), options=AREAS, dots=3)
#: A vote over the answers to ``NOTES`` (the context gives them under its id), where dots stack.
VOTES_OVER = Step("top", "votes", B("ข้อใดสำคัญ", "Which matter most?"), over="n", dots=4, stack=True)

#: A BAR's challenges and a vote over them (two dots each): what the export tests of votes and marks record.
CHALLENGES_VOTE = (
    Step("challenges", "notes", B("อุปสรรคคืออะไร", "What challenges?")),
    Step("vote", "votes", B("ข้อใดสำคัญที่สุด", "Which matter most?"), over="challenges", dots=2),
)


def stamp(second: int) -> str:
    """A fixed time of the meeting, ``second`` seconds in."""
    return f"2026-11-22T03:00:{second:02d}.000+00:00"
