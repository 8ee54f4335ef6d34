"""A dot vote in the exports: its ranking as a Markdown section (participant text read literally), each ballot
in words under its step, its rows for tables, and its summary kept whole in the JSON export."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

import exports
from exports.json_export import read_json
from facilitator.core import kinds
from facilitator.core.activity import Activity, Bilingual
from facilitator.core.model import Answer, Participant, Session, Status
from facilitator.core.record import SessionRecord
from facilitator.core.summaries.session import session_summaries
from facilitator.core.summaries.votes import voted_over
from tests.unit.steps import CHALLENGES_VOTE, stamp

HOSTILE = '**ข้อมูล** <script>alert(1)</script> [x](http://evil) =SUM(1)'
PLAIN = "เวลาว่างไม่ตรงกัน"
STEPS = CHALLENGES_VOTE


def make_record() -> SessionRecord:
    session = Session("s-1", "1234", "ประชุมภาคี", "th", Activity("x", Bilingual("โหวต", "Vote"), Bilingual("", ""),
                                                                  STEPS), status=Status.CLOSED)
    people = [Participant("p1", "s-1", "มานี", "รพ.สต.บ้านนา"), Participant("p2", "s-1", "ชูใจ", "อบต.ท่าข้าม")]
    answers = [
        Answer("n1", "s-1", 0, "p1", HOSTILE, "c-n1", stamp(1)),
        Answer("n2", "s-1", 0, "p2", PLAIN, "c-n2", stamp(2)),
        Answer("v1", "s-1", 1, "p1", "", "c-v1", stamp(3), data={"dots": {"n1": 1, "n2": 1}}),
        Answer("v2", "s-1", 1, "p2", "", "c-v2", stamp(4), data={"dots": {"n1": 1}}),
    ]
    return SessionRecord(session, people, answers, session_summaries(session, people, answers))


def visible(markdown: bytes) -> str:
    """The text a reader sees once the post is rendered (tags dropped)."""
    html = MarkdownIt("commonmark").enable(["table"]).render(markdown.decode("utf-8"))
    assert "<script>" not in html and "<strong>" not in html and "<a " not in html
    return re.sub(r"<[^>]+>", " ", html).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')


def test_the_markdown_post_has_the_ranking_with_counts_and_voters_in_thai_and_english() -> None:
    record = make_record()
    thai = exports.export(record, "md", "th").decode("utf-8")
    section = thai[thai.index("## ผลการโหวตด้วยจุด"):]
    assert "### ข้อใดสำคัญที่สุด" in section and "โหวตแล้ว 2 คน · 3 จุด" in section
    assert "| อันดับ | รายการ | จุด | ผู้ให้จุด |" in section
    rows = [line for line in section.splitlines() if line.startswith("| ") and line[2:3].isdigit()]
    assert len(rows) == 2 and rows[0].startswith("| 1 | ") and rows[0].endswith(" | 2 | 2 |")
    assert rows[1] == f"| 2 | {PLAIN} | 1 | 1 |"
    english = exports.export(record, "md", "en").decode("utf-8")
    assert "## Dot vote" in english and "2 voted · 3 dots placed" in english and "| Rank | Item | Dots | Voters |" \
        in english
    shown = visible(exports.export(record, "md", "th"))
    assert shown.count(HOSTILE) >= 3   # the note, a ballot naming it, and its row in the ranking: all literal


def test_each_ballot_reads_in_words_under_its_step_and_as_table_rows() -> None:
    record = make_record()
    thai = exports.export(record, "md", "th").decode("utf-8")
    step = thai[thai.index("## 2. ข้อใดสำคัญที่สุด"):thai.index("## ผลการโหวตด้วยจุด")]
    assert "- รพ.สต.บ้านนา\n" in step and f"\n  - {PLAIN}: 1\n" in step and "(อบต.ท่าข้าม)" in step
    context = kinds.StepContext(voted_over=voted_over(STEPS, record.answers))
    assert [(row.item, row.value) for row in kinds.VOTES.rows(STEPS[1], record.answers[2], "th", context)] == [
        (HOSTILE, "1"), (PLAIN, "1")]


def test_the_json_export_keeps_the_votes_summary_whole() -> None:
    record = make_record()
    again = read_json(exports.export(record, "json", "th"))
    assert again.latest("votes") == record.latest("votes")
    assert [item["id"] for item in again.latest("votes")["steps"][0]["items"]] == ["n1", "n2"]  # type: ignore[index]
    assert again.session.activity.steps[1] == STEPS[1]   # over, dots and stack survive the round trip
