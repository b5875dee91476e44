"""Parsed font faces, kept beside the fonts so an export does not parse them again.

ReportLab reads a TrueType face in two parts: the file and its table directory (cheap), then
``extractInfo`` walks the character map and metrics of every glyph in Python — about 60 ms for
each Korean face, a third of an export. ``make catalogs`` (and the bundle) store the result of
``extractInfo`` as ``resources/fonts/<face>.face``; a face built here restores it instead of
walking the tables again. The file is only trusted when it was made by this ReportLab version
from these exact font bytes: the font file has the size and modification time it had then (a
look at the file, not at its 13 MB of Korean faces), or, when it was copied since (the bundle's
copy has a time of its own), its bytes have the CRC-32 they had then. Otherwise the face is
parsed as usual, so a missing or stale cache costs time, never correctness.

ReportLab has no public way to hand a face its parsed tables, so this uses its internals: it
subclasses ``TTFontFace`` (its ``_ttf_data`` and ``_pdfScale``) and repeats what ``TTFont``'s
constructor sets (``_asciiReadable``, ``state``, ``shapable``). They are those of the ReportLab
version pinned exactly in ``pyproject.toml``; ``tests/reports/test_facecache.py`` checks that a
cached face equals a parsed one and that the constructor sets what ReportLab's sets, so an
upgrade that changes them fails there.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from fnmatch import fnmatch
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import ttfonts

#: Attributes that are not the result of ``extractInfo``: the raw bytes (re-read from the font
#: file) and a scaling function (rebuilt from ``unitsPerEm``).
_NOT_STORED = ("_ttf_data", "_pdfScale", "filename")

#: Stored apart and restored on first use: the glyph-to-characters map is a third of a face's
#: load time, and ReportLab reads it only to shape text, which the packet does not ask for.
_DEFERRED = "glyphToChar"

#: The layout of a stored face; a store of another layout is ignored (the font is parsed).
_FORMAT = 3


def cache_path(ttf_path: str) -> str:
    return os.path.splitext(ttf_path)[0] + ".face"


def _key(ttf_path: str, data: bytes) -> tuple:
    """What a store made from ``data`` (the bytes of the font file ``ttf_path``) is known by: the
    format, ReportLab's and Python's versions and the font's size, then the file's modification
    time, then the CRC-32 of its bytes."""
    return (_FORMAT, reportlab.Version, sys.version_info[:2], len(data)), os.stat(ttf_path).st_mtime_ns, \
        zlib.crc32(data)


def _fits(stored: object, ttf_path: str, data: bytes) -> bool:
    """Whether a store known by ``stored`` (:func:`_key`) was made from ``data``: the same format,
    versions and size, and the same modification time or else the same CRC-32 (the CRC is only
    computed when the time differs)."""
    if not isinstance(stored, tuple) or len(stored) != 3:
        return False
    fixed, mtime, crc = stored
    if fixed != (_FORMAT, reportlab.Version, sys.version_info[:2], len(data)):
        return False
    try:
        if os.stat(ttf_path).st_mtime_ns == mtime:
            return True
    except OSError:
        pass
    return zlib.crc32(data) == crc


class _Face(ttfonts.TTFontFace):
    """A face whose ``extractInfo`` comes from the stored result when it matches the font."""

    def extractInfo(self, charInfo: int = 1) -> None:  # noqa: N802, N803 - ReportLab's names
        stored = _read(cache_path(self.filename), self.filename, self._ttf_data) if charInfo else None
        if stored is None:
            super().extractInfo(charInfo)
            return
        self._deferred = stored.pop(_DEFERRED)
        self.__dict__.update(stored)
        units = self.unitsPerEm
        self._pdfScale = (lambda x: x) if units == 1000 else (lambda x, m=1000 / units: x * m)

    def __getattr__(self, name: str):  # noqa: ANN204 - only called for an attribute not yet set
        deferred = self.__dict__.get("_deferred")
        if name != _DEFERRED or deferred is None:
            raise AttributeError(name)
        value = pickle.loads(deferred)
        setattr(self, name, value)
        del self._deferred
        return value


def _read(path: str, ttf_path: str, data: bytes) -> dict | None:
    try:
        with open(path, "rb") as fp:
            stored_key, info = pickle.load(fp)
    except Exception:  # noqa: BLE001 - any unreadable store means: parse the font as usual
        return None
    return info if _fits(stored_key, ttf_path, data) else None


class CachedTTFont(ttfonts.TTFont):
    """``TTFont`` with a :class:`_Face`; everything else as ReportLab's own constructor does."""

    def __init__(self, name: str, filename: str) -> None:
        self.fontName = name
        self.face = _Face(filename)
        self.encoding = ttfonts.TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, g) for g in ttfonts.unShapedFontGlob)


def build(ttf_path: str) -> str:
    """Parse ``ttf_path`` and store the result of ``extractInfo`` beside it; return the path."""
    face = ttfonts.TTFontFace(ttf_path)
    info = {k: v for k, v in face.__dict__.items() if k not in _NOT_STORED}
    info[_DEFERRED] = pickle.dumps(info[_DEFERRED], protocol=pickle.HIGHEST_PROTOCOL)
    out = cache_path(ttf_path)
    tmp = out + ".tmp"
    with open(tmp, "wb") as fp:
        pickle.dump((_key(ttf_path, face._ttf_data), info), fp, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, out)
    return out


if __name__ == "__main__":  # python -m reports.facecache FONT.ttf …
    for path in sys.argv[1:]:
        build(path)
