"""A scanned PDF read within bounds: its streams unpacked up to fixed sizes, its objects copied one
by one into the packet with every action, script, link, form field, annotation and embedded file
left out (:class:`Source`), and its pages' sizes. What the packet does with the pages is
:mod:`reports.scans`; a file that would pass a bound is refused in words (:class:`ScanRefused`)."""

from __future__ import annotations

import io
import logging
import math
import zlib
from collections.abc import Iterator

from forms.attached import MAX_PAGES, MAX_PIXELS
from forms.base.errors import InputError
from forms.base.i18n import N_

#: pypdf's own warnings (about a scan's small faults) would reach the terminal; the app words its own.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)

DPI = 300
MB = 1024 * 1024
#: The most a page's content (its drawing operators) may unpack to; a scanned page's is a few bytes
#: (``draw the picture``), a typeset letter's some kilobytes.
MAX_PAGE_CONTENT = 8 * MB
#: The most all of a document's pages' contents may unpack to, a content shared by pages counted on each.
MAX_CONTENT = 64 * MB
#: The most a picture, a font or a drawing a page uses may unpack to (a 600 dpi A3 colour scan: 210 MB).
MAX_STREAM = 4 * MAX_PIXELS + MB
#: The deepest a page's resources may nest, and the most objects (and entries) they may hold in all.
MAX_DEPTH = 32
MAX_OBJECTS = 200_000
_CHUNK = 1 * MB

#: The kinds of resources that draw a page; anything else a page's resources name is left out.
_RESOURCES = ("/Font", "/XObject", "/ExtGState", "/ColorSpace", "/Pattern", "/Shading", "/Properties", "/ProcSet")
#: Keys that carry or lead to active content (actions, scripts, links, forms, files), or out of the
#: page (to its page tree): never copied.
_DROPPED_KEYS = frozenset({
    "/A", "/AA", "/JS", "/JavaScript", "/OpenAction", "/URI", "/Launch", "/SubmitForm", "/EmbeddedFiles", "/EF",
    "/EmbeddedFile", "/Annots", "/AcroForm", "/Names", "/Parent", "/StructParent", "/StructParents", "/PieceInfo",
    "/Metadata", "/OPI", "/Dests", "/Outlines", "/Threads", "/RichMediaContent", "/FS", "/XFA",
})
#: Objects of these types are left out wherever they are named.
_DROPPED_TYPES = frozenset({"/Action", "/Annot", "/Filespec", "/EmbeddedFile", "/Page", "/Pages", "/Catalog",
                            "/XRef", "/ObjStm", "/Sig", "/FileAttachment"})
#: An action's kinds (``/S``), left out wherever one is found.
_ACTIONS = frozenset({"/JavaScript", "/Launch", "/SubmitForm", "/ResetForm", "/ImportData", "/URI", "/GoTo", "/GoToR",
                      "/GoToE", "/Named", "/Hide", "/Rendition", "/Sound", "/Movie", "/Thread", "/SetOCGState",
                      "/Trans", "/GoTo3DView", "/RichMediaExecute"})
_FLATE = ("/FlateDecode", "/Fl")
#: Picture codecs: a stream that ends in one is copied as it is (its pixels are counted, not decoded).
_PICTURE_CODECS = ("/DCTDecode", "/DCT", "/JPXDecode", "/JBIG2Decode", "/CCITTFaxDecode", "/CCF")


class ScanRefused(InputError):
    """A scan that cannot be placed in the packet, and why."""


def refusal(message: str, **fields: object) -> ScanRefused:
    return ScanRefused(message, **fields)


def damaged_file() -> ScanRefused:
    return refusal(N_("it is damaged, or built in a way the app does not read"))


# -- unpacking, within bounds ------------------------------------------------------------------


def _filters(stream) -> list[str]:  # noqa: ANN001 - a pypdf stream
    f = stream.get("/Filter")
    f = f.get_object() if f is not None else None
    if f is None:
        return []
    items = list(f) if isinstance(f, list) else [f]
    return [str(x.get_object()) for x in items]


def _has_parameters(stream) -> bool:  # noqa: ANN001
    """Whether a filter of the stream takes parameters (a predictor): then pypdf unpacks it."""
    parms = stream.get("/DecodeParms")
    parms = parms.get_object() if parms is not None else None
    items = list(parms) if isinstance(parms, list) else [parms]
    return any(p is not None and p.get_object() for p in items)


def _inflate(chunks: Iterator[bytes], limit: int, too_large: ScanRefused) -> Iterator[bytes]:
    """The chunks unpacked (zlib), never more than ``limit`` bytes in all and never more than
    :data:`_CHUNK` at a time; a damaged end stops the stream there (as viewers read it)."""
    inflater = zlib.decompressobj()
    total = 0
    for chunk in chunks:
        while chunk:
            try:
                out = inflater.decompress(chunk, _CHUNK)
            except zlib.error:
                return
            chunk = inflater.unconsumed_tail
            total += len(out)
            if total > limit:
                raise too_large
            if out:
                yield out
            if inflater.eof:
                return


def _unpacked(stream, limit: int, too_large: ScanRefused) -> Iterator[bytes]:  # noqa: ANN001
    """The stream's data unpacked, in chunks, within ``limit``: zlib passes streamed, any other
    filter by pypdf within the same limit. A picture codec at the end is left packed."""
    from pypdf import apply_configuration
    from pypdf.errors import LimitReachedError
    from pypdf.filters import decode_stream_data

    filters = _filters(stream)
    while filters and filters[-1] in _PICTURE_CODECS:
        filters.pop()
    raw = stream._data  # the bytes as stored in the file: pypdf keeps them here
    if not filters:
        if len(raw) > limit:
            raise too_large
        yield raw
        return
    if all(f in _FLATE for f in filters) and not _has_parameters(stream):
        chunks: Iterator[bytes] = iter((raw,))
        for _ in filters:
            chunks = _inflate(chunks, limit, too_large)
        yield from chunks
        return
    bound = min(limit, 64 * MB)
    try:
        with apply_configuration(zlib_maximum_output_length=bound, lzw_maximum_output_length=bound,
                                 run_length_maximum_output_length=bound, brotli_maximum_output_length=bound,
                                 jbig2_maximum_output_length=bound, image_maximum_buffer_size=bound,
                                 stream_decoding_work_maximum_length=4 * bound):
            data = decode_stream_data(stream)
    except LimitReachedError:
        raise too_large from None
    if len(data) > limit:
        raise too_large
    yield data


# -- a scanned PDF's pages as forms ------------------------------------------------------------


class Source:
    """A scanned PDF being placed: its reader, and what was copied of it into one writer."""

    def __init__(self, data: bytes, writer) -> None:  # noqa: ANN001 - a pypdf writer
        from pypdf import PdfReader

        self.reader = PdfReader(io.BytesIO(data), strict=False)
        if self.reader.is_encrypted:
            raise refusal(N_("it is protected by a password"))
        self.writer = writer
        self.copied: dict[tuple[int, int], object] = {}  # the source's reference → the writer's
        self.forms: dict[int, object] = {}  # page index → the form drawn for it
        self.budget = MAX_OBJECTS
        self.content = MAX_CONTENT

    def pages(self) -> list:
        pages = self.reader.pages
        count = len(pages)
        if count == 0:
            raise damaged_file()
        if count > MAX_PAGES:
            raise refusal(N_("it has {count} pages, and an attached document may have up to {limit}"),
                          count=count, limit=MAX_PAGES)
        return list(pages)

    @staticmethod
    def geometry(page) -> tuple[tuple[float, float, float, float], int]:  # noqa: ANN001 - a pypdf page
        """The page's box (left, bottom, right, top) and its turn (0, 90, 180, 270)."""
        box = page.mediabox
        left, bottom, right, top = (float(v) for v in (box.left, box.bottom, box.right, box.top))
        values = (left, bottom, right, top)
        if not all(math.isfinite(v) and abs(v) < 1e6 for v in values) or right <= left or top <= bottom:
            raise damaged_file()
        return values, int(page.rotation) % 360 // 90 * 90

    def form(self, index: int):  # noqa: ANN201 - a pypdf reference
        """The page ``index`` as a form of the writer: its content and what the content names."""
        if index in self.forms:
            return self.forms[index]
        from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject

        page = self.reader.pages[index]
        (left, bottom, right, top), _turn = self.geometry(page)
        content = self._content(page)
        form = DecodedStreamObject()
        form.set_data(content)
        form = form.flate_encode()
        form[NameObject("/Type")] = NameObject("/XObject")
        form[NameObject("/Subtype")] = NameObject("/Form")
        form[NameObject("/BBox")] = ArrayObject([FloatObject(v) for v in (left, bottom, right, top)])
        resources = DictionaryObject()
        source = page.get("/Resources")
        source = source.get_object() if source is not None else None
        if isinstance(source, dict):
            for key in _RESOURCES:
                if key in source:
                    copied = self._copy(source.raw_get(key), 1)
                    if copied is not None:
                        resources[NameObject(key)] = copied
        form[NameObject("/Resources")] = resources
        ref = self.writer._add_object(form)  # pypdf's way to add an object
        self.forms[index] = ref
        return ref

    def _content(self, page) -> bytes:  # noqa: ANN001
        from pypdf.generic import StreamObject

        contents = page.get("/Contents")
        contents = contents.get_object() if contents is not None else None
        streams = list(contents) if isinstance(contents, list) else [contents] if contents is not None else []
        if len(streams) > 10_000:
            raise damaged_file()
        too_large = refusal(N_("a page's content unpacks to more than {limit} MB"),
                            limit=MAX_PAGE_CONTENT // MB)
        out = bytearray()
        for item in streams:
            stream = item.get_object()
            if not isinstance(stream, StreamObject):
                continue
            for chunk in _unpacked(stream, MAX_PAGE_CONTENT - len(out), too_large):
                out += chunk
            out += b"\n"
        self.content -= len(out)
        if self.content < 0:
            raise refusal(N_("its pages' contents unpack to more than {limit} MB in all"), limit=MAX_CONTENT // MB)
        return bytes(out)

    def _spend(self, count: int = 1) -> None:
        self.budget -= count
        if self.budget < 0:
            raise refusal(N_("its pages are built of more than {limit} objects"), limit=MAX_OBJECTS)

    def _copy(self, value, depth: int):  # noqa: ANN001, ANN202 - pypdf objects, one case each
        """``value`` of the source as an object of the writer, without any active content; None
        for something left out."""
        from pypdf.generic import (
            ArrayObject,
            DecodedStreamObject,
            DictionaryObject,
            EncodedStreamObject,
            IndirectObject,
            NameObject,
            StreamObject,
        )

        if depth > MAX_DEPTH:
            raise refusal(N_("its objects are nested more than {limit} deep"), limit=MAX_DEPTH)
        self._spend()
        if isinstance(value, IndirectObject):
            key = (value.idnum, value.generation)
            if key in self.copied:
                return self.copied[key]
            target = value.get_object()
            if _left_out(target):
                self.copied[key] = None
                return None
            if isinstance(target, StreamObject):
                made = EncodedStreamObject() if _filters(target) else DecodedStreamObject()
            elif isinstance(target, DictionaryObject):
                made = DictionaryObject()
            elif isinstance(target, ArrayObject):
                made = ArrayObject()
            else:
                self.copied[key] = self._copy(target, depth + 1)
                return self.copied[key]
            ref = self.writer._add_object(made)  # registered first: a cycle comes back to it
            self.copied[key] = ref
            self._fill(made, target, depth)
            return ref
        if isinstance(value, (DictionaryObject, ArrayObject)):
            if _left_out(value):
                return None
            made = DictionaryObject() if isinstance(value, DictionaryObject) else ArrayObject()
            if isinstance(value, StreamObject):
                made = EncodedStreamObject() if _filters(value) else DecodedStreamObject()
            self._fill(made, value, depth)
            return made
        if isinstance(value, NameObject) or value is None:
            return value
        return value  # a number, a string, a boolean, null: immutable, copied as they are

    def _fill(self, made, source, depth: int) -> None:  # noqa: ANN001
        from pypdf.generic import ArrayObject, NameObject, NullObject, StreamObject

        if isinstance(source, ArrayObject):
            self._spend(len(source))
            for item in source:
                copied = self._copy(item, depth + 1)
                made.append(NullObject() if copied is None else copied)
            return
        self._spend(len(source))
        for key in source:
            if key in _DROPPED_KEYS or (isinstance(source, StreamObject) and key == "/Length"):
                continue
            copied = self._copy(source.raw_get(key), depth + 1)
            if copied is not None:
                made[NameObject(key)] = copied
        if isinstance(source, StreamObject):
            self._check_stream(source)
            made._data = source._data  # copied as stored: packed as it was

    def _check_stream(self, stream) -> None:  # noqa: ANN001
        """A picture, font or drawing the page uses: its pixels counted and its unpacked size
        measured (streamed, never held), within bounds."""
        limit = MAX_STREAM
        width, height = stream.get("/Width"), stream.get("/Height")
        if width is not None or height is not None:
            try:
                pixels = int(width.get_object()) * int(height.get_object())
            except (TypeError, ValueError, AttributeError):
                raise damaged_file() from None
            if pixels > MAX_PIXELS or pixels < 0:
                raise refusal(N_("a picture in it has {pixels} pixels, and the most placed is {limit}"),
                              pixels=pixels, limit=MAX_PIXELS)
            limit = min(limit, pixels * 8 + MB)  # four colours of sixteen bits: more is not pixels
        too_large = refusal(N_("a picture, font or drawing in it unpacks to more than {limit} MB"),
                            limit=max(limit // MB, 1))
        for _chunk in _unpacked(stream, limit, too_large):
            pass


def _left_out(obj) -> bool:  # noqa: ANN001
    """Whether ``obj`` is an action, an annotation, a file or a page (never copied)."""
    if not isinstance(obj, dict):
        return False
    kind = obj.get("/Type")
    if kind is not None and str(kind) in _DROPPED_TYPES:
        return True
    action = obj.get("/S")
    return action is not None and str(action) in _ACTIONS


def form_matrix(box: tuple[float, float, float, float], turn: int, scale: float,
            at: tuple[float, float]) -> list[float]:
    """The matrix that draws a page's box, turned as a viewer shows it (``/Rotate``, clockwise),
    scaled and with its lower left corner at ``at``."""
    left, bottom, right, top = box
    w, h = right - left, top - bottom
    a, b, cc, d, e, f = {0: (1, 0, 0, 1, 0, 0), 90: (0, -1, 1, 0, 0, w), 180: (-1, 0, 0, -1, w, h),
                         270: (0, 1, -1, 0, h, 0)}[turn]
    # first move the box's corner to the origin, then turn, then scale and move
    e, f = e - (a * left + cc * bottom), f - (b * left + d * bottom)
    return [a * scale, b * scale, cc * scale, d * scale, e * scale + at[0], f * scale + at[1]]


def pdf_page_sizes(data: bytes) -> list[tuple[float, float]]:
    from pypdf import PdfWriter

    source = Source(data, PdfWriter())
    sizes = []
    for page in source.pages():
        (left, bottom, right, top), turn = source.geometry(page)
        w, h = right - left, top - bottom
        sizes.append((h, w) if turn % 180 else (w, h))
    return sizes


# -- images ------------------------------------------------------------------------------------
