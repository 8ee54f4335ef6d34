"""The join handout: the session's QR code with its address and join code printed large, as a PNG (for a
screen or a LINE group) and as an A4 PDF page (to print and pin up).

The join address exists only while the app serves the session, so these two formats need it given
(``exports.export(record, "qr-pdf", lang, url=...)``): the session screen passes its own, the command line
takes ``--url``. The QR code holds the address whole; the printed address leaves out its query (the scan
token), which nobody types.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit, urlunsplit

from PIL import Image

from exports.labels import label
from exports.pdf_fonts import FAMILY, use_sarabun
from exports.poster import GREEN, INK, MUTED, RGB, WHITE, Canvas, font_for, wrap
from exports.registry import Exporter, register
from exports.tables import title_of
from exports.thai_words import breakable
from facilitator.core.record import SessionRecord
from facilitator.qr import qr_png

#: The PNG: A4 at 150 dots per inch.
PNG_SIZE = (1240, 1754)


def printed_address(url: str) -> str:
    """The address as people type it: without the query and fragment."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def handout_image(record: SessionRecord, lang: str, url: str) -> Canvas:
    """The handout drawn on an A4-shaped image, centred, with every text placed on it."""
    width, height = PNG_SIZE
    canvas = Canvas(Image.new("RGB", PNG_SIZE, WHITE), y=90)

    def centred(text: str, size: int, step: int, *, bold: bool = False, fill: RGB = INK) -> None:
        canvas.text(((width - int(font_for(size, bold).getlength(text))) // 2, canvas.y), text, size, bold=bold,
                    fill=fill)
        canvas.y += step

    for line in wrap(title_of(record, lang), 64, width - 160, bold=True)[:2]:
        centred(line, 64, 92, bold=True, fill=GREEN)
    centred(label("join_at", lang), 40, 80, fill=MUTED)
    code = Image.open(io.BytesIO(qr_png(url, scale=1, border=4)))
    scale = max(1, min(820, height - canvas.y - 520) // code.width)
    code = code.resize((code.width * scale, code.height * scale), Image.Resampling.NEAREST)
    canvas.image.paste(code, ((width - code.width) // 2, canvas.y))
    canvas.y += code.height + 30
    for line in _address_lines(printed_address(url), 52, width - 160):
        centred(line, 52, 70, bold=True)
    canvas.y += 20
    centred(label("code", lang), 44, 60, fill=MUTED)
    centred(record.session.code, 170, 200, bold=True)
    return canvas


def _address_lines(address: str, size: int, width: int) -> list[str]:
    """The address in lines that fit, cut anywhere (it has no words)."""
    lines = [""]
    for char in address:
        if lines[-1] and len(wrap(lines[-1] + char, size, width)) > 1:
            lines.append("")
        lines[-1] += char
    return lines


def write_png(record: SessionRecord, lang: str, url: str) -> bytes:
    """:func:`handout_image` as PNG bytes."""
    buffer = io.BytesIO()
    handout_image(record, lang, url).image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def write_pdf(record: SessionRecord, lang: str, url: str) -> bytes:
    """One A4 page: the title, "scan to join", the QR code 12 cm wide, the address and the join code."""
    from fpdf import FPDF

    pdf = use_sarabun(FPDF(orientation="portrait", unit="mm", format="A4"))
    title = title_of(record, lang)
    pdf.set_title(title)
    pdf.set_creator("Facilitator")
    pdf.set_lang(lang)
    pdf.set_auto_page_break(False)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 28)
    pdf.set_text_color(*GREEN)
    pdf.multi_cell(0, 13, breakable(title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*MUTED)
    pdf.set_font(FAMILY, "", 18)
    pdf.cell(0, 12, label("join_at", lang), align="C", new_x="LMARGIN", new_y="NEXT")
    side = 120
    pdf.image(io.BytesIO(qr_png(url, scale=8, border=4)), x=(210 - side) / 2, y=pdf.get_y() + 2, w=side, h=side)
    pdf.set_y(pdf.get_y() + side + 6)
    pdf.set_text_color(*INK)
    pdf.set_font(FAMILY, "B", 22)
    pdf.multi_cell(0, 11, printed_address(url), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FAMILY, "", 18)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 10, label("code", lang), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "B", 64)
    pdf.set_text_color(*INK)
    pdf.cell(0, 26, record.session.code, align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


PNG_EXPORTER = register(Exporter(name="qr-png", suffix=".png", media_type="image/png", binary=True,
                                 write=write_png, needs_url=True))
PDF_EXPORTER = register(Exporter(name="qr-pdf", suffix=".pdf", media_type="application/pdf", binary=True,
                                 write=write_pdf, needs_url=True))
