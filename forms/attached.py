"""How much a proposal may carry in attached documents, so that the file it is written to can
always be read again.

An exchange file is read up to :data:`~forms.base.app.MAX_FILE_BYTES`; each attachment's bytes stand in
it as base64, which writes four characters for every three bytes. What the attachments may weigh
in all is what such a file holds with :data:`ROOM_FOR_REST` left for the rest of the proposal: the
call profile states the figure (``[scan_limit] max_total_bytes``) and may not state more.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from forms.base.app import MAX_FILE_BYTES
from forms.base.errors import InputError
from forms.base.i18n import N_

if TYPE_CHECKING:
    from forms.model import ScanAttachment

#: What an exchange file keeps for everything but the attachments' bytes: the text, the budget,
#: the records and each attachment's id, kind and name (a full proposal's text is a few MB).
ROOM_FOR_REST = 20 * 1024 * 1024


class Limit(Protocol):
    """What :func:`check_room` reads of a limit: the call profile's ``[scan_limit]`` (``forms.profile.Size``)."""

    max_total_bytes: int


def carried(file_bytes: int, room: int) -> int:
    """The most attached bytes an exchange file of ``file_bytes`` carries with ``room`` left for the
    rest: base64 writes each three bytes (or fewer, at a document's end) as four characters."""
    return (file_bytes - room) // 4 * 3


#: The most attached bytes an exchange file of ``MAX_FILE_BYTES`` can carry (135 MB).
MAX_TOTAL_BYTES = carried(MAX_FILE_BYTES, ROOM_FOR_REST)
#: The most pages an attached PDF may have (a scan of a letter has a few).
MAX_PAGES = 200
#: The largest image, in pixels, attached or placed (a 600 dpi A3 scan is about 70 million).
MAX_PIXELS = 120_000_000
#: The most attached documents an exchange file lists.
MAX_COUNT = 100
#: A file over ``MAX_FILE_BYTES`` written by an older version is still read this far, only to take
#: attachments out of it (``main.py detach``); reading takes about five times the file's size in memory.
REPAIR_MAX_BYTES = 2 * MAX_FILE_BYTES


def megabytes(size: int) -> str:
    """A size in MB (of 1024 × 1024 bytes) with one decimal at most: ``9.4``, ``135``."""
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def size_text(size: int) -> str:
    """A document's size as people read it: ``9 MB``, or ``85 KB`` under a megabyte."""
    return f"{megabytes(size)} MB" if size >= 1024 * 1024 else f"{(size + 1023) // 1024:,} KB"


def total_bytes(attachments: Sequence[ScanAttachment]) -> int:
    return sum(len(a.data) for a in attachments)


def check_room(attached: Sequence[ScanAttachment], name: str, size: int, limit: Limit) -> None:
    """:class:`InputError` when a document ``name`` of ``size`` bytes added to ``attached`` would make
    more documents, or more bytes in all, than a proposal can carry and still be read."""
    if len(attached) >= MAX_COUNT:
        raise InputError(N_("{file} was not attached: the proposal already has {count} attached documents, the "
                            "most it can carry. Remove one that is no longer needed, or scan several letters "
                            "into one PDF."), file=name, count=len(attached))
    total = total_bytes(attached) + size
    if total > limit.max_total_bytes:
        raise InputError(N_("{file} ({size} MB) was not attached: with it the proposal's attached documents would "
                            "come to {total} MB, and a proposal can carry up to {limit} MB of them so that its "
                            "file can still be read. Scan at a lower resolution or fewer pages, or remove an "
                            "attached document that is no longer needed."),
                         file=name, size=megabytes(size), total=megabytes(total),
                         limit=megabytes(limit.max_total_bytes))
