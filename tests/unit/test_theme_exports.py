"""Themes in the exports: the Markdown post lists a step's answers under its theme headings; the JSON export
carries the themes in the session record."""

from __future__ import annotations

import dataclasses
import html
import json
import re

import exports
from facilitator.core import themes
from facilitator.core.record import SessionRecord
from tests.unit.records import SCRIPT, THAI, make_record
from tests.unit.test_exports import render_html

NAME = "ข้อมูล *x* <b> [/] | #"


def themed() -> SessionRecord:
    record = make_record()
    found = themes.create(themes.create([], 0, NAME, ["r-3", "r-1"]), 0, "ว่าง")
    return dataclasses.replace(record, session=dataclasses.replace(record.session, themes=found))


def test_markdown_groups_a_steps_answers_under_its_themes() -> None:
    rendered = render_html(exports.export(themed(), "md", "en"))
    first_step = rendered.split("<h2>")[1]
    headings = [html.unescape(h) for h in re.findall(r"<h3>(.*?)</h3>", first_step)]
    assert headings == [NAME, "ว่าง", "Not in a theme"]  # the name reads literally
    sections = re.split(r"<h3>.*?</h3>", first_step)[1:]
    # the theme's two answers: a two-line one (its organisation, its lines nested under it) and a one-line one
    assert [len(re.findall("<li>", section)) for section in sections] == [4, 0, 1]
    assert sections[0].index("a [/] b") < sections[0].index(THAI)  # in the theme's order
    assert "No answers yet" in sections[1]
    assert html.escape(SCRIPT) in sections[2]
    assert "<em>" not in rendered and "<b>" not in rendered and "<table>" not in first_step


def test_a_step_without_themes_keeps_one_list() -> None:
    rendered = render_html(exports.export(themed(), "md", "th"))
    second_step = rendered.split("<h2>")[2]
    assert "<h3>" not in second_step and second_step.count("<li>") == 1


def test_json_carries_the_themes() -> None:
    document = json.loads(exports.export(themed(), "json", "th"))
    assert [(t["name"], t["step"], t["answers"]) for t in document["session"]["themes"]] == [
        (NAME, 0, ["r-3", "r-1"]), ("ว่าง", 0, []),
    ]
