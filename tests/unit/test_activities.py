"""The activity files and their loader: built-in BAR/AAR wording and errors that name line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from activities import ActivityError, UnknownActivity, available, builtin_dir, load, load_file
from facilitator.core.activity import Activity, Bilingual

BAR_PROMPTS = [
    (
        "เป้าหมายของเราคืออะไร และจะรู้ได้อย่างไรว่าสำเร็จ",
        "What are our intended results, and how will we know we succeeded?",
    ),
    ("เราคาดว่าจะเจออุปสรรคหรือความท้าทายอะไร", "What challenges can we anticipate?"),
    ("อุปสรรคข้อใดที่เราต้องเตรียมรับมือก่อน", "Which challenges must we prepare for first?"),
    ("เราหรือคนอื่นเคยเรียนรู้อะไรจากสถานการณ์คล้ายกันนี้", "What have we or others learned from similar situations?"),
    ("อะไรจะทำให้ครั้งนี้สำเร็จ", "What will make the biggest difference this time?"),
    ("หน่วยงานของเราจะรับบทบาทอะไร", "Which role will my organisation take?"),
]

AAR_PROMPTS = [
    ("สิ่งที่คาดหวังไว้", "What did we expect to happen?"),
    ("สิ่งที่ได้ตามหรือเกินความคาดหวัง", "What actually happened that met or exceeded expectations?"),
    ("สิ่งที่ได้น้อยกว่าที่คาดหวัง และเพราะอะไร", "What fell short, and why?"),
    ("สิ่งที่จะทำต่อหรือปรับปรุง", "What will we sustain or improve next time, and who will do it?"),
    ("ความก้าวหน้าของงานที่รับไว้", "Progress on each commitment from the linked BAR"),
]

# A valid file; the line numbers in the comments are the ones the error tests rely on.
VALID = """\
id = "demo"
[name]
th = "ทดลอง"
en = "Demo"
[[steps]]
id = "one"
kind = "notes"
[steps.prompt]
th = "ข้อหนึ่ง"
en = "One"
[[steps]]
id = "two"
kind = "notes"
prompt = { th = "ข้อสอง", en = "Two" }
[[steps]]
id = "three"
kind = "notes"
[steps.prompt]
th = "ข้อสาม"
en = "Three"
[steps.hint]
th = "ตัวอย่าง"
en = "Example"
"""
#  1 id          5 [[steps]] #0    11 [[steps]] #1    15 [[steps]] #2    18 [steps.prompt]  21 [steps.hint]


def write(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str) -> ActivityError:
    with pytest.raises(ActivityError) as info:
        load_file(write(tmp_path, text))
    return info.value


# --- built-ins -------------------------------------------------------------------------------------


def test_available_lists_the_builtin_files_sorted():
    found = available()
    assert list(found) == ["aar", "bar", "checkin", "health", "pilot-areas", "role-split"]
    assert found["bar"] == builtin_dir() / "bar.toml"
    assert found["aar"].parent == builtin_dir()


def test_bar_has_the_product_wording():
    bar = load("bar")
    assert bar.id == "bar"
    assert bar.name == Bilingual("ทบทวนก่อนปฏิบัติการ (BAR)", "Before Action Review (BAR)")
    assert len(bar.steps) == 6
    assert bar.steps[0].prompt.th == "เป้าหมายของเราคืออะไร และจะรู้ได้อย่างไรว่าสำเร็จ"
    assert bar.steps[0].prompt.en == "What are our intended results, and how will we know we succeeded?"
    assert [(s.prompt.th, s.prompt.en) for s in bar.steps] == BAR_PROMPTS


def test_aar_has_the_product_wording():
    aar = load("aar")
    assert aar.id == "aar"
    assert aar.name == Bilingual("ทบทวนหลังปฏิบัติการ (AAR)", "After Action Review (AAR)")
    assert len(aar.steps) == 5
    assert aar.steps[2].prompt.th == "สิ่งที่ได้น้อยกว่าที่คาดหวัง และเพราะอะไร"
    assert [(s.prompt.th, s.prompt.en) for s in aar.steps] == AAR_PROMPTS


KINDS = {
    "bar": ["notes", "notes", "votes", "notes", "notes", "role_claim"],
    "aar": ["expectations", "notes", "notes", "action", "progress"],
}


@pytest.mark.parametrize("name", ["bar", "aar"])
def test_builtins_are_complete_and_round_trip(name: str):
    activity = load(name)
    assert activity.description.th and activity.description.en
    assert [step.kind for step in activity.steps] == KINDS[name]
    assert all(step.hint is not None and step.hint.th and step.hint.en for step in activity.steps)
    assert len({step.id for step in activity.steps}) == len(activity.steps)
    assert Activity.from_dict(activity.to_dict()) == activity


def test_the_bar_splits_the_four_legs_of_the_chair_with_coordination_marked():
    roles = load("bar").steps[-1]
    assert [o.label.th for o in roles.options] == ["กลไกกลาง (การประสานงาน)", "กติกากลาง", "ข้อมูลกลาง", "กองทุนกลาง"]
    assert [o.id for o in roles.options if o.coordination] == ["mechanism"]


@pytest.mark.parametrize("name", ["role-split", "checkin", "health", "pilot-areas"])
def test_every_builtin_loads_and_round_trips(name: str):
    activity = load(name)
    assert Activity.from_dict(activity.to_dict()) == activity


def test_option_mistakes_name_their_line(tmp_path: Path):
    bad = VALID.replace('kind = "notes"', 'kind = "points"', 1)
    with pytest.raises(ActivityError) as info:
        load_file(write(tmp_path, bad))
    assert info.value.field is not None and info.value.field.endswith("options")


def test_load_accepts_a_path(tmp_path: Path):
    path = write(tmp_path, VALID)
    for ref in (str(path), path):
        activity = load(ref)
        assert activity.id == "demo"
        assert [step.id for step in activity.steps] == ["one", "two", "three"]
        assert activity.steps[1].prompt == Bilingual("ข้อสอง", "Two")
        assert activity.steps[0].hint is None
        assert activity.steps[2].hint == Bilingual("ตัวอย่าง", "Example")
        assert activity.description == Bilingual("", "")
        assert Activity.from_dict(activity.to_dict()) == activity


def test_unknown_name_lists_the_builtin_ids():
    with pytest.raises(UnknownActivity) as info:
        load("nope")
    assert info.value.name == "nope"
    assert "bar" in info.value.available
    assert "bar" in str(info.value) and "aar" in str(info.value)
    assert str(info.value) == "unknown activity 'nope'; available: aar, bar, checkin, health, pilot-areas, role-split"


def test_missing_toml_path_is_an_activity_error(tmp_path: Path):
    with pytest.raises(ActivityError) as info:
        load(str(tmp_path / "absent.toml"))
    assert info.value.line is None
    assert str(info.value).startswith("absent.toml: cannot read the file")


# --- errors name the line and the field ------------------------------------------------------------


def test_toml_syntax_error_names_the_line(tmp_path: Path):
    text = VALID.replace('kind = "notes"\nprompt', 'kind = "notes"\nprompt = {', 1)
    err = error_of(tmp_path, text)
    assert err.line == 14
    assert err.field is None
    assert str(err).startswith("mine.toml line 14: TOML syntax error: ")
    assert "(at line" not in str(err)


def test_toml_syntax_error_on_a_bare_word(tmp_path: Path):
    lines = VALID.splitlines()
    lines[6] = "kind = notes"
    err = error_of(tmp_path, "\n".join(lines) + "\n")
    assert err.line == 7
    assert err.path.name == "mine.toml"


def test_missing_prompt_en_in_step_three_points_at_its_prompt_table(tmp_path: Path):
    err = error_of(tmp_path, VALID.replace('en = "Three"\n', ""))
    assert err.field == "steps[2].prompt.en"
    assert err.line == 18
    assert str(err) == "mine.toml line 18, steps[2].prompt.en: must be a non-empty string"


def test_empty_prompt_en_points_at_its_own_line(tmp_path: Path):
    err = error_of(tmp_path, VALID.replace('en = "Three"', 'en = "  "'))
    assert str(err) == "mine.toml line 20, steps[2].prompt.en: must be a non-empty string"


def test_inline_prompt_error_points_at_the_prompt_line(tmp_path: Path):
    err = error_of(tmp_path, VALID.replace('en = "Two" }', 'en = "" }'))
    assert (err.line, err.field) == (14, "steps[1].prompt.en")


def test_missing_prompt_points_at_the_step_header(tmp_path: Path):
    err = error_of(tmp_path, VALID.replace('prompt = { th = "ข้อสอง", en = "Two" }\n', ""))
    assert (err.line, err.field) == (11, "steps[1].prompt")
    assert "is required" in err.message


def test_duplicate_step_id(tmp_path: Path):
    err = error_of(tmp_path, VALID.replace('id = "three"', 'id = "one"'))
    assert (err.line, err.field) == (16, "steps[2].id")
    assert str(err) == "mine.toml line 16, steps[2].id: duplicate step id 'one' (already used by steps[0])"


def test_unknown_kind(tmp_path: Path):
    lines = VALID.splitlines()
    lines[12] = 'kind = "vote"'
    err = error_of(tmp_path, "\n".join(lines) + "\n")
    assert (err.line, err.field) == (13, "steps[1].kind")
    assert "'vote'" in str(err) and "notes" in str(err)


def test_unknown_key_in_a_step_is_named(tmp_path: Path):
    text = VALID.replace('id = "three"\n', 'id = "three"\ncolour = "red"\n')
    err = error_of(tmp_path, text)
    assert (err.line, err.field) == (17, "steps[2].colour")
    assert "unknown key 'colour'" in str(err)


def test_unknown_top_level_table_is_named(tmp_path: Path):
    err = error_of(tmp_path, VALID + "[extra]\nx = 1\n")
    assert (err.line, err.field) == (24, "extra")
    assert "unknown key 'extra'" in err.message


def test_unknown_language_in_a_sub_table(tmp_path: Path):
    err = error_of(tmp_path, VALID.replace('en = "Example"', 'en = "Example"\nfr = "Exemple"'))
    assert (err.line, err.field) == (24, "steps[2].hint.fr")


def test_empty_steps(tmp_path: Path):
    err = error_of(tmp_path, 'id = "demo"\nsteps = []\n[name]\nth = "ทดลอง"\nen = "Demo"\n')
    assert (err.line, err.field) == (2, "steps")
    assert str(err) == "mine.toml line 2, steps: must list at least one step"


def test_missing_steps_has_no_line(tmp_path: Path):
    err = error_of(tmp_path, 'id = "demo"\n[name]\nth = "ทดลอง"\nen = "Demo"\n')
    assert (err.line, err.field) == (None, "steps")
    assert str(err).startswith("mine.toml, steps: is required")


def test_bad_activity_id(tmp_path: Path):
    err = error_of(tmp_path, VALID.replace('id = "demo"', 'id = "My Demo"'))
    assert (err.line, err.field) == (1, "id")
    assert "slug" in err.message


def test_missing_name_th_points_at_the_name_table(tmp_path: Path):
    err = error_of(tmp_path, VALID.replace('th = "ทดลอง"\n', ""))
    assert (err.line, err.field) == (2, "name.th")


def test_lines_inside_multiline_strings_are_not_keys(tmp_path: Path):
    text = VALID.replace('en = "Demo"', 'en = """Demo\nkind = "vote"\n"""')
    text = text.replace('id = "two"\nkind = "notes"', 'id = "two"\nkind = "vote"')
    err = error_of(tmp_path, text)
    assert (err.line, err.field) == (15, "steps[1].kind")


def test_error_is_a_value_error(tmp_path: Path):
    err = error_of(tmp_path, "id = \n")
    assert isinstance(err, ValueError)
    assert err.line == 1
