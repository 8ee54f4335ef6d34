"""A session as a PNG poster for the partnership's LINE group: the title, the date, who took part (by
sector) and the role-split matrix.

Thai is drawn with Pillow's RAQM layout (HarfBuzz shaping), so vowels and tone marks stack; the basic layout
would pile them up. Every text drawn is recorded as a :class:`Placed`, which is what the tests re-draw to check.
The poster is a column of sections (:data:`SECTIONS`); a section for the top themes goes there once the
record keeps themes.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFont

from exports.labels import label
from exports.pdf_fonts import FONTS
from exports.registry import Exporter, register
from exports.tables import by_sector, role_matrix, title_of
from exports.thai_words import ZWSP, breakable
from facilitator.core.chronology import held_at
from facilitator.core.i18n import format_day
from facilitator.core.record import SessionRecord
from facilitator.core.shortening import shortened
from facilitator.core.vocab import LEVELS

WIDTH = 1080
MARGIN = 60
WHITE = (255, 255, 255)
INK = (26, 26, 26)
MUTED = (90, 90, 90)
GREEN = (27, 94, 59)
LEVEL_COLOURS = {"lead": (27, 94, 59), "co": (76, 154, 106), "support": (166, 212, 182), "informed": (220, 220, 220)}
#: Longest organisation or sector name drawn before it is cut with "…".
NAME_LIMIT = 24

RGB = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Placed:
    """One text drawn on the poster: where (its top-left anchor), in which size and weight, on what colour."""

    text: str
    xy: tuple[int, int]
    size: int
    bold: bool
    fill: RGB
    background: RGB


@dataclass
class Canvas:
    """The poster being drawn: the image, its pen and every text placed on it."""

    image: Image.Image
    y: int = 0
    placed: list[Placed] = field(default_factory=list)

    @property
    def draw(self) -> ImageDraw.ImageDraw:
        return ImageDraw.Draw(self.image)

    def text(self, xy: tuple[int, int], text: str, size: int, *, bold: bool = False, fill: RGB = INK,
             background: RGB = WHITE) -> int:
        """Draw ``text`` with its top-left at ``xy``; returns its width."""
        font = font_for(size, bold)
        self.draw.text(xy, text, font=font, fill=fill)
        self.placed.append(Placed(text, xy, size, bold, fill, background))
        return int(font.getlength(text))


def font_for(size: int, bold: bool = False,
             engine: ImageFont.Layout = ImageFont.Layout.RAQM) -> ImageFont.FreeTypeFont:
    """Sarabun at ``size`` pixels, laid out by ``engine`` (RAQM: Thai shaped)."""
    file = "Sarabun-Bold.ttf" if bold else "Sarabun-Regular.ttf"
    return ImageFont.truetype(str(FONTS / file), size, layout_engine=engine)


def wrap(text: str, size: int, width: int, bold: bool = False) -> list[str]:
    """``text`` in lines no wider than ``width`` pixels, broken between words (Thai words too)."""
    font = font_for(size, bold)
    lines: list[str] = []
    line = ""
    for word in breakable(text).replace(" ", f" {ZWSP}").split(ZWSP):
        if line and font.getlength((line + word).rstrip()) > width:
            lines.append(line.rstrip())
            line = ""
        line += word
    return [*lines, line.rstrip()] if line.strip() else lines


def _header(canvas: Canvas, record: SessionRecord, lang: str) -> None:
    session = record.session
    lines = wrap(title_of(record, lang), 60, WIDTH - 2 * MARGIN, bold=True)[:3]
    height = 70 + 84 * len(lines) + 60
    canvas.draw.rectangle((0, 0, WIDTH, height), fill=GREEN)
    y = 50
    for line in lines:
        canvas.text((MARGIN, y), line, 60, bold=True, fill=WHITE, background=GREEN)
        y += 84
    when = format_day(held_at(session), lang)
    rehearsal = label("rehearsal_mark", lang) if session.demo else ""
    facts = " · ".join(part for part in (session.activity.name(lang), when, session.details.place, rehearsal) if part)
    canvas.text((MARGIN, y + 6), facts, 32, fill=WHITE, background=GREEN)
    canvas.y = height + 50


def _participation(canvas: Canvas, record: SessionRecord, lang: str) -> None:
    overview = record.overview()
    x = MARGIN
    for count, key in ((overview["participants"], "participants"), (overview["answers"], "answers")):
        x += canvas.text((x, canvas.y), str(count), 84, bold=True, fill=GREEN) + 16
        x += canvas.text((x, canvas.y + 40), label(key, lang), 34, fill=MUTED) + 60
    canvas.y += 130
    rows = by_sector(record, lang)
    most = max((people for _, people, _ in rows), default=0) or 1
    bar_x, bar_width = MARGIN + 430, WIDTH - 2 * MARGIN - 430 - 70
    for sector, people, _ in rows:
        canvas.text((MARGIN, canvas.y), shortened(sector, NAME_LIMIT), 30)
        length = max(4, round(bar_width * people / most))
        canvas.draw.rectangle((bar_x, canvas.y + 10, bar_x + length, canvas.y + 38), fill=GREEN)
        canvas.text((bar_x + length + 14, canvas.y), str(people), 30, bold=True)
        canvas.y += 50
    canvas.y += 30


def _role_split(canvas: Canvas, record: SessionRecord, lang: str) -> None:
    matrix = role_matrix(record, lang)
    if matrix is None:
        return
    canvas.text((MARGIN, canvas.y), label("role_split", lang), 44, bold=True, fill=GREEN)
    canvas.y += 76
    names_width = 430
    cell = min(80, (WIDTH - 2 * MARGIN - names_width) // max(len(matrix.tasks), 1))
    for column, (gap, overlap) in enumerate(zip(matrix.gaps, matrix.overlaps)):
        mark = f"{column + 1}{' !' if gap else ' ×' if overlap else ''}"
        canvas.text((MARGIN + names_width + column * cell + 8, canvas.y), mark, 30, bold=True,
                    fill=(176, 0, 32) if gap else INK)
    canvas.y += 48
    for organisation, levels in zip(matrix.organisations, matrix.levels):
        canvas.text((MARGIN, canvas.y + (cell - 44) // 2), shortened(organisation, NAME_LIMIT), 30)
        for column, level in enumerate(levels):
            left = MARGIN + names_width + column * cell
            canvas.draw.rectangle((left + 4, canvas.y + 4, left + cell - 4, canvas.y + cell - 4),
                                  fill=LEVEL_COLOURS.get(level, WHITE), outline=(160, 160, 160), width=2)
        canvas.y += cell
    canvas.y += 24
    x = MARGIN
    for key, word in LEVELS.items():
        canvas.draw.rectangle((x, canvas.y + 10, x + 26, canvas.y + 36), fill=LEVEL_COLOURS[key],
                              outline=(160, 160, 160))
        x += 36 + canvas.text((x + 36, canvas.y), word(lang), 26) + 30
    canvas.y += 44
    x = MARGIN
    for mark, key in (("!", "gaps"), ("×", "overlaps")):
        x += canvas.text((x, canvas.y), f"{mark} {label(key, lang)}", 26) + 40
    canvas.y += 50
    for column, task in enumerate(matrix.tasks):
        for line in wrap(f"{column + 1}. {task}", 28, WIDTH - 2 * MARGIN):
            canvas.text((MARGIN, canvas.y), line, 28)
            canvas.y += 40
    canvas.y += 30


def _top_themes(canvas: Canvas, record: SessionRecord, lang: str) -> None:
    """The facilitator's themes with the most answers (at most :data:`TOP_THEMES`), each with its count."""
    standing = {answer.id for answer in record.answers}
    counted = sorted(((sum(1 for a in theme.answers if a in standing), theme.name) for theme in record.session.themes),
                     key=lambda pair: -pair[0])
    top = [(count, name) for count, name in counted if count][:TOP_THEMES]
    if not top:
        return
    canvas.text((MARGIN, canvas.y), label("top_themes", lang), 44, bold=True, fill=GREEN)
    canvas.y += 76
    for count, name in top:
        width = canvas.text((MARGIN, canvas.y), str(count), 40, bold=True, fill=GREEN)
        for line in wrap(name, 36, WIDTH - 2 * MARGIN - 90)[:2]:
            canvas.text((MARGIN + max(width, 60) + 30, canvas.y), line, 36)
            canvas.y += 52
        canvas.y += 10
    canvas.y += 30


#: How many themes the poster lists.
TOP_THEMES = 5
#: The poster's sections under its header, top to bottom.
SECTIONS: tuple[Callable[[Canvas, SessionRecord, str], None], ...] = (_participation, _top_themes, _role_split)


def poster(record: SessionRecord, lang: str) -> Canvas:
    """The poster drawn: its image (cut to the height its sections took) and every text placed on it."""
    canvas = Canvas(Image.new("RGB", (WIDTH, 4000), WHITE))
    _header(canvas, record, lang)
    for section in SECTIONS:
        section(canvas, record, lang)
    canvas.text((MARGIN, canvas.y), "Facilitator", 22, fill=MUTED)
    canvas.image = canvas.image.crop((0, 0, WIDTH, canvas.y + 60))
    return canvas


def write_png(record: SessionRecord, lang: str) -> bytes:
    """:func:`poster` as PNG bytes."""
    buffer = io.BytesIO()
    poster(record, lang).image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


EXPORTER = register(Exporter(name="png", suffix=".png", media_type="image/png", binary=True, write=write_png))
