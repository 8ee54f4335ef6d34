"""The pure QR helpers: module matrices, PNG export and Wi-Fi payloads."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from facilitator.qr import qr_matrix, qr_png, wifi_payload
from tests.qrscan import decode_png

URL = "http://192.168.1.20:8080/j/4821"


def test_matrix_is_square_with_light_quiet_zone() -> None:
    matrix = qr_matrix(URL)
    size = len(matrix)
    assert all(len(row) == size for row in matrix)
    for i in range(2):
        assert not any(matrix[i]), "top quiet zone"
        assert not any(matrix[size - 1 - i]), "bottom quiet zone"
        assert not any(row[i] for row in matrix), "left quiet zone"
        assert not any(row[size - 1 - i] for row in matrix), "right quiet zone"
    assert matrix[2][2] and matrix[2][size - 3] and matrix[size - 3][2], "finder corners"


def test_matrix_smallest_version_and_border() -> None:
    # 31 bytes at level M need version 3 (29 modules); version 2 holds only 26.
    assert len(qr_matrix(URL)) == 29 + 2 * 2
    assert len(qr_matrix(URL, border=4)) == 29 + 2 * 4
    assert len(qr_matrix("a", border=0)) == 21
    with pytest.raises(ValueError):
        qr_matrix(URL, border=-1)


def test_matrix_is_plain_bools() -> None:
    matrix = qr_matrix("hello")
    assert all(type(module) is bool for row in matrix for module in row)


def test_png_decodes_to_data() -> None:
    png = qr_png(URL)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert decode_png(png) == [URL]


def test_png_size_follows_scale_and_border() -> None:
    with Image.open(io.BytesIO(qr_png(URL, scale=3, border=1))) as image:
        assert image.size == ((29 + 2) * 3, (29 + 2) * 3)
    with pytest.raises(ValueError):
        qr_png(URL, scale=0)


def test_png_with_unicode_decodes() -> None:
    text = "Atelier « bilan » — équipe 3"
    assert decode_png(qr_png(text)) == [text]


def test_wifi_payload_plain() -> None:
    assert wifi_payload("Atelier", "secret123") == "WIFI:T:WPA;S:Atelier;P:secret123;;"


def test_wifi_payload_escapes_special_characters() -> None:
    payload = wifi_payload('my;net,"x":\\', 'p;a,s:s"\\w')
    assert payload == r'WIFI:T:WPA;S:my\;net\,\"x\"\:\\;P:p\;a\,s\:s\"\\w;;'


def test_wifi_payload_security_types() -> None:
    assert wifi_payload("Old", "key", security="wep") == "WIFI:T:WEP;S:Old;P:key;;"
    assert wifi_payload("Cafe", "", security="nopass") == "WIFI:T:nopass;S:Cafe;;"
    with pytest.raises(ValueError):
        wifi_payload("Net", "pw", security="WPA9")
    with pytest.raises(ValueError):
        wifi_payload("", "pw")


def test_wifi_payload_scans() -> None:
    payload = wifi_payload("Salle; B", "mot:de,passe")
    assert decode_png(qr_png(payload)) == [payload]
