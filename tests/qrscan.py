"""Scan QR codes the way a phone would: from what a widget draws, or from PNG bytes.

Inverted (light on dark) codes are deliberately not decoded: many phone cameras
reject them, so a code only counts as scannable with dark modules on light.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

import zxingcpp
from PIL import Image
from rich.cells import cell_len
from rich.color import Color
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

RGB = tuple[int, int, int]

UNKNOWN: RGB = (128, 128, 128)
"""Stand-in for a terminal's default colour: neither dark nor light, so it never scans."""

PIXEL_SIZE = 8
"""Image pixels per half-block pixel in the rebuilt image."""


def _rgb(color: Color | None) -> RGB:
    """The truecolor value of ``color``; :data:`UNKNOWN` if the terminal decides it."""
    if color is None or color.is_default:
        return UNKNOWN
    triplet = color.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def _cell_pixels(char: str, style: Style | None) -> tuple[RGB, RGB]:
    """The (top, bottom) colours a terminal shows for ``char`` drawn in ``style``."""
    style = style or Style.null()
    fg, bg = _rgb(style.color), _rgb(style.bgcolor)
    if style.reverse:
        fg, bg = bg, fg
    if char == "▀":
        return fg, bg
    if char == "▄":
        return bg, fg
    if char == "█":
        return fg, fg
    return bg, bg


def strips_image(strips: Sequence[Strip], pixel_size: int = PIXEL_SIZE) -> Image.Image:
    """Rebuild the picture drawn by ``strips``: each cell is two stacked square pixels."""
    rows: list[tuple[list[RGB], list[RGB]]] = []
    for strip in strips:
        top: list[RGB] = []
        bottom: list[RGB] = []
        for segment in strip:
            if segment.control:
                continue
            for char in segment.text:
                upper, lower = _cell_pixels(char, segment.style)
                width = cell_len(char)
                top.extend([upper] * width)
                bottom.extend([lower] * width)
        rows.append((top, bottom))
    width = max((len(top) for top, _ in rows), default=0)
    image = Image.new("RGB", (width, 2 * len(rows)), UNKNOWN)
    for y, (top, bottom) in enumerate(rows):
        for x, colour in enumerate(top):
            image.putpixel((x, 2 * y), colour)
        for x, colour in enumerate(bottom):
            image.putpixel((x, 2 * y + 1), colour)
    if not width or not rows:
        return image
    return image.resize((width * pixel_size, 2 * len(rows) * pixel_size), Image.Resampling.NEAREST)


def widget_strips(widget: Widget) -> list[Strip]:
    """The strips on screen in ``widget``'s region, as the screen's compositor draws them.

    Anything layered over the widget is included, as it would be on the terminal.
    """
    screen = widget.screen
    region = widget.region.intersection(screen.region)
    if not region:
        return []
    screen_strips = screen._compositor.render_strips()
    return [
        screen_strips[y].crop(region.x, region.right)
        for y in range(region.y, region.bottom)
    ]


def widget_own_strips(widget: Widget) -> list[Strip]:
    """The strips ``widget`` renders for its whole area, before compositing."""
    width, height = widget.size
    return widget.render_lines(Region(0, 0, width, height))


def decode_image(image: Image.Image) -> list[str]:
    """Texts of the QR codes in ``image`` with dark modules on a light background."""
    if not image.width or not image.height:
        return []
    results = zxingcpp.read_barcodes(
        image, formats=zxingcpp.BarcodeFormat.QRCode, try_invert=False
    )
    return [result.text for result in results]


def decode_strips(strips: Iterable[Strip]) -> list[str]:
    """Texts of the QR codes drawn by ``strips``."""
    return decode_image(strips_image(list(strips)))


def decode_widget(widget: Widget) -> list[str]:
    """Texts of the QR codes visible in ``widget``'s region of the screen, as drawn."""
    return decode_strips(widget_strips(widget))


def decode_png(data: bytes) -> list[str]:
    """Texts of the QR codes in PNG (or any Pillow-readable) image bytes."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return decode_image(image.convert("RGB"))
