"""The QR code widget scans as drawn on screen, on any theme and at any scale."""

from __future__ import annotations

import pytest
from rich.segment import Segment
from rich.style import Style
from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.strip import Strip

from facilitator.tui.widgets.qr_code import QRCode
from tests.qrscan import decode_strips, decode_widget, widget_own_strips

URL = "http://192.168.1.20:8080/j/4821"
OTHER_URL = "http://10.0.0.7:8080/j/9150"


class QRApp(App[None]):
    """A bare app showing one QR code."""

    def __init__(self, data: str = URL, scale: int = 1, theme: str | None = None) -> None:
        super().__init__()
        self._data = data
        self._scale = scale
        self._theme_name = theme

    def compose(self) -> ComposeResult:
        yield QRCode(data=self._data, scale=self._scale)

    def on_mount(self) -> None:
        if self._theme_name is not None:
            self.theme = self._theme_name


async def test_scans_as_drawn() -> None:
    app = QRApp()
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        qr = app.query_one(QRCode)
        assert decode_widget(qr) == [URL]
        assert decode_strips(widget_own_strips(qr)) == [URL]


async def test_natural_size() -> None:
    app = QRApp()
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        qr = app.query_one(QRCode)
        modules = 29 + 2 * QRCode.QUIET_ZONE
        assert qr.module_count == modules
        assert qr.size == Size(modules, (modules + 1) // 2)
        assert qr.natural_size(2) == Size(2 * modules, modules)


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark"])
async def test_scans_on_theme(theme: str) -> None:
    app = QRApp(theme=theme)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        assert app.theme == theme
        assert decode_widget(app.query_one(QRCode)) == [URL]


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark"])
async def test_only_black_on_white(theme: str) -> None:
    app = QRApp(theme=theme)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        qr = app.query_one(QRCode)
        colours = {
            (segment.style.color.triplet, segment.style.bgcolor.triplet)
            for strip in widget_own_strips(qr)
            for segment in strip
            if segment.style is not None and segment.style.color and segment.style.bgcolor
        }
        values = {triplet.hex for pair in colours for triplet in pair if triplet is not None}
        assert values == {"#000000", "#ffffff"}
        text = "".join(segment.text for strip in widget_own_strips(qr) for segment in strip)
        assert set(text) == {"▀"}


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark"])
async def test_scale_two(theme: str) -> None:
    app = QRApp(scale=2, theme=theme)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        qr = app.query_one(QRCode)
        modules = qr.module_count
        assert qr.size == Size(2 * modules, modules)
        assert decode_widget(qr) == [URL]


async def test_scale_change_resizes() -> None:
    app = QRApp()
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        qr = app.query_one(QRCode)
        modules = qr.module_count
        qr.scale = 2
        await pilot.pause()
        assert qr.size == Size(2 * modules, modules)
        assert decode_widget(qr) == [URL]
        qr.scale = 0
        await pilot.pause()
        assert qr.scale == 1
        assert decode_widget(qr) == [URL]


async def test_largest_scale() -> None:
    app = QRApp()
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        qr = app.query_one(QRCode)
        modules = qr.module_count
        assert qr.largest_scale(120, 60) == 3
        assert qr.largest_scale(2 * modules, modules) == 2
        assert qr.largest_scale(10, 5) == 1


async def test_data_change_rerenders() -> None:
    app = QRApp()
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        qr = app.query_one(QRCode)
        assert decode_widget(qr) == [URL]
        qr.data = OTHER_URL
        await pilot.pause()
        assert decode_widget(qr) == [OTHER_URL]


async def test_data_change_to_larger_code_resizes() -> None:
    longer = URL + "?session=" + "x" * 60
    app = QRApp()
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        qr = app.query_one(QRCode)
        before = qr.size
        qr.data = longer
        await pilot.pause()
        assert qr.size.width > before.width
        assert qr.size.width == qr.module_count
        assert decode_widget(qr) == [longer]


async def test_empty_data_draws_nothing() -> None:
    app = QRApp(data="")
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        qr = app.query_one(QRCode)
        assert qr.size == Size(0, 0)
        assert decode_widget(qr) == []
        qr.data = URL
        await pilot.pause()
        assert decode_widget(qr) == [URL]


async def test_scanner_rejects_inverted_and_default_colours() -> None:
    app = QRApp()
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        strips = widget_own_strips(app.query_one(QRCode))
        inverted = [
            Strip(
                Segment(seg.text, Style(color=seg.style.bgcolor, bgcolor=seg.style.color))
                for seg in strip
            )
            for strip in strips
        ]
        uncoloured = [
            Strip(Segment(seg.text, Style(color=seg.style.color)) for seg in strip)
            for strip in strips
        ]
        assert decode_strips(strips) == [URL]
        assert decode_strips(inverted) == []
        assert decode_strips(uncoloured) == []
