"""Reading a document to attach: a PDF, PNG or JPEG that reads completely is taken; a damaged
one, an encrypted PDF, a file that is not what its name says, or one over the call's limit is
refused with a message in the person's language."""

from __future__ import annotations

import pytest

from forms.base.errors import InputError
from forms.profile import Size, load_profile
from reports.scan_file import read_scan
from tests import scanfiles

LIMIT = load_profile("msit-mega-2023").scan_limit


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(("name", "data", "kind"), [
    ("letter.pdf", scanfiles.pdf(3), "application/pdf"),
    ("letter.png", scanfiles.image("PNG"), "image/png"),
    ("letter.jpg", scanfiles.image("JPEG"), "image/jpeg"),
    ("named-wrongly.png", scanfiles.image("JPEG"), "image/jpeg"),  # what it is comes from its bytes
])
def test_a_readable_scan_is_taken_with_its_bytes(tmp_path, name, data, kind):
    a = read_scan(_write(tmp_path, name, data), "local_funds_commitment", LIMIT)
    assert (a.media_type, a.name, a.slot, a.data) == (kind, name, "local_funds_commitment", data)
    assert a.id


@pytest.mark.parametrize(("name", "data", "en", "ko"), [
    ("broken.pdf", scanfiles.damaged_pdf(), "is a damaged PDF document", "손상된 PDF"),
    ("locked.pdf", scanfiles.encrypted_pdf(), "protected by a password", "암호"),
    ("fake.png", b"this is text, not a picture", "is named as a PNG image but is not one", "PNG 이미지"),
    ("cut.png", scanfiles.image("PNG")[:300], "is a damaged PNG image", "손상된 PNG"),
    ("cut.jpg", scanfiles.image("JPEG")[:200], "is a damaged JPEG image", "손상된 JPEG"),
    ("notes.txt", b"plain text", "is not a PDF, PNG or JPEG file", "PDF, PNG, JPEG"),
])
def test_a_file_that_cannot_be_read_is_refused_in_both_languages(tmp_path, name, data, en, ko):
    with pytest.raises(InputError) as info:
        read_scan(_write(tmp_path, name, data), "other", LIMIT)
    assert name in info.value.text("en") and en in info.value.text("en")
    assert ko in info.value.text("ko")


def test_a_file_over_the_profiles_limit_is_refused(tmp_path):
    data = scanfiles.pdf(1)
    small = Size(source="test", max_bytes=len(data) - 1)
    with pytest.raises(InputError) as info:
        read_scan(_write(tmp_path, "big.pdf", data), "other", small)
    assert "The call takes attached documents of up to" in info.value.text("en")
    assert read_scan(_write(tmp_path, "fits.pdf", data), "other", Size(source="test", max_bytes=len(data)))


def test_the_profile_states_its_limit_with_a_source_marked_inferred():
    assert LIMIT.max_bytes == 10 * 1024 * 1024
    assert LIMIT.inferred and LIMIT.source and LIMIT.source_ko


def test_an_unknown_slot_a_folder_and_a_missing_file_are_refused(tmp_path):
    good = _write(tmp_path, "a.pdf", scanfiles.pdf(1))
    for path, slot in ((good, "selfie"), (str(tmp_path), "other"), (str(tmp_path / "none.pdf"), "other")):
        with pytest.raises(InputError):
            read_scan(path, slot, LIMIT)


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG of ``width`` × ``height`` pixels whose pixels are all zero, compressed (as a scanner's
    blank page is): a few hundred bytes however large the image."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte, then one bit a pixel
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(min(height, 64))) + compressor.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", data) + chunk(b"IEND", b""))


def test_an_image_of_too_many_pixels_is_named_as_such_not_as_damaged(tmp_path):
    """30000 × 30000 is past what Pillow opens at all (twice its own limit): the message still gives
    the image's size in pixels and the limit, not "damaged"."""
    with pytest.raises(InputError) as info:
        read_scan(_write(tmp_path, "bomb.png", _png_header_only(30_000, 30_000)), "other", LIMIT)
    en, ko = info.value.text("en"), info.value.text("ko")
    assert "damaged" not in en
    assert "bomb.png is an image of 30,000 × 30,000 = 900,000,000 pixels" in en
    assert "up to 120,000,000 pixels" in en and "lower resolution" in en
    assert "30,000 × 30,000" in ko and "120,000,000화소" in ko and "해상도" in ko
    # between Pillow's own warning and the app's limit: the same message, and no warning printed
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(InputError) as info:
            read_scan(_write(tmp_path, "wide.png", _png_header_only(12_000, 10_100)), "other", LIMIT)
    assert "121,200,000 pixels" in info.value.text("en")


def test_a_scan_that_would_bring_the_attachments_over_their_total_is_refused(tmp_path):
    from forms.model import ScanAttachment

    data = scanfiles.pdf(1)
    limit = Size(source="test", max_bytes=len(data), max_total_bytes=2 * len(data))
    held = [ScanAttachment(id="a", slot="other", name="a.pdf", media_type="application/pdf", data=data)]
    assert read_scan(_write(tmp_path, "b.pdf", data), "other", limit, held)
    with pytest.raises(InputError) as info:
        read_scan(_write(tmp_path, "c.pdf", data), "other", limit, held * 2)
    assert "c.pdf" in info.value.text("en") and "was not attached" in info.value.text("en")


def test_a_missing_file_is_named_in_a_sentence_in_both_languages(tmp_path):
    with pytest.raises(InputError) as info:
        read_scan("/nonexist.pdf", "other", LIMIT)
    assert info.value.text("en") == "Cannot read /nonexist.pdf: the file or folder does not exist."
    assert info.value.text("ko") == "/nonexist.pdf 파일을 읽을 수 없습니다: 파일이나 폴더가 없습니다."
