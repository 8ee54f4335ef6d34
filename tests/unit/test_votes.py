"""Dot voting: ballots parsed and refused, the ranking they add up to, and the activity file's vote fields
checked with the line of each mistake."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from activities import load_file
from facilitator.core import kinds
from facilitator.core.activity import Activity, Bilingual, Step
from facilitator.core.errors import Rejected
from facilitator.core.kinds import StepContext
from facilitator.core.model import Answer, Participant, Session
from facilitator.core.summaries.votes import VotedOver, votes_summary, voted_over
from tests.unit.steps import NOTES, VOTES, VOTES_OVER
from tests.unit.test_activities import error_of, write

B = Bilingual
SOMSRI = Participant("p1", "s1", "สมศรี", "รพ.สต.บ้านนา", "government")
HOSTILE = '[/] <script>alert(1)</script> [@click=app.quit]x =HYPERLINK("x")'
NOTE_1 = Answer("n1", "s1", 0, "p9", HOSTILE, "c-n1", created_at="2026-01-01T00:00:01+00:00")
NOTE_2 = Answer("n2", "s1", 0, "p8", "เวลาไม่ตรงกัน", "c-n2", created_at="2026-01-01T00:00:02+00:00")
CONTEXT = StepContext(voted_over={"n": (NOTE_1, NOTE_2)})


def parse(step: Step, form: dict[str, list[str]], context: StepContext = CONTEXT) -> dict[str, Any]:
    text, data = kinds.VOTES.parse(step, form, SOMSRI, context)
    assert text == ""
    return data


def refused(step: Step, form: dict[str, list[str]], context: StepContext = CONTEXT) -> str:
    with pytest.raises(Rejected) as caught:
        kinds.VOTES.parse(step, form, SOMSRI, context)
    return caught.value.reason


# -- ballots ------------------------------------------------------------------------------------------------
def test_a_ballot_keeps_the_dots_per_item_in_the_items_order() -> None:
    form = {"dots.a3": ["1"], "dots.a1": [" 1 "], "dots.a2": ["0"], "text": ["ignored"], "dots.x": [""]}
    assert parse(VOTES, form) == {"dots": {"a1": 1, "a3": 1}}


def test_a_vote_over_an_earlier_step_takes_its_answers_as_items() -> None:
    assert parse(VOTES_OVER, {"dots.n2": ["3"], "dots.n1": ["1"]}) == {"dots": {"n1": 1, "n2": 3}}
    assert [item.id for item in kinds.VOTES.items(VOTES_OVER, CONTEXT)] == ["n1", "n2"]
    assert kinds.VOTES.words(VOTES_OVER, Answer("b", "s1", 1, "p1", "", "c-b", data={"dots": {"n1": 2}}), "th",
                             CONTEXT) == [f"{HOSTILE}: 2"]


@pytest.mark.parametrize(
    ("step", "form", "reason"),
    [
        (VOTES, {"dots.a1": ["1"], "dots.a2": ["1"], "dots.a3": ["1"], "dots.x": ["1"]}, "unknown_item"),
        (VOTES, {"dots.n1": ["1"]}, "unknown_item"),         # an item of another vote
        (VOTES, {"dots.": ["1"]}, "unknown_item"),
        (VOTES, {"dots.a1": ["2"]}, "one_dot_each"),          # this vote does not stack
        (VOTES_OVER, {"dots.n1": ["3"], "dots.n2": ["2"]}, "too_many_dots"),   # 5 of 4
        (VOTES_OVER, {"dots.n1": ["5"]}, "too_many_dots"),
        (VOTES, {"dots.a1": ["-1"]}, "bad_dots"),
        (VOTES, {"dots.a1": ["1.5"]}, "bad_dots"),
        (VOTES, {"dots.a1": ["๑"]}, "bad_dots"),              # Thai digits are not what a select sends
        (VOTES, {"dots.a1": ["100"]}, "bad_dots"),
        (VOTES, {"dots.a1": ["0"], "dots.a2": [""]}, "no_dots"),
        (VOTES, {}, "no_dots"),
    ],
)
def test_a_ballot_that_breaks_the_rules_is_refused(step: Step, form: dict[str, list[str]], reason: str) -> None:
    assert refused(step, form) == reason


def test_a_vote_over_a_step_nobody_answered_has_no_items() -> None:
    assert kinds.VOTES.items(VOTES_OVER, StepContext()) == []
    assert refused(VOTES_OVER, {"dots.n1": ["1"]}, StepContext()) == "unknown_item"


def test_a_stored_ballot_shows_again_as_its_form() -> None:
    stored = Answer("b", "s1", 1, "p1", "", "c-b", data={"dots": {"n1": 1, "n2": 3}})
    assert kinds.VOTES.form_values(VOTES_OVER, stored) == {"dots.n1": ["1"], "dots.n2": ["3"]}


# -- the ranking --------------------------------------------------------------------------------------------
def _session(*steps: Step) -> Session:
    return Session("s1", "1234", "ประชุม", "th", Activity("x", B("x", "x"), B("", ""), steps))


def _ballot(person: str, second: int, step: int = 1, **dots: int) -> Answer:
    return Answer(f"b-{person}-{second}", "s1", step, person, "", f"c-{person}-{second}", data={"dots": dots},
                  created_at=f"2026-01-01T00:01:{second:02d}+00:00")


def test_the_ranking_counts_each_persons_latest_ballot_and_ties_share_a_rank() -> None:
    session = _session(NOTES, VOTES_OVER)
    note_3 = Answer("n3", "s1", 0, "p7", "ไม่มีงบ", "c-n3", created_at="2026-01-01T00:00:03+00:00")
    answers = [
        NOTE_2, NOTE_1, note_3,
        _ballot("p1", 1, n1=4),             # replaced by p1's next ballot
        _ballot("p2", 2, n2=2, n3=1),
        _ballot("p1", 3, n1=1, n3=1),
        _ballot("p3", 4, n2=1),
    ]
    summary = votes_summary(session, answers, [1])
    assert summary["kind"] == "votes" and summary["schema_version"] == 1
    (vote,) = summary["steps"]
    assert (vote["id"], vote["over"], vote["dots"], vote["stack"]) == ("top", "n", 4, True)
    assert (vote["voters"], vote["dots_placed"]) == (3, 6)
    assert [(i["rank"], i["id"], i["dots"], i["voters"]) for i in vote["items"]] == [
        (1, "n2", 3, 2), (2, "n3", 2, 2), (3, "n1", 1, 1),
    ]
    assert vote["items"][2]["label"] == {"th": HOSTILE, "en": HOSTILE}   # kept as typed
    tie = votes_summary(session, [NOTE_1, NOTE_2, _ballot("p1", 1, n1=1), _ballot("p2", 2, n2=1)], [1])
    assert [(i["rank"], i["id"]) for i in tie["steps"][0]["items"]] == [(1, "n1"), (1, "n2")]


def test_a_vote_over_options_ranks_every_option_even_without_dots() -> None:
    session = _session(NOTES, VOTES)
    summary = votes_summary(session, [_ballot("p1", 1, a3=1, a2=1), _ballot("p2", 2, a3=1)], [1])
    items = summary["steps"][0]["items"]
    assert [(i["rank"], i["id"], i["dots"]) for i in items] == [(1, "a3", 2), (2, "a2", 1), (3, "a1", 0)]
    assert items[0]["label"] == {"th": "หนองบัว", "en": "Nong Bua"}


def test_the_answers_voted_over_are_those_of_the_named_step_oldest_first() -> None:
    late = Answer("n0", "s1", 0, "p1", "ช้า", "c-n0", created_at="2026-01-01T00:09:00+00:00")
    other = Answer("x1", "s1", 1, "p1", "", "c-x1")
    assert voted_over((NOTES, VOTES_OVER), [late, other, NOTE_2, NOTE_1]) == {"n": (NOTE_1, NOTE_2, late)}
    assert voted_over((NOTES, VOTES), [NOTE_1]) == {}


def test_a_step_context_gathers_the_answers_voted_over_only_when_a_vote_reads_them() -> None:
    late = Answer("n0", "s1", 0, "p1", "ช้า", "c-n0", created_at="2026-01-01T00:09:00+00:00")
    read: list[Answer] = []

    def answers() -> Iterator[Answer]:
        for answer in (late, NOTE_2, NOTE_1):
            read.append(answer)
            yield answer

    lazy = VotedOver((NOTES, VOTES_OVER), answers)
    assert read == []                      # building a context scans nothing
    assert dict(lazy) == {"n": (NOTE_1, NOTE_2, late)} and lazy["n"] == (NOTE_1, NOTE_2, late)
    assert len(read) == 3 and len(lazy) == 1   # gathered once


def test_a_session_with_a_vote_adds_its_summary_and_the_live_context_carries_the_items() -> None:
    from facilitator.core.summaries.session import session_summaries

    session = _session(NOTES, VOTES_OVER)
    found = session_summaries(session, [SOMSRI], [NOTE_1, _ballot("p1", 1, n1=1)])
    assert [s["kind"] for s in found] == ["session_overview", "votes"]


# -- the activity file --------------------------------------------------------------------------------------
FILE = """\
id = "demo"
[name]
th = "ทดลอง"
en = "Demo"
[[steps]]
id = "ideas"
kind = "notes"
prompt = { th = "ความคิด", en = "Ideas" }
[[steps]]
id = "vote"
kind = "votes"
over = "ideas"
dots = 5
stack = true
prompt = { th = "โหวต", en = "Vote" }
"""


def load_text(tmp_path: Path, text: str) -> Activity:
    return load_file(write(tmp_path, text))


def line_of(text: str, pattern: str) -> int:
    """The number of the line of ``text`` where ``pattern`` first matches."""
    return next(n for n, line in enumerate(text.splitlines(), start=1) if re.search(pattern, line))


def test_a_vote_over_an_earlier_step_loads_and_round_trips(tmp_path: Path) -> None:
    activity = load_text(tmp_path, FILE)
    vote = activity.steps[1]
    assert (vote.kind, vote.over, vote.dots, vote.stack, vote.options) == ("votes", "ideas", 5, True, ())
    assert Activity.from_dict(activity.to_dict()) == activity
    plain = load_text(tmp_path, FILE.replace("dots = 5\n", "").replace("stack = true\n", ""))
    assert (plain.steps[1].dots, plain.steps[1].stack) == (3, False)   # the defaults


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (('over = "ideas"', 'over = "vote"'), "over", "must be the id of an earlier step of kind notes or action "
                                                      "(here: ideas; got 'vote')"),
        (('over = "ideas"', 'over = "later"'), "over", "got 'later'"),
        (('over = "ideas"', "over = 1"), "over", "got 1"),
        (("dots = 5", "dots = 0"), "dots", "must be a whole number of dots from 1 to 20"),
        (("dots = 5", "dots = 21"), "dots", "from 1 to 20"),
        (("dots = 5", "dots = true"), "dots", "from 1 to 20"),
        (("dots = 5", 'dots = "3"'), "dots", "from 1 to 20"),
        (("stack = true", 'stack = "yes"'), "stack", "must be true or false"),
        (('kind = "notes"', 'kind = "votes"'), "over", "must be the id of an earlier step of kind notes or action "
                                                      "(here: none; got 'ideas')"),
    ],
)
def test_vote_field_mistakes_name_their_line(tmp_path: Path, change: tuple[str, str], field: str,
                                             message: str) -> None:
    text = FILE.replace(*change)
    if change[0] == 'kind = "notes"':   # the first step is itself a vote over nothing: give it options
        text = text.replace('prompt = { th = "ความคิด", en = "Ideas" }\n',
                            'prompt = { th = "ความคิด", en = "Ideas" }\n[[steps.options]]\nid = "a"\nth = "ก"\n'
                            'en = "A"\n')
    err = error_of(tmp_path, text)
    assert err.field == f"steps[1].{field}" and message in err.message
    assert err.line == line_of(text, rf"^{field} =")


def test_a_step_voting_over_a_later_step_is_refused_at_its_over_line(tmp_path: Path) -> None:
    text = FILE.replace('over = "ideas"', 'over = "after"') + (
        '[[steps]]\nid = "after"\nkind = "notes"\nprompt = { th = "หลัง", en = "After" }\n')
    err = error_of(tmp_path, text)
    assert (err.line, err.field) == (12, "steps[1].over")


def test_a_vote_needs_over_or_options_and_not_both(tmp_path: Path) -> None:
    neither = FILE.replace('over = "ideas"\n', "")
    err = error_of(tmp_path, neither)
    assert (err.line, err.field) == (9, "steps[1].options")
    assert err.message == 'a votes step needs at least one option, or over = "<id of an earlier step>"'
    both = FILE + '[[steps.options]]\nid = "a"\nth = "ก"\nen = "A"\n'
    err = error_of(tmp_path, both)
    assert (err.line, err.field, err.message) == (12, "steps[1].over", "give either over or [[steps.options]], "
                                                                       "not both")


@pytest.mark.parametrize("key", ["over = \"ideas\"", "dots = 2", "stack = false"])
def test_other_kinds_take_no_vote_fields(tmp_path: Path, key: str) -> None:
    text = FILE.replace('kind = "votes"', 'kind = "notes"').replace('over = "ideas"\ndots = 5\nstack = true\n', "")
    text = text.replace('id = "vote"\n', f'id = "vote"\n{key}\n')
    err = error_of(tmp_path, text)
    name = key.split(" ")[0]
    assert (err.line, err.field) == (11, f"steps[1].{name}")
    assert err.message == f"only steps of kind votes take {name}"
