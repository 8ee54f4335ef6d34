"""QR codes as plain data: module matrices, Wi-Fi join payloads and PNG bytes.

Nothing here knows about the terminal; the TUI widget and any exports build on it.
"""

from __future__ import annotations

import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.image.pil import PilImage

WIFI_SECURITY = ("WPA", "WEP", "SAE", "nopass")
"""Authentication types accepted by :func:`wifi_payload` (``nopass`` means an open network)."""

_WIFI_SPECIAL = '\\;,:"'


def _make(data: str, border: int, box_size: int = 1) -> qrcode.QRCode:
    """A finished QR code for ``data``: error correction M, the smallest version that fits."""
    if border < 0:
        raise ValueError(f"border must be 0 or more, not {border}")
    if box_size < 1:
        raise ValueError(f"scale must be 1 or more, not {box_size}")
    code = qrcode.QRCode(
        version=None, error_correction=ERROR_CORRECT_M, box_size=box_size, border=border
    )
    code.add_data(data)
    code.make(fit=True)
    return code


def qr_matrix(data: str, border: int = 2) -> list[list[bool]]:
    """The modules of a QR code for ``data``, row by row; ``True`` is a dark module.

    The matrix is square and includes a light quiet zone ``border`` modules wide on
    every side. Error correction is level M and the version is the smallest that fits.
    """
    code = _make(data, border)
    return [[bool(module) for module in row] for row in code.get_matrix()]


def _wifi_escape(value: str) -> str:
    """``value`` with the characters special to the ``WIFI:`` syntax backslash-escaped."""
    return "".join("\\" + char if char in _WIFI_SPECIAL else char for char in value)


def wifi_payload(ssid: str, password: str, security: str = "WPA") -> str:
    """The ``WIFI:`` text a phone camera turns into "join this network".

    Produces ``WIFI:T:<security>;S:<ssid>;P:<password>;;`` with ``\\ ; , : "``
    escaped by a backslash in the SSID and password. ``security`` is one of
    :data:`WIFI_SECURITY` (case-insensitive); for ``nopass`` the password is left out.
    """
    canonical = {name.lower(): name for name in WIFI_SECURITY}.get(security.lower())
    if canonical is None:
        raise ValueError(f"unknown Wi-Fi security {security!r}; expected one of {WIFI_SECURITY}")
    if not ssid:
        raise ValueError("the SSID must not be empty")
    parts = [f"T:{canonical}", f"S:{_wifi_escape(ssid)}"]
    if canonical != "nopass":
        parts.append(f"P:{_wifi_escape(password)}")
    return "WIFI:" + ";".join(parts) + ";;"


def qr_png(data: str, scale: int = 10, border: int = 4) -> bytes:
    """A black-on-white PNG of the QR code for ``data``.

    Each module is ``scale`` pixels square and the quiet zone is ``border`` modules wide.
    """
    code = _make(data, border, box_size=scale)
    image = code.make_image(image_factory=PilImage, fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
