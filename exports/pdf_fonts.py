"""An fpdf2 document that writes Thai with the Sarabun font, shaped by HarfBuzz, and whose text copies out
(and is found by search and by text extraction) exactly as it was written.

Two details of fpdf2 2.8 spoil the copied text of shaped Thai, and this module corrects them for our documents:

* Thai words are marked by ZERO WIDTH SPACE so lines break between them (fpdf2 breaks there); the mark copies
  out as nothing, like the second glyph below.
* HarfBuzz draws some Thai characters with two glyphs (SARA AM ``ำ`` is NIKHAHIT + SARA AA). fpdf2 gives the
  cluster's text to the first glyph and none to the second, and a glyph without a text mapping copies out as a
  control character. :class:`ClusterSubset` maps such a glyph to the empty text instead.
* A vowel or tone mark that the font shifts left over a tall consonant (``ปั้``) is drawn with no width at the
  shifted spot; readers that copy text see the gap back to the next letter as a space. Marks get a nominal
  width in the font's width table (:data:`MARK_WIDTH`), and every glyph that has one is placed explicitly, so
  the width never moves anything on the page.
"""

from __future__ import annotations

import functools
from typing import Any, TypeVar

import fontpkg_sarabun
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

#: A PDF document of any FPDF class (:func:`use_sarabun` returns the one it is given).
Pages = TypeVar("Pages", bound=FPDF)

#: The Sarabun font files.
FONTS = fontpkg_sarabun.ROOT / "files"
#: The family name documents use.
FAMILY = "Sarabun"
#: ZERO WIDTH SPACE, which marks where Thai may break (:mod:`exports.thai_words`): it copies out as nothing.
ZWSP_CODE = 0x200B
#: The width (thousandths of an em) the width table gives a zero-width mark; no glyph is placed by it.
MARK_WIDTH = 200


class _NoText(int):
    """A code point that writes as nothing in the ToUnicode map (``<0011> <>``)."""

    def __format__(self, spec: str) -> str:
        return ""


_NO_TEXT = _NoText(0)


class ClusterSubset(SubsetMap):
    """The subset map of one font, with the two corrections of this module."""

    def __init__(self, font: TTFFont) -> None:
        #: Glyph ids given :data:`MARK_WIDTH` (their width in the font is 0).
        self.widened: set[int] = set()
        super().__init__(font)

    @functools.cache  # noqa: B019 - fpdf2 clears this cache itself, as it does its own
    def get_glyph(self, glyph: int | None = None, unicode: int | tuple[int, ...] | None = None,
                  glyph_name: str | None = None, glyph_width: int | None = None) -> Any:
        if glyph and unicode in ((), (ZWSP_CODE,)):
            unicode = (_NO_TEXT,)
        if glyph and glyph_width == 0 and glyph_name not in (None, ".notdef"):
            self.widened.add(glyph)
            glyph_width = MARK_WIDTH
        return super().get_glyph(glyph, unicode, glyph_name, glyph_width)


class ShapedFont(TTFFont):
    """A TrueType font of fpdf2 that places every glyph of :attr:`ClusterSubset.widened` explicitly."""

    __slots__ = ()

    def shape_text(self, text: str, font_size_pt: float, text_shaping_params: dict[str, Any] | None) -> Any:
        infos = super().shape_text(text, font_size_pt, text_shaping_params)
        subset = self.subset
        if isinstance(subset, ClusterSubset):
            ids = {char_id for glyph, char_id in subset.items()
                   if glyph is not None and glyph.glyph_id in subset.widened}
            for info in infos:
                if info["mapped_char"] in ids:
                    info["force_positioning"] = True
        return infos


def use_sarabun(pdf: Pages) -> Pages:
    """Give ``pdf`` Sarabun regular and bold (family :data:`FAMILY`) with the corrections of this module, turn
    Thai shaping on and select Sarabun 11 pt; returns ``pdf``."""
    for style, file in (("", "Sarabun-Regular.ttf"), ("B", "Sarabun-Bold.ttf")):
        pdf.add_font(FAMILY, style, str(FONTS / file))
    for font in pdf.fonts.values():
        if isinstance(font, TTFFont):
            font.__class__ = ShapedFont  # the same object, with the shaping above
            font.subset = ClusterSubset(font)
    pdf.set_text_shaping(True)
    pdf.set_font(FAMILY, size=11)
    return pdf
