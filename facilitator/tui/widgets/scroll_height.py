"""A scrolling widget's new length, without a layout of the screen."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Give ``view`` a new virtual size when its own size on the screen does not depend on it (a fixed or
    fractional height): only its scroll limits and scrollbar follow. Setting ``virtual_size`` the plain way
    lays the whole screen out again — the dearest thing a frame can do, and the wall and a live board change
    length with every answer."""
    if size != view.virtual_size:
        view.set_reactive(ScrollView.virtual_size, size)
        view._scroll_update(size)   # what Textual itself calls when a scrolling widget's size changes
