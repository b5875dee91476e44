"""The stored font faces give exactly what parsing gives, and a missing, stale or damaged store
falls back to parsing."""

import shutil

import pytest
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from forms.base.paths import resource_path
from reports import facecache

SKIP = {"_pdfScale"}


def state(face):
    """Every attribute of the face, the deferred glyph map included, with exact types (repr tells
    940 from 940.0)."""
    face.glyphToChar  # noqa: B018 - restores the deferred map
    return repr(sorted((k, v) for k, v in face.__dict__.items() if k not in SKIP))


@pytest.fixture
def font(tmp_path):
    path = tmp_path / "NanumGothic.ttf"
    shutil.copy(resource_path("fonts", "NanumGothic.ttf"), path)
    return str(path)


def test_stored_face_equals_parsed_face(font, monkeypatch):
    facecache.build(font)
    parsed = TTFontFace(font)
    calls = []
    original = TTFontFace.extractInfo
    monkeypatch.setattr(TTFontFace, "extractInfo", lambda self, c=1: calls.append(c) or original(self, c))
    cached = facecache._Face(font)
    assert calls == []  # restored, not parsed
    assert "glyphToChar" not in cached.__dict__  # restored only when asked for
    assert state(cached) == state(parsed)
    assert cached._pdfScale(500) == parsed._pdfScale(500)
    text = "지역혁신 Mega 2023"
    assert facecache.CachedTTFont("G", font).stringWidth(text, 10) == TTFont("G2", font).stringWidth(text, 10)
    # CachedTTFont repeats TTFont's constructor: a ReportLab that sets more (or other) fails here.
    assert set(vars(facecache.CachedTTFont("G", font))) == set(vars(TTFont("G2", font)))


@pytest.mark.parametrize("damage", ["missing", "garbage", "other_font"])
def test_unusable_store_falls_back_to_parsing(font, tmp_path, damage):
    store = facecache.cache_path(font)
    if damage == "garbage":
        open(store, "wb").write(b"not a pickle")
    elif damage == "other_font":
        other = tmp_path / "other.ttf"
        shutil.copy(resource_path("fonts", "NanumMyeongjo.ttf"), other)
        facecache.build(str(other))
        shutil.copy(facecache.cache_path(str(other)), store)  # made from different bytes
    face = facecache._Face(font)
    assert state(face) == state(TTFontFace(font))  # this font's own data, parsed


def _crc_calls(monkeypatch) -> list:
    calls: list = []
    crc32 = facecache.zlib.crc32
    monkeypatch.setattr(facecache.zlib, "crc32", lambda data, *a: calls.append(len(data)) or crc32(data, *a))
    return calls


def test_a_store_of_the_font_as_it_is_is_used_without_reading_its_bytes_again(font, monkeypatch):
    """The font file has the size and time it had when its face was stored: the store is used
    without a checksum of the font's megabytes."""
    facecache.build(font)
    calls = _crc_calls(monkeypatch)
    face = facecache._Face(font)
    assert calls == []
    assert state(face) == state(TTFontFace(font))


def test_a_copied_font_with_its_store_is_checked_by_its_bytes(font, tmp_path, monkeypatch):
    """A copy has a time of its own (the bundle's files do): its store is used when the bytes are
    the same, and a font of the same size with other bytes is parsed."""
    import os

    facecache.build(font)
    stat = os.stat(font)
    os.utime(font, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    calls = _crc_calls(monkeypatch)
    parsed = []
    original = TTFontFace.extractInfo
    monkeypatch.setattr(TTFontFace, "extractInfo", lambda self, c=1: parsed.append(c) or original(self, c))
    face = facecache._Face(font)
    assert calls and parsed == []  # checked by its bytes, and restored
    assert state(face) == state(TTFontFace(font))

    data = bytearray(open(font, "rb").read())
    data[-1] ^= 0xFF  # the same size, other bytes (a font's last table byte; it still reads)
    open(font, "wb").write(bytes(data))
    parsed.clear()
    facecache._Face(font)
    assert parsed == [1]  # not the stored face: parsed
