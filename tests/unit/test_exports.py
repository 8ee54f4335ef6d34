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
from exports.markdown import escape, overview
from exports.registry import Exporter, UnknownFormat
from facilitator.core.activity import Activity, Bilingual, Step
from facilitator.core.model import Participant, Response, Session, Status
from facilitator.core.record import SessionRecord
from facilitator.core.summary import session_overview

GOLDEN = Path(__file__).parent / "golden"

THAI = "ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม"
CLICK = "[@click=app.quit]x"
MARKUP = "a [/] b"
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x")'

CREATED_AT = "2026-11-22T03:00:00.000+00:00"
CLOSED_AT = "2026-11-22T05:00:00.000+00:00"


def _stamp(minute: int) -> str:
    return f"2026-11-22T03:{minute:02d}:00.000+00:00"


def make_record() -> SessionRecord:
    """A closed BAR of two steps: three participants from Thai organisations, one of them silent."""
    activity = Activity(
        id="bar",
        name=Bilingual("ทบทวนก่อนปฏิบัติงาน (BAR)", "Before Action Review (BAR)"),
        description=Bilingual("ตั้งเป้าหมายร่วมกันก่อนเริ่มงาน", "Agree on goals before the work starts."),
        steps=(
            Step(
                id="expect",
                kind="notes",
                prompt=Bilingual("เราคาดหวังอะไรจากการประชุมครั้งนี้?", "What do we expect from this meeting?"),
                hint=Bilingual("หนึ่งความคาดหวังต่อหนึ่งคำตอบ", "One expectation per answer."),
            ),
            Step(
                id="contribute",
                kind="notes",
                prompt=Bilingual("เราจะมีส่วนร่วมอย่างไร?", "How will we contribute?"),
            ),
        ),
    )
    session = Session(
        id="s-0001",
        code="K7Q2",
        title="เครือข่ายสุขภาพตำบลท่าข้าม",
        lang="th",
        activity=activity,
        created_at=CREATED_AT,
        status=Status.CLOSED,
        step=None,
        closed_at=CLOSED_AT,
        partnership_id="pn-thakham",
    )

    def person(pid: str, name: str, organisation: str, sector: str, minute: int) -> Participant:
        return Participant(pid, session.id, name, organisation, sector, "th", _stamp(minute))

    participants = [
        person("p-aaa", "สมศรี", "รพ.สต.บ้านนา", "government", 1),
        person("p-bbb", "", "อบต.ท่าข้าม", "local_admin", 2),
        person("p-ccc", "Nok", "ชมรมผู้สูงอายุบ้านนา", "community", 3),
    ]

    def answer(rid: str, step: int, pid: str, text: str, minute: int) -> Response:
        return Response(rid, session.id, step, pid, text, f"c-{rid}", _stamp(minute))

    responses = [
        answer("r-1", 0, "p-aaa", THAI, 10),
        answer("r-2", 0, "p-bbb", SCRIPT, 11),
        answer("r-3", 0, "p-aaa", f"{CLICK}\n{MARKUP}", 12),
        answer("r-4", 1, "p-bbb", FORMULA, 20),
    ]
    summary = {**session_overview(session, participants, responses), "computed_at": CLOSED_AT}
    return SessionRecord(session, participants, responses, [summary])


@pytest.fixture
def record() -> SessionRecord:
    """The hand-made session of :func:`make_record`."""
    return make_record()


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
    response = Response("r-x", record.session.id, 1, participant_id, text, "c-x", _stamp(30))
    return dataclasses.replace(record, responses=[response], summaries=[])


# --- golden files ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "lang", "golden"),
    [("md", "th", "session.th.md"), ("md", "en", "session.en.md"), ("json", "th", "session.json")],
)
def test_export_matches_golden(record: SessionRecord, fmt: str, lang: str, golden: str) -> None:
    assert_golden(golden, exports.export(record, fmt, lang))


# --- registry ----------------------------------------------------------------------------------------------


def test_registry_lists_the_formats() -> None:
    assert {"json", "md"} <= set(exports.names())
    assert exports.names() == sorted(exports.names())
    md = exports.get("md")
    assert (md.name, md.suffix, md.binary) == ("md", ".md", False)
    assert md.media_type.startswith("text/markdown")
    assert exports.get("json").suffix == ".json"


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
    assert text.endswith("}\n") and '\n  "schema_version": 1,' in text
    document = json.loads(text)
    assert list(document) == ["schema_version", "format", "session", "participants", "responses", "summaries"]
    assert document["format"] == "facilitator.session"


def test_json_does_not_depend_on_language(record: SessionRecord) -> None:
    assert exports.export(record, "json", "en") == exports.export(record, "json", "th")


def test_read_json_refuses_an_unknown_schema_version(record: SessionRecord) -> None:
    document = json.loads(exports.export(record, "json"))
    for version in (2, 0, "1", True, None):
        document["schema_version"] = version
        with pytest.raises(ValueError, match="schema_version"):
            read_json(json.dumps(document).encode())


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
        assert "<script>" not in post
        assert re.search(r"(?<!\\)\[@click", post) is None
        assert r"\[@click\=app\.quit\]x" in post
        assert r"\<script\>alert\(1\)\</script\>" in post


def test_thai_text_is_kept_unchanged(record: SessionRecord) -> None:
    post = exports.export(record, "md", "th").decode()
    assert THAI in post
    assert "รพ\\.สต\\.บ้านนา" in post
    assert unicodedata.is_normalized("NFC", post)


def test_answers_show_their_organisation(record: SessionRecord) -> None:
    post = exports.export(record, "md", "th").decode()
    assert f"- {THAI} (รพ\\.สต\\.บ้านนา)\n" in post


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
    items = re.findall(r"<li>(.*?)</li>", rendered, re.S)
    assert len(items) == 1
    shown = items[0].replace("<br />\n", "\n")
    assert "<" not in shown
    lines = [line.strip() for line in text.split("\n")]
    assert html.unescape(shown) == "\n".join(lines) + " (ชมรมผู้สูงอายุบ้านนา)"


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
    assert rendered.count("<li>") == 4
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
    assert overview(changed) is newer
    assert exports.export(changed, "md", "en").decode().endswith("Joined but gave no answer: 7\n")


def test_summary_is_computed_when_none_was_saved(record: SessionRecord) -> None:
    unsaved = dataclasses.replace(record, summaries=[])
    for lang in ("th", "en"):
        assert exports.export(unsaved, "md", lang) == exports.export(record, "md", lang)
