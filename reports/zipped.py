"""Deterministic ZIP archives: the office formats (XLSX, HWPX) are ZIP files whose writers stamp
each member with the clock. Rewritten here with a fixed time, fixed permissions and a fixed
order, the same proposal gives the same bytes, as the PDF does."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

#: The earliest time a ZIP entry can carry: no clock, no time zone.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def normalised(data: bytes, first: Sequence[str] = ()) -> bytes:
    """``data`` (a ZIP archive) with every member stamped :data:`FIXED_TIME`, the members named
    in ``first`` leading in that order and the others in their original order; each keeps its
    compression (HWPX needs its ``mimetype`` first and stored)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        infos = src.infolist()
        names = [i.filename for i in infos]
        ordered = [src.getinfo(n) for n in first if n in names] + [i for i in infos if i.filename not in first]
        for info in ordered:
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = info.compress_type
            entry.external_attr = 0o644 << 16
            entry.create_system = 3  # Unix: the same bytes whichever system wrote them
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
