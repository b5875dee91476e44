"""A file a person named as a proposal (a version to merge), read with an error that names the file
first: ``scan.png is not a proposal file (a PNG image).`` for some other kind of file, ``theirs.json
cannot be read as a proposal: …`` for a damaged one."""

from __future__ import annotations

import json

from forms.base import app
from forms.base.app import FILE_FORMAT
from forms.base.errors import InputError, Phrase
from forms.base.i18n import N_
from forms.files import exchange_read
from forms.model import Proposal

#: The first bytes of files taken for a proposal by mistake, and what to call them.
_MAGIC = ((b"\x89PNG", N_("a PNG image")), (b"\xff\xd8\xff", N_("a JPEG image")), (b"%PDF", N_("a PDF document")),
          (b"PK\x03\x04", N_("a ZIP archive, such as an Excel workbook or an HWPX document")))


def read_proposal(path: str, name: str | None = None) -> Proposal:
    """:func:`forms.files.exchange_read.read_file`, with an error that names the file (as ``name``, else as
    ``path``) first."""
    try:
        return exchange_read.read_file(path)
    except InputError as exc:
        if "file" in exc.fields:  # a folder, a device, an unreadable file: named already
            raise
        kind = _other_kind(path)
        if kind is not None:
            raise InputError(N_("{file} is not a proposal file ({kind})."), file=name or path,
                             kind=Phrase(kind)) from None
        raise InputError(N_("{file} cannot be read as a proposal: {reason}"), file=name or path,
                         reason=exc) from None


def _other_kind(path: str) -> str | None:
    """What a file that is not a proposal file is, in a few words; None if it is a proposal file
    (a damaged one), or cannot be told."""
    try:
        with open(path, "rb") as fp:
            raw = fp.read(app.MAX_FILE_BYTES + 1)
    except OSError:
        return None
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            return kind
    if not raw.strip():
        return N_("an empty file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return N_("not a text file")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None if FILE_FORMAT in text else N_("text, but not JSON")
    if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
        return N_("JSON of another kind, without \"format\": \"regional-proposal\"")
    return None
