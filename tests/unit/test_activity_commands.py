"""``facilitator activities`` (built-in and own activities), ``activities validate FILE`` (every mistake with its
line), ``facilitator run FILE`` and ``run ID`` of an own file, and the example of docs/activities.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from activities import ActivityError, UnknownActivity, load_file
from activities.library import find, own_dir
from facilitator.__main__ import main, parse_args, start_request
from facilitator.store import Store

DOC = Path(__file__).resolve().parents[2] / "docs" / "activities.md"


def doc_example() -> str:
    """The full example of docs/activities.md, as a reader copies it."""
    blocks = re.findall(r"^```toml\n(.*?)^```", DOC.read_text(encoding="utf-8"), re.S | re.M)
    assert len(blocks) == 1, "docs/activities.md holds one full example"
    return blocks[0]


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def own(tmp_path: Path) -> Path:
    """A data directory with an activities folder holding the doc's example."""
    folder = own_dir(tmp_path)
    folder.mkdir()
    (folder / "village.toml").write_text(doc_example(), encoding="utf-8")
    return tmp_path


def test_the_docs_example_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "village-health-day.toml"
    path.write_text(doc_example(), encoding="utf-8")
    activity = load_file(path)
    assert activity.id == "village-health-day"
    assert activity.name("th") == "เตรียมงานวันสุขภาพผู้สูงอายุ"
    assert all(step.prompt.th and step.prompt.en for step in activity.steps)
    code, out, _ = cli(capsys, "activities", "validate", str(path), "--lang", "en", "--data-dir", str(tmp_path))
    assert code == 0
    assert out.startswith(f"OK: {path} is a valid activity. id village-health-day, "
                          "“Preparing the older people's health day”, 4 steps (notes ×2, role_claim ×1, points ×1)")
    assert "facilitator run village-health-day" in out  # once copied into the activities folder
    code, out, _ = cli(capsys, "activities", "validate", str(path), "--data-dir", str(tmp_path))
    assert code == 0 and out.startswith("OK ถูกต้อง") and "เตรียมงานวันสุขภาพผู้สูงอายุ" in out and "4 ข้อ" in out


def test_listing_shows_builtins_and_own_files_without_creating_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "never-used"
    code, out, _ = cli(capsys, "activities", "--lang", "en", "--data-dir", str(data))
    assert code == 0 and not data.exists()
    assert "Built-in activities:" in out and re.search(r"^  bar +Before Action Review \(BAR\) +6 steps$", out, re.M)
    assert f"Your own activities (activity files, .toml, in {data / 'activities'}):" in out
    assert "none yet: put an activity file (.toml) in that folder" in out
    code, out, _ = cli(capsys, "activities", "--data-dir", str(data))
    assert re.search(r"^  bar +ทบทวนก่อนปฏิบัติการ \(BAR\) +6 ข้อ$", out, re.M)


def test_listing_shows_own_files_with_their_path_mistakes_and_taken_ids(
    own: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = own_dir(own)
    broken = doc_example().replace('id = "worries"', 'id = "aim"')
    (folder / "broken.toml").write_text(broken, encoding="utf-8")
    (folder / "my-bar.toml").write_text(doc_example().replace('id = "village-health-day"', 'id = "bar"'),
                                        encoding="utf-8")
    code, out, _ = cli(capsys, "activities", "--lang", "en", "--data-dir", str(own))
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("  village-health-day"))
    assert "Preparing the older people's health day" in line and "4 steps" in line
    assert line.endswith(str(folder / "village.toml"))
    broken_line = next(line for line in out.splitlines() if line.startswith("  broken"))
    assert "broken.toml line 64, steps[3].id: duplicate step id 'aim' (already used by steps[0])" in broken_line
    assert f"facilitator activities validate {folder / 'broken.toml'}" in broken_line
    taken = next(line for line in out.splitlines() if line.startswith("  bar ") and "⚠" in line)
    assert "already has this id" in taken and "my-bar.toml" in taken
    thai = cli(capsys, "activities", "--data-dir", str(own))[1]
    assert "เตรียมงานวันสุขภาพผู้สูงอายุ" in thai and "4 ข้อ" in thai


def test_run_finds_an_own_activity_by_id_and_a_file_by_path(own: Path) -> None:
    store = Store(own)
    try:
        by_id = start_request(parse_args(["run", "village-health-day", "--data-dir", str(own)]), store)
        assert by_id is not None and by_id.activity.id == "village-health-day"
        assert by_id.title == "เตรียมงานวันสุขภาพผู้สูงอายุ"
        path = own_dir(own) / "village.toml"
        by_path = start_request(parse_args(["run", str(path), "--lang", "en", "--data-dir", str(own)]), store)
        assert by_path is not None and by_path.activity == by_id.activity
        assert by_path.title == "Preparing the older people's health day"
    finally:
        import asyncio

        asyncio.run(store.close())


def test_run_of_a_broken_own_activity_names_its_mistake(own: Path) -> None:
    (own_dir(own) / "broken.toml").write_text('id = "broken"\n[name]\nth = "ก"\n', encoding="utf-8")
    with pytest.raises(ActivityError) as info:
        find("broken", own)
    assert str(info.value).startswith("broken.toml")
    with pytest.raises(UnknownActivity) as unknown:
        find("nope", own)
    assert "village-health-day" in str(unknown.value) and "bar" in str(unknown.value)


def test_a_builtin_id_wins_over_an_own_file_taking_it(own: Path) -> None:
    (own_dir(own) / "mine.toml").write_text(doc_example().replace('id = "village-health-day"', 'id = "bar"'),
                                            encoding="utf-8")
    assert find("bar", own).name("en") == "Before Action Review (BAR)"


# -- validate: every mistake, each with its line ------------------------------------------------------------
MISTAKES = [
    # (what is changed in the doc's example, the line named, what the message says)
    (('id = "worries"', 'id = "aim"'), 64, "steps[3].id: duplicate step id 'aim' (already used by steps[0])"),
    (('kind = "points"', 'kind = "vote"'), 47, "steps[2].kind: unknown kind 'vote'"),
    (('[steps.prompt]\nth = "มีอะไร', '[steps.hint]\nth = "มีอะไร'), 63, "steps[3].prompt: is required"),
    (('en = "What worries us about the day?"', 'en = ""'), 68, "steps[3].prompt.en: must be a non-empty string"),
    (('budget = 5', 'budget = 0'), 48, "steps[2].budget: must be a whole number of points"),
    (('en = "Moo 4, Ban Tha Kham"', 'fr = "Moo 4"'), 61, "steps[2].options[1].fr: unknown key 'fr'"),
    (('coordination = true', 'coordination = "yes"'), 33, "steps[1].options[0].coordination: must be true or false"),
    (('id = "aim"\nkind = "notes"', 'id = "aim"\nkind = "notes"\noptions = [{ id = "x", th = "ก", en = "A" }]'),
     15, "steps[0].options: only steps of kind"),
    (('th = "หมู่ 1 บ้านนา"', 'th = "หมู่ 1 บ้านนา'), 55, "TOML syntax error"),
]


@pytest.mark.parametrize("change, line, message", MISTAKES, ids=[m[2].split(":")[0] for m in MISTAKES])
def test_validate_names_the_mistake_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], line: int, message: str
) -> None:
    text = doc_example()
    assert change[0] in text
    path = tmp_path / "mine.toml"
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    code, out, _ = cli(capsys, "activities", "validate", str(path), "--lang", "en", "--data-dir", str(tmp_path))
    assert code == 1
    first, *_, last = out.splitlines()
    assert first.startswith(f"mine.toml line {line}") and message in first, out
    assert last == f"1 mistake(s) in {path}: fix them and validate again"


def test_validate_names_every_mistake_of_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = doc_example()
    for old, new in (MISTAKES[0][0], MISTAKES[1][0], MISTAKES[3][0], MISTAKES[6][0]):
        text = text.replace(old, new, 1)
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    code, out, _ = cli(capsys, "activities", "validate", str(path), "--data-dir", str(tmp_path))
    assert code == 1
    lines = out.splitlines()
    assert [int(re.match(r"mine\.toml line (\d+)", line).group(1)) for line in lines[:-1]] == [33, 47, 64, 68]
    assert lines[-1] == f"พบข้อผิดพลาด 4 จุดใน {path}: แก้ไขแล้วตรวจอีกครั้ง"


def test_validate_names_the_line_of_text_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.toml"
    path.write_bytes(doc_example().encode("utf-8").replace("หมู่ 4".encode(), "หมู่ 4".encode("cp874")))
    code, out, _ = cli(capsys, "activities", "validate", str(path), "--lang", "en", "--data-dir", str(tmp_path))
    assert code == 1 and out.startswith("mine.toml line 60: the file is not UTF-8 text")


def test_validate_without_a_file_or_with_a_missing_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "activities", "validate", "--lang", "en", "--data-dir", str(tmp_path))
    assert code == 2 and "activities validate needs the FILE to check" in err
    code, out, _ = cli(capsys, "activities", "validate", str(tmp_path / "absent.toml"), "--data-dir", str(tmp_path))
    assert code == 1 and out.startswith("absent.toml: cannot read the file")


def test_run_of_an_unknown_id_names_the_ids_and_the_folder(own: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "run", "nope", "--lang", "en", "--data-dir", str(own))
    assert code == 2 and err.count("\n") == 1
    assert "unknown activity 'nope': one of aar, bar, checkin, health, pilot-areas, role-split, village-health-day" in err
    assert f"(files in {own_dir(own)};" in err


def test_a_file_saved_with_a_byte_order_mark_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notepad.toml"
    path.write_bytes(b"\xef\xbb\xbf" + doc_example().replace("\n", "\r\n").encode("utf-8"))
    code, out, _ = cli(capsys, "activities", "validate", str(path), "--lang", "en", "--data-dir", str(tmp_path))
    assert code == 0 and out.startswith("OK:")
