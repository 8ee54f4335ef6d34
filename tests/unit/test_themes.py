"""Themes: the operations on a session's themes, the suggestions the answers' words make, and their storage in
the session record (through the store's journal, across a reopen, in the JSON export)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from exports.json_export import read_json, write_json
from facilitator.core import themes
from facilitator.core.activity import Activity, Bilingual, Step
from facilitator.core.errors import Rejected
from facilitator.core.events import ThemesChanged
from facilitator.core.i18n import MESSAGES
from facilitator.core.live import LiveSession, StorageError
from facilitator.core.model import Answer, Session
from facilitator.core.themes import Suggestion, Theme
from facilitator.store import Store
from tests.unit.thai_sentences import SEED_SENTENCES

ACTIVITY = Activity("bar", Bilingual("ทบทวน", "Review"), Bilingual("", ""), (
    Step("goals", "notes", Bilingual("เป้าหมาย", "Goals")),
    Step("risks", "notes", Bilingual("อุปสรรค", "Risks")),
))


def note(answer_id: str, text: str, step: int = 0) -> Answer:
    return Answer(answer_id, "s1", step, "p1", text, f"client-{answer_id}")


ANSWERS = [
    note("a1", "ทุกตำบลใช้ข้อมูลผู้สูงอายุชุดเดียวกัน"),
    note("a2", "มีข้อมูลกลางที่ทุกหน่วยงานเปิดดูได้"),
    note("a3", "ประชุมร่วมกันทุกเดือนที่ อบต."),
    note("a4", "ข้อมูลผู้ป่วยติดเตียงของ รพ.สต."),
    note("b1", "ข้อมูลไม่ตรงกัน", step=1),
]


# -- operations -----------------------------------------------------------------------------------------
def test_create_move_rename_and_delete() -> None:
    found = themes.create([], 0, "  ข้อมูลกลาง  ")
    (data,) = found
    assert (data.step, data.name, data.answers) == (0, "ข้อมูลกลาง", ())
    found = themes.create(found, 0, "การประชุม")
    meeting = found[1]
    found = themes.move(found, "a1", data.id)
    found = themes.move(found, "a2", data.id)
    assert found[0].answers == ("a1", "a2")
    found = themes.move(found, "a1", meeting.id)  # an answer is in one theme at most
    assert [t.answers for t in found] == [("a2",), ("a1",)]
    found = themes.move(found, "a1", None)
    assert [t.answers for t in found] == [("a2",), ()]
    found = themes.rename(found, meeting.id, "ประชุมประจำเดือน")
    assert [t.name for t in found] == ["ข้อมูลกลาง", "ประชุมประจำเดือน"]
    assert themes.delete(found, meeting.id) == found[:1]


@pytest.mark.parametrize("change, reason", [
    (lambda found: themes.create(found, 0, "ข้อมูลกลาง"), "themes_exists"),
    (lambda found: themes.create(found, 0, "   "), "empty"),
    (lambda found: themes.create(found, 0, "ก" * 81), "too_long"),
    (lambda found: themes.rename(found, found[1].id, "ข้อมูลกลาง"), "themes_exists"),
    (lambda found: themes.delete(found, found[0].id), "themes_not_empty"),
    (lambda found: themes.move(found, "a1", "th-gone"), "themes_gone"),
    (lambda found: themes.rename(found, "th-gone", "x"), "themes_gone"),
])
def test_refusals_say_why_in_both_languages(change: object, reason: str) -> None:
    found = themes.move(themes.create(themes.create([], 0, "ข้อมูลกลาง"), 0, "อื่น"), "a1", None)
    found = themes.move(found, "a1", found[0].id)
    with pytest.raises(Rejected) as refused:
        change(found)  # type: ignore[operator]
    assert refused.value.reason == reason and reason in MESSAGES


def test_the_same_name_may_serve_another_step_and_renaming_to_itself_is_fine() -> None:
    found = themes.create(themes.create([], 0, "ข้อมูล"), 1, "ข้อมูล")
    assert themes.rename(found, found[0].id, "ข้อมูล") == found


def test_a_step_holds_nine_themes() -> None:
    found: list[Theme] = []
    for n in range(themes.MAX_THEMES):
        found = themes.create(found, 0, f"ประเด็น {n + 1}")
    with pytest.raises(Rejected, match="themes_full"):
        themes.create(found, 0, "ประเด็น 10")
    assert len(themes.create(found, 1, "อีกข้อ")) == 10


def test_answers_are_grouped_under_their_themes_then_the_rest() -> None:
    found = themes.create(themes.create([], 0, "ข้อมูล", ["a4", "a1", "gone"]), 0, "ว่าง")
    groups = themes.grouped(found, ANSWERS, 0)
    assert [(t.name if t else None, [a.id for a in group]) for t, group in groups] == [
        ("ข้อมูล", ["a4", "a1"]), ("ว่าง", []), (None, ["a2", "a3"]),
    ]
    assert themes.grouped([], ANSWERS, 1) == [(None, [ANSWERS[4]])]


# -- suggestions ----------------------------------------------------------------------------------------
def test_words_shared_by_several_answers_suggest_themes() -> None:
    found = themes.suggestions([], ANSWERS, 0)
    assert found[0] == Suggestion("ข้อมูล", ("a1", "a2", "a4"))
    assert all(len(s.answers) >= themes.MIN_SHARED for s in found)
    assert "b1" not in {a for s in found for a in s.answers}  # another step


def test_answers_in_a_theme_and_existing_names_are_not_suggested_again() -> None:
    placed = themes.create([], 0, "ข้อมูล", ["a1"])
    found = themes.suggestions(placed, ANSWERS, 0)
    assert all(s.word != "ข้อมูล" for s in found)
    assert all("a1" not in s.answers for s in found)
    assert themes.suggestions(themes.create([], 0, "อื่น", ["a1", "a2", "a3"]), ANSWERS, 0) == []


def test_suggestions_from_the_seed_sentences() -> None:
    answers = [note(f"s{i}", text) for i, text in enumerate(SEED_SENTENCES)]
    found = [(s.word, s.answers) for s in themes.suggestions([], answers, 0)]
    assert found == [
        ("ทำ", ("s5", "s6", "s7")), ("การทำงาน", ("s0", "s1", "s3")), ("ภาคี", ("s0", "s6", "s7")),
        ("เครือข่าย", ("s0", "s2", "s6")), ("สร้าง", ("s0", "s6")), ("ข้อมูล", ("s4", "s7")), ("งาน", ("s5", "s7")),
    ]  # "ทำ" is used four times; "พัฒนา" is in s0 and s6 too, but "สร้าง" is used more: one suggestion per group


def test_of_words_shared_by_the_same_answers_the_one_used_more_is_suggested() -> None:
    answers = [note("a1", "ทุกหน่วยงานใช้ข้อมูลชุดเดียวกัน และแบ่งปันข้อมูลกันทุกเดือน"),
               note("a2", "มีข้อมูลกลางที่ทุกหน่วยงานเปิดดูได้")]
    assert themes.suggestions([], answers, 0) == [Suggestion("ข้อมูล", ("a1", "a2"))]


def test_accepting_a_suggestion_takes_only_answers_still_free() -> None:
    placed = themes.create([], 0, "ตำบล", ["a1"])
    accepted = themes.accept(placed, 0, Suggestion("ข้อมูล", ("a1", "a2", "a4")))
    assert [(t.name, t.answers) for t in accepted] == [("ตำบล", ("a1",)), ("ข้อมูล", ("a2", "a4"))]


# -- the record -----------------------------------------------------------------------------------------
def test_a_session_without_themes_is_written_as_before() -> None:
    session = Session("s1", "1234", "ประชุม", "th", ACTIVITY)
    assert "themes" not in session.to_dict()
    session.themes = themes.create([], 0, "ข้อมูล [/]", ["a1"])
    assert Session.from_dict(session.to_dict()).themes == session.themes


async def live_session(store: Store) -> LiveSession:
    session = store.create_session(ACTIVITY, "เครือข่ายสุขภาพตำบล")
    sink = store.sink(session)
    await sink.save_session(session)
    live = LiveSession(session, sink)
    await live.advance()
    person = await live.join("token-aaaaaaaaaaaaaaaaaaaaaaaa")
    for i, text in enumerate(("ใช้ข้อมูลชุดเดียวกัน", "ข้อมูลกลาง")):
        await live.answer(person.id, 0, text, f"client-{i:04d}")
    return live


async def test_themes_are_on_disk_when_the_change_returns_and_survive_a_reopen(tmp_path: Path) -> None:
    store = Store(tmp_path)
    live = await live_session(store)
    events: list[object] = []
    live.subscribe(events.append)
    ids = [a.id for a in live.answers]
    await live.change_themes(lambda found: themes.create(found, 0, "ข้อมูล", ids))
    assert events == [ThemesChanged(live.session)]
    # Beside the running app, from the journal alone:
    beside = Store(tmp_path, read_only=True).load(live.session.id)
    assert [(t.name, t.answers) for t in beside.session.themes] == [("ข้อมูล", tuple(ids))]
    await live.change_themes(lambda found: themes.rename(found, found[0].id, "ข้อมูลกลาง"))
    await store.close()
    record = Store(tmp_path).load(live.session.id)
    assert [(t.name, t.answers) for t in record.session.themes] == [("ข้อมูลกลาง", tuple(ids))]
    assert read_json(write_json(record, "th")).session.themes == record.session.themes


async def test_a_refused_or_failed_change_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path)
    live = await live_session(store)
    with pytest.raises(Rejected):
        await live.change_themes(lambda found: themes.create(found, 0, ""))
    assert live.session.themes == []
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        if b"FULL-DISK-THEME" in bytes(data):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(StorageError):
        await live.change_themes(lambda found: themes.create(found, 0, "FULL-DISK-THEME"))
    assert live.session.themes == []
    monkeypatch.undo()
    await live.close()
    with pytest.raises(Rejected, match="closed_title"):
        await live.change_themes(lambda found: themes.create(found, 0, "หลังปิด"))
    await store.close()
    assert Store(tmp_path).load(live.session.id).session.themes == []
