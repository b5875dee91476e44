"""What a proposal may carry in attached documents: the total is what an exchange file can hold in
base64 and still be read, stated by the call profile; a file that would be larger is not written."""

from __future__ import annotations

import dataclasses
import os

import pytest

from forms import attached
from forms.base.errors import InputError
from forms.files import exchange, exchange_read, exchange_write
from forms.ids import new_id
from forms.model import ScanAttachment
from forms.profile import DEFAULT_SCAN_LIMIT, load_profile


def _scan(size: int, name: str = "letter.png") -> ScanAttachment:
    return ScanAttachment(id=new_id(), slot="other", name=name, media_type="image/png", data=os.urandom(size))


def test_the_total_is_what_an_exchange_file_carries_in_base64_with_room_for_the_rest():
    limit = load_profile("msit-mega-2023").scan_limit
    assert limit.max_total_bytes == attached.MAX_TOTAL_BYTES == DEFAULT_SCAN_LIMIT.max_total_bytes
    assert attached.MAX_TOTAL_BYTES == 135 * 1024 * 1024
    assert attached.MAX_TOTAL_BYTES * 4 // 3 + attached.ROOM_FOR_REST <= exchange.MAX_FILE_BYTES
    assert limit.max_bytes <= limit.max_total_bytes


def test_a_proposal_filled_to_the_total_is_written_and_read_again(super_regional, tmp_path, monkeypatch):
    """The same arithmetic with an exchange file of 2 MB: attachments up to the total it gives,
    each added while it fits, make a file the reader takes."""
    room = len(exchange.dumps(super_regional).encode("utf-8")) + 64 * 1024
    file_bytes = 2 * 1024 * 1024
    monkeypatch.setattr(exchange, "MAX_FILE_BYTES", file_bytes)
    monkeypatch.setattr(exchange_write, "MAX_FILE_BYTES", file_bytes)
    monkeypatch.setattr(exchange_read, "MAX_FILE_BYTES", file_bytes)
    limit = dataclasses.replace(DEFAULT_SCAN_LIMIT, max_bytes=300_001,
                                max_total_bytes=attached.carried(file_bytes, room))
    while True:
        scan = _scan(300_001)
        try:
            attached.check_room(super_regional.attachments, scan.name, len(scan.data), limit)
        except InputError:
            break
        super_regional.attachments.append(scan)
    assert len(super_regional.attachments) >= 4
    rest = limit.max_total_bytes - attached.total_bytes(super_regional.attachments)
    attached.check_room(super_regional.attachments, "last.png", rest, limit)  # exactly to the total
    super_regional.attachments.append(_scan(rest, "last.png"))
    path = tmp_path / "full.json"
    exchange.write_file(super_regional, str(path))
    assert file_bytes - 128 * 1024 < path.stat().st_size <= file_bytes
    assert [a.data for a in exchange.read_file(str(path)).attachments] == [a.data for a in super_regional.attachments]


def test_a_document_over_the_total_is_refused_with_the_total_the_limit_and_what_to_do():
    limit = dataclasses.replace(DEFAULT_SCAN_LIMIT, max_total_bytes=30 * 1024 * 1024)
    held = [_scan(9 * 1024 * 1024), _scan(9 * 1024 * 1024), _scan(9 * 1024 * 1024)]
    attached.check_room(held[:2], "big9.png", 9 * 1024 * 1024, limit)
    with pytest.raises(InputError) as info:
        attached.check_room(held, "big9.png", 9 * 1024 * 1024, limit)
    en, ko = info.value.text("en"), info.value.text("ko")
    assert "big9.png (9 MB) was not attached" in en
    assert "would come to 36 MB" in en and "up to 30 MB" in en
    assert "lower resolution or fewer pages" in en
    assert "36MB" in ko and "30MB" in ko and "해상도" in ko


def test_no_more_documents_than_a_file_lists(monkeypatch):
    monkeypatch.setattr(attached, "MAX_COUNT", 2)
    with pytest.raises(InputError) as info:
        attached.check_room([_scan(10), _scan(10)], "third.pdf", 10, DEFAULT_SCAN_LIMIT)
    assert "third.pdf was not attached" in info.value.text("en") and "2 attached documents" in info.value.text("en")


def test_the_reader_lists_as_many_documents_as_may_be_attached():
    assert exchange.MAX_COUNT == attached.MAX_COUNT == 100


def test_a_file_too_large_to_read_again_is_not_written(super_regional, tmp_path, monkeypatch):
    monkeypatch.setattr(exchange, "MAX_FILE_BYTES", 1024 * 1024)
    monkeypatch.setattr(exchange_write, "MAX_FILE_BYTES", 1024 * 1024)
    monkeypatch.setattr(exchange_read, "MAX_FILE_BYTES", 1024 * 1024)
    super_regional.attachments.append(_scan(1024 * 1024))
    path = tmp_path / "p.json"
    with pytest.raises(InputError) as info:
        exchange.write_file(super_regional, str(path))
    assert not path.exists()
    en = info.value.text("en")
    assert "p.json was not written" in en and "read only up to 1 MB" in en and "take 1 MB" in en
    exchange.write_file(super_regional, str(path), oversized=True)  # what detach does with an older file
    assert path.stat().st_size > 1024 * 1024


def test_a_file_over_the_read_limit_is_read_only_to_repair(super_regional, tmp_path, monkeypatch):
    monkeypatch.setattr(exchange, "MAX_FILE_BYTES", 1024 * 1024)
    monkeypatch.setattr(exchange_write, "MAX_FILE_BYTES", 1024 * 1024)
    monkeypatch.setattr(exchange_read, "MAX_FILE_BYTES", 1024 * 1024)
    monkeypatch.setattr(exchange, "REPAIR_MAX_BYTES", 4 * 1024 * 1024)
    monkeypatch.setattr(exchange_read, "REPAIR_MAX_BYTES", 4 * 1024 * 1024)
    super_regional.attachments.extend(_scan(10, f"{n}.png") for n in range(101))
    super_regional.attachments.append(_scan(1024 * 1024))
    path = tmp_path / "old.json"
    exchange.write_file(super_regional, str(path), oversized=True)
    with pytest.raises(InputError) as info:
        exchange.read_file(str(path))
    en = info.value.text("en")
    assert "old.json is 1.5 MB. A proposal file is read up to 1 MB" in en and "detach" in en
    assert "detach" in info.value.text("ko")
    assert len(exchange.read_file(str(path), repair=True).attachments) == 102
