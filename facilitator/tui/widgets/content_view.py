"""A block of ``Content`` drawn line by line, each line drawn once and kept.

A live board is drawn again with every claim or ballot, yet from one claim to the next most of its lines read
the same. :class:`ContentView` keeps every line it has drawn (by its text and styles, at its width), so a new
board costs only the lines that changed. Given a height of its own (a live board filling its area), it scrolls
itself and a new length of text never lays the screen out again (the dearest thing a frame can do); with
``height: auto`` (boards one under another on a summary screen) it is as tall as its text.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from facilitator.tui.widgets.scroll_height import set_virtual_size


class ContentView(ScrollView, can_focus=False):
    """Shows one ``Content`` (set by :meth:`show`), wrapped to the widget's width."""

    DEFAULT_CSS = """
    ContentView { width: 1fr; height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._content = Content("")
        self._drawn: list[Strip] = []
        self._drawn_at = -1
        self._kept: dict[tuple[object, ...], list[Strip]] = {}

    @property
    def content(self) -> Content:
        """What the view shows."""
        return self._content

    def show(self, content: Content) -> None:
        """Show ``content``; only its changed lines are drawn."""
        self._content = content
        self.redraw()

    def content_at(self, width: int) -> Content:
        """What to show at ``width`` cells: the content given to :meth:`show` (a subclass may draw its content
        for the width, as a board does)."""
        return self._content

    def redraw(self) -> None:
        """Draw the content again (its changed lines) for the current width."""
        width = self._width()
        if width <= 0:
            self._drawn_at = -1
            self.refresh(layout=True)
            return
        self._draw(width)
        self.refresh()

    def _width(self) -> int:
        return self.scrollable_content_region.width or self.content_region.width or self.size.width

    def _draw(self, width: int) -> None:
        self._content = self.content_at(width)
        kept, self._kept = self._kept, {}
        drawn: list[Strip] = []
        for line in self._content.split("\n", allow_blank=True):
            key = (line.plain, *line.spans, width)   # text and styles: Content compares by text alone
            strips = kept.get(key)
            if strips is None:
                strips = Visual.to_strips(self, line, width, None, self.visual_style) or [Strip.blank(0)]
            self._kept[key] = strips
            drawn += strips
        self._drawn, self._drawn_at = drawn, width
        self._set_height(len(drawn), width)

    def _set_height(self, height: int, width: int) -> None:
        size = Size(width, height)
        if size == self.virtual_size:
            return
        if self.styles.height is None or self.styles.height.is_auto:
            self.virtual_size = size   # as tall as the text: the screen is laid out again
        else:
            set_virtual_size(self, size)   # a height of its own: the screen's layout stays as it is

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The lines the content takes at ``width`` cells."""
        if width > 0 and width != self._drawn_at:
            self._draw(width)
        return len(self._drawn)

    def on_resize(self) -> None:
        """Wrap the lines again for the new width."""
        width = self._width()
        if width > 0 and width != self._drawn_at:
            self._draw(width)
            self.refresh()

    def notify_style_update(self) -> None:
        """A new theme or look: every line is drawn again in its colours."""
        super().notify_style_update()
        self._kept, self._drawn_at = {}, -1
        self.refresh()

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the view, from the drawn lines."""
        width = self._width()
        if width > 0 and width != self._drawn_at:
            self._draw(width)
        index = self.scroll_offset.y + y
        if 0 <= index < len(self._drawn):
            return self._drawn[index]
        return Strip.blank(width, self.visual_style.rich_style)
