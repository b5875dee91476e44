"""Reading a document the official attaches (a scanned letter, a signed commitment: PDF, PNG or
JPEG) into a proposal, with pypdf and Pillow: beside :mod:`reports.scans`, which places the same
file in the packet, so what a scan may be is said in one place.

A file is taken only when it reads completely: what it is comes from its bytes (not its name), a
PDF must open without a password and give every page, an image must decode. Anything else, a
file larger than the call profile's limit, an image of too many pixels, and a file that would
bring the proposal's attachments over their total (:mod:`forms.attached`), is an
:class:`InputError` that says so in the person's language; the proposal is not touched.
"""

from __future__ import annotations

import io
import logging
import os
import stat
import warnings
from collections.abc import Sequence

from forms.attached import MAX_PAGES, MAX_PIXELS, check_room, megabytes
from forms.base.errors import InputError, Phrase, os_reason
from forms.base.i18n import N_
from forms.ids import new_id
from forms.model import ScanAttachment, ScanSlot
from forms.profile import Size

#: pypdf's own warnings about a damaged file would reach the terminal; the app words its own.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_PDF = b"%PDF-"
#: What a file's name says it is, to name what it should have been when its bytes are not.
_BY_SUFFIX = {".pdf": N_("a PDF document"), ".png": N_("a PNG image"), ".jpg": N_("a JPEG image"),
              ".jpeg": N_("a JPEG image")}


def _too_large(name: str, size: int, limit: Size) -> InputError:
    return InputError(N_("{file} is {size} MB. The call takes attached documents of up to {limit} MB, so it was "
                         "not attached. Scan it at a lower resolution or split it."),
                      file=name, size=megabytes(size), limit=megabytes(limit.max_bytes))


def media_type(data: bytes) -> str | None:
    """The media type the bytes are, by their signature, or None when none the app takes."""
    if data.startswith(_PDF) or (b"%PDF-" in data[:1024]):  # a few bytes may precede the header
        return "application/pdf"
    if data.startswith(_PNG):
        return "image/png"
    if data.startswith(_JPEG):
        return "image/jpeg"
    return None


def check(data: bytes, name: str, limit: Size) -> tuple[str, int]:
    """The media type and page count of a document to attach, or :class:`InputError`."""
    if len(data) > limit.max_bytes:
        raise _too_large(name, len(data), limit)
    kind = media_type(data)
    if kind is None:
        expected = _BY_SUFFIX.get(os.path.splitext(name)[1].lower())
        if expected:
            raise InputError(N_("{file} is named as {kind} but is not one. It was not attached."),
                             file=name, kind=Phrase(expected))
        raise InputError(N_("{file} is not a PDF, PNG or JPEG file. Only these can be attached."), file=name)
    if kind == "application/pdf":
        return kind, _pdf_pages(data, name)
    _check_image(data, name, kind)
    return kind, 1


def _pdf_pages(data: bytes, name: str) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    damaged = InputError(N_("{file} is a damaged PDF document that cannot be read. It was not attached."),
                         file=name)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise InputError(N_("{file} is protected by a password (encrypted). Attach a copy without one."),
                             file=name)
        count = len(reader.pages)
        if count == 0:
            raise damaged
        if count > MAX_PAGES:
            raise InputError(N_("{file} has {count} pages. An attached document may have up to {limit}."),
                             file=name, count=count, limit=MAX_PAGES)
        for page in reader.pages:  # every page must give its size (its content is read, within
            box = page.mediabox     # bounds, as the packet places it: reports.scans.check)
            if box.width <= 0 or box.height <= 0:
                raise damaged
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
            RecursionError, AssertionError) as exc:
        raise damaged from exc
    return count


def _check_image(data: bytes, name: str, kind: str) -> None:
    from PIL import Image

    what = N_("{file} is a damaged PNG image that cannot be read. It was not attached.") if kind == "image/png" \
        else N_("{file} is a damaged JPEG image that cannot be read. It was not attached.")
    try:
        with warnings.catch_warnings():
            # Pillow warns of an image over its own limit and refuses one over twice that before
            # telling its size; the app opens it through its format's reader and says how large it is
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with _open_image(data, kind) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise InputError(
                        N_("{file} is an image of {width} × {height} = {pixels} pixels. An attached image may have "
                           "up to {limit} pixels, so it was not attached. Scan it at a lower resolution."),
                        file=name, width=image.width, height=image.height, pixels=image.width * image.height,
                        limit=MAX_PIXELS)
                if kind == "image/jpeg":  # decoded at an eighth of its size: every byte read, little memory
                    image.draft(image.mode, (image.width // 8, image.height // 8))
                image.load()  # decodes every pixel: a truncated file fails here
    except InputError:
        raise
    except Exception as exc:  # Pillow raises many kinds for a damaged file
        raise InputError(what, file=name) from exc


def _open_image(data: bytes, kind: str):  # noqa: ANN202 - a Pillow image
    """The image, its header read and its pixels not yet: by its format's own reader, which (unlike
    ``Image.open``) does not refuse a large one before the app can say how large it is."""
    from PIL import JpegImagePlugin, PngImagePlugin

    reader = PngImagePlugin.PngImageFile if kind == "image/png" else JpegImagePlugin.JpegImageFile
    return reader(io.BytesIO(data))


def read_scan(path: str, slot: str, limit: Size, attached: Sequence[ScanAttachment] = ()) -> ScanAttachment:
    """The file at ``path`` as a new attachment of ``slot``; :class:`InputError` when it cannot be
    read, is not a PDF, PNG or JPEG that opens completely, is larger than ``limit``, or would bring
    the documents already ``attached`` over the total ``limit`` a proposal can carry."""
    if slot not in [s.value for s in ScanSlot]:
        raise InputError(N_("'{value}' is not a kind of attached document. Use one of: {allowed}."),
                         value=slot, allowed=", ".join(s.value for s in ScanSlot))
    name = os.path.basename(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(N_("{file} is a folder. Name a file to attach."), file=path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(N_("{file} is not an ordinary file. Name a file to attach."), file=path)
        if info.st_size > limit.max_bytes:
            raise _too_large(name, info.st_size, limit)
        check_room(attached, name, info.st_size, limit)
        with open(path, "rb") as fp:
            data = fp.read(limit.max_bytes + 1)
    except OSError as exc:
        raise InputError(N_("Cannot read {file}: {reason}."), file=path, reason=os_reason(exc)) from None
    kind, _pages = check(data, name, limit)
    return ScanAttachment(id=new_id(), slot=slot, name=name, media_type=kind, data=data)
