"""Scanned documents for tests, made here: a PDF of N pages that each carry a word to find, a PNG
and a JPEG, and their damaged forms."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas


def pdf(pages: int = 2, word: str = "SCANLETTER", landscape_last: bool = False) -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, invariant=1)
    for i in range(pages):
        if landscape_last and i == pages - 1:
            canvas.setPageSize((A4[1], A4[0]))
        canvas.setFont("Helvetica", 24)
        canvas.drawString(72, 500, f"{word}{i + 1}")
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def image(fmt: str = "PNG", size: tuple[int, int] = (600, 840)) -> bytes:
    picture = Image.new("RGB", size, "white")
    ImageDraw.Draw(picture).rectangle([20, 20, size[0] - 20, size[1] - 20], outline="black", width=6)
    buf = io.BytesIO()
    picture.save(buf, fmt)
    return buf.getvalue()


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf())))
    writer.encrypt("secret")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def damaged_pdf() -> bytes:
    """The header and the first objects only: the rest of the file is lost."""
    return pdf()[:700]
