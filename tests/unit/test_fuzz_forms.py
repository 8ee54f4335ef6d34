"""Property tests of every form parser: whatever a phone posts (any keys, any values, any Unicode, NULs, huge
strings, repeated fields), each step kind's ``parse``, the join form's handling and text cleaning either give
valid data or refuse with a reason that has a message in Thai and English, never another exception."""

from __future__ import annotations

import asyncio
import json
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tests.fuzz  # noqa: F401 - selects the hypothesis profile
from activities import available, load
from facilitator.core import kinds, text
from facilitator.core.activity import Step
from facilitator.core.errors import Rejected
from facilitator.core.i18n import MESSAGES
from facilitator.core.kinds.base import StepContext
from facilitator.core.model import Answer, Participant
from facilitator.core.workshop import Workshop
from facilitator.server.join import _joined_as
from facilitator.server.requests import OTHER_ORG
from facilitator.store import Store

ORGS = ["รพ.สต.บ้านนา", "อบต.ท่าข้าม", "โรงเรียนบ้านนา"]
#: Field names phone forms use, and their prefixes for one field per task, area, item…
NAMES = ["text", "organisation", "organisation_other", "also", "name", "sector", "lang", "due", "claims_for",
         "step", "client_id", "csrf"]
PREFIXES = ["level", "note", "resource", "points", "verdict", "status", "light", "rating", "score", "dots"]

#: Text as a hostile phone sends it: any Unicode (surrogates excepted: a form decoder never yields them),
#: NULs and controls, Thai, bidi controls, digits, and now and then something huge.
_hostile = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from("\x00\t\n\r \u200b\u202e\u0e4d\u0e32กขคน้ำ0123456789-.,e+")),
    st.sampled_from(["", " ", "0", "-1", "1e9", "nan", "lead", "support", "none", "done", "late", "2569-13-40",
                     "2026-05-01", OTHER_ORG, *ORGS]),
    st.builds(lambda ch, n: ch * n, st.text(min_size=1, max_size=2),
              st.sampled_from([79, 80, 81, 499, 500, 501, 5000, 70_000])),   # at and past each limit
)


def _ids(step: Step, context: StepContext) -> list[str]:
    return [option.id for option in (*step.options, *context.tasks)] + list(context.commitment_ids) + list(
        context.expectation_ids) + [a.id for answers in context.voted_over.values() for a in answers] + ["x", ""]


def forms(step: Step, context: StepContext) -> st.SearchStrategy[dict[str, list[str]]]:
    """Forms with the step's own field names (for its options), other names and arbitrary keys, each with
    one value or several."""
    ids = _ids(step, context)
    keys = st.one_of(
        st.sampled_from(NAMES),
        st.builds(lambda p, i: f"{p}.{i}", st.sampled_from(PREFIXES), st.sampled_from(ids)),
        st.text(max_size=20),
    )
    return st.dictionaries(keys, st.lists(_hostile, max_size=4), max_size=12)


def _steps() -> Iterator[tuple[str, Step]]:
    """For each kind, the step of the built-in activities with the most options (the richest form)."""
    steps = [(f"{name}:{step.id}", step) for name in sorted(available()) for step in load(name).steps]
    for kind in kinds.KINDS:
        yield max(((where, step) for where, step in steps if step.kind == kind), key=lambda ws: len(ws[1].options))


STEPS = dict(_steps())
PERSON = Participant(id="p1", session_id="s1", organisation=ORGS[0], also=[ORGS[1]])
CONTEXTS = [
    StepContext(),
    StepContext(
        commitments=({"id": "c1", "text": "ประชุมทุกเดือน", "organisation": ORGS[0], "due": "2026-06-01"},),
        expectations=(Answer(id="e1", session_id="s0", step=0, participant_id="p0", text="อยากได้ข้อมูล",
                             client_id="client-e1"),),
        voted_over={"challenges": (Answer(id="v1", session_id="s0", step=1, participant_id="p0",
                                          text="ข้อมูลกระจาย", client_id="client-v1"),)},
    ),
]


def _has_message(reason: str) -> bool:
    return reason in MESSAGES and bool(MESSAGES[reason].th and MESSAGES[reason].en)


def test_every_kind_of_every_activity_is_fuzzed() -> None:
    assert {step.kind for step in STEPS.values()} == set(kinds.KINDS)


@pytest.mark.parametrize("where", sorted(STEPS))
@given(data=st.data())
def test_a_kinds_parse_takes_any_form(where: str, data: st.DataObject) -> None:
    step = STEPS[where]
    context = data.draw(st.sampled_from(CONTEXTS))
    form = data.draw(forms(step, context))
    try:
        body, stored = kinds.of(step).parse(step, form, PERSON, context)
    except Rejected as err:
        assert _has_message(err.reason), err.reason
        return
    assert isinstance(body, str) and len(body) <= 64 * 1024
    assert "\x00" not in body and unicodedata.is_normalized("NFC", body)
    json.dumps(stored)   # storable as it is


@given(raw=_hostile, multiline=st.booleans(), required=st.booleans())
def test_cleaning_gives_clean_text_or_a_reason(raw: str, multiline: bool, required: bool) -> None:
    limits = text.ANSWER if multiline else text.NAME
    try:
        cleaned = text.clean(raw, limits, required=required)
    except text.TextRejected as err:
        assert _has_message(err.reason), err.reason
        return
    assert len(cleaned) <= limits.max_chars and cleaned == cleaned.strip()
    assert not any(unicodedata.category(ch) == "Cc" and ch != "\n" for ch in cleaned)
    assert multiline or "\n" not in cleaned
    assert "\u202e" not in cleaned and unicodedata.is_normalized("NFC", cleaned)
    assert cleaned or not required


@pytest.mark.parametrize("partnership", [False, True], ids=["typed", "partnership"])
def test_the_join_form_takes_any_form(partnership: bool) -> None:
    """The join form as the server reads it (the organisation picked or typed, the other hats) and the join
    itself, over a real store."""
    loop = asyncio.new_event_loop()
    with tempfile.TemporaryDirectory() as data:
        store = Store(Path(data))
        try:
            workshop = Workshop(store)
            partner = store.create_partnership("ภาคีตำบลบ้านนา", [(o, "government") for o in ORGS]) if partnership \
                else None
            live = loop.run_until_complete(workshop.open_session(load("bar"), "ประชุม",
                                                                 partnership_id=partner.id if partner else None))

            @given(form=forms(live.session.activity.steps[0], StepContext()), token=st.sampled_from(["a" * 32, "b" * 32]))
            def joins(form: dict[str, list[str]], token: str) -> None:
                organisation, also = _joined_as(live, form)
                try:
                    person = loop.run_until_complete(live.join(
                        token, name=(form.get("name") or [""])[-1], organisation=organisation,
                        sector=(form.get("sector") or [""])[-1], lang=(form.get("lang") or [""])[-1], also=also,
                    ))
                except Rejected as err:
                    assert _has_message(err.reason), err.reason
                    return
                assert len(person.name) <= text.MAX_NAME_CHARS and len(person.organisation) <= text.MAX_NAME_CHARS
                assert person.lang in ("th", "en") and all(len(hat) <= text.MAX_NAME_CHARS for hat in person.also)

            joins()
        finally:
            loop.run_until_complete(store.close())
            loop.close()
