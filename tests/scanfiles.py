"""Scanned documents for tests, made here: a PDF of N pages that each carry a word to find (in a
font the file does not carry, or in one it does), a PNG and a JPEG, and their damaged forms."""

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


def pdf_with_embedded_font(pages: int = 2, word: str = "SCANLETTER") -> bytes:
    """Like :func:`pdf`, its text set in a TrueType font the file carries (as an archival PDF's must be)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from forms.base.paths import resource_path

    if "ScanNoto" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("ScanNoto", resource_path("fonts", "NotoSans-Regular.ttf")))
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, invariant=1, initialFontName="ScanNoto")  # no Helvetica named at all
    for i in range(pages):
        canvas.setFont("ScanNoto", 24)
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


# -- hostile PDFs: each made here, small on disk, with what a tester put in to hurt ---------------

def _writer_with_text(pages: int = 1, word: str = "SCANLETTER") -> PdfWriter:
    return PdfWriter(clone_from=PdfReader(io.BytesIO(pdf(pages, word))))


def _bytes(writer: PdfWriter) -> bytes:
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _js(writer: PdfWriter, script: str):  # a pypdf reference
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    return writer._add_object(DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                                                NameObject("/JS"): TextStringObject(script)}))


def _annotation(writer: PdfWriter, page: int, fields: dict) -> None:
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject

    annot = DictionaryObject({NameObject("/Type"): NameObject("/Annot"),
                              NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (72, 72, 300, 120)]),
                              **{NameObject(k): v for k, v in fields.items()}})
    target = writer.pages[page]
    annots = target.get("/Annots")
    ref = writer._add_object(annot)
    if annots is None:
        target[NameObject("/Annots")] = ArrayObject([ref])
    else:
        annots.get_object().append(ref)


#: The kinds of active content a hostile PDF may carry, each placed where a viewer runs or offers it.
ACTIVE_KINDS = ("javascript", "open_action", "page_action", "launch", "submit_form", "file_attachment", "uri")


def active_pdf(kind: str) -> bytes:
    """A two-page letter that also carries one kind of active content (see :data:`ACTIVE_KINDS`)."""
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    w = _writer_with_text(2)
    name = NameObject
    if kind == "javascript":  # a document-level script, run when the document opens
        names = DictionaryObject({name("/Names"): ArrayObject([TextStringObject("boot"), _js(w, "app.alert(1)")])})
        w._root_object[name("/Names")] = DictionaryObject({name("/JavaScript"): w._add_object(names)})
    elif kind == "open_action":
        w._root_object[name("/OpenAction")] = _js(w, "app.launchURL('http://x.invalid')")
    elif kind == "page_action":  # the page's own open action, and one on the page's content
        w.pages[0][name("/AA")] = DictionaryObject({name("/O"): _js(w, "this.print()")})
    elif kind == "launch":
        action = DictionaryObject({name("/S"): name("/Launch"), name("/F"): TextStringObject("cmd.exe")})
        _annotation(w, 0, {"/Subtype": name("/Link"), "/A": w._add_object(action)})
    elif kind == "submit_form":
        action = DictionaryObject({name("/S"): name("/SubmitForm"), name("/F"): TextStringObject("http://x.invalid")})
        field_ref = w._add_object(DictionaryObject({
            name("/Type"): name("/Annot"), name("/Subtype"): name("/Widget"), name("/FT"): name("/Btn"),
            name("/T"): TextStringObject("send"), name("/Ff"): NumberObject(65536), name("/A"): w._add_object(action),
            name("/Rect"): ArrayObject([NumberObject(v) for v in (72, 72, 200, 100)]),
            name("/AA"): DictionaryObject({name("/E"): _js(w, "this.submitForm('http://x.invalid')")}),
        }))
        w.pages[0][name("/Annots")] = ArrayObject([field_ref])
        w._root_object[name("/AcroForm")] = DictionaryObject({name("/Fields"): ArrayObject([field_ref])})
    elif kind == "file_attachment":
        embedded = DecodedStreamObject()
        embedded.set_data(b"MZ not really a program")
        embedded[name("/Type")] = name("/EmbeddedFile")
        spec = w._add_object(DictionaryObject({
            name("/Type"): name("/Filespec"), name("/F"): TextStringObject("invoice.exe"),
            name("/EF"): DictionaryObject({name("/F"): w._add_object(embedded)})}))
        _annotation(w, 1, {"/Subtype": name("/FileAttachment"), "/FS": spec})
        tree = DictionaryObject({name("/Names"): ArrayObject([TextStringObject("invoice.exe"), spec])})
        w._root_object[name("/Names")] = DictionaryObject({name("/EmbeddedFiles"): w._add_object(tree)})
    elif kind == "uri":
        action = DictionaryObject({name("/S"): name("/URI"), name("/URI"): TextStringObject("http://x.invalid")})
        _annotation(w, 0, {"/Subtype": name("/Link"), "/A": w._add_object(action)})
    else:
        raise ValueError(kind)
    return _bytes(w)


def _pages_with_content(make, pages: int = 1) -> bytes:  # makes a pypdf stream
    """A PDF of ``pages`` blank A4 pages, each drawn by the content stream ``make()`` returns
    (the same object for all when it returns the same one)."""
    from pypdf.generic import NameObject

    w = PdfWriter()
    refs: dict[int, object] = {}
    for _ in range(pages):
        stream = make()
        if id(stream) not in refs:
            refs[id(stream)] = w._add_object(stream)
        w.add_blank_page(*A4)[NameObject("/Contents")] = refs[id(stream)]
    return _bytes(w)


def _flate(data: bytes, times: int = 1):  # a pypdf stream
    """A stream of ``data`` compressed ``times`` times over (a filter per pass)."""
    import zlib

    from pypdf.generic import ArrayObject, EncodedStreamObject, NameObject

    stream = EncodedStreamObject()
    for _ in range(times):
        data = zlib.compress(data, 9)
    stream._data = data
    stream[NameObject("/Filter")] = ArrayObject([NameObject("/FlateDecode")] * times)
    return stream


def _restream(stream):  # a pypdf stream
    """A stream object of its own holding ``stream``'s packed bytes and filters."""
    from pypdf.generic import ArrayObject, EncodedStreamObject, NameObject

    again = EncodedStreamObject()
    again._data = stream._data
    again[NameObject("/Filter")] = ArrayObject(stream["/Filter"])
    return again


def many_operators_pdf(count: int = 3_000_000) -> bytes:
    """One page (a few KB) whose content unpacks to millions of operands: more than pypdf parses
    before it gives up."""
    stream = _flate(b"0 " * count + b"n\n", 2)
    return _pages_with_content(lambda: stream)


def content_bomb_pdf(pages: int = 60, size: int = 70_000_000, shared: bool = False) -> bytes:
    """``pages`` pages whose content streams (a few hundred bytes each, packed twice over) each
    unpack to ``size`` bytes; ``shared``: one stream drawn by every page."""
    one = _flate(b"%" + b" " * (size - 2) + b"\n", 2)  # packed once: each page's own stream holds the same bytes
    return _pages_with_content(lambda: one if shared else _restream(one), pages)


def picture_bomb_pdf(size: int = 600_000_000) -> bytes:
    """One page that draws a 10 × 10 picture whose pixels (a few KB packed) unpack to ``size`` bytes."""
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject

    picture = _flate(b"\0" * size, 2)
    picture.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                    NameObject("/Width"): NumberObject(10), NameObject("/Height"): NumberObject(10),
                    NameObject("/ColorSpace"): NameObject("/DeviceGray"), NameObject("/BitsPerComponent"): NumberObject(8)})
    w = PdfWriter()
    page = w.add_blank_page(*A4)
    draw = DecodedStreamObject()
    draw.set_data(b"q 100 0 0 100 72 72 cm /Im0 Do Q\n")
    page[NameObject("/Contents")] = w._add_object(draw)
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject(
        {NameObject("/Im0"): w._add_object(picture)})})
    return _bytes(w)


def deep_resources_pdf(depth: int = 5_000) -> bytes:
    """One page whose resources nest arrays ``depth`` deep (written as text: a PDF library's writer
    would itself overflow; the reader finds the objects again by their headers)."""
    from pypdf.generic import DictionaryObject, NameObject

    w = _writer_with_text(1)
    w.pages[0][NameObject("/Resources")][NameObject("/Properties")] = DictionaryObject(
        {NameObject("/P0"): NameObject("/Nested")})
    return _bytes(w).replace(b"/Nested", b"[" * depth + b"]" * depth)


def big_png(width: int = 12_000, height: int = 10_000) -> bytes:
    """A complete white RGB PNG of ``width × height`` pixels (120 million by default: a few hundred KB),
    written row by row so that making it never holds its pixels."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    packer = zlib.compressobj(9)
    row = b"\0" + b"\xff" * (width * 3)
    packed = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return _PNG_SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", packed) + chunk(b"IEND", b"")


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
