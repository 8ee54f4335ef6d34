"""The step-kind registry and what each kind declares: every kind has a template and (if it draws one) a board;
the loader's option and budget checks follow the kinds' declarations; a stored answer shows again as its form;
cards and table rows say the same as the words."""

from __future__ import annotations

from pathlib import Path

import pytest

from activities import ActivityError, available, load, load_file
from facilitator.core import kinds
from facilitator.core.activity import Bilingual as B
from facilitator.core.kinds import AnswerRow, OptionRule, StepContext
from facilitator.core.model import Answer, Participant
from tests.unit.steps import ACTION, EXPECT, NOTES, POINTS, PROGRESS, RATING, ROLES, TASKS, VOTES, VOTES_OVER

TEMPLATES = Path(kinds.__file__).resolve().parents[2] / "server" / "templates" / "kinds"
SOMSRI = Participant("p1", "s1", "สมศรี", "รพ.สต.บ้านนา", "government", also=["อสม.บ้านนา"])
CONTEXT = StepContext(
    tasks=TASKS,
    commitments=({"id": "c1", "task": {"th": "ข้อมูลกลาง", "en": "Shared data"}, "lead": "รพ.สต.บ้านนา"},),
    expectations=(Answer("e1", "bar", 0, "p9", "ผู้สูงอายุได้รับการดูแล", "c-e1"),),
    voted_over={"n": (Answer("n1", "s1", 0, "p9", "ข้อมูลกระจาย <b>หลายที่</b>", "c-n1"),
                      Answer("n2", "s1", 0, "p8", "เวลาไม่ตรงกัน", "c-n2"))},
)


def answer(step_index: int, text: str = "", **data: object) -> Answer:
    return Answer("a1", "s1", step_index, SOMSRI.id, text, "client-0001", data=dict(data))


def test_every_kind_has_a_unique_name_a_template_and_a_known_board() -> None:
    from facilitator.tui.widgets.boards import BOARDS

    assert kinds.names() == ["notes", "role_claim", "action", "progress", "expectations", "rating", "points",
                             "votes"]
    for name, kind in kinds.KINDS.items():
        assert kind.name == name and kinds.get(name) is kind
        assert (TEMPLATES / f"{name}.html").is_file(), name
        assert kind.board is None or kind.board in BOARDS, name
    with pytest.raises(kinds.UnknownKind):
        kinds.get("vote")


def test_the_builtin_activities_use_only_registered_kinds() -> None:
    used = {step.kind for name in available() for step in load(name).steps}
    assert used <= set(kinds.names())
    assert kinds.follows_bar(load("aar")) and kinds.follows_bar(load("checkin"))
    assert not kinds.follows_bar(load("bar")) and not kinds.follows_bar(load("health"))


ONE_STEP = """\
id = "demo"
[name]
th = "ทดลอง"
en = "Demo"
[[steps]]
id = "one"
kind = "{kind}"
prompt = {{ th = "ข้อหนึ่ง", en = "One" }}
{extra}
"""
OPTION = '[[steps.options]]\nid = "a"\nth = "ก"\nen = "A"\n'


def load_one(tmp_path: Path, kind: str, extra: str = "") -> object:
    path = tmp_path / "mine.toml"
    path.write_text(ONE_STEP.format(kind=kind, extra=extra), encoding="utf-8")
    return load_file(path)


@pytest.mark.parametrize("name", kinds.names())
def test_the_loader_checks_options_as_each_kind_declares(tmp_path: Path, name: str) -> None:
    rule = kinds.get(name).options
    budget = "budget = 10\n" if kinds.get(name).budget is not None else ""
    if rule is OptionRule.NONE:
        with pytest.raises(ActivityError, match="take options"):
            load_one(tmp_path, name, budget + OPTION)
    else:
        load_one(tmp_path, name, budget + OPTION)
    if rule is OptionRule.REQUIRED:
        with pytest.raises(ActivityError, match="needs at least one option"):
            load_one(tmp_path, name, budget)
    else:
        load_one(tmp_path, name, budget)


@pytest.mark.parametrize("name", kinds.names())
def test_the_loader_checks_budgets_as_each_kind_declares(tmp_path: Path, name: str) -> None:
    kind = kinds.get(name)
    options = OPTION if kind.options is not OptionRule.NONE else ""
    if kind.budget is None:
        with pytest.raises(ActivityError, match="only steps of kind points take a budget"):
            load_one(tmp_path, name, "budget = 10\n" + options)
        return
    assert load_one(tmp_path, name, "budget = 1000\n" + options).steps[0].budget == 1000  # type: ignore[attr-defined]
    for bad in ("0", "1001", "true", '"10"'):
        with pytest.raises(ActivityError, match="from 1 to 1000"):
            load_one(tmp_path, name, f"budget = {bad}\n" + options)


@pytest.mark.parametrize(
    ("step", "form"),
    [
        (ROLES, {"organisation": ["อสม.บ้านนา"], "level.data": ["lead"], "resource.data": ["money", "people"],
                 "note.data": ["ทุกเดือน"], "level.fund": [""]}),
        (PROGRESS, {"organisation": ["รพ.สต.บ้านนา"], "status.c1": ["blocked"], "note.c1": ["รองบ"]}),
        (EXPECT, {"verdict.e1": ["met"], "text": ["ดีกว่าที่คิด"]}),
        (RATING, {"light.trust": ["green"], "light.purpose": ["red"], "text": ["คุยกันมากขึ้น"]}),
        (POINTS, {"points.a1": ["7"], "points.a3": ["3"]}),
        (VOTES, {"dots.a1": ["1"], "dots.a3": ["1"], "dots.a2": ["0"]}),
        (VOTES_OVER, {"dots.n2": ["3"], "dots.n1": ["1"]}),
    ],
)
def test_a_stored_answer_shows_again_as_the_form_that_sent_it(step: object, form: dict[str, list[str]]) -> None:
    kind = kinds.of(step)  # type: ignore[arg-type]
    text, data = kind.parse(step, form, SOMSRI, CONTEXT)  # type: ignore[arg-type]
    stored = Answer("a1", "s1", 0, SOMSRI.id, text, "client-0001", data=data)
    again = kind.form_values(step, stored)  # type: ignore[arg-type]
    assert kind.parse(step, again, SOMSRI, CONTEXT) == (text, data)  # type: ignore[arg-type]


def test_kinds_whose_answers_add_up_show_no_stored_answer_in_the_form() -> None:
    assert kinds.NOTES.adds_up and kinds.ACTION.adds_up
    assert not any(kind.adds_up for name, kind in kinds.KINDS.items() if name not in ("notes", "action"))


def test_a_card_speaks_for_the_organisation_the_answer_names_only_where_the_kind_says_so() -> None:
    claim = answer(0, organisation="อสม.บ้านนา", claims={"data": {"level": "lead", "resources": [], "note": ""}})
    card = kinds.card(ROLES, claim, SOMSRI, "th", CONTEXT)
    assert (card.organisation, card.byline, card.lines) == ("อสม.บ้านนา", "รพ.สต.บ้านนา · สมศรี",
                                                           ("ข้อมูลกลาง: เจ้าภาพหลัก",))
    action = answer(0, "ประชุมทุกเดือน", organisation="อสม.บ้านนา", due="")
    assert kinds.card(ACTION, action, SOMSRI, "th", CONTEXT).organisation == "รพ.สต.บ้านนา"
    note = kinds.card(NOTES, answer(0, "บรรทัดหนึ่ง\nบรรทัดสอง"), None, "en", CONTEXT)
    assert (note.text, note.byline, note.organisation) == ("บรรทัดหนึ่ง\nบรรทัดสอง", "", "")


def test_table_rows_hold_what_the_words_say() -> None:
    claim = answer(0, organisation="รพ.สต.บ้านนา", claims={
        "fund": {"level": "support", "resources": ["money"], "note": "งบ 20,000 บาท"},
        "data": {"level": "none", "resources": [], "note": ""},
    })
    assert kinds.ROLE_CLAIM.rows(ROLES, claim, "en", CONTEXT) == [
        AnswerRow("Shared fund", "Support with resources (Money)", "งบ 20,000 บาท")
    ]
    progress = answer(0, organisation="รพ.สต.บ้านนา", ratings={"c1": {"status": "blocked", "note": "รองบ"}})
    assert kinds.PROGRESS.rows(PROGRESS, progress, "th", CONTEXT) == [
        AnswerRow("ข้อมูลกลาง (รพ.สต.บ้านนา)", "ติดขัด", "รองบ")
    ]
    action = answer(0, "ประชุมทุกเดือน", organisation="รพ.สต.บ้านนา", due="2026-12-31")
    assert kinds.ACTION.rows(ACTION, action, "th", CONTEXT) == [
        AnswerRow("ประชุมทุกเดือน", "รพ.สต.บ้านนา — กำหนดเสร็จ 31 ธ.ค. 2569")
    ]
    assert kinds.NOTES.rows(NOTES, answer(0, "=HYPERLINK(1)"), "th", CONTEXT) == [AnswerRow("", "=HYPERLINK(1)")]
    ballot = answer(0, dots={"n2": 3, "n1": 1})
    assert kinds.VOTES.rows(VOTES_OVER, ballot, "en", CONTEXT) == [
        AnswerRow("ข้อมูลกระจาย <b>หลายที่</b>", "1"), AnswerRow("เวลาไม่ตรงกัน", "3")
    ]
    assert kinds.VOTES.rows(VOTES, answer(0, dots={"a3": 1}), "th", CONTEXT) == [AnswerRow("หนองบัว", "1")]
    points = answer(0, allocations={"a2": 4})
    assert kinds.POINTS.rows(POINTS, points, "en", CONTEXT) == [AnswerRow("Tha Kham", "4")]
    rating = answer(0, "ดี", lights={"trust": "amber"})
    assert kinds.RATING.rows(RATING, rating, "en", CONTEXT) == [
        AnswerRow("Trust", "Amber (needs attention)"), AnswerRow("", "ดี")
    ]
    verdict = answer(0, "", verdicts={"e1": "short"})
    assert kinds.EXPECTATIONS.rows(EXPECT, verdict, "en", CONTEXT) == [
        AnswerRow("ผู้สูงอายุได้รับการดูแล", "Fell short")
    ]


def test_only_role_claims_take_tasks_and_the_added_ones_come_after_the_activitys() -> None:
    assert [name for name, kind in kinds.KINDS.items() if kind.takes_tasks] == ["role_claim"]
    from facilitator.core.activity import Activity, Option
    from facilitator.core.model import Session

    session = Session("s1", "1234", "ประชุม", "th", Activity("x", B("x", "x"), B("", ""), (NOTES, ROLES)))
    assert not kinds.ROLE_CLAIM.present_in(Session("s2", "1", "x", "th", Activity("y", B("y", "y"), B("", ""),
                                                                                   (NOTES,))))
    session.tasks.append(Option("t-1", B("รถรับส่ง", "รถรับส่ง")))
    assert [t.id for t in kinds.tasks_of(session)] == [*(t.id for t in TASKS), "t-1"]
    assert [kind.name for kind in kinds.present_in(session)] == ["notes", "role_claim"]
