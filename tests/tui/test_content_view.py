"""A board's lines are drawn once and kept: a new board costs the lines that changed, a line that changed only
in its styles is drawn again, and the view's height follows its text."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content

from facilitator.tui.widgets.content_view import ContentView


class Holder(App[None]):
    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield ContentView(id="view")


def lines_of(view: ContentView) -> list[str]:
    return [view.render_line(y).text.rstrip() for y in range(view.size.height)]


async def test_the_height_follows_the_text_and_unchanged_lines_are_kept() -> None:
    app = Holder()
    async with app.run_test(size=(40, 20)) as pilot:
        view = app.query_one(ContentView)
        view.show(Content("หน่วยงาน  งาน 1\nอบต.ท่าข้าม  เจ้าภาพ\nรพ.สต.บ้านนา  หนุน"))
        await pilot.pause()
        assert view.size.height == 3
        assert lines_of(view)[1] == "อบต.ท่าข้าม  เจ้าภาพ"
        kept = view.render_line(0)
        view.show(Content("หน่วยงาน  งาน 1\nอบต.ท่าข้าม  เจ้าภาพ\nรพ.สต.บ้านนา  ร่วม\nโรงเรียนบ้านนา  หนุน"))
        await pilot.pause()
        assert view.size.height == 4
        assert lines_of(view)[2:] == ["รพ.สต.บ้านนา  ร่วม", "โรงเรียนบ้านนา  หนุน"]
        assert view.render_line(0) is kept          # the unchanged header was not drawn again
        view.show(Content("สั้น"))
        await pilot.pause()
        assert view.size.height == 1 and lines_of(view) == ["สั้น"]


async def test_a_line_that_changed_only_its_style_is_drawn_again() -> None:
    app = Holder()
    async with app.run_test(size=(40, 10)) as pilot:
        view = app.query_one(ContentView)
        view.show(Content.assemble(("กองทุนกลาง", "bold")))
        await pilot.pause()
        assert any(seg.style is not None and seg.style.bold for seg in view.render_line(0))
        view.show(Content.assemble(("กองทุนกลาง", "italic")))
        await pilot.pause()
        segments = [seg for seg in view.render_line(0) if seg.text.strip()]
        assert all(seg.style is not None and seg.style.italic and not seg.style.bold for seg in segments)


async def test_long_lines_wrap_to_the_width_and_again_when_it_changes() -> None:
    app = Holder()
    async with app.run_test(size=(40, 10)) as pilot:
        view = app.query_one(ContentView)
        view.show(Content("ก " * 30))
        await pilot.pause()
        assert view.size.height == 2
        await pilot.resize_terminal(20, 10)
        await pilot.pause()
        assert view.size.height >= 3


def test_joined_is_contents_join_with_its_styles() -> None:
    from facilitator.tui.render import joined

    parts = [Content.styled("อบต.ท่าข้าม", "bold"), Content(""), Content.assemble(("หนุน", "$warning"), " 12"),
             Content("[b]not markup[/b]")]
    for separator in ("\n", ", ", ""):
        together = joined(separator, parts)
        expected = Content(separator).join(parts)
        assert together.plain == expected.plain
        assert together.spans == expected.spans
    assert joined(", ", []).plain == ""
    assert joined("\n", parts).split("\n", allow_blank=True)[2].spans == parts[2].spans
