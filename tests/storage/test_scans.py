"""Reading a document to attach: a PDF, PNG or JPEG that reads completely is taken; a damaged
one, an encrypted PDF, a file that is not what its name says, or one over the call's limit is
refused with a message in the person's language."""

from __future__ import annotations

import pytest

from forms.errors import InputError
from forms.profile import Size, load_profile
from storage.scans import read_scan
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
    assert "the call takes attached documents of up to" in info.value.text("en")
    assert read_scan(_write(tmp_path, "fits.pdf", data), "other", Size(source="test", max_bytes=len(data)))


def test_the_profile_states_its_limit_with_a_source_marked_inferred():
    assert LIMIT.max_bytes == 10 * 1024 * 1024
    assert LIMIT.inferred and LIMIT.source and LIMIT.source_ko


def test_an_unknown_slot_a_folder_and_a_missing_file_are_refused(tmp_path):
    good = _write(tmp_path, "a.pdf", scanfiles.pdf(1))
    for path, slot in ((good, "selfie"), (str(tmp_path), "other"), (str(tmp_path / "none.pdf"), "other")):
        with pytest.raises(InputError):
            read_scan(path, slot, LIMIT)
