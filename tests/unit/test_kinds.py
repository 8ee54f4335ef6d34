"""Structured steps: every kind's form parsed into free text and data, and every refusal."""

from __future__ import annotations

import pytest

from typing import Any

from facilitator.core import kinds
from facilitator.core.activity import Bilingual, Option, Step
from facilitator.core.errors import Rejected
from facilitator.core.kinds import Form, StepContext
from facilitator.core.model import Answer, Participant
from tests.unit.steps import ACTION, EXPECT, NOTES, POINTS, PROGRESS, RATING, ROLES, TASKS

B = Bilingual

ADDED = Option("t-abc", B("รถรับส่งผู้ป่วย", "รถรับส่งผู้ป่วย"))

CONTEXT = StepContext(
    tasks=(*TASKS, ADDED),
    commitments=({"id": "c1"}, {"id": "c2"}),
    expectations=(Answer("e1", "bar", 0, "p9", "ผู้สูงอายุได้รับการดูแล", "c-e1"),
                  Answer("e2", "bar", 0, "p9", "มีฐานข้อมูลเดียวกัน", "c-e2")),
)


def parse(step: Step, form: Form, person: Participant, context: StepContext) -> tuple[str, dict[str, Any]]:
    """The step's kind parses the form."""
    return kinds.of(step).parse(step, form, person, context)

#: Speaks for a health centre and, with a second hat, the village health volunteers.
SOMSRI = Participant("p1", "s1", "สมศรี", "รพ.สต.บ้านนา", "government", also=["อสม.บ้านนา"])
#: Joined without an organisation.
NOK = Participant("p2", "s1", "Nok", "", "")


def rejected(step: Step, form: dict[str, list[str]], person: Participant = SOMSRI) -> str:
    with pytest.raises(Rejected) as caught:
        parse(step, form, person, CONTEXT)
    return caught.value.reason


# --- notes -------------------------------------------------------------------------------------------------


def test_notes_keep_cleaned_text_and_no_data() -> None:
    assert parse(NOTES, {"text": ["  ข้อมูล   กระจาย\r\nหลายที่  "]}, SOMSRI, CONTEXT) == ("ข้อมูล กระจาย\nหลายที่", {})


def test_notes_take_the_last_value_of_a_repeated_field() -> None:
    assert parse(NOTES, {"text": ["first", "second"]}, SOMSRI, CONTEXT) == ("second", {})


@pytest.mark.parametrize("form", [{}, {"text": []}, {"text": [""]}, {"text": ["   \u200b "]}])
def test_empty_notes_are_refused(form: dict[str, list[str]]) -> None:
    assert rejected(NOTES, form) == "empty"


def test_a_too_long_note_is_refused() -> None:
    assert rejected(NOTES, {"text": ["ก" * 501]}) == "too_long"


# --- role claims -------------------------------------------------------------------------------------------


def test_role_claim_for_a_second_hat() -> None:
    form = {
        "organisation": ["อสม.บ้านนา"],
        "level.mechanism": ["lead"],
        "resource.mechanism": ["people", "money", "people", ""],
        "note.mechanism": ["  ห้องประชุมวัด  "],
        "level.rules": [""],
        "level.data": ["informed"],
        "level.t-abc": ["support"],
        "resource.t-abc": ["place"],
        "level.ghost": ["lead"],
    }
    assert parse(ROLES, form, SOMSRI, CONTEXT) == ("", {
        "organisation": "อสม.บ้านนา",
        "claims": {
            "mechanism": {"level": "lead", "resources": ["money", "people"], "note": "ห้องประชุมวัด"},
            "rules": {"level": "none", "resources": [], "note": ""},
            "data": {"level": "informed", "resources": [], "note": ""},
            "t-abc": {"level": "support", "resources": ["place"], "note": ""},
        },
    })


def test_role_claim_speaks_for_the_main_organisation_by_default() -> None:
    text, data = parse(ROLES, {"level.fund": ["co"]}, SOMSRI, CONTEXT)
    assert (text, data) == ("", {"organisation": "รพ.สต.บ้านนา",
                                 "claims": {"fund": {"level": "co", "resources": [], "note": ""}}})


def test_role_claim_for_an_organisation_not_among_the_persons_is_refused() -> None:
    assert rejected(ROLES, {"organisation": ["อบต.ท่าข้าม"], "level.fund": ["lead"]}) == "bad_request"


def test_a_person_without_organisation_names_one() -> None:
    _, data = parse(ROLES, {"organisation": [" ชมรม ผู้สูงอายุ "], "level.rules": ["co"]}, NOK, CONTEXT)
    assert data["organisation"] == "ชมรม ผู้สูงอายุ"


def test_a_person_without_organisation_must_name_one() -> None:
    assert rejected(ROLES, {"level.rules": ["co"]}, NOK) == "need_organisation"
    assert rejected(ROLES, {"organisation": ["  "], "level.rules": ["co"]}, NOK) == "need_organisation"


@pytest.mark.parametrize(
    "form",
    [
        {"level.fund": ["boss"]},
        {"level.fund": ["Lead"]},
        {"level.fund": ["support"], "resource.fund": ["money", "gold"]},
    ],
)
def test_unknown_level_or_resource_is_refused(form: dict[str, list[str]]) -> None:
    assert rejected(ROLES, form) == "bad_request"


@pytest.mark.parametrize(
    "form", [{}, {"level.ghost": ["lead"]}, {"organisation": ["รพ.สต.บ้านนา"]}]
)
def test_a_role_claim_without_any_level_is_empty(form: dict[str, list[str]]) -> None:
    assert rejected(ROLES, form) == "empty"


def test_none_chosen_on_purpose_is_a_withdrawal() -> None:
    _, data = parse(ROLES, {"level.fund": [""], "level.data": ["lead"]}, SOMSRI, CONTEXT)
    assert data["claims"]["fund"] == {"level": "none", "resources": [], "note": ""}
    assert data["claims"]["data"]["level"] == "lead"


def test_a_lead_claim_carries_a_due_date_and_a_contact_person() -> None:
    form = {"level.fund": ["lead"], "due.fund": ["31/3/2570"], "contact.fund": [" นางสมศรี 081-234-5678 "],
            "level.data": ["co"], "due.data": ["2027-01-01"], "contact.data": ["ไม่ใช่เจ้าภาพ"]}
    _, data = parse(ROLES, form, SOMSRI, CONTEXT)
    assert data["claims"]["fund"] == {"level": "lead", "resources": [], "note": "", "due": "2027-03-31",
                                      "contact": "นางสมศรี 081-234-5678"}
    # only a lead's claim is a commitment: the others keep no date or contact
    assert data["claims"]["data"] == {"level": "co", "resources": [], "note": ""}
    rows = kinds.of(ROLES).rows(ROLES, Answer("r", "s1", 1, "p1", "", "c", data=data), "th", CONTEXT)
    row = next(r for r in rows if "เจ้าภาพหลัก" in r.value)
    assert "กำหนดเสร็จ 31 มี.ค. 2570" in row.value and "ผู้ประสานงาน: นางสมศรี 081-234-5678" in row.value


def test_a_lead_claim_with_a_bad_due_date_is_refused() -> None:
    assert rejected(ROLES, {"level.fund": ["lead"], "due.fund": ["พรุ่งนี้"]}) == "bad_date"
    assert rejected(ROLES, {"level.fund": ["lead"], "contact.fund": ["x" * 200]}) == "too_long"


def test_a_role_note_too_long_is_refused() -> None:
    assert rejected(ROLES, {"level.fund": ["lead"], "note.fund": ["x" * 501]}) == "too_long"


# --- actions -----------------------------------------------------------------------------------------------


def test_action_with_lead_and_due_date() -> None:
    form = {"text": ["นัดประชุมภาคีทุกสองเดือน"], "organisation": ["อสม.บ้านนา"], "due": [" 2027-01-15 "]}
    assert parse(ACTION, form, SOMSRI, CONTEXT) == (
        "นัดประชุมภาคีทุกสองเดือน", {"organisation": "อสม.บ้านนา", "due": "2027-01-15"}
    )


def test_action_without_lead_or_date() -> None:
    assert parse(ACTION, {"text": ["ทำต่อ"]}, SOMSRI, CONTEXT) == ("ทำต่อ", {"organisation": "", "due": ""})
    assert parse(ACTION, {"text": ["ทำต่อ"], "organisation": [""], "due": [""]}, NOK, CONTEXT) == (
        "ทำต่อ", {"organisation": "", "due": ""}
    )


def test_action_lead_named_by_a_person_without_organisation() -> None:
    assert parse(ACTION, {"text": ["x"], "organisation": ["อบต.ท่าข้าม"]}, NOK, CONTEXT)[1]["organisation"] == (
        "อบต.ท่าข้าม"
    )


@pytest.mark.parametrize("due", ["2027-02-30", "next week", "15-01-2027", "31/2/2570", "2027-13-01", "1/2"])
def test_action_with_a_bad_date_is_refused(due: str) -> None:
    assert rejected(ACTION, {"text": ["x"], "due": [due]}) == "bad_date"


@pytest.mark.parametrize("due", ["15/1/2570", "15/01/2027", "2570-01-15"])
def test_a_due_date_typed_day_first_or_in_the_buddhist_era_is_read(due: str) -> None:
    assert parse(ACTION, {"text": ["x"], "due": [due]}, SOMSRI, CONTEXT)[1]["due"] == "2027-01-15"


def test_action_refusals() -> None:
    assert rejected(ACTION, {"text": [" "], "due": ["2027-01-15"]}) == "empty"
    assert rejected(ACTION, {"text": ["x"], "organisation": ["อบต.ท่าข้าม"]}) == "bad_request"


# --- progress ratings --------------------------------------------------------------------------------------


def test_progress_ratings_of_known_commitments() -> None:
    form = {
        "organisation": ["อสม.บ้านนา"],
        "status.c1": ["blocked"],
        "note.c1": ["งบยังไม่มา"],
        "status.c2": [""],
        "note.c2": ["ignored without a status"],
        "status.c9": ["done"],
    }
    assert parse(PROGRESS, form, SOMSRI, CONTEXT) == (
        "", {"organisation": "อสม.บ้านนา", "ratings": {"c1": {"status": "blocked", "note": "งบยังไม่มา"}}}
    )


def test_progress_of_a_person_without_organisation() -> None:
    assert parse(PROGRESS, {"status.c2": ["done"]}, NOK, CONTEXT) == (
        "", {"organisation": "", "ratings": {"c2": {"status": "done", "note": ""}}}
    )


def test_progress_refusals() -> None:
    assert rejected(PROGRESS, {"status.c1": ["finished"]}) == "bad_request"
    assert rejected(PROGRESS, {"status.c1": ["done"], "organisation": ["อบต.ท่าข้าม"]}) == "bad_request"
    assert rejected(PROGRESS, {"status.c9": ["done"]}) == "empty"
    assert rejected(PROGRESS, {}) == "empty"


# --- expectations ------------------------------------------------------------------------------------------


def test_expectation_verdicts_and_a_note() -> None:
    form = {"verdict.e1": ["met"], "verdict.e2": ["short"], "verdict.e3": ["exceeded"], "text": ["งบมาช้า"]}
    assert parse(EXPECT, form, NOK, CONTEXT) == ("งบมาช้า", {"verdicts": {"e1": "met", "e2": "short"}})


def test_expectations_note_alone_is_enough() -> None:
    assert parse(EXPECT, {"text": ["ยังไม่ได้เริ่ม"]}, NOK, CONTEXT) == ("ยังไม่ได้เริ่ม", {"verdicts": {}})


def test_expectations_refusals() -> None:
    assert rejected(EXPECT, {"verdict.e1": ["great"]}) == "bad_request"
    assert rejected(EXPECT, {"verdict.e1": [""], "text": [" "]}) == "empty"


# --- health ratings ----------------------------------------------------------------------------------------


def test_rating_lights_and_note() -> None:
    form = {"light.trust": ["amber"], "light.purpose": ["green"], "light.other": ["red"], "text": ["ok"]}
    assert parse(RATING, form, NOK, CONTEXT) == ("ok", {"lights": {"trust": "amber", "purpose": "green"}})


def test_rating_refusals() -> None:
    assert rejected(RATING, {"light.trust": ["blue"]}) == "bad_request"
    assert rejected(RATING, {"text": ["only a note"]}) == "empty"


# --- points ------------------------------------------------------------------------------------------------


def test_points_spread_within_the_budget() -> None:
    form = {"points.a1": ["6"], "points.a2": [" 4 "], "points.a3": ["0"], "points.zz": ["9"]}
    assert parse(POINTS, form, NOK, CONTEXT) == ("", {"allocations": {"a1": 6, "a2": 4}})


def test_points_below_the_budget_and_in_thai_digits() -> None:
    assert parse(POINTS, {"points.a3": ["๓"]}, NOK, CONTEXT) == ("", {"allocations": {"a3": 3}})


def test_points_over_the_budget_are_refused() -> None:
    assert rejected(POINTS, {"points.a1": ["6"], "points.a2": ["5"]}) == "over_budget"


@pytest.mark.parametrize("raw", ["-1", "2.5", "x", "1e1", "²", "12345", "+3"])
def test_points_that_are_not_whole_numbers_are_refused(raw: str) -> None:
    assert rejected(POINTS, {"points.a1": [raw]}) == "bad_points"


@pytest.mark.parametrize("form", [{}, {"points.a1": ["0"], "points.a2": [""]}])
def test_no_points_at_all_is_empty(form: dict[str, list[str]]) -> None:
    assert rejected(POINTS, form) == "empty"


def test_an_unknown_kind_is_not_in_the_registry() -> None:
    with pytest.raises(kinds.UnknownKind):
        kinds.of(Step("x", "essay", B("x", "x")))
    assert "essay" not in kinds.names() and kinds.names()[0] == "notes"
