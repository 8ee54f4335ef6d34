"""The answers table of the CSV and XLSX exports says, for each answer, the theme it was put in, the dots a vote
gave it and whether the facilitator hid it; an answer its participant withdrew is not listed."""

from __future__ import annotations

import csv
import io

import exports
from facilitator.core.activity import Activity, Bilingual
from facilitator.core.model import Answer, Participant, Session, Status
from facilitator.core.record import SessionRecord
from facilitator.core.themes import Theme
from tests.unit.steps import CHALLENGES_VOTE, stamp

STEPS = CHALLENGES_VOTE


def record() -> SessionRecord:
    activity = Activity("bar", Bilingual("BAR", "BAR"), Bilingual("", ""), STEPS)
    session = Session("s-1", "K7Q2", "ภาคีตำบลหนองบัว", "th", activity, created_at=stamp(0), status=Status.CLOSED,
                      themes=[Theme("t1", 0, "งบประมาณ", ("n1",))])
    people = [Participant("p1", "s-1", "", "รพ.สต.บ้านนา", "government"),
              Participant("p2", "s-1", "", "อบต.หนองบัว", "local_admin")]
    answers = [
        Answer("n1", "s-1", 0, "p1", "งบมาช้า", "c1", stamp(1)),
        Answer("n2", "s-1", 0, "p2", "คนไม่พอ", "c2", stamp(2)),
        Answer("n3", "s-1", 0, "p2", "ข้อความที่ซ่อน", "c3", stamp(3), hidden=True),
        Answer("n4", "s-1", 0, "p1", "ถอนแล้ว", "c4", stamp(4), withdrawn=True),
        Answer("v0", "s-1", 1, "p1", "", "c5", stamp(5), data={"dots": {"n2": 1}}),   # replaced by p1's next
        Answer("v1", "s-1", 1, "p1", "", "c6", stamp(6), data={"dots": {"n1": 1, "n2": 1}}),
        Answer("v2", "s-1", 1, "p2", "", "c7", stamp(7), data={"dots": {"n1": 1}}),
    ]
    return SessionRecord(session, people, answers)


def answer_rows(lang: str) -> dict[str, dict[str, str]]:
    text = exports.export(record(), "csv", lang).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    body = [dict(zip(header, row)) for row in rows[1:] if len(row) == len(header)]
    return {row[header[4]]: row for row in body}


def test_theme_dots_and_hidden_in_the_answers_table() -> None:
    rows = answer_rows("en")
    assert (rows["งบมาช้า"]["Theme"], rows["งบมาช้า"]["Votes"], rows["งบมาช้า"]["Hidden"]) == ("งบประมาณ", "2", "")
    assert (rows["คนไม่พอ"]["Theme"], rows["คนไม่พอ"]["Votes"]) == ("", "1")  # p1's earlier ballot no longer counts
    assert rows["ข้อความที่ซ่อน"]["Hidden"] == "hidden"
    assert "ถอนแล้ว" not in rows
    assert answer_rows("th")["ข้อความที่ซ่อน"]["ซ่อน"] == "ซ่อนแล้ว"
