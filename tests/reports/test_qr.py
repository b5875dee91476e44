"""The fingerprint's QR code is drawn module for module as the encoder made it, the right way up."""

from __future__ import annotations

import io

import pypdfium2
from reportlab.graphics.barcode import qrencoder
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from reports.qr import QrCode

DIGEST = "6ae9846dad390113af8bb7d754d60c3d81ce9d2c1cda4faf2de919914e3e7a89"


def _matrix(value: str) -> list[list[bool]]:
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(value)
    code.make()
    return [[bool(m) for m in row] for row in code.modules]


def test_drawn_modules_match_the_encoding():
    side = 60 * mm
    flowable = QrCode(DIGEST, side)
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(side, side), invariant=1)
    flowable.wrapOn(c, side, side)
    flowable.drawOn(c, 0, 0)
    c.save()

    scale = 4
    doc = pypdfium2.PdfDocument(buffer.getvalue())
    image = doc[0].render(scale=scale).to_pil().convert("L")
    doc.close()
    expected = _matrix(DIGEST)
    n = len(expected)
    box = image.width / (n + 2 * QrCode.BORDER)
    seen = [[image.getpixel((int((col + QrCode.BORDER + 0.5) * box), int((r + QrCode.BORDER + 0.5) * box))) < 128
             for col in range(n)] for r in range(n)]
    for r in range(n):
        for col in range(n):
            assert seen[r][col] == expected[r][col], (r, col)
    # the page's own finder patterns sit top-left, top-right and bottom-left: it is not mirrored
    assert _finder(seen, 0, 0) and _finder(seen, 0, n - 7) and _finder(seen, n - 7, 0)
    assert not _finder(seen, n - 7, n - 7)


def _finder(m: list[list[bool]], r0: int, c0: int) -> bool:
    """A 7x7 finder pattern: dark ring, light ring, dark 3x3 centre."""
    for r in range(7):
        for c in range(7):
            ring = max(abs(r - 3), abs(c - 3))
            if m[r0 + r][c0 + c] != (ring != 2):
                return False
    return True
