"""Kept frames: a page filled from a kept frame is the page the template draws with the same values; what a
request fills in is escaped as the template would; a key holds plain values only; the newest frames are kept."""

from __future__ import annotations

import jinja2
import pytest
from markupsafe import Markup

from facilitator.server.frames import Frames, NotAKey, frozen

ENV = jinja2.Environment(autoescape=True)
PAGE = ENV.from_string('<p title="{{ title }}">{{ body }}</p><input name="csrf" value="{{ csrf }}">{{ mine }}')


def drawn(frames: Frames, key: object, title: str, holes: dict[str, str]) -> str:
    return frames.page(key, holes, lambda marks: PAGE.render(title=title, body=f"{title} & co", **marks))


@pytest.mark.parametrize("csrf, mine", [
    ("0f3a9c", Markup("<ul><li>mine</li></ul>")),
    ('"><script>alert(1)</script>', Markup("")),
    ("\x00not-a-mark:csrf\x00", Markup("<li>&lt;b&gt;</li>")),
])
def test_a_kept_frame_gives_the_page_the_template_draws(csrf: str, mine: Markup) -> None:
    frames = Frames()
    expected = PAGE.render(title="ประชุม <ภาคี>", body="ประชุม <ภาคี> & co", csrf=csrf, mine=mine)
    first = drawn(frames, ("page", "th"), "ประชุม <ภาคี>", {"csrf": csrf, "mine": mine})
    again = drawn(frames, ("page", "th"), "never drawn: the frame is kept", {"csrf": csrf, "mine": mine})
    assert first == again == expected
    assert "<script>" not in first   # a value filled in is escaped as the template escapes it


def test_each_request_fills_its_own_values_into_the_same_frame() -> None:
    frames = Frames()
    pages = [drawn(frames, "key", "t", {"csrf": token, "mine": Markup(f"<b>{token}</b>")}) for token in ("a1", "b2")]
    assert 'value="a1"><b>a1</b>' in pages[0] and 'value="b2"><b>b2</b>' in pages[1]
    assert len(frames) == 1


def test_a_page_without_a_key_is_drawn_every_time_and_not_kept() -> None:
    frames = Frames()
    assert drawn(frames, None, "one", {"csrf": "x", "mine": Markup("")}).startswith('<p title="one">')
    assert drawn(frames, None, "two", {"csrf": "x", "mine": Markup("")}).startswith('<p title="two">')
    assert len(frames) == 0


def test_a_mark_changed_by_a_filter_is_refused() -> None:
    frames = Frames()
    page = ENV.from_string("{{ csrf|upper }}")
    with pytest.raises(ValueError):
        frames.page("k", {"csrf": "x"}, lambda marks: page.render(**marks))


def test_only_the_newest_frames_are_kept() -> None:
    frames = Frames(kept=3)
    for n in range(5):
        drawn(frames, n, str(n), {"csrf": "x", "mine": Markup("")})
    drawn(frames, 2, "used again: the newest now", {"csrf": "x", "mine": Markup("")})
    drawn(frames, 5, "5", {"csrf": "x", "mine": Markup("")})
    assert len(frames) == 3
    assert drawn(frames, 2, "redrawn?", {"csrf": "x", "mine": Markup("")}).startswith('<p title="2">')
    assert drawn(frames, 3, "redrawn", {"csrf": "x", "mine": Markup("")}).startswith('<p title="redrawn">')


def test_a_key_holds_plain_values_only() -> None:
    assert frozen({"b": [1, "x"], "a": (None, True, 2.5)}) == (("a", (None, True, 2.5)), ("b", (1, "x")))
    assert frozen({"b": 1, "a": 2}) == frozen({"a": 2, "b": 1})

    class Changing:
        pass

    for value in (Changing(), {"a": [Changing()]}, {1, 2}):
        with pytest.raises(NotAKey):
            frozen(value)
