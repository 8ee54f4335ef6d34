"""The HTML report: one self-contained printable page, participant text escaped, charts as inline SVG."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser

import pytest

import exports
from facilitator.core.record import SessionRecord
from tests.unit.test_exports import assert_golden, with_answer
from tests.unit.records import HOSTILE_ORG, HOSTILE_TASK, SCRIPT, THAI, make_record, make_roles_record

#: Elements that load something, or run something, in a browser.
FETCHING = {"script", "link", "img", "iframe", "object", "embed", "video", "audio", "source", "image", "use",
            "base", "frame", "meta"}


class Page(HTMLParser):
    """A parsed page: its tags with their attributes, its text, and its CSS."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.css: list[str] = []
        self._in: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        (self.css if self._in[-1:] == ["style"] else self.text).append(data)

    def names(self) -> list[str]:
        return [tag for tag, _ in self.tags]


def page(record: SessionRecord, lang: str) -> Page:
    return Page(exports.export(record, "html", lang).decode("utf-8"))


@pytest.mark.parametrize(("maker", "lang", "golden"), [(make_roles_record, "th", "roles.th.html"),
                                                       (make_record, "en", "session.en.html")])
def test_html_matches_golden(maker, lang: str, golden: str) -> None:  # type: ignore[no-untyped-def]
    assert_golden(golden, exports.export(maker(), "html", lang))


@pytest.mark.parametrize("maker", [make_record, make_roles_record])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_page_asks_the_network_for_nothing(maker, lang: str) -> None:  # type: ignore[no-untyped-def]
    parsed = page(maker(), lang)
    assert not set(parsed.names()) - {"meta"} & FETCHING and ("meta", {"charset": "utf-8"}) in parsed.tags
    for tag, attrs in parsed.tags:
        assert not {"href", "src", "srcset", "action", "xlink:href", "poster", "data"} & set(attrs), tag
        for value in attrs.values():
            assert "://" not in (value or "") and "url(" not in (value or ""), (tag, value)
    css = "".join(parsed.css)
    assert css and "url(" not in css and "@import" not in css and "://" not in css


def test_participant_script_is_text_not_a_tag(record: SessionRecord = make_record()) -> None:
    for text in (SCRIPT, '"><img src=x onerror=alert(1)>', "</svg><script>alert(2)</script>"):
        for hostile in (with_answer(record, text),
                        dataclasses.replace(with_answer(record, "ok"),
                                            participants=[dataclasses.replace(p, organisation=text)
                                                          for p in record.participants])):
            parsed = page(hostile, "en")
            assert "script" not in parsed.names() and "img" not in parsed.names()
            assert text in "".join(parsed.text)


def test_hostile_names_in_the_svg_chart_are_escaped() -> None:
    parsed = page(make_roles_record(), "th")
    assert "b" not in parsed.names()
    assert HOSTILE_ORG in parsed.text and HOSTILE_TASK in parsed.text


def test_charts_are_inline_svg() -> None:
    roles = page(make_roles_record(), "en")
    assert roles.names().count("svg") == 2  # participation by sector, the role-split matrix
    fills = [attrs.get("fill") for tag, attrs in roles.tags if tag == "rect"]
    assert fills.count("#1b5e3b") == 4 + 4  # four sectors' participant bars; four lead cells
    assert page(make_record(), "en").names().count("svg") == 1  # no role split: no matrix


def test_thai_and_buddhist_era_dates() -> None:
    thai = exports.export(make_record(), "html", "th").decode()
    assert THAI in thai and "22 พ.ย. 2569" in thai and '<html lang="th">' in thai
    assert "@page { size: A4" in thai and "@media print" in thai
    assert "22 Nov 2026" in exports.export(make_record(), "html", "en").decode()
