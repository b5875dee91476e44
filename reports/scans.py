"""Scanned documents in the PDF: each page of a scan on a page of its own, inside the frame, so
the page numbers and the document confirmation number of the footer run through them.

An image (PNG, JPEG) is drawn by ReportLab. ReportLab cannot draw another PDF's page, so a PDF's
pages are laid out as reserved places first (:class:`ScanPlace`, which note their page and box
while the packet is built) and stamped onto the finished pages with pypdf afterwards
(:func:`stamp`). A packet without a scanned PDF is never touched by pypdf.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from reportlab.platypus import Flowable, PageBreak

from reports import content as c
from reports.styles import FRAME_HEIGHT, FRAME_WIDTH, RULE

#: pypdf's own warnings (about a scan's small faults) would reach the terminal; the scan was checked when attached.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)


@dataclass
class Placed:
    """Where a scanned PDF page went: the packet's page (from 1) and its box in points."""

    data: bytes
    index: int
    page: int
    box: tuple[float, float, float, float]


class ScanPlace(Flowable):
    """A scanned page fitted into the room left in the frame (a whole page, or below its heading)."""

    def __init__(self, scan: c.Scan, index: int, placed: list[Placed], size: tuple[float, float]) -> None:
        super().__init__()
        self.scan, self.index, self.placed, self.size = scan, index, placed, size

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, min(ah, FRAME_HEIGHT)
        return self.width, self.height

    def fitted(self) -> tuple[float, float, float, float]:
        """x, y, width, height of the page scaled to fit, centred at the top of the room."""
        w, h = self.size
        scale = min(self.width / w, self.height / h)
        return (self.width - w * scale) / 2, self.height - h * scale, w * scale, h * scale

    def draw(self) -> None:
        x, y, w, h = self.fitted()
        canv = self.canv
        if self.scan.media_type == "application/pdf":
            ax, ay = canv.absolutePosition(x, y)
            self.placed.append(Placed(self.scan.data, self.index, canv.getPageNumber(), (ax, ay, w, h)))
        else:
            from reportlab.lib.utils import ImageReader

            canv.drawImage(ImageReader(io.BytesIO(self.scan.data)), x, y, w, h, mask="auto")
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.3)
        canv.rect(x, y, w, h)
        canv.restoreState()


def page_sizes(scan: c.Scan) -> list[tuple[float, float]]:
    """The size of each page of the scan as it is seen (a page's /Rotate applied), in points."""
    if scan.media_type == "application/pdf":
        from pypdf import PdfReader

        sizes = []
        for page in PdfReader(io.BytesIO(scan.data), strict=False).pages:
            w, h = float(page.mediabox.width), float(page.mediabox.height)
            sizes.append((h, w) if page.rotation % 180 else (w, h))
        return sizes
    from reportlab.lib.utils import ImageReader

    w, h = ImageReader(io.BytesIO(scan.data)).getSize()
    return [(float(w), float(h))]


def scan_pages(scan: c.Scan, placed: list[Placed]) -> list:
    """The flowables of every page of ``scan``: the first below what precedes it (its heading),
    each further one on a new page."""
    out: list = []
    for index, size in enumerate(page_sizes(scan)):
        if index:
            out.append(PageBreak())
        out.append(ScanPlace(scan, index, placed, size))
    return out


def stamp(pdf: bytes, placed: list[Placed]) -> bytes:
    """The finished packet with each scanned PDF page drawn into its reserved box."""
    from pypdf import PdfReader, PdfWriter, Transformation

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    sources: dict[int, PdfWriter] = {}  # a page's rotation is turned into its content in a writer
    for p in placed:
        if id(p.data) not in sources:
            sources[id(p.data)] = PdfWriter(clone_from=PdfReader(io.BytesIO(p.data), strict=False))
        page = sources[id(p.data)].pages[p.index]
        page.transfer_rotation_to_content()
        box = page.mediabox
        x, y, w, h = p.box
        scale = min(w / float(box.width), h / float(box.height))
        move = (Transformation().translate(-float(box.left), -float(box.bottom)).scale(scale, scale)
                .translate(x, y))
        writer.pages[p.page - 1].merge_transformed_page(page, move, over=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


__all__ = ["FRAME_WIDTH", "scan_pages", "stamp"]
