"""Exports: the format registry, the lossless JSON document and the Markdown blog post (Thai and English)."""

from __future__ import annotations

import dataclasses
import html
import json
import re
import unicodedata
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

import exports
from exports.json_export import read_json
from exports.markdown import escape
from exports.registry import Exporter, UnknownFormat
from facilitator.core.model import Answer
from facilitator.core.record import SessionRecord
from tests.unit.records import (
    HOSTILE_NOTE,
    HOSTILE_ORG,
    HOSTILE_TASK,
    THAI,
    make_aar_record,
    make_record,
    make_roles_record,
    stamp,
)

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def record() -> SessionRecord:
    """The hand-made session of :func:`make_record`."""
    return make_record()


@pytest.fixture
def roles_record() -> SessionRecord:
    """The hand-made session of :func:`make_roles_record`."""
    return make_roles_record()


def assert_golden(name: str, actual: bytes) -> None:
    """``actual`` must equal the reviewed file ``golden/name``.

    A missing golden file is written from ``actual`` and the test fails, so every golden is created once and
    reviewed before it is trusted. To regenerate one, delete it and run the tests again.
    """
    path = GOLDEN / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
        pytest.fail(f"golden file {path} was missing and has been written: review it, then run again")
    assert actual.decode("utf-8") == path.read_bytes().decode("utf-8")


def render_html(markdown: bytes) -> str:
    """The post as a CommonMark renderer with GFM tables and strikethrough shows it."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown.decode("utf-8"))


def with_answer(record: SessionRecord, text: str, participant_id: str = "p-ccc") -> SessionRecord:
    """``record`` with its answers replaced by one answer ``text`` to the second step, and no saved summary."""
    response = Answer("r-x", record.session.id, 1, participant_id, text, "c-x", stamp(30))
    return dataclasses.replace(record, answers=[response], summaries=[])


# --- golden files ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "lang", "golden"),
    [("md", "th", "session.th.md"), ("md", "en", "session.en.md"), ("json", "th", "session.json")],
)
def test_export_matches_golden(record: SessionRecord, fmt: str, lang: str, golden: str) -> None:
    assert_golden(golden, exports.export(record, fmt, lang))


@pytest.mark.parametrize(
    ("fmt", "lang", "golden"),
    [("md", "th", "roles.th.md"), ("md", "en", "roles.en.md"), ("json", "th", "roles.json")],
)
def test_export_with_every_summary_matches_golden(
    roles_record: SessionRecord, fmt: str, lang: str, golden: str
) -> None:
    assert_golden(golden, exports.export(roles_record, fmt, lang))


# --- registry ----------------------------------------------------------------------------------------------


def test_registry_lists_the_formats() -> None:
    assert {"json", "md"} <= set(exports.names())
    assert exports.names() == sorted(exports.names())
    md = exports.get("md")
    assert (md.name, md.suffix, md.binary) == ("md", ".md", False)
    assert md.media_type.startswith("text/markdown")
    assert exports.get("json").suffix == ".json"
    assert (exports.suffix("md"), exports.suffix("json")) == (".md", ".json")
    with pytest.raises(exports.UnknownFormat):
        exports.suffix("docx")


def test_export_uses_the_registered_writer(record: SessionRecord) -> None:
    assert exports.export(record, "md", "en") == exports.get("md").write(record, "en")
    assert exports.export(record, "md") == exports.get("md").write(record, "th")


def test_unknown_format_lists_the_known_names(record: SessionRecord) -> None:
    with pytest.raises(UnknownFormat) as caught:
        exports.export(record, "docx")
    assert isinstance(caught.value, LookupError)
    assert "docx" in str(caught.value)
    for name in exports.names():
        assert name in str(caught.value)
    assert caught.value.known == exports.names()


def test_unknown_language_is_refused(record: SessionRecord) -> None:
    with pytest.raises(ValueError, match="language"):
        exports.export(record, "md", "fr")


def test_a_taken_name_cannot_be_registered_again() -> None:
    md = exports.get("md")
    assert exports.register(md) is md
    with pytest.raises(ValueError, match="already registered"):
        exports.register(Exporter("md", ".md", "text/plain", False, lambda record, lang: b""))
    assert exports.get("md") is md


# --- JSON --------------------------------------------------------------------------------------------------


def test_json_round_trip(record: SessionRecord) -> None:
    assert read_json(exports.export(record, "json")) == record


def test_json_is_utf8_indented_and_keeps_thai(record: SessionRecord) -> None:
    data = exports.export(record, "json")
    text = data.decode("utf-8")
    assert THAI in text and "\\u0e" not in text
    assert text.endswith("}\n") and '\n  "schema_version": 2,' in text
    document = json.loads(text)
    assert list(document) == ["schema_version", "format", "session", "participants", "answers", "summaries"]
    assert document["format"] == "facilitator.session"


def test_json_does_not_depend_on_language(record: SessionRecord) -> None:
    assert exports.export(record, "json", "en") == exports.export(record, "json", "th")


def test_read_json_refuses_an_unknown_schema_version(record: SessionRecord) -> None:
    document = json.loads(exports.export(record, "json"))
    for version in (3, 0, "1", "2", True, None):
        document["schema_version"] = version
        with pytest.raises(ValueError, match="schema_version"):
            read_json(json.dumps(document).encode())


def test_read_json_reads_a_version_1_file_whose_answers_were_called_responses(record: SessionRecord) -> None:
    document = json.loads(exports.export(record, "json"))
    document["schema_version"] = 1
    document["responses"] = document.pop("answers")
    assert read_json(json.dumps(document, ensure_ascii=False).encode()) == record
    assert record.answers, "the fixture has answers, so the old key was really read"


def test_read_json_reads_the_version_1_golden_file(record: SessionRecord) -> None:
    assert read_json((GOLDEN / "session.v1.json").read_bytes()) == record


@pytest.mark.parametrize(
    "data",
    [b"not json", b"[]", b'{"schema_version": 1}', b'{"schema_version": 1, "format": "facilitator.session"}'],
)
def test_read_json_refuses_what_is_not_an_export(data: bytes) -> None:
    with pytest.raises(ValueError):
        read_json(data)


# --- Markdown ----------------------------------------------------------------------------------------------


def test_thai_post_dates_in_the_buddhist_era(record: SessionRecord) -> None:
    thai = exports.export(record, "md", "th").decode()
    english = exports.export(record, "md", "en").decode()
    assert "2569" in thai and "2026" not in thai
    assert "2026" in english and "2569" not in english


def test_post_is_in_the_requested_language(record: SessionRecord) -> None:
    thai = exports.export(record, "md", "th").decode()
    english = exports.export(record, "md", "en").decode()
    assert "เราจะมีส่วนร่วมอย่างไร?" in thai and "How will we contribute?" not in thai
    assert "How will we contribute?" in english and "เราจะมีส่วนร่วมอย่างไร?" not in english
    assert thai.startswith("# เครือข่ายสุขภาพตำบลท่าข้าม\n")


def test_hostile_answers_are_escaped(record: SessionRecord) -> None:
    for lang in ("th", "en"):
        post = exports.export(record, "md", lang).decode()
        assert re.search(r"(?<!\\)<script", post) is None  # every "<" that could open a tag is escaped
        assert re.search(r"(?<!\\)\[@click", post) is None
        assert r"\[@click=app.quit]x" in post
        assert r"\<script>alert(1)\</script>" in post
        rendered = render_html(post.encode())
        assert "<script" not in rendered and "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered


def test_thai_text_is_kept_unchanged(record: SessionRecord) -> None:
    post = exports.export(record, "md", "th").decode()
    assert THAI in post
    assert "(รพ.สต.บ้านนา)" in post  # no backslash where nothing needs one
    assert unicodedata.is_normalized("NFC", post)


def test_answers_show_their_organisation(record: SessionRecord) -> None:
    post = exports.export(record, "md", "th").decode()
    assert f"- {THAI} (รพ.สต.บ้านนา)\n" in post


def test_an_answer_without_organisation_has_no_parentheses(record: SessionRecord) -> None:
    nobody = dataclasses.replace(record.participants[2], organisation="")
    changed = dataclasses.replace(with_answer(record, "ok"), participants=[*record.participants[:2], nobody])
    assert "\n- ok\n" in exports.export(changed, "md", "en").decode()


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",
        "![x](http://x/a.png)",
        "<script>alert(1)</script>",
        "<http://x> and http://x and www.x.org",
        "| a | b |",
        "# heading",
        "> quote",
        "1. item",
        "2) item",
        "- item",
        "+ item",
        "* item",
        "***",
        "`code` *em* _em_ **strong** ~~gone~~ ==mark==",
        "&lt;b&gt; &amp; &#60;",
        "a\\\\b \\*",
        '=HYPERLINK("http://x")',
        "[@click=app.quit]x",
        "a [/] b",
        "first line\n# second\n    indented\n---\n===",
        THAI,
    ],
)
def test_answers_render_literally(record: SessionRecord, text: str) -> None:
    rendered = render_html(exports.export(with_answer(record, text), "md", "en"))
    lines = [line.strip() for line in text.split("\n")]
    if len(lines) > 1:  # the organisation, the answer's lines nested under it
        assert re.findall(r"<li>(.*?)</li>", rendered.split("<li>ชมรมผู้สูงอายุบ้านนา\n<ul>")[1], re.S) == [
            html.escape(line, quote=False) for line in lines
        ]
        return
    items = re.findall(r"<li>(.*?)</li>", rendered, re.S)
    assert len(items) == 1
    assert "<" not in items[0]
    assert html.unescape(items[0]) == f"{text} (ชมรมผู้สูงอายุบ้านนา)"


def test_title_and_organisations_render_literally(record: SessionRecord) -> None:
    session = dataclasses.replace(record.session, title="# BAR *x* <b>")
    hostile = dataclasses.replace(record.participants[2], organisation="a | b [c](d)")
    changed = dataclasses.replace(
        record, session=session, participants=[*record.participants[:2], hostile], summaries=[]
    )
    rendered = render_html(exports.export(changed, "md", "en"))
    assert "<h1># BAR *x* &lt;b&gt;</h1>" in rendered
    assert "<td>a | b [c](d)</td>" in rendered
    assert "<a " not in rendered and "<em>" not in rendered


def test_post_structure_renders_as_intended(record: SessionRecord) -> None:
    rendered = render_html(exports.export(record, "md", "en"))
    assert rendered.count("<h1>") == 1
    assert rendered.count("<h2>") == 3
    assert rendered.count("<table>") == 3
    assert rendered.count("<li>") == 6  # four answers, one of two lines nested under its organisation
    assert "<script" not in rendered and "<a " not in rendered


def test_escape_touches_only_ascii_punctuation() -> None:
    assert escape(THAI) == THAI
    assert escape("a*b\nc") == "a\\*b c"
    decomposed = unicodedata.normalize("NFD", "café")
    assert escape(decomposed) == "café"


def test_summary_is_the_newest_saved_overview(record: SessionRecord) -> None:
    newer = {**record.summaries[0], "computed_at": "2026-11-23T00:00:00.000+00:00", "silent_participants": 7}
    other = {"kind": "something_else", "computed_at": "2027-01-01T00:00:00.000+00:00"}
    changed = dataclasses.replace(record, summaries=[newer, record.summaries[0], other])
    assert changed.overview() is newer
    assert exports.export(changed, "md", "en").decode().endswith("Joined but gave no answer: 7\n")


def test_summary_is_computed_when_none_was_saved(record: SessionRecord) -> None:
    unsaved = dataclasses.replace(record, summaries=[])
    for lang in ("th", "en"):
        assert exports.export(unsaved, "md", lang) == exports.export(record, "md", lang)


# --- summaries beyond the overview -------------------------------------------------------------------------


def _without(record: SessionRecord, *kinds: str) -> SessionRecord:
    return dataclasses.replace(record, summaries=[s for s in record.summaries if s["kind"] not in kinds])


def _replaced(record: SessionRecord, kind: str, **changes: object) -> SessionRecord:
    summaries = [{**s, **changes} if s["kind"] == kind else s for s in record.summaries]
    return dataclasses.replace(record, summaries=summaries)


def test_json_carries_every_saved_summary_as_it_is(roles_record: SessionRecord) -> None:
    data = exports.export(roles_record, "json")
    assert json.loads(data)["summaries"] == roles_record.summaries
    assert [s["kind"] for s in json.loads(data)["summaries"]] == [
        "session_overview", "role_split", "health", "pilot_scores", "progress"
    ]
    assert read_json(data) == roles_record


def test_each_saved_summary_kind_gets_its_section(roles_record: SessionRecord) -> None:
    headings = {
        "role_split": "## Role-split summary\n",
        "health": "## Partnership health\n",
        "pilot_scores": "## Pilot-area scores\n",
        "progress": "## Progress summary\n",
    }
    post = exports.export(roles_record, "md", "en").decode()
    assert [post.index(h) for h in headings.values()] == sorted(post.index(h) for h in headings.values())
    for kind, heading in headings.items():
        assert heading not in exports.export(_without(roles_record, kind), "md", "en").decode()
    rendered = render_html(exports.export(roles_record, "md", "en"))
    assert rendered.count("<h2>") == 4 + 1 + 4
    assert rendered.count("<table>") == 3 + 7


def test_a_record_without_those_summaries_has_no_such_section(record: SessionRecord) -> None:
    post = exports.export(record, "md", "en").decode()
    assert "Role" not in post and "Progress" not in post and "health" not in post


def test_role_split_table_and_facts(roles_record: SessionRecord) -> None:
    post = exports.export(roles_record, "md", "en").decode()
    assert "| รพ.สต.บ้านนา | Lead | Keep informed | Lead |  |  |\n" in post
    assert "| อสม.บ้านนา |  |  | Support with resources |  |  |\n" in post
    assert "- Tasks with no lead: Shared rules, รถรับส่ง \\*ผู้ป่วย\\* <ติดเตียง>\n" in post
    assert "- Coordinator: รพ.สต.บ้านนา, อบต.ท่าข้าม\n" in post
    assert "- Invited partners not present: โรงเรียนบ้านนา\n" in post
    assert "- Partners present but not heard: ชมรมผู้สูงอายุบ้านนา\n" in post
    thai = exports.export(roles_record, "md", "th").decode()
    assert "| อบต.ท่าข้าม | เจ้าภาพหลัก |  |  | เจ้าภาพหลัก |  |\n" in thai
    assert "| อบต.ท่าข้าม | 2 | 0 | 0 | 0 | 6 |\n" in thai


def test_no_coordinator_yet_and_empty_lists_say_so(roles_record: SessionRecord) -> None:
    changed = _replaced(roles_record, "role_split", coordinator=None, gaps=[], overlaps=[], many_hats=[],
                        not_present=[], silent=[], tasks=[{**row, "overlap": False}
                                                          for row in roles_record.summaries[1]["tasks"]])
    post = exports.export(changed, "md", "en").decode()
    assert "- Coordinator: None yet\n" in post
    assert "- Tasks with no lead: None\n- Tasks with several leads: None\n" in post
    assert "- Invited partners not present: None\n- Partners present but not heard: None\n" in post
    assert "- ผู้ประสาน: ยังไม่มี\n" in exports.export(changed, "md", "th").decode()


def test_health_and_pilot_tables(roles_record: SessionRecord) -> None:
    post = exports.export(roles_record, "md", "en").decode()
    assert "| Trust | 1 | 1 | 1 | 3 | Amber (needs attention) |\n" in post
    assert "| Monitoring | 0 | 1 | 1 | 2 | Red (a problem) |\n" in post
    assert "| 1 | Tha Kham | 14 | 2 | Government agency 4, Local administration 10 |\n" in post
    unrated = _replaced(roles_record, "health", blocks=[
        {**block, "green": 0, "amber": 0, "red": 0, "ratings": 0, "score": None, "light": ""}
        for block in roles_record.summaries[2]["blocks"]
    ])
    assert "| ความไว้วางใจ | 0 | 0 | 0 | 0 | ยังไม่มีผู้ให้คะแนน |\n" in exports.export(unrated, "md", "th").decode()


def test_progress_commitments_stage_and_reviews(roles_record: SessionRecord) -> None:
    post = exports.export(roles_record, "md", "en").decode()
    assert ("| Shared fund | อบต.ท่าข้าม |  | Blocked / at risk |  |  | รออนุมัติ \\| ข้อบัญญัติ "
            "| Blocked / at risk (10 Jan 2027, อบต.ท่าข้าม) |\n") in post
    assert "| Shared data | รพ.สต.บ้านนา | อสม.บ้านนา | In progress |" in post  # its supporter
    assert ("| นัดประชุมภาคีทุกสองเดือน | อบต.ท่าข้าม |  | In progress | 1 Feb 2027 |  |  "
            "| In progress (10 Jan 2027, อบต.ท่าข้าม) |\n") in post
    assert "\nPartnership stage: Reviewing\n" in post
    assert "| \\<script>alert(1)\\</script> | Met | Met 1, Fell short 1 |\n" in post
    chosen = _replaced(roles_record, "progress", stage="implementing")
    assert "\nระยะของภาคี: ดำเนินการ (แนะนำ: ทบทวน)\n" in exports.export(chosen, "md", "th").decode()
    empty = _replaced(roles_record, "progress", commitments=[], reviews=[], sessions=[])
    text = exports.export(empty, "md", "en").decode()
    assert text.endswith("### Commitments\n\nNo commitments yet (no lead claims in a BAR)\n")


def test_the_newest_readable_summary_of_each_kind_is_shown(roles_record: SessionRecord) -> None:
    health_summary = roles_record.summaries[2]
    newer = {**health_summary, "computed_at": "2026-12-07T00:00:00.000+00:00",
             "blocks": [{**health_summary["blocks"][0], "light": "green"}]}
    unreadable = {**newer, "schema_version": 99, "computed_at": "2027-01-01T00:00:00.000+00:00",
                  "blocks": [{**health_summary["blocks"][0], "light": "red"}]}
    changed = dataclasses.replace(roles_record, summaries=[*roles_record.summaries, newer, unreadable])
    section = exports.export(changed, "md", "en").decode().split("## Partnership health\n")[1].split("## ")[0]
    assert "| Trust | 1 | 1 | 1 | 3 | Green (working well) |\n" in section
    assert "Shared purpose" not in section


def test_only_each_organisations_latest_claim_is_posted(roles_record: SessionRecord) -> None:
    first = next(a for a in roles_record.answers if a.step == 0)
    earlier = dataclasses.replace(first, id="r-early", client_id="c-early", created_at="2026-12-06T01:00:00.000+00:00",
                                  data={**first.data, "claims": {"fund": {"level": "lead", "resources": [],
                                                                          "note": "ถอนภายหลัง"}}})
    post = exports.export(dataclasses.replace(roles_record, answers=[earlier, *roles_record.answers]), "md", "en")
    assert "ถอนภายหลัง" not in post.decode()  # replaced by the organisation's later claim
    assert post == exports.export(roles_record, "md", "en")


def test_structured_answers_are_described_with_the_hat_they_speak_for(roles_record: SessionRecord) -> None:
    post = exports.export(roles_record, "md", "en").decode()
    assert "- Shared data: Support with resources (People) — อสม. 12 คน เก็บข้อมูล (อสม.บ้านนา)\n" in post
    assert "- Tha Kham: 10 (อบต ท่าข้าม)\n" in post
    assert "- นัดประชุมภาคีทุกสองเดือน — อบต ท่าข้าม — Due 1 Feb 2027 (อบต ท่าข้าม)\n" in post


def test_aar_answers_read_the_bars_expectations_and_the_commitments(roles_record: SessionRecord) -> None:
    aar = make_aar_record()
    progress = next(s for s in roles_record.summaries if s["kind"] == "progress")
    with_progress = dataclasses.replace(aar, summaries=[progress])
    post = exports.export(with_progress, "md", "th").decode()
    assert f"- รพ.สต.บ้านนา\n  - {THAI}: ตามที่คาดหวัง\n  - \\<script>alert(1)\\</script>: น้อยกว่าที่คาดหวัง\n" in post
    assert "\n  - กลไกกลาง (การประสานงาน) (รพ.สต.บ้านนา): เสร็จ — ประชุมทุกเดือน\n" in post
    assert "\n  - ข้อมูลกลาง (รพ.สต.บ้านนา): กำลังทำ\n" in post
    bare = exports.export(aar, "md", "en").decode()
    assert "\n  - r-1: Met\n" in bare
    assert "## Progress summary" not in bare


def test_participant_text_in_summaries_renders_literally(roles_record: SessionRecord) -> None:
    for lang in ("th", "en"):
        rendered = render_html(exports.export(roles_record, "md", lang))
        assert "<b>" not in rendered and "<script" not in rendered
        assert "<a " not in rendered and "<em>" not in rendered and "<strong>" not in rendered
        assert f"<td>{html.escape(HOSTILE_ORG, quote=False)}</td>" in rendered
        assert f"<th>{html.escape(HOSTILE_TASK, quote=False)}</th>" in rendered
        assert html.escape(HOSTILE_NOTE, quote=False) in rendered
        assert "<td>รออนุมัติ | ข้อบัญญัติ</td>" in rendered
        assert "<li>งบมาช้า *มาก*</li>" in rendered
