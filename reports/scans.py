"""Scanned documents in the PDF: each page of a scan on a page of its own, inside the frame, so
the page numbers and the document confirmation number of the footer run through them.

A scan is a file from outside: only what draws the page reaches the packet. An image (PNG, JPEG)
is drawn by ReportLab, first scaled down to what prints at :data:`DPI` in its box (a JPEG decoded
at a reduced size, a PNG within :data:`~forms.attached.MAX_PIXELS`). ReportLab cannot draw another
PDF's page, so a PDF's pages are laid out as reserved places first (:class:`ScanPlace`, which note
their page and box while the packet is built) and drawn into them with pypdf afterwards
(:func:`draw`): each page becomes a form of the packet made of its content and the resources that
content names (fonts, pictures, colours), copied object by object with every action, script, link,
form field, annotation and embedded file left out. Every step is bounded — the unpacked size of a
page's content and of each picture or font, the depth and number of objects — so a small hostile
file is refused in words (:class:`ScanRefused`) instead of taking the machine's memory or time.
:func:`check` does the same work when a document is attached, so the packet can always be made of
what was attached. The packet itself is finished with pypdf as an archival PDF (:mod:`reports.pdfa`),
which :func:`draw` draws into first.
"""

from __future__ import annotations

import io
import math
import warnings
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, PageBreak

from forms.attached import MAX_PIXELS
from forms.base.errors import InputError
from forms.base.i18n import N_
from reports import content as c

#: The resolution a scanned image is printed at: a larger one is scaled down to it before placing.
from reports.scan_source import (
    DPI,
    MAX_OBJECTS,
    ScanRefused,
    Source,
    damaged_file,
    form_matrix,
    pdf_page_sizes,
    refusal,
)
from reports.styles import FRAME_HEIGHT, FRAME_WIDTH, RULE

if TYPE_CHECKING:
    from PIL.Image import Image as Picture


def _open_image(data: bytes):  # noqa: ANN202 - a Pillow image, its header read
    from PIL import JpegImagePlugin, PngImagePlugin

    if data.startswith(b"\x89PNG"):
        return PngImagePlugin.PngImageFile(io.BytesIO(data))
    return JpegImagePlugin.JpegImageFile(io.BytesIO(data))


def _image_size(data: bytes) -> tuple[int, int]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with _open_image(data) as image:
            width, height = image.size
    if width * height > MAX_PIXELS or width <= 0 or height <= 0:
        raise refusal(N_("it is an image of {pixels} pixels, and the most placed is {limit}"),
                      pixels=width * height, limit=MAX_PIXELS)
    return width, height


def _target(size: tuple[int, int], drawn: tuple[float, float]) -> tuple[int, int] | None:
    """The pixels an image drawn ``drawn`` points large needs at :data:`DPI`, or None when it has no more."""
    width, height = size
    tw, th = (max(1, math.ceil(v / 72 * DPI)) for v in drawn)
    return (min(tw, width), min(th, height)) if tw < width or th < height else None


def placed_image(data: bytes, drawn: tuple[float, float]) -> io.BytesIO | Picture:
    """The image as it is drawn in a box ``drawn`` points large: its own bytes when it has no more
    pixels than :data:`DPI` needs there; otherwise scaled down to that (a JPEG decoded at a reduced
    size and written again as a JPEG, a PNG decoded within :data:`~forms.attached.MAX_PIXELS`)."""
    from PIL import Image

    size = _image_size(data)
    target = _target(size, drawn)
    if target is None:
        return io.BytesIO(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow's own warnings: the size was checked above
        image = _open_image(data)
        jpeg = image.format == "JPEG"
        if jpeg:
            image.draft("RGB" if image.mode not in ("L", "CMYK") else image.mode, target)
        image.load()
        if image.mode not in ("RGB", "L", "RGBA", "CMYK"):
            image = image.convert("RGBA" if image.mode in ("P", "PA", "LA") or "transparency" in image.info
                                  else "RGB")
        factor = max(1, min(image.width // target[0], image.height // target[1]))
        if factor > 1:
            image = image.reduce(factor)
        image = image.resize(target, Image.Resampling.LANCZOS)
        if jpeg:
            out = io.BytesIO()
            image.save(out, "JPEG", quality=90)
            return io.BytesIO(out.getvalue())
    return image


# -- the layout ------------------------------------------------------------------------------


@dataclass
class Placed:
    """Where a scanned PDF page went: the packet's page (from 1) and its box in points."""

    scan: c.Scan
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
            self.placed.append(Placed(self.scan, self.index, canv.getPageNumber(), (ax, ay, w, h)))
        else:
            from reportlab.lib.utils import ImageReader

            try:
                picture = placed_image(self.scan.data, (w, h))
            except ScanRefused as exc:
                raise refused(self.scan, exc) from None
            except Exception as exc:  # Pillow raises many kinds for a damaged image
                raise refused(self.scan, damaged_file()) from exc
            canv.drawImage(ImageReader(picture), x, y, w, h, mask="auto")
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.3)
        canv.rect(x, y, w, h)
        canv.restoreState()


def refused(scan: c.Scan, reason: ScanRefused) -> InputError:
    """The export's refusal of an attached document, naming it."""
    return InputError(N_("The attached document {file} (id {id}) cannot be placed in the packet: {reason}. Take it "
                         "out (detach) and attach a readable copy. Nothing was written."),
                      file=scan.name or "-", id=scan.ident or "-", reason=reason)


def _guarded(work, data: bytes):  # noqa: ANN001, ANN202
    """``work(data)``, any fault of the file's own (pypdf's and Pillow's errors, limits reached,
    nesting too deep for Python) turned into :class:`ScanRefused`."""
    from pypdf import apply_configuration
    from pypdf.errors import PyPdfError

    try:
        with apply_configuration(maximum_declared_stream_length=max(len(data), 1),
                                 array_maximum_element_count=MAX_OBJECTS,
                                 dictionary_maximum_element_count=MAX_OBJECTS), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return work(data)
    except ScanRefused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError,
            AssertionError, zlib.error, EOFError, SyntaxError, MemoryError) as exc:
        raise damaged_file() from exc


def page_sizes(scan: c.Scan) -> list[tuple[float, float]]:
    """The size of each page of the scan as it is seen (a page's /Rotate applied), in points
    (an image's in pixels: it is fitted to the frame)."""
    try:
        if scan.media_type == "application/pdf":
            return _guarded(pdf_page_sizes, scan.data)
        w, h = _guarded(_image_size, scan.data)
        return [(float(w), float(h))]
    except ScanRefused as exc:
        raise refused(scan, exc) from None


def scan_pages(scan: c.Scan, placed: list[Placed]) -> list:
    """The flowables of every page of ``scan``: the first below what precedes it (its heading),
    each further one on a new page."""
    out: list = []
    for index, size in enumerate(page_sizes(scan)):
        if index:
            out.append(PageBreak())
        out.append(ScanPlace(scan, index, placed, size))
    return out


def draw(writer, placed: list[Placed]) -> list[tuple[c.Scan, list]]:  # noqa: ANN001 - a pypdf writer
    """Each scanned PDF page drawn into its reserved box of the packet held by ``writer``; each
    scan with the forms its pages became (in the order first placed)."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    sources: dict[int, Source] = {}
    drawn: dict[int, tuple[c.Scan, list]] = {}
    for number, p in enumerate(placed):
        key = id(p.scan)
        try:
            if key not in sources:
                sources[key] = _guarded(lambda data: Source(data, writer), p.scan.data)
            source = sources[key]
            form, (box, turn) = _guarded(
                lambda _data, s=source, i=p.index: (s.form(i), s.geometry(s.reader.pages[i])), p.scan.data)
        except ScanRefused as exc:
            raise refused(p.scan, exc) from None
        drawn.setdefault(key, (p.scan, []))[1].append(form)
        w, h = box[2] - box[0], box[3] - box[1]
        seen = (h, w) if turn % 180 else (w, h)
        x, y, bw, bh = p.box
        scale = min(bw / seen[0], bh / seen[1])
        matrix = " ".join(f"{v:.6f}".rstrip("0").rstrip(".") for v in form_matrix(box, turn, scale, (x, y)))
        name = f"/Scan{number}"
        target = writer.pages[p.page - 1]
        resources = target[NameObject("/Resources")].get_object() if "/Resources" in target else None
        if resources is None:
            resources = DictionaryObject()
            target[NameObject("/Resources")] = resources
        if "/XObject" not in resources:
            resources[NameObject("/XObject")] = DictionaryObject()
        resources["/XObject"].get_object()[NameObject(name)] = form
        drawing = DecodedStreamObject()
        drawing.set_data(f"q {matrix} cm {name} Do Q\n".encode("ascii"))
        first = writer._add_object(drawing)  # pypdf's way to add an object
        contents = target.get("/Contents")
        contents = contents.get_object() if contents is not None else None
        rest = list(contents) if isinstance(contents, list) else [target.raw_get("/Contents")] if contents else []
        # under the page's own content: the frame's rule is drawn over the scan
        target[NameObject("/Contents")] = ArrayObject([first, *rest])
    return list(drawn.values())


def check(media_type: str, data: bytes, name: str) -> None:
    """Do with a document being attached what the packet will do with it — every page read and
    drawn into a form (a PDF), the image scaled for its place (an image) — within the same bounds;
    :class:`~forms.base.errors.InputError` saying why it cannot be placed."""
    from pypdf import PdfWriter

    def place(data: bytes) -> None:
        if media_type == "application/pdf":
            source = Source(data, PdfWriter())
            for index, _page in enumerate(source.pages()):
                source.form(index)
            return
        w, h = _image_size(data)
        scale = min(FRAME_WIDTH / w, FRAME_HEIGHT / h)
        placed_image(data, (w * scale, h * scale))

    try:
        _guarded(place, data)
    except ScanRefused as exc:
        raise InputError(N_("{file} cannot be placed in the packet: {reason}. It was not attached."),
                         file=name, reason=exc) from None


__all__ = ["FRAME_WIDTH", "ScanRefused", "check", "draw", "scan_pages"]
