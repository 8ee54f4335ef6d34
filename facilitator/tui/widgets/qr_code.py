"""A QR code drawn with half blocks, black on white whatever the terminal theme."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from facilitator.qr import qr_matrix

_HALF_BLOCK = "▀"
_DARK = "#000000"
_LIGHT = "#ffffff"
_STYLES: dict[tuple[bool, bool], Style] = {
    (top, bottom): Style(
        color=_DARK if top else _LIGHT,
        bgcolor=_DARK if bottom else _LIGHT,
    )
    for top in (False, True)
    for bottom in (False, True)
}


def _pixel_rows(matrix: list[list[bool]], scale: int) -> list[list[bool]]:
    """``matrix`` blown up so that every module is ``scale`` by ``scale`` pixels."""
    rows: list[list[bool]] = []
    for row in matrix:
        wide = [module for module in row for _ in range(scale)]
        rows.extend(list(wide) for _ in range(scale))
    return rows


def _to_strips(matrix: list[list[bool]], scale: int) -> list[Strip]:
    """One strip per terminal row: the top and bottom pixel of each cell as ``▀``'s colours."""
    pixels = _pixel_rows(matrix, scale)
    if not pixels:
        return []
    width = len(pixels[0])
    if len(pixels) % 2:
        pixels.append([False] * width)
    strips: list[Strip] = []
    for top_row, bottom_row in zip(pixels[::2], pixels[1::2]):
        segments: list[Segment] = []
        run_key: tuple[bool, bool] | None = None
        run_length = 0
        for key in zip(top_row, bottom_row):
            if key == run_key:
                run_length += 1
                continue
            if run_key is not None:
                segments.append(Segment(_HALF_BLOCK * run_length, _STYLES[run_key]))
            run_key, run_length = key, 1
        if run_key is not None:
            segments.append(Segment(_HALF_BLOCK * run_length, _STYLES[run_key]))
        strips.append(Strip(segments, width))
    return strips


class QRCode(Widget):
    """A scannable QR code for :attr:`data`, sized to its natural size.

    Every terminal cell shows two vertically stacked pixels as ``▀`` with explicit
    pure black and pure white colours, including a white quiet zone of
    :attr:`QUIET_ZONE` modules, so the code scans on light and dark themes alike.
    """

    DEFAULT_CSS = """
    QRCode {
        width: auto;
        height: auto;
    }
    """

    QUIET_ZONE: int = 2
    """Width of the light margin around the code, in modules."""

    data: reactive[str] = reactive("", layout=True)
    """The text encoded in the QR code (a URL, a ``WIFI:`` payload, ...); empty draws nothing."""

    scale: reactive[int] = reactive(1, layout=True)
    """Pixels per module side: 1 is one cell wide and half a cell tall; 2 doubles both."""

    def __init__(
        self,
        data: str = "",
        *,
        scale: int = 1,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        """Create a QR code widget.

        Args:
            data: The text to encode.
            scale: Pixels per module side (1 or more).
            name: The name of the widget.
            id: The ID of the widget in the DOM.
            classes: The CSS classes of the widget.
            disabled: Whether the widget is disabled.
        """
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._matrix_key: str | None = None
        self._matrix: list[list[bool]] = []
        self._strips_key: tuple[str, int] | None = None
        self._strips: list[Strip] = []
        self.set_reactive(QRCode.data, data)
        self.set_reactive(QRCode.scale, self.validate_scale(scale))

    def validate_scale(self, scale: int) -> int:
        """Keep :attr:`scale` at 1 or more."""
        return max(1, int(scale))

    @property
    def matrix(self) -> list[list[bool]]:
        """The modules of the current code, quiet zone included (``True`` is dark)."""
        if self._matrix_key != self.data:
            self._matrix = qr_matrix(self.data, border=self.QUIET_ZONE) if self.data else []
            self._matrix_key = self.data
        return self._matrix

    @property
    def module_count(self) -> int:
        """Modules per side of the current code, quiet zone included (0 without data)."""
        return len(self.matrix)

    def natural_size(self, scale: int | None = None) -> Size:
        """Cells needed to draw the code at ``scale`` (default: the current :attr:`scale`)."""
        pixels = self.module_count * (self.scale if scale is None else max(1, scale))
        return Size(pixels, (pixels + 1) // 2)

    def largest_scale(self, width: int, height: int) -> int:
        """The largest scale whose natural size fits ``width`` by ``height`` cells (at least 1)."""
        modules = self.module_count
        if not modules:
            return 1
        return max(1, min(width // modules, (2 * height) // modules))

    def _lines(self) -> list[Strip]:
        """The rendered rows at the current data and scale, cached until either changes."""
        key = (self.data, self.scale)
        if self._strips_key != key:
            self._strips = _to_strips(self.matrix, self.scale)
            self._strips_key = key
        return self._strips

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """The natural width: one cell per pixel column."""
        return self.natural_size().width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The natural height: one cell per two pixel rows."""
        return self.natural_size().height

    def render_line(self, y: int) -> Strip:
        """Row ``y`` of the code; rows past its end are blank."""
        lines = self._lines()
        if 0 <= y < len(lines):
            return lines[y]
        return Strip.blank(self.size.width, self.rich_style)
